#pragma once
// The cases of a Monte Carlo run and the threads that run them: a case is one draw (or the central
// run, or a tornado case with forced quantiles) = the outlook's three runs, reference, levy-only
// and full, recorded as an outcome (MonteCarloSetup::outcome_size()). Used by run_draws and by the
// summary's central and tornado cases.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "analysis/montecarlo.hpp"
#include "analysis/montecarlo_perturb.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis::detail {

/// One worker's buffers: the draw's world, a copy of each base input to lay it over, a workspace.
struct Worker {
  explicit Worker(const MonteCarloSetup& s)
      : drawn(s), reference(s.reference_base), scenario(s.scenario_base), ws(*s.model, s.scenario_base) {
    ws.remember_sde_offers();  // the levy-only and full runs take the reference run's (run_case)
  }
  DrawnWorld drawn;
  sim::Inputs reference;
  sim::Inputs scenario;
  sim::Workspace ws;
};

/// The three runs of one case into `outcome` (outcome_size() doubles); `values` (optional) gets the
/// inputs' recorded values (inputs.size() doubles, 0 for the central case). `smp == nullptr`: the
/// central case (no perturbation).
void run_case(const MonteCarloSetup& s, Worker& w, const Sampler* smp, double* outcome, double* values);

/// Calls fn(state, i) for i in [first, end) on up to `threads` std::threads, in chunks of 8; each
/// thread makes its own state with make_state(). Results must go to slots indexed by i: that is
/// what makes the bits independent of the thread count.
template <typename MakeState, typename Fn>
void parallel_for(std::uint32_t first, std::uint32_t end, unsigned threads, std::atomic<std::uint32_t>* done,
                  MakeState&& make_state, Fn&& fn) {
  if (end <= first) {
    return;
  }
  constexpr std::uint32_t kChunk = 8;
  const auto n = end - first;
  const unsigned workers = std::max(1u, std::min(threads, (n + kChunk - 1) / kChunk));
  std::atomic<std::uint32_t> next{first};
  auto loop = [&] {
    auto state = make_state();
    while (true) {
      const std::uint32_t begin = next.fetch_add(kChunk);
      if (begin >= end) {
        break;
      }
      const std::uint32_t stop = std::min(end, begin + kChunk);
      for (std::uint32_t i = begin; i < stop; ++i) {
        fn(state, i);
      }
      if (done != nullptr) {
        done->fetch_add(stop - begin);
      }
    }
  };
  if (workers == 1) {
    loop();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (unsigned k = 0; k < workers; ++k) {
    pool.emplace_back(loop);
  }
  for (auto& th : pool) {
    th.join();
  }
}

}  // namespace decarbfund::analysis::detail
