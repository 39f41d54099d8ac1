#pragma once
// Monte Carlo over the outlook (issue 6, docs/uncertainty.md): P(target met) for the total and each
// leg, percentiles of the achieved reduction, of emissions per year (fan chart) and of the budget
// outlay, and which uncertain input matters most.
//
// The reference run is the reference's policy in the scenario's world (model/scenario_world.hpp), and
// each draw perturbs the resolved inputs of the reference and of the scenario with the same random
// numbers (common random numbers: prices, costs, delays and deal outcomes are properties of the
// world, not of the policy) and runs the outlook's three counterfactuals (outlook.hpp): reference,
// levy-only, full. A draw is a pure function of (seed, draw index): every random number is
// core::open_uniform(seed, draw, VariableKey{variable, entity}). Runs stop after the target year
// (sim::simulate's last_year): later decisions cannot change target-year emissions, and skipping
// them makes a draw ~4× cheaper.
//
// Determinism (DESIGN §5): draws are handed to std::thread workers in chunks, each result is stored
// at its draw index, and every statistic is computed afterwards from the whole table in draw order
// (sums) or by sorting (percentiles). 1, 2 or 16 threads — or N MPI ranks that each run a block of
// draws and gather the table to rank 0 — give the same bits.
//
// What is held (issue 21): a draw's simulated outcome, outcome_size() = 4 + years doubles. The drawn
// value of each uncertain input is not stored: it is a pure function of (seed, draw) and is
// regenerated one input column at a time for the rank correlations (draw_input_values for a whole
// record, as --draws-out writes it). The files: montecarlo_perturb (drawing and laying a draw over
// the inputs), montecarlo_run (cases and threads), montecarlo_statistics (percentiles, Spearman),
// montecarlo_tornado (which inputs get a one-at-a-time case), montecarlo.cpp (the summary).

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/outlook.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "sim/inputs.hpp"

namespace decarbfund::analysis {

/// What a random variable is; the number is part of the RNG key, so never renumber these.
enum class UncertainVariable : std::uint32_t {
  price_factor = 1,          ///< entity: model::PriceSeries
  capex = 2,                 ///< entity: option
  delta_emissions = 3,       ///< entity: option
  infrastructure_delay = 4,  ///< entity: infrastructure item
  permit_delay = 5,          ///< entity: option
  deal_realisation = 6,      ///< entity: deal (order of the DealBook)
  sme_realisation = 7,       ///< entity: 0 (the SME scheme as a whole)
  activity = 8,              ///< entity: activity group
  levy_balance_sigma = 9,    ///< entity: 0 (the uncertainty firms see in their DPR pool's balance)
};

/// One uncertain input as the reports name it: a single variable (the ETS price path, Aramis's
/// delay, Tata Steel's deal, one announced project's capex) or a group drawn independently per
/// member (the capex of all MIDDEN options), which sensitivity treats as one input.
struct UncertainInput {
  std::string id;           ///< e.g. "price:ets_eur_per_t", "delay:aramis", "capex:MIDDEN options"
  std::string label;        ///< for people
  std::string distribution; ///< as a scenario file would state it
  std::string unit;         ///< of the recorded value ("×", "yr", "EUR", "t/yr", "delivers", "quantile")
  bool group = false;       ///< several independent draws; the recorded value is their mean quantile
  bool bernoulli = false;   ///< a yes/no input (a deal delivers or falls through)
  int members = 1;
};

/// An input that is stated but has no effect on this outlook, with the reason (reported, not hidden).
struct InactiveInput {
  std::string id;
  std::string distribution;
  std::string reason;
};

/// Distribution summary: the mean and the P5 … P95 percentiles (linear interpolation between order
/// statistics, Hyndman & Fan type 7 — numpy's default).
struct Percentiles {
  double mean = 0, p5 = 0, p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0, p95 = 0;
};

/// Spearman's rank correlation of one input with the achieved target-year reduction.
struct RankCorrelation {
  std::size_t input = 0;  ///< index into MonteCarloResult::inputs
  double rho = 0;
};

/// One bar of the tornado: the achieved reduction with one input at its P10 and at its P90 (a deal:
/// falls through / delivers), every other input at its median.
struct TornadoBar {
  std::size_t input = 0;
  double low_value = 0, high_value = 0;  ///< the input at P10 / P90 (group: the quantile)
  double low_t = 0, high_t = 0;          ///< achieved reduction with it there
  double swing_t() const { return high_t > low_t ? high_t - low_t : low_t - high_t; }
};

/// How many inputs the tornado runs by default (`--tornado-top`): each costs two one-at-a-time
/// cases of three runs, so with an input per site the tornado would grow with the square of the
/// sites; capped, its cost is a constant 2 + 2 × 200 cases. 200, not fewer: data/nl has 143–144
/// inputs, and ranking them by |rho| is a poor screen there — with Tata Steel's deal dominating
/// the correlations, the top 20 by |rho| held only 3 of belastingplan-2026's 10 largest swings
/// (400 draws; docs/uncertainty.md). So data/nl's tornado runs every input, as before.
inline constexpr std::uint32_t kDefaultTornadoTop = 200;

struct MonteCarloOptions {
  std::uint32_t draws = 1000;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  /// The tornado runs the inputs with the largest |Spearman rho| up to this many (all of them when
  /// there are no more, or when 0); the others are listed as not run (docs/uncertainty.md).
  std::uint32_t tornado_top = kDefaultTornadoTop;
};

/// Everything fixed before the first draw: the base inputs of the reference and the scenario, and
/// which variables are uncertain. Built once; shared read-only by every worker (and every rank).
struct MonteCarloSetup {
  const model::Model* model = nullptr;
  model::Uncertainty uncertainty;
  std::string scenario, scenario_file, reference_scenario, policy_version, reference_policy_version;
  /// World keys the reference file set differently; its runs use the scenario's (as the outlook).
  std::vector<std::string> reference_world_replaced;
  std::string deals_dir;
  std::vector<std::string> deal_ids;
  PackageLeverSummary levers;  ///< the scenario's package levers, for the reports' header
  std::uint64_t seed = 0;
  std::uint32_t draws = 0;
  std::uint32_t tornado_top = kDefaultTornadoTop;  ///< MonteCarloOptions::tornado_top
  int start_year = 0;
  int target_year = 0;
  double required_t = 0, levy_leg_required_t = 0, package_leg_required_t = 0;
  bool package = true;  ///< whether the scenario's package is on (else full = levy-only)
  sim::Inputs reference_base, scenario_base;
  std::vector<int> reference_delay, scenario_delay;  ///< scenario-stated delay per infrastructure item
  std::vector<UncertainInput> inputs;
  std::vector<InactiveInput> inactive;
  // Per variable and entity: the input (index into `inputs`) it belongs to, −1 when not uncertain.
  std::vector<int> price_input;   ///< [PriceSeries]
  std::vector<int> capex_input;   ///< [option]
  std::vector<int> delta_input;   ///< [option]
  std::vector<int> permit_input;  ///< [option]
  std::vector<int> infra_input;   ///< [infrastructure]
  std::vector<int> deal_input;    ///< [deal]
  std::vector<int> activity_input;  ///< [activity group]
  std::vector<core::Distribution> activity_dist;  ///< [activity group]
  /// Each activity group's sites, in index order (sites without a group are in group 0).
  std::vector<std::vector<model::Index>> activity_sites;
  /// How far a year index is towards the drawn production multiplier: 0 up to the history's last
  /// year, rising linearly to 1 in the target year, 1 after ([year index], the scenario's years,
  /// which are the reference's: model::reference_with_world_of).
  std::vector<double> activity_weight;
  int levy_balance_input = -1;  ///< the multiplier on Inputs::levy_balance_sigma, −1 when fixed
  std::vector<core::Distribution> price_dist;  ///< [PriceSeries]
  std::vector<core::Distribution> capex_dist, delta_dist, infra_dist;  ///< per entity
  std::vector<double> deal_p;  ///< probability each deal delivers
  /// The SME scheme's expected tonnes per year index (empty without one); a draw scales them by
  /// x / E[x] with x from uncertainty.sme_realisation, so their mean stays the outlook's.
  std::vector<double> sme_t;
  int sme_input = -1;

  int years() const { return target_year - start_year + 1; }  ///< years recorded per draw
  /// Doubles simulated and held per draw: achieved, levy leg, package leg, outlay, emissions per year.
  std::size_t outcome_size() const { return 4 + static_cast<std::size_t>(years()); }
  /// Doubles of a draw's full record (--draws-out): the outcome, then each input's drawn value.
  std::size_t record_size() const { return outcome_size() + inputs.size(); }
};

/// Builds the setup. Throws core::Error (file, key path) when the uncertainty section names an
/// infrastructure item the dataset does not have.
/// `sme` (optional) is the SME scheme's part of the package, as the outlook takes it.
MonteCarloSetup prepare_montecarlo(const model::Model& model, const model::Scenario& scenario,
                                   const model::Scenario& reference, const DealBook* deals,
                                   const MonteCarloOptions& options, const SmeInput* sme = nullptr);

/// Runs draws [first, end) on `threads` workers; returns their outcomes, draw after draw
/// (outcome_size() doubles each; the inputs' values are regenerated where needed, not returned).
/// `done` (optional) counts finished draws for a progress bar.
std::vector<double> run_draws(const MonteCarloSetup& setup, std::uint32_t first, std::uint32_t end,
                              unsigned threads, std::atomic<std::uint32_t>* done = nullptr);

/// The drawn value of every uncertain input in draw `draw` (inputs.size() doubles into `values`),
/// regenerated from (seed, draw) without simulating: the same bits the draw used.
void draw_input_values(const MonteCarloSetup& setup, std::uint32_t draw, double* values);

/// Full records (record_size() doubles each) of draws first, first + 1, … from their outcomes:
/// for callers that want the whole table in memory (the Python package's DataFrame).
std::vector<double> draw_records(const MonteCarloSetup& setup, const std::vector<double>& outcomes,
                                 std::uint32_t first);

struct MonteCarloResult {
  const MonteCarloSetup* setup = nullptr;
  std::uint32_t draws = 0;
  double p_total = 0, p_levy_leg = 0, p_package_leg = 0;
  Percentiles achieved_t, levy_leg_t, package_leg_t, outlay_eur;
  std::vector<int> years;
  std::vector<Percentiles> emissions_t;  ///< full run, per year start … target
  /// The outlook without uncertainty (every input at the dataset's and scenario's central value).
  double central_achieved_t = 0, central_levy_leg_t = 0, central_package_leg_t = 0, central_outlay_eur = 0;
  double central_reference_t = 0;  ///< reference emissions in the target year (central)
  std::vector<RankCorrelation> rank_correlation;  ///< by |rho|, largest first
  double tornado_base_t = 0;  ///< achieved with every input at its median
  std::vector<TornadoBar> tornado;  ///< by swing, largest first
  /// Inputs the tornado did not run (beyond tornado_top by |rho|), in rank-correlation order;
  /// empty when it ran them all.
  std::vector<std::size_t> tornado_not_run;
};

/// Statistics of `outcomes` (run_draws' output for all draws, in draw order) plus the central run
/// and the tornado's one-at-a-time runs (on `threads` workers).
MonteCarloResult summarise_montecarlo(const MonteCarloSetup& setup, const std::vector<double>& outcomes,
                                      unsigned threads);

/// prepare + run_draws + summarise in one process; `progress(done)` is called about ten times a
/// second from the calling thread while draws run.
MonteCarloResult run_montecarlo(const MonteCarloSetup& setup, unsigned threads,
                                const std::function<void(std::uint32_t)>& progress = {});

namespace detail {
/// Whether the outlook reads prices.csv series `s` (so a draw can scale it): not the SME prices,
/// not the stated ETS reference prices (history).
bool outlook_reads_price(model::PriceSeries s);
/// Type-7 percentile of sorted values at q ∈ [0, 1].
double percentile_sorted(const std::vector<double>& sorted, double q);
/// Spearman's rho with average ranks for ties; 0 when either side is constant.
double spearman(const std::vector<double>& x, const std::vector<double>& y);
}  // namespace detail

}  // namespace decarbfund::analysis
