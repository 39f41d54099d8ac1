#pragma once
// A scenario: the policy and assumptions one outlook runs under (DESIGN §1). Files are YAML
// (scenarios/*.yaml); a scenario may name a base and override only what it changes. This is the
// resolved, dense form that simulate() reads.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/deal.hpp"
#include "model/policy.hpp"
#include "model/uncertainty.hpp"
#include "model/year_series.hpp"

namespace decarbfund::model {

/// How a site decides on an option once its economics are known (DESIGN §4.2).
enum class AdoptionRule : std::uint8_t { npv_threshold, stochastic };

/// The 2030 target of the lot (DESIGN §4.3).
struct Target {
  int year = 2030;
  double required_t = 5'900'000;       ///< additional reduction asked in `year`
  double levy_leg_t = 4'000'000;       ///< of which through the levy tightening
  double package_leg_t = 1'900'000;    ///< of which through this lot's package
  std::string reference_scenario;      ///< path of the scenario the reduction is measured against
};

/// Firm-response parameters (DESIGN §4.2).
struct ResponseParams {
  double hurdle_rate = 0.10;           ///< discount rate of large industry, 1/yr
  AdoptionRule rule = AdoptionRule::npv_threshold;
  double npv_threshold_eur = 0.0;      ///< adopt when NPV ≥ this
  int decision_from_year = 2025;       ///< first year in which new investment decisions are made
  /// Expected CO2 price used in NPVs: "current" (this year's price held flat) or "path"
  /// (the scenario's future prices over the lifetime).
  bool foresight = true;
  /// Share of its full yearly effect an option reaches in its first operating year (commissioning
  /// ramp-up; docs/model.md "Ramp-up"): 0.5 = commissioned mid-year on average. Later years: 1.
  double first_year_output_share = 0.5;
  /// How uncertain a firm is about its DPR pool's balance when it values the levy (docs/model.md
  /// "The levy as firms expect it"): the standard deviation of the pool's liable emissions, as a
  /// share of their projection, per √year of horizon. Unset: derived from the dataset's history
  /// (sim/levy_expectation.hpp). 0 = perfect foresight (the all-or-nothing price).
  std::optional<double> levy_balance_sigma;
};

/// A what-if phase for one maatwerk deal (`package.deal_phase.<deal id>`, docs/scenarios.md):
/// the outlook and Monte Carlo treat the deal as being in `phase` instead of its file's phase.
struct DealPhaseLever {
  DealPhase phase = DealPhase::exploration;
  std::string file;  ///< scenario file that stated it (messages about an unknown deal id)
  long line = 0;
};

/// A scenario after resolving its base chain: every field set.
struct Scenario {
  std::string name;         ///< e.g. "coalition-2023"
  std::string file;         ///< path it was read from
  std::string description;
  std::vector<std::string> chain;  ///< files from the root base to this one
  int start_year = 2020;
  int end_year = 2050;
  std::uint64_t seed = 0;
  Target target;
  LevyPolicy levy;
  ResponseParams response;
  /// Price series overriding the dataset's (series name as in prices.csv → per-year values).
  std::map<std::string, YearSeries> prices;
  /// Whether `prices` are nominal EUR of their year (`prices_basis: nominal`) rather than EUR of
  /// the dataset's price year (the default).
  bool prices_nominal = false;
  /// Production index paths overriding the dataset's activity.csv (group id → per-year index,
  /// 1 in the dataset's base year): a world key (docs/scenarios.md "activity").
  std::map<std::string, YearSeries> activity;
  /// Years each infrastructure item arrives later than the dataset says (infra_id → years).
  std::map<std::string, int> infrastructure_delay_yr;
  /// Whether SDE++ runs (`instruments.sde`, docs/model.md "SDE++"): national policy that exists
  /// whatever the lot does, so a world key — the reference run and every counterfactual of an
  /// outlook share it, and the target legs exclude SDE++'s tonnes by construction. Off when a
  /// scenario chain does not say; the shipped scenarios say on.
  bool sde_enabled = false;
  /// Whether this lot's package (deals, SME scheme, other support) is switched on.
  bool package_enabled = true;
  /// What-if phases by deal id (`package.deal_phase`); deal ids are checked against the deal
  /// book where the outlook's inputs are resolved (analysis/package_levers.hpp).
  std::map<std::string, DealPhaseLever> deal_phase;
  /// Most support (EUR, the deals' max_support_eur) the package may commit to maatwerk deals
  /// (`package.deal_budget_eur`); none = no limit. Deals are funded whole, cheapest expected
  /// EUR/t first (analysis/package_levers.hpp).
  std::optional<double> deal_budget_eur;
  /// The SME round's budget (subsidieplafond, EUR) replacing the round file's
  /// (`package.sme_budget_eur`); none = the round file's.
  std::optional<double> sme_budget_eur;
  /// What Monte Carlo draws (the `uncertainty:` section; defaults in model/uncertainty.hpp).
  Uncertainty uncertainty = default_uncertainty();
};

}  // namespace decarbfund::model
