#pragma once
// Probability distributions for Monte Carlo inputs (issue 6, docs/uncertainty.md): uniform,
// triangular, normal, lognormal, discrete and Bernoulli, each sampled by its inverse CDF (quantile
// function) from one counter-based uniform (core/rng.hpp). Sampling by quantile keeps a draw a pure
// function of (seed, draw, variable key), and it is monotone in u, so one-at-a-time swings at
// P10/P90 and rank correlations read straight off the same function.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.hpp"

namespace decarbfund::core {

enum class DistributionKind : std::uint8_t { fixed, uniform, triangular, normal, lognormal, discrete, bernoulli };
inline constexpr std::size_t kDistributionKindCount = 7;
/// Spelled as in scenario files (`distribution: triangular`).
inline constexpr std::array<std::string_view, kDistributionKindCount> kDistributionKindNames = {
    "fixed", "uniform", "triangular", "normal", "lognormal", "discrete", "bernoulli"};

/// One univariate distribution. Parameters by kind:
///   fixed(value); uniform(min, max); triangular(min, mode, max); normal(mean, sd);
///   lognormal(median, sigma): exp(ln median + sigma·Z); discrete(values, probabilities);
///   bernoulli(p): 1 with probability p, else 0.
class Distribution {
 public:
  Distribution() = default;  ///< fixed at 0
  static Distribution fixed(double value);
  static Distribution uniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  static Distribution normal(double mean, double sd);
  static Distribution lognormal(double median, double sigma);
  /// Values with their probabilities (summing to 1 within 1e-9; both checked by the caller,
  /// which knows the file and key). Stored sorted by value so that quantile() is monotone.
  static Distribution discrete(std::vector<double> values, std::vector<double> probabilities);
  static Distribution bernoulli(double p);

  DistributionKind kind() const { return kind_; }
  /// Whether every draw gives the same value.
  bool is_fixed() const;
  /// The inverse CDF at u ∈ (0, 1): the smallest x with F(x) ≥ u.
  double quantile(double u) const;
  double mean() const;
  double variance() const;
  /// As a scenario file would state it, e.g. "triangular(min 0.8, mode 1, max 1.3)".
  std::string describe() const;

  // Parameters (meaning by kind, see the class comment).
  double a() const { return a_; }
  double b() const { return b_; }
  double c() const { return c_; }
  const std::vector<double>& values() const { return values_; }
  const std::vector<double>& probabilities() const { return probabilities_; }

 private:
  DistributionKind kind_ = DistributionKind::fixed;
  double a_ = 0, b_ = 0, c_ = 0;
  std::vector<double> values_;
  std::vector<double> probabilities_;
  std::vector<double> cumulative_;
};

/// The standard normal quantile Φ⁻¹(p) for p ∈ (0, 1), by Wichura's algorithm AS 241 (PPND16,
/// Applied Statistics 37(3), 1988): about 16 correct digits; ±∞ at 0 and 1.
double inverse_normal_cdf(double p) noexcept;

/// open_uniform() of a variable in the draw whose stream_key(seed, draw) is `draw_key` (a draw's
/// variables share it: computed once per draw, the same bits).
constexpr double open_uniform_in(std::uint64_t draw_key, VariableKey key) noexcept {
  return (static_cast<double>(hash64_in(draw_key, key.packed()) >> 11) + 0.5) * 0x1.0p-53;
}

/// A uniform number strictly inside (0, 1) — the midpoint of one of 2^53 equal cells — keyed like
/// core::uniform, so that the normal and lognormal quantiles stay finite.
constexpr double open_uniform(std::uint64_t seed, std::uint64_t draw, VariableKey key) noexcept {
  return open_uniform_in(stream_key(seed, draw), key);
}

/// One draw of `d` for (seed, draw, key): d.quantile(open_uniform(seed, draw, key)).
inline double sample(const Distribution& d, std::uint64_t seed, std::uint64_t draw, VariableKey key) {
  return d.quantile(open_uniform(seed, draw, key));
}

}  // namespace decarbfund::core
