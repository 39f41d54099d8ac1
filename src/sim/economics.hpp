#pragma once
// The economic evaluation of an option (DESIGN §4.2), kept apart from the decision rule: what an
// option costs per tonne, and its NPV for a site given the CO2 prices it expects.

#include <span>

#include "model/model.hpp"
#include "sim/inputs.hpp"

namespace decarbfund::sim {

/// Capital recovery factor r / (1 − (1 + r)^−n): the annuity that repays 1 EUR over n years.
double capital_recovery_factor(double rate, double years);

/// Yearly cash cost of operating option `o` in year index `y`, without any CO2 price:
/// fixed O&M + Δgas × gas + Δelectricity × electricity + ΔH2 × H2 + Δbiomass × biomass
/// + CO2 stored × transport-and-storage tariff. EUR/yr; negative where it saves energy cost.
double option_operating_cost(const model::Options& options, const Inputs& in, model::Index o, int y);
/// option_operating_cost() for each year index y in [from, to), into out[y − from]: the same bits,
/// in one call (an SDE++ award asks for every year of its term).
void option_operating_costs(const model::Options& options, const Inputs& in, model::Index o, int from, int to,
                            double* out);

/// Levelised abatement cost in EUR/t at the prices of year index `y` (the merit order of
/// DESIGN §4.2): (capex × CRF(r, lifetime) + operating cost) ÷ tonnes avoided. +∞ when the
/// option avoids nothing.
double option_cost_per_t(const model::Options& options, const Inputs& in, model::Index o, int y);
/// The same, given option_operating_cost() of that year (computed once where both are needed).
double option_cost_per_t(const model::Options& options, const Inputs& in, model::Index o, double operating_eur);
/// The same, given also option_capital_cost() (a run remembers it per option: response.cpp).
double option_cost_per_t(const Inputs& in, model::Index o, double capital_eur_per_yr, double operating_eur);

/// Yearly capital cost of option `o` over `years`: capex × CRF(r, years), EUR/yr (the levelised
/// cost takes the lifetime; SDE++'s base amount the subsidy term, sde.cpp).
double option_capital_cost(const Inputs& in, model::Index o, double years);

/// NPV in EUR, discounted to the decision year index `decided`, of option `o` operating from year
/// index `start` for its lifetime, when each avoided tonne in year index y is worth
/// `co2_value_eur_per_t[y]` (ETS price + the levy's marginal price the site expects):
///   NPV = −capex·(1+r)^−(start−decided)
///         + Σ_y [s(y)·avoided·value(y) − O&M − s(y)·energy cost(y)]·(1+r)^−(y−decided)
/// `avoided_t` is what it removes at the site's base production given the site's other options
/// (sim::marginal_reduction_t), and `scale[y]` = s(y) the site's production relative to that base
/// times the ramp-up share: tonnes and energy move with production, capex and fixed O&M do not.
double option_npv(const model::Options& options, const Inputs& in, model::Index o, int decided,
                  int start, std::span<const double> co2_value_eur_per_t, double avoided_t,
                  std::span<const double> scale);

}  // namespace decarbfund::sim
