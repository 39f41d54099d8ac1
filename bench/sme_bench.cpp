// SME round allocation at scale. Targets: issue 5's 100,000 applications in any mode under 1 s
// (met); issue 21's 0.2 s for `sme allocate` end to end (BM_SmeAllocateCsv; docs/sme.md §7).
// The applications come from the generator (seed 1); the budget is scaled to half of what the
// eligible applications request, so every rule has to choose, as in an oversubscribed round.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "analysis/sme_allocation.hpp"
#include "core/diagnostic.hpp"
#include "data/award_table.hpp"
#include "data/load_applications.hpp"
#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace {

using namespace decarbfund;

struct Fixture {
  std::vector<model::Technique> techniques;
  std::vector<model::Application> applications;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture x;
    core::Diagnostics diags;
    x.techniques = data::load_sme_techniques(
                       std::string(DECARBFUND_SOURCE_DIR) + "/data/nl/sme-techniques.csv", diags)
                       .value();
    data::GeneratorConfig config;
    config.firms = 1'500'000;  // about 7.3 % of firms apply: some 109,000 applications
    config.seed = 1;
    x.applications = data::generate_applications(x.techniques, config);
    x.applications.resize(100'000);
    return x;
  }();
  return f;
}

model::Round round_for(const char* mode) {
  core::Diagnostics diags;
  auto round = data::load_round(std::string(DECARBFUND_SOURCE_DIR) + "/examples/rounds/" + mode +
                                    ".yaml",
                                fixture().techniques, diags)
                   .value();
  const auto requested = analysis::allocate_round(round, fixture().applications).summary.requested_eur;
  // Keep the fences' share of the budget as in the example.
  const double scale = 0.5 * requested / round.budget_eur;
  round.budget_eur *= scale;
  for (auto& f : round.fence_eur) {
    f *= scale;
  }
  return round;
}

void allocate(benchmark::State& state, const char* mode) {
  const auto& apps = fixture().applications;
  const auto round = round_for(mode);
  std::size_t awarded = 0;
  for (auto _ : state) {
    const auto result = analysis::allocate_round(round, apps);
    awarded = result.summary.awarded;
    benchmark::DoNotOptimize(awarded);
  }
  state.counters["applications"] = static_cast<double>(apps.size());
  state.counters["awarded"] = static_cast<double>(awarded);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(apps.size()));
}

// What `decarbfund sme allocate` does with 100,000 applications, less the file system: parse the
// application CSV (the generator's 100,000, as `sme generate` writes them), allocate the VEKI 2024
// round (data/nl/rounds/veki-2024.yaml, its own budget) and write the award CSV. Issue 21's goal:
// ≤ 0.2 s; docs/sme.md "Speed" has the figures.
void BM_SmeAllocateCsv(benchmark::State& state) {
  const auto& techniques = fixture().techniques;
  const std::string text = data::applications_csv(fixture().applications);
  core::Diagnostics load_diags;
  const auto round = data::load_round(std::string(DECARBFUND_SOURCE_DIR) + "/data/nl/rounds/veki-2024.yaml",
                                      techniques, load_diags)
                         .value();
  std::size_t bytes = 0;
  for (auto _ : state) {
    core::Diagnostics diags;
    const auto apps = data::parse_applications(text, "apps.csv", techniques, diags).value();
    const auto result = analysis::allocate_round(round, apps);
    const auto csv = data::awards_csv(result.awards, round);
    bytes = csv.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["applications"] = static_cast<double>(fixture().applications.size());
  state.counters["award_csv_bytes"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(fixture().applications.size()));
}

void BM_SmeGenerate(benchmark::State& state) {
  const auto& techniques = fixture().techniques;
  data::GeneratorConfig config;
  config.firms = static_cast<std::size_t>(state.range(0));
  config.seed = 1;
  for (auto _ : state) {
    auto apps = data::generate_applications(techniques, config);
    benchmark::DoNotOptimize(apps.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK_CAPTURE(allocate, fcfs, "fcfs")->Name("BM_SmeAllocate/fcfs")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(allocate, ranking, "ranking")->Name("BM_SmeAllocate/ranking")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(allocate, points, "points")->Name("BM_SmeAllocate/points")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(allocate, phases, "phases")->Name("BM_SmeAllocate/phases")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmeAllocateCsv)->Name("BM_SmeAllocateCsv/100000_applications")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmeGenerate)->Arg(100'000)->Unit(benchmark::kMillisecond);
