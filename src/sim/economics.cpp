#include "sim/economics.hpp"

#include <array>
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
  // The same (rate, lifetime) pair comes back for every option and decision year; remembering the
  // last one per thread saves a pow() per call (Monte Carlo, docs/uncertainty.md) and returns the
  // very same bits.
  struct Entry {
    double rate = -1, years = -1, crf = 0;
  };
  thread_local std::array<Entry, 64> cache;
  // (The slot is any cheap function of the lifetime: the entry itself says which pair it holds.)
  auto& e = cache[static_cast<std::size_t>(static_cast<long long>(std::min(years, 1e6))) & 63];
  if (e.rate != rate || e.years != years) {
    e = {rate, years, rate / (1.0 - std::pow(1.0 + rate, -years))};
  }
  return e.crf;
}

namespace {
/// d^n, remembered per thread for small n (discounting to the decision year repeats the same few
/// exponents); the same bits as std::pow.
double discount_power(double d, int n) {
  if (n < 0 || n >= 64) {
    return std::pow(d, n);
  }
  struct Entry {
    double d = -1, value = 0;
  };
  thread_local std::array<Entry, 64> cache;
  auto& e = cache[static_cast<std::size_t>(n)];
  if (e.d != d) {
    e = {d, std::pow(d, n)};
  }
  return e.value;
}
}  // namespace

double option_operating_cost(const model::Options& o, const Inputs& in, model::Index i, int y) {
  const auto& p = in.prices;
  return o.fixed_om_eur[i] + o.delta_gas_gj[i] * at(p.gas_eur_per_gj, y) +
         o.delta_electricity_gj[i] * at(p.electricity_eur_per_gj, y) +
         o.delta_hydrogen_gj[i] * at(p.hydrogen_eur_per_gj, y) +
         o.delta_biomass_gj[i] * at(p.biomass_eur_per_gj, y) +
         o.co2_stored_t[i] * at(p.co2_transport_storage_eur_per_t, y);
}

void option_operating_costs(const model::Options& o, const Inputs& in, model::Index i, int from, int to, double* out) {
  for (int y = from; y < to; ++y) {
    out[y - from] = option_operating_cost(o, in, i, y);  // (inlined here: one call for the years)
  }
}

double option_cost_per_t(const model::Options& o, const Inputs& in, model::Index i, int y) {
  return option_cost_per_t(o, in, i, option_operating_cost(o, in, i, y));
}

double option_cost_per_t(const model::Options& o, const Inputs& in, model::Index i, double operating_eur) {
  return option_cost_per_t(in, i, option_capital_cost(in, i, o.lifetime_yr[i]), operating_eur);
}

double option_cost_per_t(const Inputs& in, model::Index i, double capital_eur_per_yr, double operating_eur) {
  const double avoided = -in.option_delta_emissions_t[i];
  if (avoided <= 0) {
    return std::numeric_limits<double>::infinity();
  }
  return (capital_eur_per_yr + operating_eur) / avoided;
}

double option_capital_cost(const Inputs& in, model::Index i, double years) {
  return in.option_capex_eur[i] * capital_recovery_factor(in.response.hurdle_rate, years);
}

double option_npv(const model::Options& o, const Inputs& in, model::Index i, int decided, int start,
                  std::span<const double> co2_value, double avoided, std::span<const double> scale) {
  const double r = in.response.hurdle_rate;
  const int life = std::max(1, static_cast<int>(std::lround(o.lifetime_yr[i])));
  const double d = 1.0 / (1.0 + r);
  double discount = discount_power(d, start - decided);
  double npv = -in.option_capex_eur[i] * discount;
  const auto& p = in.prices;
  const double om = o.fixed_om_eur[i], gas = o.delta_gas_gj[i], el = o.delta_electricity_gj[i];
  const double h2 = o.delta_hydrogen_gj[i], bio = o.delta_biomass_gj[i], stored = o.co2_stored_t[i];
  const int last_price = static_cast<int>(p.gas_eur_per_gj.size()) - 1;
  const int last_value = static_cast<int>(co2_value.size()) - 1;
  const int last_scale = static_cast<int>(scale.size()) - 1;
  for (int k = 0; k < life; ++k) {
    const int y = start + k;
    const auto yp = static_cast<std::size_t>(std::clamp(y, 0, last_price));
    const double s = scale[static_cast<std::size_t>(std::clamp(y, 0, last_scale))];
    const double energy = gas * p.gas_eur_per_gj[yp] + el * p.electricity_eur_per_gj[yp] +
                          h2 * p.hydrogen_eur_per_gj[yp] + bio * p.biomass_eur_per_gj[yp] +
                          stored * p.co2_transport_storage_eur_per_t[yp];
    npv += (s * (avoided * co2_value[static_cast<std::size_t>(std::clamp(y, 0, last_value))] - energy) - om) *
           discount;
    discount *= d;
  }
  return npv;
}

}  // namespace decarbfund::sim
