#include "sim/economics.hpp"

#include <cmath>
#include <algorithm>
#include <limits>

namespace decarbfund::sim {

namespace {
double at(const std::vector<double>& v, int y) {
  const auto i = static_cast<std::size_t>(std::clamp(y, 0, static_cast<int>(v.size()) - 1));
  return v[i];
}
}  // namespace

double capital_recovery_factor(double rate, double years) {
  if (years <= 0) {
    return 1.0;
  }
  if (rate == 0) {
    return 1.0 / years;
  }
  return rate / (1.0 - std::pow(1.0 + rate, -years));
}

double option_operating_cost(const model::Options& o, const Inputs& in, model::Index i, int y) {
  const auto& p = in.prices;
  return o.fixed_om_eur[i] + o.delta_gas_gj[i] * at(p.gas_eur_per_gj, y) +
         o.delta_electricity_gj[i] * at(p.electricity_eur_per_gj, y) +
         o.delta_hydrogen_gj[i] * at(p.hydrogen_eur_per_gj, y) +
         o.delta_biomass_gj[i] * at(p.biomass_eur_per_gj, y) +
         o.co2_stored_t[i] * at(p.co2_transport_storage_eur_per_t, y);
}

double option_cost_per_t(const model::Options& o, const Inputs& in, model::Index i, int y) {
  const double avoided = -in.option_delta_emissions_t[i];
  if (avoided <= 0) {
    return std::numeric_limits<double>::infinity();
  }
  const double annual = in.option_capex_eur[i] *
                            capital_recovery_factor(in.response.hurdle_rate, o.lifetime_yr[i]) +
                        option_operating_cost(o, in, i, y);
  return annual / avoided;
}

double option_npv(const model::Options& o, const Inputs& in, model::Index i, int decided, int start,
                  std::span<const double> co2_value) {
  const double r = in.response.hurdle_rate;
  const double avoided = -in.option_delta_emissions_t[i];
  const int life = std::max(1, static_cast<int>(std::lround(o.lifetime_yr[i])));
  const double d = 1.0 / (1.0 + r);
  double discount = std::pow(d, start - decided);
  double npv = -in.option_capex_eur[i] * discount;
  for (int k = 0; k < life; ++k) {
    const int y = start + k;
    const double value = co2_value[static_cast<std::size_t>(
        std::clamp(y, 0, static_cast<int>(co2_value.size()) - 1))];
    npv += (avoided * value - option_operating_cost(o, in, i, y)) * discount;
    discount *= d;
  }
  return npv;
}

}  // namespace decarbfund::sim
