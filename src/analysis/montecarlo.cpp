// The summary of a Monte Carlo run (montecarlo.hpp): shares of draws that meet the target,
// percentiles per column, rank correlations, then the central run and the tornado.

#include "analysis/montecarlo.hpp"

#include "analysis/montecarlo_statistics.hpp"
#include "analysis/montecarlo_tornado.hpp"

namespace decarbfund::analysis {

namespace {
/// A leg or the total counts as met when it falls short by less than half a tonne: the legs are
/// differences of sums over ~270 sites, exact only to rounding.
constexpr double kMetTolerance_t = 0.5;
}  // namespace

MonteCarloResult summarise_montecarlo(const MonteCarloSetup& s, const std::vector<double>& outcomes, unsigned threads) {
  MonteCarloResult r;
  r.setup = &s;
  const std::size_t os = s.outcome_size();
  const std::size_t n = outcomes.size() / os;
  r.draws = static_cast<std::uint32_t>(n);
  // One column of doubles at a time: the outcomes are held, nothing else is per draw.
  const auto column = [&](std::size_t c) {
    std::vector<double> v(n);
    for (std::size_t d = 0; d < n; ++d) {
      v[d] = outcomes[d * os + c];
    }
    return v;
  };
  const auto share_met = [&](std::size_t c, double required) {
    std::size_t met = 0;
    for (std::size_t d = 0; d < n; ++d) {
      met += outcomes[d * os + c] >= required - kMetTolerance_t ? 1 : 0;
    }
    return n == 0 ? 0.0 : static_cast<double>(met) / static_cast<double>(n);
  };
  r.p_total = share_met(0, s.required_t);
  r.p_levy_leg = share_met(1, s.levy_leg_required_t);
  r.p_package_leg = share_met(2, s.package_leg_required_t);
  const auto achieved = column(0);
  r.achieved_t = detail::summarise_column(achieved);
  r.levy_leg_t = detail::summarise_column(column(1));
  r.package_leg_t = detail::summarise_column(column(2));
  r.outlay_eur = detail::summarise_column(column(3));
  for (int y = 0; y < s.years(); ++y) {
    r.years.push_back(s.start_year + y);
    r.emissions_t.push_back(detail::summarise_column(column(4 + static_cast<std::size_t>(y))));
  }
  r.rank_correlation = detail::rank_correlations(s, achieved, threads);
  detail::run_tornado(s, detail::plan_tornado(r.rank_correlation, s.inputs.size(), s.tornado_top), threads, r);
  return r;
}

}  // namespace decarbfund::analysis
