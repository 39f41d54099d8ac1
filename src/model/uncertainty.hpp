#pragma once
// What is uncertain in a scenario, and how (issue 6; docs/uncertainty.md): the `uncertainty:`
// section of a scenario file, resolved over its base chain. Monte Carlo draws every input below
// once per draw from the counter-based RNG keyed by (seed, draw, variable, entity), so the same
// draw gives the reference and the policy scenario the same prices, costs and delays (common
// random numbers: the legs are differences of runs that saw the same world).
//
// Defaults (used for every key a scenario chain leaves out; each is an assumption, stated here, in
// docs/uncertainty.md and in every Monte Carlo report):
//   prices.ets_eur_per_t          lognormal(median 1, sigma 0.25) multiplier on the whole path
//   prices.gas_industry_eur_per_gj lognormal(median 1, sigma 0.25)
//   capex, delta_emissions        triangular(low, central, high) per option from options.csv
//                                 (MIDDEN's ranges; fixed where the dataset states no range)
//   infrastructure_delay_yr       default discrete {0: 0.5, 1: 0.3, 2: 0.2} whole years per item,
//                                 shared by every option that uses the item
//   permit_delay_yr               discrete {0: 0.6, 1: 0.3, 2: 0.1} per option
//   deals                         realisation by phase (data/nl/deals/phases.yaml)
//   sme_realisation               triangular(min 0.6, mode 0.8, max 1.0) share of awarded tonnes
//   activity                      lognormal(median 1, sigma 0.08) per activity group: a multiplier
//                                 on the group's production path after the history, reached in
//                                 the target year (linearly from 1 in the last history year)
//   levy_balance_sigma            lognormal(median 1, sigma 0.35) multiplier on the uncertainty
//                                 firms see in their DPR pool's balance (sim/levy_expectation.hpp)

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/distribution.hpp"

namespace decarbfund::model {

/// How an option's low/central/high range (options.csv) becomes a distribution.
enum class RangeShape : std::uint8_t { none, uniform, triangular };
inline constexpr std::string_view kRangeShapeNames[] = {"none", "uniform", "triangular"};

/// Whether maatwerk deals are drawn (Bernoulli by phase) or taken as delivering.
enum class DealRealisation : std::uint8_t { by_phase, certain };
inline constexpr std::string_view kDealRealisationNames[] = {"by_phase", "certain"};

struct Uncertainty {
  /// Multiplier on a price series' whole path (prices.csv series name → distribution); one draw
  /// per run, so a high ETS price is high in every year (a level shift, not year-to-year noise).
  std::map<std::string, core::Distribution> price_factor;
  RangeShape capex = RangeShape::triangular;
  RangeShape delta_emissions = RangeShape::triangular;
  /// Extra years of delay for infrastructure items not named in infrastructure_delay_yr.
  core::Distribution infrastructure_delay_default;
  /// Per infrastructure id; rounded to whole years (the capacity path shifts by whole years).
  std::map<std::string, core::Distribution> infrastructure_delay_yr;
  /// Extra years a permit adds to each option's first operating year (rounded to whole years).
  core::Distribution permit_delay_yr;
  DealRealisation deals = DealRealisation::by_phase;
  /// Overrides of the phase table's probabilities (phase name → p).
  std::map<std::string, double> deal_probability;
  /// Share of the SME scheme's awarded tonnes that is realised.
  core::Distribution sme_realisation;
  /// Multiplier on an activity group's production path after the dataset's history (issue 12):
  /// per group id (activity-groups.csv), else the default. Production moves a site's emissions and
  /// DPR basis together and is the same draw in the reference and the scenario (one world).
  std::map<std::string, core::Distribution> activity_factor;
  core::Distribution activity_default;
  /// Multiplier on the levy-balance uncertainty s firms value the levy with (Inputs::
  /// levy_balance_sigma; docs/model.md "The levy as firms expect it"): one draw per run.
  core::Distribution levy_balance_sigma;
};

/// The documented defaults (see the file comment).
inline Uncertainty default_uncertainty() {
  Uncertainty u;
  // Assumption: a 25 % (one sigma, in logs) level uncertainty on the ETS and gas price paths. Its
  // P10–P90 of ×0.73–×1.38 on the default €130/t in 2030 gives €95–€179/t, covering the 2030
  // forecasts of data-sources.md §4.1 (analysts €90/t, Veyt €160/t).
  u.price_factor["ets_eur_per_t"] = core::Distribution::lognormal(1.0, 0.25);
  u.price_factor["gas_industry_eur_per_gj"] = core::Distribution::lognormal(1.0, 0.25);
  // Assumption: the CO2, hydrogen and grid items of data/nl have a record of slipping (Aramis's
  // FID from 2025 to after 2026, the Delta Rhine Corridor from 2028 to 2032, grid relief dates;
  // data-sources.md §4.4, §4.5), so a further 0–2 years is drawn per item.
  u.infrastructure_delay_default = core::Distribution::discrete({0, 1, 2}, {0.5, 0.3, 0.2});
  // Assumption: permitting (nitrogen deposition, environmental permits) adds 0–2 years.
  u.permit_delay_yr = core::Distribution::discrete({0, 1, 2}, {0.6, 0.3, 0.1});
  // Assumption: SME projects awarded a grant realise 60–100 % of the claimed tonnes.
  u.sme_realisation = core::Distribution::triangular(0.6, 0.8, 1.0);
  // Assumption: production in the target year within about ±10 % of the path (P10–P90
  // ×0.90–×1.11) per sector. The history's indices moved more in one year of the gas crisis
  // (chemicals −14 %, steel −22 % in 2023; activity.csv), so this is a no-crisis band.
  u.activity_default = core::Distribution::lognormal(1.0, 0.08);
  // Assumption: s is estimated from the history's four yearly steps of ln λ (data/nl), so its
  // relative standard error is about 1/√(2 × 4) = 0.35: a lognormal multiplier with that sigma.
  u.levy_balance_sigma = core::Distribution::lognormal(1.0, 0.35);
  return u;
}

}  // namespace decarbfund::model
