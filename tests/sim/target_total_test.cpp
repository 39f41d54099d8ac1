// Accounting::target_total (issue 21) gives the last year's total emissions of the other modes bit
// for bit, though it stops deciding once no option of the run can operate by that year; and
// Accounting::path_and_outlay every year's total and support up to it, though it then decides only
// while the package may still pay an option. On
// data/nl and its shipped scenarios, in worlds far from them (far_worlds.hpp), with and without
// the package, to every last year from 2024 to 2040, and with the dataset's lead times (2–4 years)
// and with lead times of 0 to 4 years drawn per option (a decision in the last year itself then
// counts). Stopping a year too early, accounting a year too few, or a year left out that paid
// support, changes a total or an outlay.

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "sim/far_worlds.hpp"
#include "sim/inputs.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {
namespace {

/// The shipped model with each option's lead time drawn from 0–4 years.
model::Model with_drawn_lead_times(std::mt19937_64& rng) {
  auto model = test::shipped();
  for (auto& lead : model.options.lead_time_yr) {
    lead = static_cast<int>(rng() % 5);
  }
  return model;
}

/// Whether `all` paid support for an option that `target` (target_total) left undecided.
int package_paid_after(const Outcome& all, const Outcome& target) {
  for (std::size_t i = 0; i < all.option_decided.size(); ++i) {
    if (target.option_decided[i] < 0 && all.option_decided[i] >= 0 && all.option_support_eur[i] > 0) {
      return 1;
    }
  }
  return 0;
}

TEST(TargetTotal, GivesTheLastYearsTotalOfTheOtherModes) {
  std::mt19937_64 rng(20261204);
  const model::Model drawn_leads = with_drawn_lead_times(rng);
  int skipped = 0, path_skipped = 0, paid_late = 0, compared = 0;
  for (const model::Model* model : {&test::shipped(), &drawn_leads}) {
    for (const auto& name : test::shipped_scenario_names()) {
      const auto pair = test::shipped_scenario(name);
      for (int world = 0; world < 4; ++world) {
        auto in = test::far_world(pair.scenario, world, rng);
        for (const bool package : {false, true}) {
          in.package_enabled = package;
          for (int last_year = 2024; last_year <= 2040; ++last_year) {
            const std::string what = name + " world " + std::to_string(world) + (package ? ", package" : "") +
                                     " to " + std::to_string(last_year) +
                                     (model == &drawn_leads ? ", drawn lead times" : "");
            Workspace target(*model, in), path(*model, in), lean(*model, in), full(*model, in);
            simulate(*model, in, target, last_year, Accounting::target_total);
            simulate(*model, in, path, last_year, Accounting::path_and_outlay);
            simulate(*model, in, lean, last_year, Accounting::emissions);
            simulate(*model, in, full, last_year, Accounting::full);
            const auto y = static_cast<std::size_t>(last_year - in.start_year);
            // Bit for bit: the same bits, not merely close.
            EXPECT_EQ(target.outcome().total_emissions_t[y], lean.outcome().total_emissions_t[y]) << what;
            EXPECT_EQ(target.outcome().total_emissions_t[y], full.outcome().total_emissions_t[y]) << what;
            EXPECT_EQ(path.outcome().total_emissions_t, lean.outcome().total_emissions_t) << what;
            EXPECT_EQ(path.outcome().support_outlay_eur, lean.outcome().support_outlay_eur) << what;
            EXPECT_EQ(path.outcome().support_outlay_eur, full.outcome().support_outlay_eur) << what;
            ++compared;
            skipped += target.outcome().option_decided != lean.outcome().option_decided ? 1 : 0;
            path_skipped += path.outcome().option_decided != lean.outcome().option_decided ? 1 : 0;
            paid_late += package_paid_after(lean.outcome(), target.outcome());
          }
        }
      }
    }
  }
  // The test means something only where decisions were left out (else the totals agree trivially),
  // and where the package paid in a year target_total leaves out (which path_and_outlay must run).
  EXPECT_GT(skipped, compared / 4);
  EXPECT_GT(path_skipped, compared / 10);
  EXPECT_GT(paid_late, 20);
}

}  // namespace
}  // namespace decarbfund::sim
