#pragma once
// One draw's uncertain inputs (docs/uncertainty.md "What is simulated per draw"). Every random
// number of a draw is drawn once into a DrawnWorld — the price multipliers, each option's capex and
// tonnes, the delays, whether each deal delivers — and that world is then laid over the reference's
// and over the scenario's base inputs: common random numbers, drawn once per draw (issue 21; they
// used to be drawn twice, once per run's inputs). The recorded value of each input comes from the
// same numbers, so a record can be regenerated from (seed, draw) without simulating
// (input_column, draw_input_values).

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/montecarlo.hpp"
#include "core/rng.hpp"
#include "sim/inputs.hpp"

namespace decarbfund::analysis::detail {

/// Where a draw's uniforms come from: the keyed RNG, or a forced quantile per input (NaN = drawn).
class Sampler {
 public:
  Sampler(std::uint64_t seed, std::uint64_t draw, const std::vector<double>* forced)
      : draw_key_(core::stream_key(seed, draw)), forced_(forced) {}
  double u(int input, UncertainVariable v, model::Index entity) const;

 private:
  std::uint64_t draw_key_;  ///< core::stream_key(seed, draw): the draw's part of every key
  const std::vector<double>* forced_;
};

/// Every quantity one draw sets, per entity (only the uncertain entities are written).
struct DrawnWorld {
  explicit DrawnWorld(const MonteCarloSetup& s);
  std::vector<double> price_factor;     ///< [PriceSeries] multiplier
  double levy_balance_factor = 1;       ///< multiplier on Inputs::levy_balance_sigma
  /// [activity group × year index] the multiplier on the sites' production in each year: the
  /// group's drawn multiplier, reached in the target year (MonteCarloSetup::activity_weight of the
  /// way there); drawn groups only.
  std::vector<double> activity_multiplier;
  std::vector<double> capex_eur;        ///< [option] the drawn capex
  std::vector<double> delta_t;          ///< [option] the drawn emission change
  /// [option] the drawn capex and emission change over the dataset's central value (where that is
  /// not 0): what scales each run's own central value (apply_world), divided once per draw.
  std::vector<double> capex_scale;
  std::vector<double> delta_scale;
  std::vector<int> permit_delay_yr;     ///< [option]
  std::vector<int> infra_delay_yr;      ///< [infrastructure item]
  std::vector<double> deal_delivers;    ///< [deal] 1 or 0
  double sme_factor = 1;                ///< x / E[x] of the SME realisation
  std::vector<double> values;           ///< [input] the recorded value (MonteCarloSetup::inputs' units)
};

/// Draws every uncertain quantity of one draw (or forced case) into `w`, and each input's value.
void draw_world(const MonteCarloSetup& s, const Sampler& smp, DrawnWorld& w);

/// Lays `w` over `base` into `out`. `out` must be a copy of `base`, or what an earlier call with the
/// same `base` made of one: only the values a draw may change are set (from `base`), the rest is
/// taken to be base's already. `stated_delay` is the run's scenario-stated delay per
/// infrastructure item.
void apply_world(const MonteCarloSetup& s, const sim::Inputs& base, const std::vector<int>& stated_delay,
                 const DrawnWorld& w, sim::Inputs& out);

/// What an input is drawn from: its (variable, entity) keys, in the order draw_world adds them up.
struct InputMember {
  UncertainVariable variable;
  model::Index entity;
};
std::vector<std::vector<InputMember>> input_members(const MonteCarloSetup& s);

/// Input `g`'s recorded value in draws first, first + 1, … (out.size() of them), regenerated from
/// the seed: bit for bit what draw_world records, at the cost of its members' uniforms.
void input_column(const MonteCarloSetup& s, std::size_t g, const std::vector<InputMember>& members,
                  std::uint32_t first, std::span<double> out);

}  // namespace decarbfund::analysis::detail
