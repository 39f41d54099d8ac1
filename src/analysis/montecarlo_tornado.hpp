#pragma once
// The tornado (docs/uncertainty.md "How to read it"): the central run, the base case (every input at
// its median) and, per input it runs, the input at its P10 and at its P90 (a deal: falls through /
// delivers) with every other input at its median. Each case is three runs, as a draw; with an input
// per site, 2 + 2 × inputs cases would grow with the square of the sites, so it runs the
// MonteCarloSetup::tornado_top inputs with the largest |Spearman rho| and lists the others as not run
// (issue 21).

#include <cstddef>
#include <vector>

#include "analysis/montecarlo.hpp"

namespace decarbfund::analysis::detail {

/// Which inputs the tornado runs: all when there are at most `top` (or `top` is 0); else the first
/// `top` of `by_rho` (rank_correlations' order). `run` is in input order, `not_run` in |rho| order.
struct TornadoPlan {
  std::vector<std::size_t> run;
  std::vector<std::size_t> not_run;
};
TornadoPlan plan_tornado(const std::vector<RankCorrelation>& by_rho, std::size_t inputs, std::uint32_t top);

/// Runs the central case and the plan's cases on `threads` workers into `r`: the central legs,
/// outlay and reference emissions, tornado_base_t, tornado (by swing) and tornado_not_run.
void run_tornado(const MonteCarloSetup& s, const TornadoPlan& plan, unsigned threads, MonteCarloResult& r);

}  // namespace decarbfund::analysis::detail
