#include "sim/levy_expectation.hpp"

#include <algorithm>
#include <cmath>

namespace decarbfund::sim {

double levy_balance_sigma_from_history(const model::History& history) {
  const auto& lambda = history.calibration_factor;
  double sum_sq = 0;
  int steps = 0;
  double previous = 0;  // ln λ of the base year: λ = 1
  std::size_t previous_k = 0;
  for (std::size_t k = 1; k < lambda.size(); ++k) {
    // Years without a published total keep λ = 1 (load_history.cpp): they carry no information.
    if (std::isnan(history.published_total_t[k]) || !(lambda[k] > 0)) {
      continue;
    }
    const double x = std::log(lambda[k]);
    // A step over several years (a gap in the totals) is scaled to one year's variance.
    sum_sq += (x - previous) * (x - previous) / static_cast<double>(k - previous_k);
    previous = x;
    previous_k = k;
    ++steps;
  }
  return steps >= 2 ? std::sqrt(sum_sq / steps) : 0.0;
}

double chance_pool_short(double projected_t, double dprs_t, double sigma, int horizon_yr) {
  const double spread = sigma * projected_t * std::sqrt(static_cast<double>(std::max(1, horizon_yr)));
  if (!(spread > 0)) {
    return projected_t > dprs_t ? 1.0 : 0.0;
  }
  // Φ(z) = erfc(−z / √2) / 2
  return 0.5 * std::erfc(-(projected_t - dprs_t) / (spread * std::sqrt(2.0)));
}

}  // namespace decarbfund::sim
