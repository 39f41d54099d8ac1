#include "analysis/montecarlo_statistics.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
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

namespace {

/// An unsigned key that orders as the numbers do: −0 and +0 one key, every NaN one key after +∞.
/// (Sign-magnitude to offset binary: a negative number's bits flipped, a positive one's sign set.)
std::uint64_t order_key(double x) {
  if (std::isnan(x)) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  const auto bits = std::bit_cast<std::uint64_t>(x == 0 ? 0.0 : x);
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  return (bits & kSign) != 0 ? ~bits : bits | kSign;
}

struct Keyed {
  std::uint64_t key;
  std::size_t index;
};

/// Sorts by key, ties in index order: a least-significant-digit radix sort (stable), 11 bits a
/// pass, skipping a digit all keys share: the order of a comparison sort of (key, index). The
/// summary of 10,000 draws took 151–162 ms with std::sort of (value, index) pairs, 77–82 ms with
/// this (BM_MonteCarloSummary, issue 21).
void sort_keyed(std::vector<Keyed>& v) {
  constexpr std::size_t kFew = 256;  // fewer: its six tables would cost more than a comparison sort
  if (v.size() < kFew) {
    std::sort(v.begin(), v.end(), [](const Keyed& a, const Keyed& b) {
      return a.key != b.key ? a.key < b.key : a.index < b.index;
    });
    return;
  }
  constexpr int kBits = 11, kPasses = (64 + kBits - 1) / kBits;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::array<std::size_t, kBuckets>> count(kPasses);
  for (const auto& k : v) {
    for (int p = 0; p < kPasses; ++p) {
      ++count[static_cast<std::size_t>(p)][(k.key >> (p * kBits)) & (kBuckets - 1)];
    }
  }
  std::vector<Keyed> other(v.size());
  for (int p = 0; p < kPasses; ++p) {
    auto& c = count[static_cast<std::size_t>(p)];
    if (std::find(c.begin(), c.end(), v.size()) != c.end()) {
      continue;  // every key has this digit: the pass would keep the order
    }
    std::size_t at = 0;
    for (auto& n : c) {
      at += std::exchange(n, at);
    }
    for (const auto& k : v) {
      other[c[(k.key >> (p * kBits)) & (kBuckets - 1)]++] = k;
    }
    v.swap(other);
  }
}

}  // namespace

std::vector<double> ranks(std::span<const double> x) {
  // Sorted by value, ties (and every NaN, after all numbers) in index order: the order of a
  // stable sort of the indices by value.
  std::vector<Keyed> order(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    order[i] = {order_key(x[i]), i};
  }
  sort_keyed(order);
  std::vector<double> r(x.size());
  constexpr auto kNaN = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    // Equal numbers tie; NaNs do not (NaN == NaN is false): each takes its own rank.
    while (j + 1 < order.size() && order[i].key != kNaN && order[j + 1].key == order[i].key) {
      ++j;
    }
    const double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) {
      r[order[k].index] = avg;
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
