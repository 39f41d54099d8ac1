#include "analysis/montecarlo_tornado.hpp"

#include <algorithm>

#include "analysis/montecarlo_perturb.hpp"
#include "analysis/montecarlo_run.hpp"

namespace decarbfund::analysis::detail {

namespace {
/// Quantiles of the tornado's one-at-a-time swings (P10 / P90); a yes/no input takes both outcomes.
constexpr double kLowQ = 0.10, kHighQ = 0.90, kMedianQ = 0.50;
constexpr double kCertainLow = 1e-12, kCertainHigh = 1 - 1e-12;
}  // namespace

TornadoPlan plan_tornado(const std::vector<RankCorrelation>& by_rho, std::size_t inputs, std::uint32_t top) {
  TornadoPlan plan;
  if (top == 0 || inputs <= top) {
    plan.run.resize(inputs);
    for (std::size_t g = 0; g < inputs; ++g) {
      plan.run[g] = g;
    }
    return plan;
  }
  for (std::size_t k = 0; k < by_rho.size(); ++k) {
    (k < top ? plan.run : plan.not_run).push_back(by_rho[k].input);
  }
  // Cases in input order, as when every input runs: equal swings then sort the same way.
  std::sort(plan.run.begin(), plan.run.end());
  return plan;
}

void run_tornado(const MonteCarloSetup& s, const TornadoPlan& plan, unsigned threads, MonteCarloResult& r) {
  // Case 0 = central, 1 = every input at its median, then low/high per input run.
  const auto inputs = s.inputs.size();
  const std::size_t os = s.outcome_size();
  const auto cases = static_cast<std::uint32_t>(2 + 2 * plan.run.size());
  std::vector<double> out(static_cast<std::size_t>(cases) * os, 0.0);
  std::vector<double> values(static_cast<std::size_t>(cases) * inputs, 0.0);
  parallel_for(
      0, cases, threads, nullptr, [&] { return Worker(s); },
      [&](Worker& w, std::uint32_t c) {
        double* outcome = out.data() + static_cast<std::size_t>(c) * os;
        double* vals = values.data() + static_cast<std::size_t>(c) * inputs;
        if (c == 0) {
          run_case(s, w, nullptr, outcome, vals);
          return;
        }
        std::vector<double> forced(inputs, kMedianQ);
        if (c >= 2) {
          const auto g = plan.run[(c - 2) / 2];
          const bool high = (c - 2) % 2 == 1;
          forced[g] = s.inputs[g].bernoulli ? (high ? kCertainHigh : kCertainLow) : (high ? kHighQ : kLowQ);
        }
        const Sampler smp{s.seed, 0, &forced};
        run_case(s, w, &smp, outcome, vals);
      });
  r.central_achieved_t = out[0];
  r.central_levy_leg_t = out[1];
  r.central_package_leg_t = out[2];
  r.central_outlay_eur = out[3];
  // Reference emissions in the target year = full-run emissions + achieved.
  r.central_reference_t = out[4 + static_cast<std::size_t>(s.years()) - 1] + out[0];
  r.tornado_base_t = out[os];
  for (std::size_t k = 0; k < plan.run.size(); ++k) {
    const auto g = plan.run[k];
    const std::size_t lo = 2 + 2 * k, hi = lo + 1;
    TornadoBar b;
    b.input = g;
    b.low_value = s.inputs[g].group ? kLowQ : values[lo * inputs + g];
    b.high_value = s.inputs[g].group ? kHighQ : values[hi * inputs + g];
    b.low_t = out[lo * os];
    b.high_t = out[hi * os];
    r.tornado.push_back(b);
  }
  std::stable_sort(r.tornado.begin(), r.tornado.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing_t() > b.swing_t(); });
  r.tornado_not_run = plan.not_run;
}

}  // namespace decarbfund::analysis::detail
