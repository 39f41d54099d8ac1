#include "sim/npv_bound.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "sim/response.hpp"

namespace decarbfund::sim::detail {

namespace {

/// The price series of the bound, in bound_prefix_ order after the discount factor (series 0).
enum Series : std::size_t { kDiscount, kEts, kGas, kElectricity, kHydrogen, kBiomass, kTransportStorage, kSeries };
static_assert(kSeries == kBoundSeries);

/// Relative margin on the bound: rounding moves a sum of ~100 terms by ~1e-14 of its size.
constexpr double kRelativeMargin = 1e-9;
constexpr double kAbsoluteMargin_eur = 1.0;

std::size_t span_of(const Workspace& ws) { return ws.co2_value_.size(); }

const double* series(const Workspace& ws, std::size_t k) { return ws.bound_prefix_.data() + k * (span_of(ws) + 1); }

bool non_negative(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return x >= 0; });  // false for NaN too
}

/// Prefix sums of the levy's expected price for `category` over the decision year's paths
/// (remembered_levy_price, so the evaluations that follow reuse the same values), p[0 … need] at
/// least. Extended as far as a candidate asks: the options' lives end decades before the price
/// tail does, and each term was an erfc (a sum extended keeps the bits of one made at once; the
/// pools do not change while the screen asks, decide()).
const double* levy_prefix(const Inputs& in, Workspace& ws, model::LevyCategory category, DprPool pool, int y,
                          std::size_t need) {
  const std::size_t span = span_of(ws);
  const auto c = static_cast<std::size_t>(category);
  double* p = ws.bound_levy_prefix_.data() + c * (span + 1);
  std::size_t& done = ws.bound_levy_end_[c];
  if (ws.bound_levy_year_[c] != y) {
    p[0] = 0;
    done = 0;
    ws.bound_levy_year_[c] = y;
  }
  if (done < need) {
    const double* disc = series(ws, kDiscount);
    for (std::size_t k = done; k < need; ++k) {
      // Years before the decision year are never asked for (an option starts in it at the earliest).
      const double v = static_cast<int>(k) < y ? 0.0
                                                : remembered_levy_price(in, ws, category, pool, y, static_cast<int>(k));
      p[k + 1] = p[k] + v * (disc[k + 1] - disc[k]);
    }
    done = need;
  }
  return p;
}

}  // namespace

void prepare_npv_bounds(const model::Model& model, const Inputs& in, Workspace& ws) {
  const std::size_t span = span_of(ws);
  const auto& p = in.prices;
  const std::vector<double>* prices[kSeries] = {nullptr, &p.ets_eur_per_t, &p.gas_eur_per_gj,
                                                &p.electricity_eur_per_gj, &p.hydrogen_eur_per_gj,
                                                &p.biomass_eur_per_gj, &p.co2_transport_storage_eur_per_t};
  // (Sized by the Workspace: a run allocates nothing.)
  std::fill(ws.bound_levy_year_.begin(), ws.bound_levy_year_.end(), -1);
  // Each site's activity range from year index t on (later years repeat the last one), and whether
  // every activity is at least 0 (false for NaN), in one pass.
  const auto years = static_cast<std::size_t>(in.years());
  // The ranges of the last set-up hold where the activity is the same, bit for bit (Monte Carlo's
  // reference and levy-only runs share a draw's activity: one comparison instead of a pass).
  auto& ranged = ws.ranged_activity_;
  if (ranged.size() != in.site_activity.size() ||
      (!ranged.empty() && std::memcmp(ranged.data(), in.site_activity.data(), ranged.size() * sizeof(double)) != 0)) {
    bool activity_valid = true;
    for (model::Index s = 0; s < model.sites.size(); ++s) {
      const std::size_t row = static_cast<std::size_t>(s) * years;
      double low = in.site_activity[row + years - 1], high = low;
      for (std::size_t t = years; t-- > 0;) {
        const double a = in.site_activity[row + t];
        activity_valid = activity_valid & (a >= 0);
        low = std::min(low, a);
        high = std::max(high, a);
        ws.activity_low_[row + t] = low;
        ws.activity_high_[row + t] = high;
      }
    }
    ws.activity_valid_ = activity_valid;
    ranged.assign(in.site_activity.begin(), in.site_activity.end());
  }
  ws.bounds_valid_ = in.response.hurdle_rate > -1 && ws.activity_valid_;
  for (std::size_t k = 1; k < kSeries; ++k) {
    ws.bounds_valid_ = ws.bounds_valid_ && prices[k]->size() == span && non_negative(*prices[k]);
  }
  if (!ws.bounds_valid_) {
    return;
  }
  const double d = 1.0 / (1.0 + in.response.hurdle_rate);
  double discount = 1;
  for (std::size_t t = 0; t < span; ++t) {
    for (std::size_t k = 0; k < kSeries; ++k) {
      double* prefix = ws.bound_prefix_.data() + k * (span + 1);
      prefix[t + 1] = prefix[t] + (k == kDiscount ? 1.0 : (*prices[k])[t]) * discount;
    }
    discount *= d;
  }
  // Each price's range from year index t on (option_npv repeats the last year past the path).
  for (std::size_t k = 1; k < kSeries; ++k) {
    double low = (*prices[k])[span - 1], high = low;
    for (std::size_t t = span; t-- > 0;) {
      low = std::min(low, (*prices[k])[t]);
      high = std::max(high, (*prices[k])[t]);
      ws.bound_suffix_low_[k * span + t] = low;
      ws.bound_suffix_high_[k * span + t] = high;
    }
  }
  // Σ_{k<L} d^k, and the least and greatest d^n a decision discounts a start by (n = start − y).
  ws.discount_sum_[0] = 0;
  double power = 1;
  for (std::size_t l = 1; l < ws.discount_sum_.size(); ++l) {
    ws.discount_sum_[l] = ws.discount_sum_[l - 1] + power;
    power *= d;
  }
  const double far = std::pow(d, static_cast<double>(span));
  ws.bound_factor_low_ = std::min(1.0, far);
  ws.bound_factor_high_ = std::max(1.0, far);
  // Each category's highest levy rate from year index t on: the levy's expected price is the rate
  // times a chance (levy_expectation.hpp), and no more than the rate.
  for (std::size_t c = 0; c < model::kLevyCategoryCount; ++c) {
    double high = 0;
    for (std::size_t t = years; t-- > 0;) {
      high = std::max(high, ws.rate_[c * years + t]);
      ws.rate_high_[c * years + t] = high;
    }
  }
}

void check_levy_bounded(Workspace& ws) {
  // A rate or a pool's tonnes that is not finite could make the levy's expected price NaN, which
  // no bound covers: then no option is dropped by the run's screen.
  ws.levy_bounded_ = true;
  for (const auto* v : {&ws.rate_, &ws.projected_pool_t_, &ws.pool_dpr_t_}) {
    ws.levy_bounded_ =
        ws.levy_bounded_ && std::all_of(v->begin(), v->end(), [](double x) { return std::isfinite(x); });
  }
}

void open_bound_year(const Inputs& in, Workspace& ws, int y) {
  std::fill(ws.bound_levy_year_.begin(), ws.bound_levy_year_.end(), -1);
  ws.bound_undiscount_ = std::pow(1.0 + in.response.hurdle_rate, y);
}

bool cannot_reach(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int y, int start,
                  double avoided_t, double threshold_eur) {
  const auto& o = model.options;
  const int span = static_cast<int>(span_of(ws));
  const int last = start + std::max(1, ws.option_life_[i]) - 1;
  if (!ws.bounds_valid_ || start < 0 || last >= span) {
    return false;  // past the price paths option_npv repeats the last year: not bounded here
  }
  const auto site = o.site[i];
  const auto category = model.sites.levy_category[site];
  const auto pool = dpr_pool(in.levy, category);
  const bool in_ets = model.sites.in_ets[site] != 0;
  const auto first = static_cast<std::size_t>(start);
  const auto after = static_cast<std::size_t>(start + 1), end = static_cast<std::size_t>(last + 1);
  // Σ over the years after the first, and over all years of the path (for the margin).
  const auto sum = [&](const double* p) { return p[end] - p[std::min(after, end)]; };
  const auto size = [&](const double* p) { return p[end]; };
  const double* disc = series(ws, kDiscount);
  const double* levy = pool == DprPool::none ? nullptr : levy_prefix(in, ws, category, pool, y, end);

  // The first year, exactly as option_npv takes it (up to rounding).
  const double d_start = disc[first + 1] - disc[first];
  const double a_first = in.activity(site, start) * in.response.first_year_output_share;
  const double coef[kSeries] = {0, 0, o.delta_gas_gj[i], o.delta_electricity_gj[i], o.delta_hydrogen_gj[i],
                                o.delta_biomass_gj[i], o.co2_stored_t[i]};
  double energy_first = 0, energy_size = 0, bound = 0;
  const int yc = std::min(start + 1, in.years() - 1);
  const double a_low = ws.activity_low_[static_cast<std::size_t>(site) * static_cast<std::size_t>(in.years()) +
                                        static_cast<std::size_t>(yc)];
  const double a_high = ws.activity_high_[static_cast<std::size_t>(site) * static_cast<std::size_t>(in.years()) +
                                          static_cast<std::size_t>(yc)];
  for (std::size_t k = kGas; k < kSeries; ++k) {
    const double* p = series(ws, k);
    const double c = coef[k];
    energy_first += c * (p[first + 1] - p[first]);
    // A carrier it uses costs at least at the lowest activity; one it saves, at most the highest.
    bound -= c * (c > 0 ? a_low : a_high) * sum(p);
    energy_size += std::fabs(c) * size(p);
  }
  const double* ets = series(ws, kEts);
  const double value_first = (in_ets ? ets[first + 1] - ets[first] : 0.0) + (levy ? levy[first + 1] - levy[first] : 0.0);
  const double value_sum = (in_ets ? sum(ets) : 0.0) + (levy ? sum(levy) : 0.0);
  const double value_size = (in_ets ? size(ets) : 0.0) + (levy ? size(levy) : 0.0);
  const double om = o.fixed_om_eur[i];
  const double capex = in.option_capex_eur[i];
  bound += -capex * d_start + a_first * (avoided_t * value_first - energy_first) - om * d_start +
           a_high * avoided_t * value_sum - om * sum(disc);
  const double a_big = std::max(a_first, a_high);
  const double margin = kRelativeMargin * (std::fabs(capex) * d_start + a_big * (std::fabs(avoided_t) * value_size + energy_size) +
                                           std::fabs(om) * size(disc));
  const double up = ws.bound_undiscount_;
  // NaN anywhere: not provably below, so evaluated.
  return (bound + margin) * up + kAbsoluteMargin_eur < threshold_eur;
}

double run_npv_bound(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i,
                     int first_start) {
  constexpr double kNoBound = std::numeric_limits<double>::infinity();
  const auto& o = model.options;
  const int life = std::max(1, ws.option_life_[i]);
  const int years = in.years();
  if (!ws.bounds_valid_ || first_start < 0 || first_start >= years ||
      static_cast<std::size_t>(life) >= ws.discount_sum_.size()) {
    return kNoBound;
  }
  const auto site = o.site[i];
  const auto t0 = static_cast<std::size_t>(first_start);
  const std::size_t span = span_of(ws);
  // Activity: the site's range from the first start on, widened by the first year's share.
  const double share = in.response.first_year_output_share;
  if (!(share >= 0)) {
    return kNoBound;
  }
  const std::size_t row = static_cast<std::size_t>(site) * static_cast<std::size_t>(years) + t0;
  const double a_low = ws.activity_low_[row] * std::min(1.0, share);
  const double a_high = ws.activity_high_[row] * std::max(1.0, share);
  // CO2 value: the ETS price (an ETS site) plus the levy rate, at their highest; the tonnes at
  // most what the option removes alone (marginal_reduction_t never exceeds it).
  const auto category = model.sites.levy_category[site];
  const bool in_ets = model.sites.in_ets[site] != 0;
  double value = in_ets ? ws.bound_suffix_high_[kEts * span + t0] : 0.0;
  if (dpr_pool(in.levy, category) != DprPool::none) {
    value += ws.rate_high_[static_cast<std::size_t>(category) * static_cast<std::size_t>(years) + t0];
  }
  const double avoided = -in.option_delta_emissions_t[i];
  const double coef[kSeries] = {0, 0, o.delta_gas_gj[i], o.delta_electricity_gj[i], o.delta_hydrogen_gj[i],
                                o.delta_biomass_gj[i], o.co2_stored_t[i]};
  // A year's net: at most a_high·A·V − (energy at its cheapest) − O&M.
  double year = a_high * avoided * value - o.fixed_om_eur[i];
  double size = a_high * std::fabs(avoided) * value + std::fabs(o.fixed_om_eur[i]);
  for (std::size_t k = kGas; k < kSeries; ++k) {
    const double c = coef[k];
    year -= c > 0 ? c * a_low * ws.bound_suffix_low_[k * span + t0]
                  : c * a_high * ws.bound_suffix_high_[k * span + t0];
    size += std::fabs(c) * a_high * ws.bound_suffix_high_[k * span + t0];
  }
  const double sum = ws.discount_sum_[static_cast<std::size_t>(life)];
  const double capex = in.option_capex_eur[i];
  // NPV at the start ≤ −capex + Σ_{k<L} year·d^k; at a decision, times d^(start − y).
  const double bound = -capex + year * sum;
  const double margin = kRelativeMargin * (std::fabs(capex) + size * sum);
  return bound + margin;
}

bool below_in_run(const Workspace& ws, double bound_eur, double needed_eur) {
  // NaN anywhere (or no bound, +inf): not provably below.
  return ws.levy_bounded_ && bound_eur * ws.bound_factor_low_ + kAbsoluteMargin_eur < needed_eur &&
         bound_eur * ws.bound_factor_high_ + kAbsoluteMargin_eur < needed_eur;
}

}  // namespace decarbfund::sim::detail
