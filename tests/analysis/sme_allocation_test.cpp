// Tests of the SME grant formula, eligibility, the four allocation rules, the free-rider test
// and the outlook contribution (DESIGN §4.4; policy.md §3.2). Every expected number is worked
// out by hand in the comment beside it.

#include "analysis/sme_allocation.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/civil_time.hpp"

namespace decarbfund::analysis {
namespace {

using model::AllocationMode;
using model::Application;
using model::BindingCap;
using model::FirmSize;
using model::RejectReason;
using model::Round;
using model::SmeTheme;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

/// VEKI-like rules: energy_saving 30 %, electrification 40 %, +20/+10 points, max 70 %,
/// EUR 500k per project, EUR 80 per lifetime tonne, minimum EUR 30k, payback > 5 yr.
Round veki_like() {
  Round r;
  r.id = "test";
  r.budget_eur = 1'000'000;
  r.base_rate.fill(kNan);
  r.base_rate[static_cast<std::size_t>(SmeTheme::energy_saving)] = 0.30;
  r.base_rate[static_cast<std::size_t>(SmeTheme::electrification)] = 0.40;
  r.size_bonus = {0.20, 0.10, 0.0};
  r.max_rate = 0.70;
  r.cap_per_project_eur = 500'000;
  r.cap_eur_per_t = 80;
  r.cap_period = model::CapPeriod::lifetime;
  r.min_grant_eur = 30'000;
  r.min_payback_yr = 5;
  r.eligible_techniques = {"HP", "ES"};
  r.economics = {22, 150, 0.07};
  return r;
}

/// An application that saves nothing on energy (payback never, so eligible on payback).
Application app(std::string id, FirmSize size, double cost, double reduction, double lifetime = 20,
                std::string technique = "HP", SmeTheme theme = SmeTheme::electrification) {
  Application a;
  a.id = id;
  a.firm_id = "F-" + id;
  a.firm_size = size;
  a.technique_id = std::move(technique);
  a.theme = theme;
  a.eligible_cost_eur = cost;
  a.claimed_reduction_t_per_yr = reduction;
  a.lifetime_yr = lifetime;
  a.submitted_at = "2024-04-22T09:00:00";
  a.submitted_s = *core::parse_iso_datetime(a.submitted_at);
  return a;
}

// --- grant formula: each term binding in turn ------------------------------------------------

TEST(SmeGrantFormula, RateBinds) {
  // small electrification: 40 % + 20 = 60 % × 200,000 = 120,000;
  // EUR/t cap 80 × 100 t × 20 yr = 160,000; project cap 500,000.
  const auto g = grant_formula(veki_like(), app("a", FirmSize::small, 200'000, 100));
  EXPECT_DOUBLE_EQ(g.rate, 0.60);
  EXPECT_DOUBLE_EQ(g.by_eur_per_t_eur, 160'000);
  EXPECT_DOUBLE_EQ(g.grant_eur, 120'000);
  EXPECT_EQ(g.binding, BindingCap::rate);
}

TEST(SmeGrantFormula, ProjectCapBinds) {
  // medium: 50 % × 2,000,000 = 1,000,000; EUR/t: 80 × 1000 × 20 = 1.6 m; cap 500,000.
  const auto g = grant_formula(veki_like(), app("a", FirmSize::medium, 2'000'000, 1000));
  EXPECT_DOUBLE_EQ(g.by_rate_eur, 1'000'000);
  EXPECT_DOUBLE_EQ(g.grant_eur, 500'000);
  EXPECT_EQ(g.binding, BindingCap::project_cap);
}

TEST(SmeGrantFormula, EurPerTonneCapBindsOverLifetimeTonnes) {
  // 60 % × 200,000 = 120,000 > 80 × 50 t × 20 yr = 80,000.
  const auto g = grant_formula(veki_like(), app("a", FirmSize::small, 200'000, 50));
  EXPECT_DOUBLE_EQ(g.cap_tonnes, 1000);
  EXPECT_DOUBLE_EQ(g.grant_eur, 80'000);
  EXPECT_EQ(g.binding, BindingCap::eur_per_t_cap);
}

TEST(SmeGrantFormula, AnnualTonnesReadingIsLifetimeTimesStricter) {
  auto round = veki_like();
  round.cap_period = model::CapPeriod::annual;
  // 80 × 50 t = 4,000.
  const auto g = grant_formula(round, app("a", FirmSize::small, 200'000, 50));
  EXPECT_DOUBLE_EQ(g.grant_eur, 4'000);
  EXPECT_EQ(g.binding, BindingCap::eur_per_t_cap);
}

TEST(SmeGrantFormula, RateIsCappedAtMaxRateAndGrantFlooredToEuros) {
  auto round = veki_like();
  round.base_rate[static_cast<std::size_t>(SmeTheme::electrification)] = 0.60;
  // 0.60 + 0.20 = 0.80 → 0.70; 0.70 × 100,001 = 70,000.7 → 70,000.
  const auto g = grant_formula(round, app("a", FirmSize::small, 100'001, 1000));
  EXPECT_DOUBLE_EQ(g.rate, 0.70);
  EXPECT_DOUBLE_EQ(g.grant_eur, 70'000);
}

TEST(SmeGrantFormula, ZeroCapsMeanNoCap) {
  auto round = veki_like();
  round.cap_per_project_eur = 0;
  round.cap_eur_per_t = 0;
  const auto g = grant_formula(round, app("a", FirmSize::large, 10'000'000, 1));
  EXPECT_DOUBLE_EQ(g.grant_eur, 4'000'000);
  EXPECT_EQ(g.binding, BindingCap::rate);
}

// --- economics without aid --------------------------------------------------------------------

TEST(SmeEconomics, PaybackAndNpvAtTheRoundsPrices) {
  auto a = app("a", FirmSize::small, 1'000'000, 100);
  a.gas_saving_gj = 10'000;          // 220,000 EUR/yr
  a.electricity_delta_mwh = 400;     // −60,000 EUR/yr
  const auto e = economics_without_aid(veki_like().economics, a);
  EXPECT_DOUBLE_EQ(e.annual_saving_eur, 160'000);
  EXPECT_DOUBLE_EQ(e.payback_yr, 6.25);
  // annuity factor (1 − 1.07^−20) / 0.07 = 10.594014…
  EXPECT_NEAR(e.npv_eur, -1'000'000 + 160'000 * 10.5940142, 1.0);
}

TEST(SmeEconomics, StatedValuesTakePrecedence) {
  auto a = app("a", FirmSize::small, 1'000'000, 100);
  a.npv_without_aid_eur = 12'345;
  a.payback_without_aid_yr = 7.5;
  const auto e = economics_without_aid(veki_like().economics, a);
  EXPECT_DOUBLE_EQ(e.npv_eur, 12'345);
  EXPECT_DOUBLE_EQ(e.payback_yr, 7.5);
}

// --- eligibility ------------------------------------------------------------------------------

TEST(SmeEligibility, RefusalsCarryTheirReason) {
  std::vector<Application> apps;
  apps.push_back(app("listed-ok", FirmSize::small, 200'000, 100));
  apps.push_back(app("not-listed", FirmSize::small, 200'000, 100, 20, "PV",
                     SmeTheme::renewable_electricity));
  // Listed technique but its theme has no rate in this round.
  apps.push_back(app("theme-closed", FirmSize::small, 200'000, 100, 20, "ES", SmeTheme::circularity));
  auto short_payback = app("payback-4.5", FirmSize::small, 1'000'000, 100);
  short_payback.gas_saving_gj = 10'000;  // 220,000 EUR/yr → 4.55 yr
  apps.push_back(short_payback);
  auto exactly_five = app("payback-5.0", FirmSize::small, 1'100'000, 100);
  exactly_five.gas_saving_gj = 10'000;  // 1.1 m / 220,000 = 5.0 yr: not > 5
  apps.push_back(exactly_five);
  apps.push_back(app("no-reduction", FirmSize::small, 200'000, 0));
  apps.push_back(app("small-grant", FirmSize::large, 50'000, 100));  // 40 % × 50,000 = 20,000

  const auto result = allocate_round(veki_like(), apps);
  const auto& w = result.awards;
  EXPECT_TRUE(w[0].awarded);
  EXPECT_EQ(w[1].reason, RejectReason::technique_not_listed);
  EXPECT_EQ(w[2].reason, RejectReason::technique_not_listed);
  EXPECT_EQ(w[3].reason, RejectReason::payback_too_short);
  EXPECT_EQ(w[4].reason, RejectReason::payback_too_short);
  EXPECT_EQ(w[5].reason, RejectReason::no_reduction);
  EXPECT_EQ(w[6].reason, RejectReason::below_min_grant);
  EXPECT_DOUBLE_EQ(w[6].requested_grant_eur, 20'000);
  for (std::size_t i = 1; i < w.size(); ++i) {
    EXPECT_FALSE(w[i].awarded) << w[i].application_id;
    EXPECT_FALSE(w[i].eligible) << w[i].application_id;
    EXPECT_EQ(w[i].grant_eur, 0) << w[i].application_id;
  }
  EXPECT_EQ(result.summary.applications, 7u);
  EXPECT_EQ(result.summary.eligible, 1u);
  EXPECT_EQ(result.summary.awarded, 1u);
  EXPECT_EQ(result.summary.rejected[static_cast<std::size_t>(RejectReason::payback_too_short)], 2u);
}

// --- allocation modes -------------------------------------------------------------------------

/// Rules where grants are exactly half the cost (large firm, 50 %) and caps never bind.
Round half_rate(AllocationMode mode, double budget) {
  auto r = veki_like();
  r.mode = mode;
  r.budget_eur = budget;
  r.base_rate[static_cast<std::size_t>(SmeTheme::electrification)] = 0.5;
  r.base_rate[static_cast<std::size_t>(SmeTheme::energy_saving)] = 0.5;
  r.cap_per_project_eur = 0;
  return r;
}

Application at(Application a, const char* when) {
  a.submitted_at = when;
  a.submitted_s = *core::parse_iso_datetime(when);
  return a;
}

TEST(SmeAllocation, FcfsBySubmissionTimeTiesByIdAndExactlyExhaustedBudget) {
  // Order: b (09:00), a0 and a1 (both 10:00; a0 < a1 by id), c (11:00).
  // Grants 100k, 80k, 120k, 50k; budget 300k = 100 + 80 + 120: exhausted exactly at a1.
  std::vector<Application> apps = {
      at(app("a1", FirmSize::large, 240'000, 1000), "2024-04-22T10:00:00"),
      at(app("a0", FirmSize::large, 160'000, 1000), "2024-04-22T10:00:00"),
      at(app("b", FirmSize::large, 200'000, 1000), "2024-04-22T09:00:00"),
      at(app("c", FirmSize::large, 100'000, 1000), "2024-04-22T11:00:00"),
  };
  const auto result = allocate_round(half_rate(AllocationMode::fcfs, 300'000), apps);
  const auto& w = result.awards;
  EXPECT_EQ(w[2].decision_order, 0);  // b
  EXPECT_EQ(w[1].decision_order, 1);  // a0
  EXPECT_EQ(w[0].decision_order, 2);  // a1
  EXPECT_EQ(w[3].decision_order, 3);  // c
  EXPECT_TRUE(w[0].awarded && w[1].awarded && w[2].awarded);
  EXPECT_FALSE(w[3].awarded);
  EXPECT_EQ(w[3].reason, RejectReason::budget_exhausted);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 300'000);
  EXPECT_EQ(result.summary.awarded, 3u);
  EXPECT_EQ(result.summary.eligible, 4u);
  EXPECT_DOUBLE_EQ(result.summary.requested_eur, 350'000);
}

TEST(SmeAllocation, FcfsSkipsOneThatDoesNotFitAndTakesASmallerLaterOne) {
  std::vector<Application> apps = {
      at(app("x", FirmSize::large, 400'000, 1000), "2024-04-22T09:00:00"),  // 200k
      at(app("y", FirmSize::large, 400'000, 1000), "2024-04-22T09:01:00"),  // 200k: 50k left
      at(app("z", FirmSize::large, 100'000, 1000), "2024-04-22T09:02:00"),  // 50k: fits exactly
  };
  const auto result = allocate_round(half_rate(AllocationMode::fcfs, 250'000), apps);
  EXPECT_TRUE(result.awards[0].awarded);
  EXPECT_EQ(result.awards[1].reason, RejectReason::budget_exhausted);
  EXPECT_TRUE(result.awards[2].awarded);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 250'000);
}

TEST(SmeAllocation, RankingByEurPerTonneTiesByIdExactBudget) {
  // lifetime 10 yr; EUR per lifetime tonne: r4 200k/40,000 = 5; r1 100k/10,000 = 10;
  // r2 and r3 50k/2,500 = 20 (tie: r2 first). Budget 350k = 200 + 100 + 50.
  std::vector<Application> apps = {
      app("r1", FirmSize::large, 200'000, 1000, 10), app("r3", FirmSize::large, 100'000, 250, 10),
      app("r2", FirmSize::large, 100'000, 250, 10), app("r4", FirmSize::large, 400'000, 4000, 10)};
  const auto result = allocate_round(half_rate(AllocationMode::ranking, 350'000), apps);
  const auto& w = result.awards;
  EXPECT_DOUBLE_EQ(w[3].eur_per_t, 5);
  EXPECT_DOUBLE_EQ(w[0].eur_per_t, 10);
  EXPECT_DOUBLE_EQ(w[1].eur_per_t, 20);
  EXPECT_EQ(w[3].decision_order, 0);
  EXPECT_EQ(w[0].decision_order, 1);
  EXPECT_EQ(w[2].decision_order, 2);  // r2
  EXPECT_EQ(w[1].decision_order, 3);  // r3
  EXPECT_TRUE(w[2].awarded);
  EXPECT_EQ(w[1].reason, RejectReason::budget_exhausted);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 350'000);
  // 350k over 10 × (4000 + 1000 + 250) t = 52,500 t.
  EXPECT_DOUBLE_EQ(result.summary.reduction_t_per_yr, 5250);
  EXPECT_NEAR(result.summary.eur_per_t, 350'000.0 / 52'500.0, 1e-12);
  EXPECT_NEAR(result.summary.eur_per_annual_t, 350'000.0 / 5'250.0, 1e-12);
}

TEST(SmeAllocation, PointsWithThresholdsAndTies) {
  auto round = half_rate(AllocationMode::points, 250'000);
  round.min_points = 5;
  round.criteria = {{model::PointsCriterion::eur_per_t, 1, 80, 0, 1},
                    {model::PointsCriterion::small_firm, 1, 0, 1, 0}};
  // All small firms get 70 %, so costs are set for the grant wanted (grant = floor(0.7 × cost)).
  // p1 large, 10 EUR/t: (8.75 + 0) / 2 = 4.375 < 5 → refused.
  // p2 small, 40 EUR/t: (5 + 10) / 2 = 7.5; p4 the same (tie: p2 first by id).
  // p3 medium, 8 EUR/t: (9 + 5) / 2 = 7.0.
  // p5 small, 79 EUR/t: eur_per_t score 0.125 < min_score 1 → refused despite (0.125 + 10)/2.
  std::vector<Application> apps = {
      app("p1", FirmSize::large, 200'000, 1000, 10),    // 100k / 10,000 t = 10
      app("p4", FirmSize::small, 142'858, 250, 10),     // 100,000 / 2,500 t = 40
      app("p3", FirmSize::medium, 166'667, 1250, 10),   // 100,000 / 12,500 t = 8
      app("p2", FirmSize::small, 142'858, 250, 10),     // 100,000 / 2,500 t = 40
      app("p5", FirmSize::small, 112'858, 100, 10),     // 79,000 / 1,000 t = 79
  };
  const auto result = allocate_round(round, apps);
  const auto& w = result.awards;
  EXPECT_DOUBLE_EQ(w[3].requested_grant_eur, 100'000);
  EXPECT_DOUBLE_EQ(w[2].requested_grant_eur, 100'000);
  EXPECT_DOUBLE_EQ(w[4].requested_grant_eur, 79'000);
  EXPECT_NEAR(w[0].points, 4.375, 1e-9);
  EXPECT_NEAR(w[3].points, 7.5, 1e-9);
  EXPECT_NEAR(w[2].points, 7.0, 1e-9);
  EXPECT_EQ(w[0].reason, RejectReason::below_points_threshold);
  EXPECT_EQ(w[4].reason, RejectReason::below_points_threshold);
  EXPECT_EQ(w[3].decision_order, 0);  // p2
  EXPECT_EQ(w[1].decision_order, 1);  // p4
  EXPECT_EQ(w[2].decision_order, 2);  // p3
  EXPECT_TRUE(w[3].awarded && w[1].awarded);
  EXPECT_EQ(w[2].reason, RejectReason::budget_exhausted);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 200'000);
}

Round phased(bool overflow) {
  auto r = half_rate(AllocationMode::phases, 300'000);
  r.phases = {{"one", 20}, {"two", 40}};
  r.fence_eur[static_cast<std::size_t>(SmeTheme::electrification)] = 100'000;
  r.fence_overflow = overflow;
  return r;
}

std::vector<Application> phase_apps() {
  // lifetime 10; EUR per lifetime tonne in brackets. General pool = 300k − 100k fence = 200k.
  return {
      app("e1", FirmSize::large, 160'000, 1000, 10),  // 80k [8], electrification, phase one
      app("e2", FirmSize::large, 120'000, 200, 10),   // 60k [30], electrification, phase two
      app("s1", FirmSize::large, 200'000, 1000, 10, "ES", SmeTheme::energy_saving),  // 100k [10]
      app("s2", FirmSize::large, 120'000, 200, 10, "ES", SmeTheme::energy_saving),   // 60k [30]
      app("x", FirmSize::large, 100'000, 100, 10),    // 50k [50]: above the last ceiling
  };
}

TEST(SmeAllocation, PhasesWithFenceOverflow) {
  // Phase one: e1 (8) from the fence (20k left), s1 (10) from the general pool (100k left).
  // Phase two, by EUR/t then id: e2 (30) — fence too small, overflows to general (40k left);
  // s2 (30) — 60k > 40k: budget exhausted.
  const auto result = allocate_round(phased(true), phase_apps());
  const auto& w = result.awards;
  EXPECT_EQ(w[0].phase, 0);
  EXPECT_EQ(w[2].phase, 0);
  EXPECT_EQ(w[1].phase, 1);
  EXPECT_EQ(w[4].reason, RejectReason::above_eur_per_t_ceiling);
  EXPECT_TRUE(w[0].awarded && w[1].awarded && w[2].awarded);
  EXPECT_EQ(w[3].reason, RejectReason::budget_exhausted);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 240'000);
}

TEST(SmeAllocation, PhasesWithoutFenceOverflow) {
  // e2 may not leave its fence (20k left): refused; s2 then fits in the general pool.
  const auto result = allocate_round(phased(false), phase_apps());
  const auto& w = result.awards;
  EXPECT_EQ(w[1].reason, RejectReason::budget_exhausted);
  EXPECT_TRUE(w[3].awarded);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 240'000);
}

// --- free riders ------------------------------------------------------------------------------

TEST(SmeAllocation, FreeRidersAreAwardsNpvPositiveWithoutAid) {
  // Both pay back in > 5 yr, so both are eligible. At 7 % over 20 yr (annuity 10.594):
  //  fr: saves 800 MWh × 150 = 120,000/yr → payback 8.3 yr, NPV +271k → free rider;
  //  ok: saves 500 MWh × 150 = 75,000/yr → payback 13.3 yr, NPV −205k → needs the aid.
  auto fr = app("fr", FirmSize::large, 1'000'000, 1000);
  fr.electricity_delta_mwh = -800;
  auto ok = app("ok", FirmSize::large, 1'000'000, 1000);
  ok.electricity_delta_mwh = -500;
  const auto result = allocate_round(half_rate(AllocationMode::fcfs, 10'000'000), std::vector<Application>{fr, ok});
  EXPECT_TRUE(result.awards[0].free_rider);
  EXPECT_FALSE(result.awards[1].free_rider);
  EXPECT_NEAR(result.awards[0].npv_without_aid_eur, 271'281.7, 1.0);
  EXPECT_NEAR(result.awards[0].payback_without_aid_yr, 1'000'000.0 / 120'000.0, 1e-12);
  EXPECT_EQ(result.summary.free_riders, 1u);
  EXPECT_DOUBLE_EQ(result.summary.free_rider_share, 0.5);
  EXPECT_DOUBLE_EQ(result.summary.free_rider_budget_share, 0.5);
}

TEST(SmeAllocation, RejectedApplicationsAreNeverFreeRiders) {
  auto fr = app("fr", FirmSize::large, 1'000'000, 1000);
  fr.electricity_delta_mwh = -800;
  const auto result = allocate_round(half_rate(AllocationMode::fcfs, 1'000), std::vector<Application>{fr});
  EXPECT_FALSE(result.awards[0].awarded);
  EXPECT_FALSE(result.awards[0].free_rider);
  EXPECT_EQ(result.summary.free_rider_share, 0);
}

// --- contribution to the outlook --------------------------------------------------------------

TEST(SmeContribution, RealisationRateDelayAndLifetime) {
  // Awarded in 2024, 3 yr delay, 5 yr lifetime: 2027–2031 at 0.8 × 100 = 80 t/yr.
  std::vector<Application> apps = {app("a", FirmSize::large, 200'000, 100, 5),
                                   app("b", FirmSize::large, 200'000, 100, 5)};
  // Each grant is capped at 80 EUR/t × 100 t × 5 yr = 40,000; a budget of 50,000 takes only a.
  auto round = half_rate(AllocationMode::fcfs, 50'000);
  const auto result = allocate_round(round, apps);
  ASSERT_TRUE(result.awards[0].awarded);
  ASSERT_FALSE(result.awards[1].awarded);
  const auto c = sme_contribution(result.awards, 0.8, 3, 2025, 2033);
  EXPECT_EQ(c.projects, 1u);
  EXPECT_EQ(c.reduction_in(2026), 0);
  EXPECT_DOUBLE_EQ(c.reduction_in(2027), 80);
  EXPECT_DOUBLE_EQ(c.reduction_in(2031), 80);
  EXPECT_EQ(c.reduction_in(2032), 0);
  EXPECT_EQ(c.reduction_in(2040), 0);  // outside the window
}

}  // namespace
}  // namespace decarbfund::analysis
