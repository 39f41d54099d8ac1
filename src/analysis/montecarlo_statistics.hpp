#pragma once
// Statistics over the draws (docs/uncertainty.md "How to read it"): percentiles of a column
// (Hyndman & Fan type 7) and each input's Spearman rank correlation with the achieved reduction,
// its column regenerated from the seed rather than stored (montecarlo_perturb.hpp).

#include <span>
#include <vector>

#include "analysis/montecarlo.hpp"

namespace decarbfund::analysis::detail {

/// Mean (summed in draw order: the same for any thread count) and P5 … P95 of `v`.
Percentiles summarise_column(std::vector<double> v);

/// Average ranks (1-based; ties share the mean of their ranks).
std::vector<double> ranks(std::span<const double> x);

/// Spearman's rho from the ranks of both sides; 0 when either side is constant.
double spearman_of_ranks(const std::vector<double>& rx, const std::vector<double>& ry);

/// Every input's rho with `achieved` (draws 0 … n − 1), sorted by |rho|, largest first (ties:
/// input order). Regenerates one input column at a time per thread: memory is a few columns of
/// draws, not the inputs × draws table.
std::vector<RankCorrelation> rank_correlations(const MonteCarloSetup& s, const std::vector<double>& achieved,
                                               unsigned threads);

}  // namespace decarbfund::analysis::detail
