// Moments of each distribution (issue 6 "Done when"): 200,000 keyed draws per distribution have
// the analytic mean and variance within a few standard errors, and the quantile functions hit
// known values. Draws use the Monte Carlo key layout: (seed, draw, VariableKey{variable, entity}).

#include "core/distribution.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

constexpr std::uint32_t kDraws = 200'000;

struct Moments {
  double mean = 0;
  double variance = 0;
};

Moments sample_moments(const Distribution& d, std::uint64_t seed) {
  double sum = 0, sum2 = 0;
  for (std::uint32_t i = 0; i < kDraws; ++i) {
    const double x = sample(d, seed, i, VariableKey{1, 0});
    sum += x;
    sum2 += x * x;
  }
  const double n = kDraws;
  const double mean = sum / n;
  return {mean, (sum2 - n * mean * mean) / (n - 1)};
}

/// Checks the sample mean within 5 standard errors, the sample variance within 5 % (10 % for the
/// heavy-tailed lognormal), and the analytic moments against `mean`/`variance`.
void expect_moments(const Distribution& d, double mean, double variance, double var_rel_tol = 0.05) {
  EXPECT_NEAR(d.mean(), mean, 1e-12 * (1 + std::fabs(mean))) << d.describe();
  EXPECT_NEAR(d.variance(), variance, 1e-12 * (1 + variance)) << d.describe();
  const auto m = sample_moments(d, 20261128);
  EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(variance / kDraws) + 1e-12) << d.describe();
  EXPECT_NEAR(m.variance, variance, var_rel_tol * variance + 1e-12) << d.describe();
}

TEST(Distribution, FixedIsConstant) {
  const auto d = Distribution::fixed(2.5);
  EXPECT_TRUE(d.is_fixed());
  EXPECT_EQ(d.quantile(0.01), 2.5);
  EXPECT_EQ(d.quantile(0.99), 2.5);
  expect_moments(d, 2.5, 0.0);
}

TEST(Distribution, UniformMoments) {
  // mean (a+b)/2, variance (b−a)²/12
  expect_moments(Distribution::uniform(2, 8), 5.0, 3.0);
  EXPECT_DOUBLE_EQ(Distribution::uniform(2, 8).quantile(0.25), 3.5);
}

TEST(Distribution, TriangularMoments) {
  // mean (a+m+b)/3 = 1.0333…, variance (a²+m²+b²−am−ab−mb)/18
  const double a = 0.8, m = 1.0, b = 1.3;
  expect_moments(Distribution::triangular(a, m, b), (a + m + b) / 3,
                 (a * a + m * m + b * b - a * m - a * b - m * b) / 18);
  // F(mode) = (m − a)/(b − a) = 0.4: the quantile there is the mode.
  EXPECT_NEAR(Distribution::triangular(a, m, b).quantile(0.4), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(Distribution::triangular(a, m, b).quantile(0.0), a);
}

TEST(Distribution, NormalMoments) {
  expect_moments(Distribution::normal(100, 15), 100.0, 225.0);
  // Φ⁻¹(0.975) = 1.959963984540054 (standard tables); AS 241 gives ~16 digits.
  EXPECT_NEAR(inverse_normal_cdf(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(inverse_normal_cdf(0.5), 0.0, 1e-16);
  EXPECT_NEAR(inverse_normal_cdf(1e-10), -6.361340902404056, 1e-12);  // tail branch (r > 5)
  EXPECT_NEAR(inverse_normal_cdf(0.1), -1.2815515655446004, 1e-14);
}

TEST(Distribution, LognormalMoments) {
  // median m, sigma s: mean m·e^{s²/2}, variance (e^{s²} − 1)·m²·e^{s²}.
  const double m = 1.0, s = 0.25;
  expect_moments(Distribution::lognormal(m, s), m * std::exp(s * s / 2),
                 (std::exp(s * s) - 1) * m * m * std::exp(s * s), 0.10);
  EXPECT_NEAR(Distribution::lognormal(2.0, 0.3).quantile(0.5), 2.0, 1e-12);
}

TEST(Distribution, DiscreteMoments) {
  // Values given out of order are sorted, so the quantile is monotone.
  const auto d = Distribution::discrete({2, 0, 1}, {0.2, 0.5, 0.3});
  expect_moments(d, 0.7, 0.5 * 0.49 + 0.3 * 0.09 + 0.2 * 1.69);
  EXPECT_EQ(d.quantile(0.49), 0.0);
  EXPECT_EQ(d.quantile(0.51), 1.0);
  EXPECT_EQ(d.quantile(0.81), 2.0);
}

TEST(Distribution, BernoulliMoments) {
  expect_moments(Distribution::bernoulli(0.15), 0.15, 0.15 * 0.85);
  EXPECT_EQ(Distribution::bernoulli(0.15).quantile(0.84), 0.0);
  EXPECT_EQ(Distribution::bernoulli(0.15).quantile(0.86), 1.0);
  EXPECT_TRUE(Distribution::bernoulli(1.0).is_fixed());
}

TEST(Distribution, DrawIsAPureFunctionOfItsKey) {
  const auto d = Distribution::normal(0, 1);
  const double x = sample(d, 42, 7, VariableKey{3, 11});
  EXPECT_EQ(sample(d, 42, 7, VariableKey{3, 11}), x);
  EXPECT_NE(sample(d, 42, 7, VariableKey{3, 12}), x);
  EXPECT_NE(sample(d, 42, 8, VariableKey{3, 11}), x);
  EXPECT_NE(sample(d, 43, 7, VariableKey{3, 11}), x);
  // open_uniform never returns 0 or 1, so normal and lognormal draws stay finite.
  for (std::uint32_t i = 0; i < 10'000; ++i) {
    const double u = open_uniform(1, i, VariableKey{1, 0});
    EXPECT_GT(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(Distribution, ADrawsKeyIsComputedOncePerDraw) {
  // open_uniform_in with the draw's stream_key gives open_uniform's bits: the keyed hash is
  // SplitMix64's mixer over seed, then draw, then the variable, as it always was (every Monte
  // Carlo document depends on these bits).
  for (std::uint64_t draw = 0; draw < 1'000; ++draw) {
    const auto key = stream_key(20261204, draw);
    for (const VariableKey v : {VariableKey{2, 0}, VariableKey{3, 586}, VariableKey{5, 17}}) {
      const std::uint64_t h = mix64(mix64(mix64(20261204) ^ draw) ^ v.packed());
      EXPECT_EQ(hash64(20261204, draw, v.packed()), h);
      EXPECT_EQ(open_uniform_in(key, v), (static_cast<double>(h >> 11) + 0.5) * 0x1.0p-53);
      EXPECT_EQ(open_uniform_in(key, v), open_uniform(20261204, draw, v));
    }
  }
  // SplitMix64 from state 0 gives 0xe220a8397b1dcdaf first (Vigna's reference splitmix64.c): the mixer.
  EXPECT_EQ(mix64(0), 0xe220a8397b1dcdafULL);
}

TEST(Distribution, DescribeReadsLikeTheScenarioFile) {
  EXPECT_EQ(Distribution::triangular(0.8, 1, 1.3).describe(), "triangular(min 0.8, mode 1, max 1.3)");
  EXPECT_EQ(Distribution::discrete({0, 1, 2}, {0.5, 0.3, 0.2}).describe(), "discrete(0: 0.5, 1: 0.3, 2: 0.2)");
  EXPECT_EQ(Distribution::lognormal(1, 0.25).describe(), "lognormal(median 1, sigma 0.25)");
}

}  // namespace
}  // namespace decarbfund::core
