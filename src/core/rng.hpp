#pragma once
// Counter-based random numbers (DESIGN §5 "Determinism"): every number is a pure function of
// (seed, stream, counter), so results never depend on call order, thread count or how many
// numbers other code drew. The mixer is SplitMix64's finaliser (Steele, Lea & Flood 2014,
// "Fast splittable pseudorandom number generators", OOPSLA), applied to a keyed combination;
// it passes BigCrush when used as a counter hash, which is plenty for Monte Carlo and the SME
// population generator.

#include <cmath>
#include <cstdint>
#include <numbers>

namespace decarbfund::core {

/// SplitMix64's output function: a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The part of hash64 that depends on (seed, stream) alone: computed once, it serves every
/// counter of the stream (hash64_in), e.g. every variable of one Monte Carlo draw.
constexpr std::uint64_t stream_key(std::uint64_t seed, std::uint64_t stream) noexcept {
  return mix64(mix64(seed) ^ stream);
}

/// hash64 of a counter in the stream whose stream_key() is `key`.
constexpr std::uint64_t hash64_in(std::uint64_t key, std::uint64_t counter) noexcept {
  return mix64(key ^ counter);
}

/// A 64-bit hash of (seed, stream, counter); each argument passes through the mixer before it
/// is combined with the next, so neighbouring keys give unrelated outputs.
constexpr std::uint64_t hash64(std::uint64_t seed, std::uint64_t stream,
                               std::uint64_t counter) noexcept {
  return hash64_in(stream_key(seed, stream), counter);
}

/// A uniform number in [0, 1) with 53 random bits, a pure function of its key.
constexpr double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter) noexcept {
  return static_cast<double>(hash64(seed, stream, counter) >> 11) * 0x1.0p-53;
}

/// Names one random variable of one entity (e.g. variable "cost factor" of firm 17), so that a
/// key reads as what it draws: uniform(seed, draw, VariableKey{kCostFactor, firm}).
struct VariableKey {
  std::uint32_t variable = 0;
  std::uint32_t entity = 0;
  constexpr std::uint64_t packed() const noexcept {
    return (static_cast<std::uint64_t>(variable) << 32) | entity;
  }
};

/// uniform() keyed by (seed, draw, variable of entity).
constexpr double uniform(std::uint64_t seed, std::uint64_t draw, VariableKey key) noexcept {
  return uniform(seed, draw, key.packed());
}

/// A standard normal number by Box–Muller from two keyed uniforms (counters 2k and 2k+1 of the
/// stream), still a pure function of the key.
inline double standard_normal(std::uint64_t seed, std::uint64_t stream,
                              std::uint64_t counter) noexcept {
  const double u1 = 1.0 - uniform(seed, stream, 2 * counter);  // (0, 1]: log is finite
  const double u2 = uniform(seed, stream, 2 * counter + 1);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace decarbfund::core
