// Benchmarks of the outlook path on the embedded dataset (issue 3: one outlook run — load +
// simulate + accounting — under 100 ms on the 2-core machine; issue 21: one `decarbfund outlook`
// in ≤ 20 ms, BM_OutlookCommand here and bench/outlook_process.sh for the whole process).

#include <benchmark/benchmark.h>

#include "analysis/outlook.hpp"
#include "data/load_dataset.hpp"
#include "report/outlook_report.hpp"
#include "runs/run_inputs.hpp"
#include "data/load_scenario.hpp"
#include "sim/simulate.hpp"

namespace {

using namespace decarbfund;

const std::string kRoot = DECARBFUND_SOURCE_DIR;

model::Scenario scenario(const std::string& name) {
  core::Diagnostics d;
  return *data::load_scenario(kRoot + "/scenarios/" + name, d);
}

void BM_LoadDataset(benchmark::State& state) {
  for (auto _ : state) {
    auto m = data::load_dataset_or_throw(kRoot + "/data/nl");
    benchmark::DoNotOptimize(m.sites.size());
  }
}
BENCHMARK(BM_LoadDataset)->Unit(benchmark::kMillisecond);

void BM_Simulate(benchmark::State& state) {
  const auto m = data::load_dataset_or_throw(kRoot + "/data/nl");
  const auto in = sim::resolve_inputs(m, scenario("belastingplan-2026.yaml"));
  sim::Workspace ws(m, in);
  for (auto _ : state) {
    sim::simulate(m, in, ws);
    benchmark::DoNotOptimize(ws.outcome().total_emissions_t.data());
  }
}
BENCHMARK(BM_Simulate)->Unit(benchmark::kMillisecond);

// What `decarbfund outlook` does before printing: load the dataset and both scenarios, three
// simulations and the target accounting.
void BM_OutlookLoadSimulateAccount(benchmark::State& state) {
  for (auto _ : state) {
    const auto m = data::load_dataset_or_throw(kRoot + "/data/nl");
    const auto s = scenario("belastingplan-2026.yaml");
    const auto r = scenario("klimaatakkoord.yaml");
    auto o = analysis::run_outlook(m, s, r);
    benchmark::DoNotOptimize(o.achieved_t);
  }
}
BENCHMARK(BM_OutlookLoadSimulateAccount)->Unit(benchmark::kMillisecond);

// What `decarbfund outlook` does in-process, less start-up and the terminal (cli/outlook.cpp):
// load the dataset with its 13 deal files, the scenario and its reference, the SME round over
// the generated population of 5,000 firms, the outlook with each deal's own effect, and the
// text and JSON reports.
void BM_OutlookCommand(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto setup = runs::load_run_setup(kRoot + "/data/nl", kRoot + "/scenarios/belastingplan-2026.yaml", "",
                                            kRoot + "/data/nl/deals", false);
    const auto sme = runs::load_sme_input(kRoot + "/data/nl", {}, setup.scenario);
    auto o = analysis::run_outlook(setup.model(), setup.scenario, setup.reference, setup.deal_book(),
                                   sme ? &*sme : nullptr);
    bytes = report::outlook_text(setup.model(), o).size() + report::outlook_json(setup.model(), o).size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["report_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_OutlookCommand)->Unit(benchmark::kMillisecond);

}  // namespace
