#include "analysis/montecarlo_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "analysis/montecarlo_perturb.hpp"
#include "analysis/montecarlo_run.hpp"

namespace decarbfund::analysis {

namespace detail {

double percentile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) {
    return 0;
  }
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Percentiles summarise_column(std::vector<double> v) {
  Percentiles p;
  double sum = 0;
  for (double x : v) {  // draw order: the same sum for any thread count
    sum += x;
  }
  p.mean = v.empty() ? 0 : sum / static_cast<double>(v.size());
  std::sort(v.begin(), v.end());
  p.p5 = percentile_sorted(v, 0.05);
  p.p10 = percentile_sorted(v, 0.10);
  p.p25 = percentile_sorted(v, 0.25);
  p.p50 = percentile_sorted(v, 0.50);
  p.p75 = percentile_sorted(v, 0.75);
  p.p90 = percentile_sorted(v, 0.90);
  p.p95 = percentile_sorted(v, 0.95);
  return p;
}

std::vector<double> ranks(std::span<const double> x) {
  // Sorted as (value, index) pairs: the order of a stable sort of the indices by value, without
  // an indirect load per comparison (the ranks of 10,000 draws' inputs were a third of a summary).
  std::vector<std::pair<double, std::size_t>> order(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    order[i] = {x[i], i};
  }
  // NaN after every number, so the order is total (std::sort needs one); ties by index.
  const auto less = [](double a, double b) { return a < b || (std::isnan(b) && !std::isnan(a)); };
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return less(a.first, b.first) || (!less(b.first, a.first) && a.second < b.second);
  });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && order[j + 1].first == order[i].first) {
      ++j;
    }
    const double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) {
      r[order[k].second] = avg;
    }
    i = j + 1;
  }
  return r;
}

double spearman_of_ranks(const std::vector<double>& rx, const std::vector<double>& ry) {
  const double n = static_cast<double>(rx.size());
  if (n < 2) {
    return 0;
  }
  const double mean = (n + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return spearman_of_ranks(ranks(x), ranks(y));
}

std::vector<RankCorrelation> rank_correlations(const MonteCarloSetup& s, const std::vector<double>& achieved,
                                               unsigned threads) {
  const auto inputs = s.inputs.size();
  std::vector<RankCorrelation> rho(inputs);
  const auto achieved_ranks = ranks(achieved);
  const auto members = input_members(s);
  parallel_for(
      0, static_cast<std::uint32_t>(inputs), threads, nullptr,
      [&] { return std::vector<double>(achieved.size()); },
      [&](std::vector<double>& column, std::uint32_t g) {
        input_column(s, g, members[g], 0, column);
        rho[g] = {g, spearman_of_ranks(ranks(column), achieved_ranks)};
      });
  std::stable_sort(rho.begin(), rho.end(),
                   [](const RankCorrelation& a, const RankCorrelation& b) { return std::fabs(a.rho) > std::fabs(b.rho); });
  return rho;
}

}  // namespace detail

}  // namespace decarbfund::analysis
