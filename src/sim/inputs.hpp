#pragma once
// The dense, per-run inputs simulate() reads (STYLE §2.4 "ResolvedScenario"): the scenario laid
// over the model once, before any draw — prices per year, option costs and dates, infrastructure
// capacity per year after delays, and the package's support. Monte Carlo copies and perturbs one
// of these per draw; simulate() itself never looks at strings or files.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace decarbfund::sim {

/// Per-year price columns, index y = year − start_year.
struct PricePath {
  std::vector<double> ets_eur_per_t;
  std::vector<double> gas_eur_per_gj;          ///< large industry
  std::vector<double> electricity_eur_per_gj;  ///< large industry, EUR/MWh ÷ 3.6
  std::vector<double> hydrogen_eur_per_gj;
  std::vector<double> biomass_eur_per_gj;
  std::vector<double> co2_transport_storage_eur_per_t;
};

/// What made an option happen: committed before the outlook (past FID, docs/model.md "Committed
/// projects"), the ETS price alone, the levy's price on top, SDE++'s subsidy on top of those
/// (docs/model.md "SDE++"), or the package's support.
enum class Instrument : std::uint8_t { none, ets, levy, package, committed, sde };
/// The spelling in reports (JSON `instrument`, the workbook's options sheet).
inline const char* instrument_name(Instrument i) {
  switch (i) {
    case Instrument::ets:
      return "ets";
    case Instrument::levy:
      return "levy";
    case Instrument::package:
      return "package";
    case Instrument::committed:
      return "committed";
    case Instrument::sde:
      return "sde";
    case Instrument::none:
      break;
  }
  return "none";
}

/// SDE++ as one run has it (docs/model.md "SDE++"): money in EUR of the dataset's price year.
struct SdeInputs {
  bool enabled = false;
  /// Per year index: industry's part of the year's round (budget × industry share), 0 = no round.
  std::vector<double> round_budget_eur;
  std::vector<double> round_cap_eur_per_t;        ///< highest intensity paid outside the fences
  std::vector<double> round_fence_cap_eur_per_t;  ///< inside them (= the cap in years without)
  // Per category (model::SdeCategories order).
  std::vector<int> term_yr;
  std::vector<double> floor_share;
  std::vector<std::uint8_t> in_fence;
  std::vector<double> max_base_eur_per_t;  ///< NaN = none (the option's cost price is its bid)
  /// Per option: its category, or model::kNone when SDE++ does not take it (no category, or its
  /// deal states that no generic instrument can fund it, e.g. Yara's storage outside the EU).
  std::vector<model::Index> option_category;
};

struct Inputs {
  int start_year = 2020;
  int end_year = 2050;
  int years() const { return end_year - start_year + 1; }
  int year_index(int year) const { return year - start_year; }

  model::LevyPolicy levy;
  model::ResponseParams response;
  /// s of sim/levy_expectation.hpp: the scenario's response.levy_balance_sigma, else the
  /// dataset history's estimate; Monte Carlo scales it per draw (uncertainty.levy_balance_sigma).
  double levy_balance_sigma = 0;
  model::Target target;
  bool package_enabled = true;
  SdeInputs sde;
  PricePath prices;  ///< years start_year … end_year + kPriceTail (NPVs look past the horizon)

  // Per site.
  std::vector<double> site_base_emissions_t;  ///< E0: sites.csv emissions_t in its emissions_year
  std::vector<double> site_dpr_basis_t;       ///< B0: the DPR basis in the same year
  /// A(s, y): production relative to the site's emissions_year, [site × years] — the history
  /// (verified, calibrated, closed) up to the dataset's last history year, then the activity
  /// group's path (docs/model.md "Activity"). Emissions before options are E0 × A, the DPR basis
  /// B0 × A: production moves both, abatement only the first.
  std::vector<double> site_activity;
  double activity(model::Index site, int y) const {
    return site_activity[static_cast<std::size_t>(site) * static_cast<std::size_t>(years()) +
                         static_cast<std::size_t>(std::clamp(y, 0, years() - 1))];
  }
  /// Emissions of site s in year index y before any option: E0 × A.
  double emissions_before_options(model::Index site, int y) const {
    return site_base_emissions_t[site] * activity(site, y);
  }

  // Per option (model order).
  std::vector<double> option_capex_eur;
  std::vector<double> option_delta_emissions_t;
  std::vector<int> option_earliest_year;
  /// Years a deal's permit acceleration takes off a drawn permit delay (model::kPermitAccelerationYr
  /// for the options of a deal with `permit_acceleration`, else 0; docs/deals.md).
  std::vector<int> option_permit_saving_yr;
  /// Year index from which a committed project operates in this run (docs/model.md "Committed
  /// projects"), −1 when the option is not committed here. A committed project that the lot's
  /// package pays for (a deal's project) is committed only in runs with the package.
  std::vector<int> option_committed_start;
  /// Only available under the package (announced projects that need its support).
  std::vector<std::uint8_t> option_needs_package;
  /// Most the package pays towards the option's funding gap (EUR; ∞ = the whole gap, 0 = none).
  std::vector<double> option_max_support_eur;
  /// Which deal (index into deal_realisation, the order of the deals given to apply_deals) the
  /// option belongs to, or model::kNone.
  std::vector<model::Index> option_deal;

  // Per deal (maatwerk, docs/deals.md), in the order given to apply_deals().
  /// Whether the deal delivers in this run: ≥ 0.5 = yes (its options get support up to their cap
  /// and go first in the infrastructure merit order), < 0.5 = it falls through (its options get no
  /// support and no priority; they still go ahead if they pay on their own). The deterministic
  /// outlook sets 1 for every deal; Monte Carlo draws a Bernoulli(deal_probability) per deal.
  std::vector<double> deal_realisation;
  /// Probability that the deal delivers, from its phase (data/nl/deals/phases.yaml).
  std::vector<double> deal_probability;
  /// Whether option i is a deal option that delivers in this run (see deal_realisation).
  bool deal_delivers(model::Index i) const {
    const auto d = option_deal[i];
    return d != model::kNone && deal_realisation[d] >= 0.5;
  }
  /// Whether option i belongs to a deal that falls through in this run.
  bool deal_fails(model::Index i) const {
    const auto d = option_deal[i];
    return d != model::kNone && deal_realisation[d] < 0.5;
  }

  // Per infrastructure item: capacity per year (MW or t/yr), index y after delays.
  std::vector<double> infrastructure_capacity;  ///< [infra × years]
  double capacity(model::Index infra, int y) const {
    return infrastructure_capacity[static_cast<std::size_t>(infra) * static_cast<std::size_t>(years()) +
                                   static_cast<std::size_t>(y)];
  }
  /// Contracted capacity (model::InfrastructureContract) per contract and year after delays:
  /// reserved for the holder's options (docs/model.md "Infrastructure ledgers"). Where an item
  /// has less capacity than its contracts (a delay), each contract gets its share pro rata.
  std::vector<model::InfrastructureContract> contracts;
  std::vector<double> contract_capacity;  ///< [contract × years]
  /// What is left for everyone else: capacity − Σ contracts, [infra × years].
  std::vector<double> open_capacity;
  double contracted(std::size_t contract, int y) const {
    return contract_capacity[contract * static_cast<std::size_t>(years()) + static_cast<std::size_t>(y)];
  }
  double open(model::Index infra, int y) const {
    return open_capacity[static_cast<std::size_t>(infra) * static_cast<std::size_t>(years()) +
                         static_cast<std::size_t>(y)];
  }
};

/// Years past end_year that price paths extend, so an option built late is valued over its life.
inline constexpr int kPriceTail = 60;

/// `levy` (as Inputs holds it, EUR of the dataset's price year) with every amount in nominal EUR
/// of its year, as the statute and a company's levy statement state it (docs/levy.md).
model::LevyPolicy nominal_levy(const model::Model& model, const model::LevyPolicy& levy);

/// Lays `scenario` over `model`: the price paths (dataset series overridden by the scenario's),
/// the levy's money in the dataset's price year, every site's activity path, infrastructure
/// capacity and contracts shifted by the scenario's delays, committed projects, options'
/// availability.
Inputs resolve_inputs(const model::Model& model, const model::Scenario& scenario);

/// What the scenario names that the dataset must have (activity group ids): one error per
/// unknown name, with the scenario's file and key path.
void check_scenario(const model::Model& model, const model::Scenario& scenario, core::Diagnostics& diags);

/// Re-derives the per-year contract and open capacities from infrastructure_capacity (after a
/// caller changed the latter, e.g. Monte Carlo's delay draws).
void update_contract_capacity(Inputs& in);

/// Lays the deals over `in` (docs/deals.md, "Deals in the outlook"): each project option of a
/// deal gets option_deal = the deal's index and a support cap equal to the deal's maximum support
/// shared over its options in proportion to their capex (an option's funding gap above its share
/// goes unpaid: the package pays no more than the deal states); deal_probability from the phase
/// table and deal_realisation = 1 (every deal delivers). An option named by two deals keeps the
/// first. Options of projects without a deal keep the default (whole funding gap).
void apply_deals(const model::Model& model, std::span<const model::Deal> deals,
                 const model::PhaseRealisation& phases, Inputs& in);

}  // namespace decarbfund::sim
