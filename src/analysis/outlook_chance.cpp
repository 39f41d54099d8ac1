// The outlook's P(target met) from a quick Monte Carlo (issue 14: the headline is an expected
// value; its chance comes from the same draws `decarbfund montecarlo` makes, fewer of them).

#include <algorithm>
#include <thread>

#include "analysis/montecarlo.hpp"
#include "analysis/outlook.hpp"

namespace decarbfund::analysis {

void estimate_p_target_met(const model::Model& model, const model::Scenario& scenario,
                           const model::Scenario& reference, const DealBook* deals, const SmeInput* sme,
                           std::uint32_t draws, Outlook& out) {
  if (draws == 0) {
    return;
  }
  MonteCarloOptions options;
  options.draws = draws;
  options.seed = scenario.seed;
  // The result is bit-identical for any thread count (analysis/montecarlo.hpp).
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto setup = prepare_montecarlo(model, scenario, reference, deals, options, sme);
  const auto result = run_montecarlo(setup, threads);
  out.quick_draws = draws;
  out.p_target_met = result.p_total;
}

}  // namespace decarbfund::analysis
