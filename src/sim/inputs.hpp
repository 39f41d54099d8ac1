#pragma once
// The dense, per-run inputs simulate() reads (STYLE §2.4 "ResolvedScenario"): the scenario laid
// over the model once, before any draw — prices per year, option costs and dates, infrastructure
// capacity per year after delays, and the package's support. Monte Carlo copies and perturbs one
// of these per draw; simulate() itself never looks at strings or files.

#include <cstdint>
#include <limits>
#include <vector>

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
  /// Which deal (index into deal names) the option belongs to, or model::kNone.
  std::vector<model::Index> option_deal;

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

}  // namespace decarbfund::sim
