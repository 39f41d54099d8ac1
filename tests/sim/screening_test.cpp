// Screening (npv_bound.hpp, issue 21) changes no result: on data/nl and its shipped scenarios,
// with the inputs pushed around far beyond what Monte Carlo draws (prices, capex, hurdle rate,
// ramp-up, threshold, deals falling through), a run that screens gives the same bits as one that
// computes every option's NPV in every decision year. A bound that is not an upper bound drops an
// option that would have been adopted, and a decision or a tonne differs.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "sim/far_worlds.hpp"
#include "sim/inputs.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {
namespace {

void expect_same_run(const model::Model& model, const Inputs& in, int last_year, const std::string& what) {
  Workspace screened(model, in), every(model, in);
  every.screening = false;
  simulate(model, in, screened, last_year);
  simulate(model, in, every, last_year);
  test::expect_same_outcome(screened.outcome(), every.outcome(), what);
}

TEST(Screening, ChangesNoResultOnTheShippedDataInFarWorlds) {
  const auto& model = test::shipped();
  std::mt19937_64 rng(20261204);
  std::size_t listed = 0, options = 0;
  for (const auto& name : test::shipped_scenario_names()) {
    const auto pair = test::shipped_scenario(name);
    for (int world = 0; world < 8; ++world) {
      for (const auto* scenario : {&pair.scenario, &pair.reference}) {
        auto in = test::far_world(*scenario, world, rng);
        in.package_enabled = scenario == &pair.scenario;
        const std::string what = name + " world " + std::to_string(world) + (in.package_enabled ? "" : " (reference)");
        // The whole horizon, and a run that stops at 2030 as Monte Carlo's do.
        expect_same_run(model, in, in.end_year, what);
        expect_same_run(model, in, 2030, what + " to 2030");
        Workspace ws(model, in);
        simulate(model, in, ws, 2030);
        listed += ws.run_options_.size();
        options += model.options.size();
      }
    }
  }
  // The test means something only if the run-wide screen drops options (the yearly one drops
  // most of the rest).
  EXPECT_LT(listed, options * 3 / 4);
}

TEST(Screening, AnActivityBelowZeroOrNaNTurnsTheBoundsOff) {
  // The bound assumes activity ≥ 0 (npv_bound.hpp); one cell anywhere that is not turns it off,
  // and the run is then the unscreened one's.
  const auto& model = test::shipped();
  const auto pair = test::shipped_scenario("belastingplan-2026");
  const auto base = resolve_inputs(model, pair.scenario);
  Workspace ws(model, base);
  simulate(model, base, ws, 2030);
  ASSERT_TRUE(ws.bounds_valid_);
  const std::size_t cells = base.site_activity.size();
  for (const std::size_t cell : {std::size_t{0}, cells / 2 + 3, cells - 1}) {
    for (const double bad : {-1e-9, std::numeric_limits<double>::quiet_NaN()}) {
      auto in = base;
      in.site_activity[cell] = bad;
      simulate(model, in, ws, 2030);
      EXPECT_FALSE(ws.bounds_valid_) << "cell " << cell << " = " << bad;
      if (!std::isnan(bad)) {  // (a NaN emission equals nothing, not even itself)
        expect_same_run(model, in, 2030, "activity cell " + std::to_string(cell));
      }
    }
  }
}

}  // namespace
}  // namespace decarbfund::sim
