#include "analysis/montecarlo_run.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "sim/sde.hpp"

namespace decarbfund::analysis {

namespace detail {

void run_case(const MonteCarloSetup& s, Worker& w, const Sampler* smp, double* outcome, double* values) {
  const auto& model = *s.model;
  const int t = s.target_year - s.start_year;
  const auto ty = static_cast<std::size_t>(t);
  if (smp != nullptr) {
    // One draw of every random number, laid over both runs' inputs (common random numbers).
    draw_world(s, *smp, w.drawn);
    apply_world(s, s.reference_base, s.reference_delay, w.drawn, w.reference);
    apply_world(s, s.scenario_base, s.scenario_delay, w.drawn, w.scenario);
  } else {
    w.reference = s.reference_base;
    w.scenario = s.scenario_base;
  }
  if (values != nullptr) {
    std::fill(values, values + s.inputs.size(), 0.0);
    if (smp != nullptr) {
      std::copy(w.drawn.values.begin(), w.drawn.values.end(), values);
    }
  }
  // Of the reference run only the target year's total is read; of the levy-only run too, unless
  // its path is the draw's (no package: no full run follows).
  sim::simulate(model, w.reference, w.ws, s.target_year, sim::Accounting::target_total);
  const double r = w.ws.outcome().total_emissions_t[ty];
  w.scenario.package_enabled = false;
  // The two policies in one world make the same SDE++ offers (as a rule: checked, bit for bit).
  sim::simulate(model, w.scenario, w.ws, s.target_year,
                s.package ? sim::Accounting::target_total : sim::Accounting::path_and_outlay,
                sim::same_sde_offers(w.reference, w.scenario) ? sim::SetUp::fresh_but_offers : sim::SetUp::fresh);
  const double l = w.ws.outcome().total_emissions_t[ty];
  double f = l;
  double outlay = 0;
  if (s.package) {
    // The same inputs but the package, on the same workspace: the levy-only run's set-up holds.
    w.scenario.package_enabled = true;
    sim::simulate(model, w.scenario, w.ws, s.target_year, sim::Accounting::path_and_outlay,
                  sim::SetUp::kept_but_package);
    f = w.ws.outcome().total_emissions_t[ty];
    for (int y = 0; y <= t; ++y) {
      outlay += w.ws.outcome().support_outlay_eur[static_cast<std::size_t>(y)];
    }
  }
  // The SME scheme's expected tonnes come off the full run's total (as in the outlook), scaled by
  // this draw's realisation relative to its mean.
  const double sme_factor = smp != nullptr ? w.drawn.sme_factor : 1.0;
  if (!s.sme_t.empty()) {
    f -= sme_factor * s.sme_t[ty];
  }
  // The emissions path of the full run (the levy-only run's when the package is off: the
  // workspace still holds it).
  outcome[0] = r - f;
  outcome[1] = r - l;
  outcome[2] = l - f;
  outcome[3] = outlay;
  for (int y = 0; y <= t; ++y) {
    outcome[4 + y] = w.ws.outcome().total_emissions_t[static_cast<std::size_t>(y)] -
                     (s.sme_t.empty() ? 0.0 : sme_factor * s.sme_t[static_cast<std::size_t>(y)]);
  }
}

}  // namespace detail

std::vector<double> run_draws(const MonteCarloSetup& s, std::uint32_t first, std::uint32_t end, unsigned threads,
                              std::atomic<std::uint32_t>* done) {
  const std::size_t os = s.outcome_size();
  std::vector<double> outcomes(static_cast<std::size_t>(end - first) * os, 0.0);
  detail::parallel_for(
      first, end, threads, done, [&] { return detail::Worker(s); },
      [&](detail::Worker& w, std::uint32_t d) {
        const detail::Sampler smp{s.seed, d, nullptr};
        detail::run_case(s, w, &smp, outcomes.data() + static_cast<std::size_t>(d - first) * os, nullptr);
      });
  return outcomes;
}

void draw_input_values(const MonteCarloSetup& s, std::uint32_t draw, double* values) {
  detail::DrawnWorld w(s);
  detail::draw_world(s, detail::Sampler{s.seed, draw, nullptr}, w);
  std::copy(w.values.begin(), w.values.end(), values);
}

std::vector<double> draw_records(const MonteCarloSetup& s, const std::vector<double>& outcomes, std::uint32_t first) {
  const std::size_t os = s.outcome_size(), rs = s.record_size();
  const std::size_t n = outcomes.size() / os;
  std::vector<double> records(n * rs);
  detail::DrawnWorld w(s);
  for (std::size_t d = 0; d < n; ++d) {
    std::copy_n(outcomes.begin() + static_cast<std::ptrdiff_t>(d * os), os, records.begin() + static_cast<std::ptrdiff_t>(d * rs));
    detail::draw_world(s, detail::Sampler{s.seed, first + d, nullptr}, w);
    std::copy(w.values.begin(), w.values.end(), records.begin() + static_cast<std::ptrdiff_t>(d * rs + os));
  }
  return records;
}

MonteCarloResult run_montecarlo(const MonteCarloSetup& setup, unsigned threads,
                                const std::function<void(std::uint32_t)>& progress) {
  std::atomic<std::uint32_t> done{0};
  std::vector<double> outcomes;
  if (progress) {
    std::thread runner([&] { outcomes = run_draws(setup, 0, setup.draws, threads, &done); });
    while (done.load() < setup.draws) {
      progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    runner.join();
    progress(setup.draws);
  } else {
    outcomes = run_draws(setup, 0, setup.draws, threads, nullptr);
  }
  return summarise_montecarlo(setup, outcomes, threads);
}

}  // namespace decarbfund::analysis
