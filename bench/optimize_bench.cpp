// The portfolio MIP at the size issue 7 asks for: the embedded dataset (its deal files as candidates)
// plus 5,000 generated SME applications, solved to a 1 % relative gap; the target is ≤ 30 s on
// the project machine (docs/optimize.md "Performance").

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"
#include "optimize/build_problem.hpp"
#include "optimize/portfolio.hpp"

namespace {

using namespace decarbfund;

struct Fixture {
  model::Model model;
  model::Scenario scenario;
  std::vector<model::Technique> techniques;
  model::Round round;
  std::vector<model::Application> applications;
  std::vector<optimize::DealInput> deals;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    const std::string root = DECARBFUND_SOURCE_DIR;
    Fixture x;
    core::Diagnostics diags;
    x.model = data::load_dataset_or_throw(root + "/data/nl");
    x.scenario = data::load_scenario(root + "/scenarios/belastingplan-2026.yaml", diags).value();
    x.techniques = data::load_sme_techniques(root + "/data/nl/sme-techniques.csv", diags).value();
    x.round = data::load_round(root + "/data/nl/rounds/veki-2024.yaml", x.techniques, diags).value();
    data::GeneratorConfig config;
    config.firms = 80'000;  // about 7 % of firms apply: some 5,800 applications, cut to 5,000
    config.seed = 1;
    config.opens = x.round.opens;
    config.closes = x.round.closes;
    x.applications = data::generate_applications(x.techniques, config);
    x.applications.resize(5'000);
    const auto files = data::load_deals(root + "/data/nl/deals", diags).value();
    const auto phases = data::load_phases(root + "/data/nl/deals/phases.yaml", diags).value();
    x.deals = optimize::deal_inputs(x.model, files, phases);
    return x;
  }();
  return f;
}

/// Build and solve: max expected reduction with a budget of EUR `range(0)` m: 7,000 is the
/// verb's default (nothing binds), 300 makes the budget bind and the knapsack real.
void BM_OptimizePortfolio(benchmark::State& state) {
  const auto& f = fixture();
  optimize::BuildOptions options;
  options.budget.total_eur = static_cast<double>(state.range(0)) * 1e6;
  optimize::SmeInput sme;
  sme.round = &f.round;
  sme.applications = f.applications;
  optimize::SolverSettings settings;
  settings.relative_gap = 0.01;
  settings.time_limit_s = 30;
  optimize::Solution solution;
  std::size_t candidates = 0;
  for (auto _ : state) {
    const auto built = optimize::build_problem(f.model, f.scenario, f.deals, sme, options);
    solution = optimize::solve_portfolio(built.problem, settings);
    candidates = built.problem.projects.size() + built.problem.sme.size();
    benchmark::DoNotOptimize(solution.reduction_t);
  }
  state.counters["applications"] = static_cast<double>(f.applications.size());
  state.counters["candidates"] = static_cast<double>(candidates);
  state.counters["reduction_t"] = solution.reduction_t;
  state.counters["gap"] = solution.gap;
  state.counters["optimal"] = solution.status == optimize::Status::optimal ? 1 : 0;
  state.counters["solve_s"] = solution.seconds;
}
BENCHMARK(BM_OptimizePortfolio)->Arg(300)->Arg(7000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
