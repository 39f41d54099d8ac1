// The outlook's target accounting on the tiny fixture: the legs add up to the total, the package
// leg's instrument lines add up to the leg, and the reduction is measured against the reference;
// on data/nl, nothing is clamped and the MACC stays below emissions.

#include "analysis/outlook.hpp"

#include <limits>
#include <map>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

using test::levy_scenario;
using test::tiny;

TEST(Outlook, LegsAddUpToTheTotal) {
  // Reference: a levy with plenty of DPRs (no bite). Scenario: a biting levy (in DPR shortage the
  // cracker's capture pays two years before the ETS alone makes it pay) plus a package. Target
  // year 2028: by 2030 the capture runs in both runs and the store is full (the incinerator's
  // capture cannot follow), so the levy's tonnes are in the years between.
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  scenario.target.year = 2028;
  const auto o = run_outlook(tiny(), scenario, reference);
  const int t = o.target_index();
  const double r = o.reference().total_emissions_t[static_cast<std::size_t>(t)];
  const double l = o.runs[1].outcome.total_emissions_t[static_cast<std::size_t>(t)];
  const double f = o.full().total_emissions_t[static_cast<std::size_t>(t)];
  EXPECT_DOUBLE_EQ(o.levy_leg_t, r - l);
  EXPECT_DOUBLE_EQ(o.package_leg_t, l - f);
  // Every deal delivers here (no deal file: the package's projects are certain), so the expected
  // figures are the every-deal ones.
  EXPECT_DOUBLE_EQ(o.achieved_t, o.levy_leg_t + o.package_leg_t);
  EXPECT_DOUBLE_EQ(o.achieved_t, r - f);
  EXPECT_DOUBLE_EQ(o.achieved_if_every_deal_delivers_t, o.achieved_t);
  EXPECT_DOUBLE_EQ(o.gap_t, 300'000 - o.achieved_t);
  EXPECT_GT(o.levy_leg_t, 0.0) << "a biting levy must reduce emissions here";
  double credits = 0;
  for (const auto& c : o.package_credits) {
    credits += c.reduction_t;
  }
  EXPECT_NEAR(credits, o.package_leg_t, 1e-6);
  // O6, the announced project, needs the package's support at the dataset's ETS path.
  EXPECT_DOUBLE_EQ(o.package_leg_t, 30'000);
  ASSERT_FALSE(o.package_credits.empty());
  EXPECT_EQ(o.package_credits[0].instrument, "maatwerk: Oil B");
  EXPECT_GT(o.package_credits[0].support_eur, 0.0);
  EXPECT_EQ(o.policy_version, "tight");
  EXPECT_EQ(o.reference_policy_version, "reference");
}

TEST(Outlook, SameScenarioAsReferenceAchievesNothing) {
  auto s = levy_scenario(100.0, 1.0, "same");
  s.package_enabled = false;
  const auto o = run_outlook(tiny(), s, s);
  EXPECT_EQ(o.achieved_t, 0.0);
  EXPECT_EQ(o.levy_leg_t, 0.0);
  EXPECT_EQ(o.package_leg_t, 0.0);
}

TEST(Outlook, WorldKeysMoveTheReferenceAsTheScenario) {
  // One world, two policies (issue 14): a scenario that differs from its reference only in world
  // keys — a higher ETS path, lower production, a later grid, a different hurdle rate — achieves
  // exactly nothing, because the reference run takes the scenario's world. Before the split the
  // reference kept its own prices and the ETS change was booked as a levy leg.
  auto reference = levy_scenario(100.0, 1.0, "reference");
  reference.package_enabled = false;
  auto scenario = reference;
  scenario.name = "world-only";
  for (int y = 2024; y <= 2040; ++y) {
    scenario.prices["ets_eur_per_t"].set(y, 250.0);
    scenario.activity["all"].set(y, 0.8);  // the tiny fixture's one activity group, after its history
  }
  scenario.infrastructure_delay_yr["grid_port"] = 2;
  scenario.response.hurdle_rate = 0.05;
  const auto o = run_outlook(tiny(), scenario, reference);
  EXPECT_EQ(o.levy_leg_t, 0.0);
  EXPECT_EQ(o.package_leg_t, 0.0);
  EXPECT_EQ(o.reference().total_emissions_t, o.runs[1].outcome.total_emissions_t)
      << "the reference must see the scenario's world in every year";
  EXPECT_EQ(o.reference_world_replaced,
            (std::vector<std::string>{"activity.all", "infrastructure_delay_yr.grid_port", "prices.ets_eur_per_t",
                                      "response.hurdle_rate"}));
  // The world change is real: the same scenario against its own reference moves emissions.
  const auto base = run_outlook(tiny(), reference, reference);
  EXPECT_NE(base.reference().total_emissions_t, o.reference().total_emissions_t);
  EXPECT_TRUE(base.reference_world_replaced.empty());
}

/// The tiny fixture with SDE++ tables: one 2024 round that holds any obligation, a CCS category
/// (15 yr, floor 2/3, cap 300 EUR/t) that takes the cracker's capture O2.
model::Model tiny_with_sde() {
  auto m = tiny();
  const double none = std::numeric_limits<double>::quiet_NaN();
  m.sde.rounds = {{2024}, {1e12}, {1.0}, {300.0}, {none}};
  m.sde.categories = {{"ccs"}, {"CO2 capture and storage"}, {15}, {2.0 / 3.0}, {0}, {none}};
  m.sde.option_category.assign(m.options.size(), model::kNone);
  m.sde.option_category[m.find_option("O2")] = 0;
  return m;
}

TEST(Outlook, SdeIsItsOwnLineAndNoLegCountsIt) {
  // ETS flat at 100 EUR/t: the cracker's capture O2 (full cost ~126 EUR/t at the fixture's
  // prices, operating cost ~64) pays only with SDE++ (tests/sim/sde_test.cpp). Scenario and reference have the same levy, so the levy leg must be
  // 0 although SDE++ removes O2's tonnes in every run: SDE++ is world, on in all three runs — the
  // reference file's `instruments.sde: false` is replaced by the scenario's.
  const auto m = tiny_with_sde();
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  reference.sde_enabled = false;
  auto scenario = levy_scenario(0.0, 2.0, "same-levy");
  scenario.sde_enabled = true;
  for (auto* s : {&reference, &scenario}) {
    for (int y = 2020; y <= 2040; ++y) {
      s->prices["ets_eur_per_t"].set(y, 100.0);
    }
  }
  const auto o = run_outlook(m, scenario, reference);
  const auto o2 = m.find_option("O2");
  for (const auto& r : o.runs) {
    EXPECT_TRUE(r.sde.enabled) << r.label;
    EXPECT_EQ(r.sde.options, 1u) << r.label;
    EXPECT_EQ(r.sde.options_needing_sde, 1u) << r.label;
    EXPECT_GT(r.sde.reduction_t, 100'000.0) << r.label;
    EXPECT_GT(r.sde.committed_eur, 0.0) << r.label;
    EXPECT_EQ(r.outcome.option_instrument[o2], sim::Instrument::sde) << r.label;
  }
  EXPECT_EQ(o.reference_world_replaced, (std::vector<std::string>{"instruments.sde"}));
  EXPECT_EQ(o.levy_leg_t, 0.0);
  EXPECT_DOUBLE_EQ(o.runs[0].sde.reduction_t, o.runs[1].sde.reduction_t);
  // The tonnes are real: without SDE++ the reference emits them (and the leg is still 0).
  scenario.sde_enabled = false;
  const auto off = run_outlook(m, scenario, reference);
  EXPECT_FALSE(off.runs[0].sde.enabled);
  EXPECT_EQ(off.levy_leg_t, 0.0);
  const auto t = static_cast<std::size_t>(o.target_index());
  EXPECT_NEAR(off.reference().total_emissions_t[t] - o.reference().total_emissions_t[t], o.runs[0].sde.reduction_t,
              1e-6);
}

TEST(Outlook, LegsChangeOnlyThroughPolicyWhenTheWorldMoves) {
  // A policy scenario in two worlds: the reference follows the world in both, so the reference
  // emissions move exactly as much as they would had the reference file itself been given that
  // world.
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  auto high = scenario;
  auto reference_high = reference;
  for (auto* s : {&high, &reference_high}) {
    for (int y = 2024; y <= 2040; ++y) {
      s->prices["ets_eur_per_t"].set(y, 200.0);
    }
  }
  const auto o = run_outlook(tiny(), high, reference);
  const auto direct = run_outlook(tiny(), reference_high, reference_high);
  EXPECT_EQ(o.reference().total_emissions_t, direct.reference().total_emissions_t);
}

TEST(Outlook, ShippedScenariosClampNothingAndTheMaccStaysBelowEmissions) {
  // Issue 13: in every shipped scenario the adopted reductions are never clamped (sim::Outcome's
  // clamped_t is 0 in each run and year: the options of a site add up to no more than it emits),
  // and the national MACC — one option per exclusive group, each adding what it removes at its
  // site after the cheaper points there — removes less in the target year than the sites it acts
  // on emit then, site by site and in total.
  const auto& model = test::shipped();
  for (const auto& name : test::shipped_scenario_names()) {
    SCOPED_TRACE(name);
    const auto [scenario, reference] = test::shipped_scenario(name);
    const auto o = run_outlook(model, scenario, reference, &test::shipped_deals());
    for (const auto& r : o.runs) {
      for (std::size_t y = 0; y < r.outcome.clamped_t.size(); ++y) {
        EXPECT_EQ(r.outcome.clamped_t[y], 0.0) << r.label << " " << o.start_year + static_cast<int>(y);
      }
    }
    const auto& in = o.runs[2].inputs;
    const int t = o.target_index();
    std::map<model::Index, double> by_site;
    double macc = 0;
    for (const auto& p : o.macc) {
      by_site[model.options.site[p.option]] += p.reduction_t;
      macc += p.reduction_t;
    }
    double acted_on = 0;
    for (const auto& [site, tonnes] : by_site) {
      const double emitted = in.emissions_before_options(site, t);
      EXPECT_LE(tonnes, emitted + 1e-6) << model.sites.id[site];
      acted_on += emitted;
    }
    EXPECT_GT(macc, 0.0);
    EXPECT_LT(macc, acted_on);
    EXPECT_NEAR(o.macc_site_emissions_t, acted_on, 1e-6 * acted_on);  // what the text report prints
  }
}

}  // namespace
}  // namespace decarbfund::analysis
