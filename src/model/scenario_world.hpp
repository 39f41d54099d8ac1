#pragma once
// One world, two policies (docs/scenarios.md "World and policy"): a scenario is a world — years,
// prices, activity, infrastructure dates and delays, firm behaviour, the uncertainty Monte Carlo
// draws, the instruments that exist whatever the lot does (SDE++) — plus a policy: the levy
// version (`policy.levy`) and the lot's package (`package`). The target legs measure policy
// only, so every counterfactual run of one outlook takes the scenario's world and differs only in
// policy. The reference run takes the reference scenario's policy and the scenario's world.

#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace decarbfund::model {

/// The reference run's scenario: `scenario` (its world, target and seed) with the policy of
/// `reference` (levy, package and its levers). Names stay the reference's, so reports say which
/// policy the reference path is.
struct ReferenceScenario {
  Scenario scenario;
  /// World keys whose value in the reference file (or its base chain) differs from the
  /// scenario's and so was replaced, e.g. "prices.ets_eur_per_t", "response.hurdle_rate";
  /// sorted. Reports list them in their header.
  std::vector<std::string> world_replaced;
};

ReferenceScenario reference_with_world_of(const Scenario& scenario, const Scenario& reference);

/// The keys of a scenario file that are world, and those that are policy (docs/scenarios.md).
/// A key is named by its first path element(s) as in the YAML.
inline constexpr const char* kWorldKeys[] = {"years", "seed", "prices", "activity", "infrastructure_delay_yr",
                                             "response", "instruments", "uncertainty"};
inline constexpr const char* kPolicyKeys[] = {"policy.levy", "package"};

}  // namespace decarbfund::model
