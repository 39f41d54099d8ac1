#pragma once
// The dense, per-run inputs simulate() reads (STYLE §2.4 "ResolvedScenario"): the scenario laid
// over the model once, before any draw — prices per year, option costs and dates, infrastructure
// capacity per year after delays, and the package's support. Monte Carlo copies and perturbs one
// of these per draw; simulate() itself never looks at strings or files.

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

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

/// Where one option's money comes from when the package supports it.
enum class Instrument : std::uint8_t { none, ets, levy, package };
/// The spelling in reports (JSON `instrument`, the workbook's options sheet).
inline const char* instrument_name(Instrument i) {
  switch (i) {
    case Instrument::ets:
      return "ets";
    case Instrument::levy:
      return "levy";
    case Instrument::package:
      return "package";
    case Instrument::none:
      break;
  }
  return "none";
}

struct Inputs {
  int start_year = 2020;
  int end_year = 2050;
  int years() const { return end_year - start_year + 1; }
  int year_index(int year) const { return year - start_year; }

  model::LevyPolicy levy;
  model::ResponseParams response;
  model::Target target;
  bool package_enabled = true;
  PricePath prices;  ///< years start_year … end_year + kPriceTail (NPVs look past the horizon)

  // Per site.
  std::vector<double> site_emissions_t;  ///< emissions before any new option, t/yr
  std::vector<double> site_dpr_basis_t;

  // Per option (model order).
  std::vector<double> option_capex_eur;
  std::vector<double> option_delta_emissions_t;
  std::vector<int> option_earliest_year;
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
};

/// Years past end_year that price paths extend, so an option built late is valued over its life.
inline constexpr int kPriceTail = 60;

/// Lays `scenario` over `model`: the price paths (dataset series overridden by the scenario's),
/// infrastructure capacity shifted by the scenario's delays, options' availability.
Inputs resolve_inputs(const model::Model& model, const model::Scenario& scenario);

/// Lays the deals over `in` (docs/deals.md, "Deals in the outlook"): each project option of a
/// deal gets option_deal = the deal's index and a support cap equal to the deal's maximum support
/// shared over its options in proportion to their capex (an option's funding gap above its share
/// goes unpaid: the package pays no more than the deal states); deal_probability from the phase
/// table and deal_realisation = 1 (every deal delivers). An option named by two deals keeps the
/// first. Options of projects without a deal keep the default (whole funding gap).
void apply_deals(const model::Model& model, std::span<const model::Deal> deals,
                 const model::PhaseRealisation& phases, Inputs& in);

}  // namespace decarbfund::sim
