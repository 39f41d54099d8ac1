#pragma once
// Screening (issue 21): an upper bound on an option's NPV that costs a few multiplications, so a
// decision year computes the full NPV (economics.hpp, one pass over the option's lifetime) only
// for options that might clear the threshold. Most candidates never pay: on data/nl about nine in
// ten are dropped here, and the rest are decided exactly as before — the bound only removes
// options whose NPV provably stays below the threshold, which the decision loop would have passed
// over without a trace (no ledger touched, nothing recorded). So every result keeps its bits.
//
// The bound (docs/model.md "Firm response", "Screening"), for option i at site s, starting at
// year index `start`, decided in year index y, over its years t = start … last:
//   NPV = −capex·d^(start−y) + Σ_t [a(t)·(A·v(t) − Σ_j c_j·p_j(t)) − O&M]·d^(t−y)
// where a(t) is the site's activity (× the ramp-up share in the first year), A the tonnes it
// removes, v(t) the CO2 value, c_j the option's use of energy carrier j at price p_j(t) ≥ 0.
// The first year is taken exactly. After it: a(t) ≤ a_high and a(t) ≥ a_low (the site's activity
// range from start + 1 on), v(t) ≤ its value as the decision year opened (adoptions only lower a
// pool's projection, and the chance the pool is short rises with it: levy_expectation.hpp), and
// each energy term takes a_low where it costs and a_high where it saves. Sums over t come from
// prefix sums of price × d^t. A margin of 1e-9 of the terms' size (plus EUR 1) covers rounding.

#include "model/model.hpp"
#include "sim/inputs.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim::detail {

/// Series in Workspace::bound_prefix_: the discount factor, the ETS price and five energy prices.
inline constexpr std::size_t kBoundSeries = 7;

/// Once per run, before the first decision: the prefix sums and activity ranges of the bound, or
/// bounds_valid_ = false when the inputs break its assumptions (a negative price or activity).
void prepare_npv_bounds(const model::Model& model, const Inputs& in, Workspace& ws);

/// Options with a longer lifetime are never dropped by list_run_options (its table of discount
/// sums stops here; MIDDEN's longest is 50 years).
inline constexpr int kLongestScreenedLife = 200;

/// Once per run, after the committed projects: levy_bounded_, whether every levy rate and pool
/// total is finite (else the levy's expected price could be NaN, and below_in_run drops nothing).
void check_levy_bounded(Workspace& ws);

/// For list_run_options (response.hpp): a bound on option i's NPV at its start, at whatever start
/// from year index `first_start` on, margin included. It takes the run's highest CO2 value (ETS
/// and levy rate) and activity from `first_start` on, and the option's lowest energy costs. +inf
/// when in doubt (no valid bounds, a lifetime past kLongestScreenedLife). It depends on neither
/// the package nor the pools' projections, so a set-up kept from the last run keeps it (SetUp).
/// It knows nothing of SDE++ premiums: the caller keeps the options that may get one.
double run_npv_bound(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i,
                     int first_start);

/// Whether an NPV at the start of at most `bound_eur` (run_npv_bound), discounted to any decision
/// year of the run with its least and greatest discount factors, stays below `needed_eur`. false
/// when in doubt (NaN, no bound, a levy that is not bounded).
bool below_in_run(const Workspace& ws, double bound_eur, double needed_eur);

/// Opens decision year index y for the bound (the levy prefix sums are rebuilt on first use).
void open_bound_year(const Inputs& in, Workspace& ws, int y);

/// Whether option i, operating from year index `start` and decided in year index y, removing
/// `avoided_t` a year at base production (at least what it removes when evaluated later this
/// year), provably has an NPV below `threshold_eur`. false when in doubt.
bool cannot_reach(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int y, int start,
                  double avoided_t, double threshold_eur);

}  // namespace decarbfund::sim::detail
