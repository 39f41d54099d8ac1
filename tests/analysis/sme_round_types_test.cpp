// The round types of issue 16 §3–4 on small hand-checked cases: NIKI (a tender
// ranked on the bid per lifetime tonne, minimum project size), DEI+ (first
// come, first served, pilot and demonstration rates with size bonuses), MOOI (a
// scored tender with consortium rules), a round restricted to SMEs, and the SME
// / large split of every summary. Sources: docs/sme.md §3.

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analysis/sme_allocation.hpp"
#include "core/civil_time.hpp"

namespace decarbfund::analysis {
namespace {

using model::AllocationMode;
using model::Application;
using model::BindingCap;
using model::FirmSize;
using model::ProjectType;
using model::RejectReason;
using model::Round;
using model::SmeTheme;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr auto kSme = static_cast<std::size_t>(SizeGroup::sme);
constexpr auto kLarge = static_cast<std::size_t>(SizeGroup::large);

Round open_round(AllocationMode mode, double budget, double rate) {
  Round r;
  r.id = "test";
  r.mode = mode;
  r.budget_eur = budget;
  r.base_rate.fill(rate);
  r.size_bonus = {0, 0, 0};
  r.max_rate = 1;
  r.min_payback_yr = 0;
  r.eligible_techniques = {"X"};
  r.economics = {22, 150, 0.07};
  return r;
}

Application app(std::string id, FirmSize size, double cost, double t_per_yr,
                double lifetime, const char *when = "2025-10-01T10:00:00") {
  Application a;
  a.id = id;
  a.firm_id = "F-" + id;
  a.firm_size = size;
  a.technique_id = "X";
  a.theme = SmeTheme::electrification;
  a.eligible_cost_eur = cost;
  a.claimed_reduction_t_per_yr = t_per_yr;
  a.lifetime_yr = lifetime;
  a.submitted_at = when;
  a.submitted_s = *core::parse_iso_datetime(when);
  return a;
}

Application bid(Application a, double eur) {
  a.requested_grant_eur = eur;
  return a;
}

// --- NIKI
// -------------------------------------------------------------------------------------

/// The bids of examples/rounds/niki-applications.csv, budget EUR 240 m, ≥ 100
/// kt over the life.
TEST(SmeRoundTypes, NikiRanksBidsPerLifetimeTonneAboveTheMinimumSize) {
  Round r = open_round(AllocationMode::ranking, 240'000'000, 1.0);
  r.instrument = model::Instrument::niki;
  r.min_lifetime_reduction_t = 100'000;
  const std::vector<Application> apps = {
      bid(app("N01", FirmSize::large, 60e6, 25'000, 17),
          34e6), // 425 kt: 80.00 EUR/t
      bid(app("N02", FirmSize::large, 45e6, 50'000, 20),
          30e6), // 1,000 kt: 30 EUR/t
      bid(app("N03", FirmSize::medium, 12e6, 6'000, 20),
          9e6), // 120 kt: 75 EUR/t
      bid(app("N04", FirmSize::large, 90e6, 60'000, 20),
          72e6), // 1,200 kt: 60 EUR/t
      bid(app("N05", FirmSize::large, 110e6, 40'000, 15),
          96e6), // 600 kt: 160 EUR/t
      bid(app("N06", FirmSize::small, 8e6, 4'000, 15), 5e6), // 60 kt < 100 kt
      bid(app("N07", FirmSize::large, 150e6, 70'000, 20),
          105e6), // 1,400 kt: 75 EUR/t (tie with N03)
      bid(app("N08", FirmSize::large, 20e6, 6'000, 20),
          25e6), // bid above cost: grant 20 m, 166.67 EUR/t
  };
  const auto result = allocate_round(r, apps);
  const auto &w = result.awards;
  // Order: N02 30, N04 60, N03 75 (id before N07), N07 75, N01 80, N05 160, N08
  // 166.67. Budget: 30 + 72 + 9 + 105 = 216 m; N01 (34) would make 250 > 240:
  // refused; N05 (96) too; N08 (20) fits: 236 m.
  EXPECT_EQ(w[1].decision_order, 0);
  EXPECT_EQ(w[3].decision_order, 1);
  EXPECT_EQ(w[2].decision_order, 2);
  EXPECT_EQ(w[6].decision_order, 3);
  for (std::size_t i : {1, 3, 2, 6, 7}) {
    EXPECT_TRUE(w[i].awarded) << w[i].application_id;
  }
  EXPECT_EQ(w[0].reason, RejectReason::budget_exhausted);
  EXPECT_EQ(w[4].reason, RejectReason::budget_exhausted);
  EXPECT_EQ(w[5].reason, RejectReason::below_min_size);
  EXPECT_EQ(w[1].binding, BindingCap::requested);
  EXPECT_DOUBLE_EQ(w[1].grant_eur, 30e6); // the bid, not 100 % of the cost
  EXPECT_EQ(w[7].binding, BindingCap::rate);
  EXPECT_DOUBLE_EQ(w[7].grant_eur, 20e6); // never more than the eligible cost
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 236e6);
  // The split: N03 is the one SME awarded.
  const auto &sme = result.summary.by_group[kSme];
  const auto &large = result.summary.by_group[kLarge];
  EXPECT_EQ(sme.applications, 2u);
  EXPECT_EQ(sme.awarded, 1u);
  EXPECT_DOUBLE_EQ(sme.budget_used_eur, 9e6);
  EXPECT_DOUBLE_EQ(sme.reduction_t_per_yr, 6'000);
  EXPECT_EQ(large.applications, 6u);
  EXPECT_EQ(large.awarded, 4u);
  EXPECT_DOUBLE_EQ(large.budget_used_eur, 227e6);
  EXPECT_DOUBLE_EQ(large.reduction_t_per_yr, 186'000); // 50 + 60 + 70 + 6 kt
  EXPECT_DOUBLE_EQ(large.lifetime_reduction_t, 3'720'000); // × 20 yr each
  EXPECT_EQ(sme.eligible + large.eligible,
            result.summary.eligible); // 7 (N06 is not)
}

// --- DEI+
// -------------------------------------------------------------------------------------

TEST(SmeRoundTypes, DeiRatesByProjectTypeThemeAndSizeFirstComeFirstServed) {
  Round r = open_round(AllocationMode::fcfs, 1'900'000, kNan);
  r.instrument = model::Instrument::dei;
  r.base_rate[static_cast<std::size_t>(SmeTheme::energy_saving)] =
      0.30; // demonstration
  r.base_rate[static_cast<std::size_t>(SmeTheme::renewable_heat)] =
      0.45; // demonstration
  r.type_rate[static_cast<std::size_t>(ProjectType::pilot)] = 0.25;
  r.size_bonus = {0.20, 0.10, 0.0};
  r.max_rate = 0.70;
  r.cap_per_project_eur = 15'000'000;
  r.eligible_types = {false, true, true, false};
  auto typed = [](Application a, ProjectType type, SmeTheme theme) {
    a.project_type = type;
    a.theme = theme;
    return a;
  };
  const std::vector<Application> apps = {
      // small pilot: 25 % + 20 = 45 % × 1 m = 450,000 (the theme's 30 % does
      // not apply)
      typed(
          app("p-small", FirmSize::small, 1e6, 100, 10, "2025-03-03T09:00:00"),
          ProjectType::pilot, SmeTheme::energy_saving),
      // medium renewable demonstration: 45 % + 10 = 55 % × 2 m = 1,100,000
      typed(app("d-medium", FirmSize::medium, 2e6, 100, 10,
                "2025-03-03T09:05:00"),
            ProjectType::demonstration, SmeTheme::renewable_heat),
      // small renewable demonstration: 65 % × 30 m = 19.5 m, capped at 15 m: no
      // longer fits
      typed(app("d-cap", FirmSize::small, 30e6, 100, 10, "2025-03-03T09:10:00"),
            ProjectType::demonstration, SmeTheme::renewable_heat),
      // large energy-saving demonstration: 30 % × 1 m = 300,000; fits the
      // 350,000 left
      typed(
          app("d-large", FirmSize::large, 1e6, 100, 10, "2025-03-04T09:00:00"),
          ProjectType::demonstration, SmeTheme::energy_saving),
      // an investment is not a DEI+ project
      typed(app("inv", FirmSize::small, 1e6, 100, 10, "2025-03-03T08:00:00"),
            ProjectType::investment, SmeTheme::energy_saving),
  };
  const auto result = allocate_round(r, apps);
  const auto &w = result.awards;
  EXPECT_DOUBLE_EQ(w[0].rate, 0.45);
  EXPECT_DOUBLE_EQ(w[0].grant_eur, 450'000);
  EXPECT_DOUBLE_EQ(w[1].rate, 0.55);
  EXPECT_DOUBLE_EQ(w[1].grant_eur, 1'100'000);
  EXPECT_EQ(w[2].binding, BindingCap::project_cap);
  EXPECT_DOUBLE_EQ(w[2].requested_grant_eur, 15'000'000);
  EXPECT_EQ(w[2].reason, RejectReason::budget_exhausted);
  EXPECT_TRUE(w[3].awarded);
  EXPECT_DOUBLE_EQ(w[3].grant_eur, 300'000);
  EXPECT_EQ(w[4].reason, RejectReason::project_type_not_open);
  EXPECT_DOUBLE_EQ(result.summary.budget_used_eur, 1'850'000);
  EXPECT_DOUBLE_EQ(result.summary.by_group[kSme].budget_used_eur, 1'550'000);
  EXPECT_DOUBLE_EQ(result.summary.by_group[kLarge].budget_used_eur, 300'000);
}

// --- MOOI
// -------------------------------------------------------------------------------------

TEST(SmeRoundTypes, MooiScoresConsortiaAndRefusesSmallOnes) {
  Round r = open_round(AllocationMode::points, 2'000'000, 0.40);
  r.instrument = model::Instrument::mooi;
  r.type_rate[static_cast<std::size_t>(ProjectType::research)] = 0.40;
  r.size_bonus = {0.20, 0.10, 0.0};
  r.max_rate = 0.60;
  r.cap_per_project_eur = 4'000'000;
  r.eligible_types = {false, false, false, true};
  r.min_eligible_cost_eur = 2'000'000;
  r.min_consortium_parties = 3;
  r.min_consortium_smes = 1;
  r.criteria = {{model::PointsCriterion::sme_share, 1.0, 0.0, 1.0, 0.0}};
  auto consortium = [](Application a, int parties, int smes) {
    a.project_type = ProjectType::research;
    a.consortium_parties = parties;
    a.consortium_smes = smes;
    return a;
  };
  const std::vector<Application> apps = {
      // 1 SME of 4: 2.5 points; large lead: 40 % × 3 m = 1.2 m. Submitted
      // first.
      consortium(
          app("few-smes", FirmSize::large, 3e6, 50, 10, "2024-06-04T09:00:00"),
          4, 1),
      // 3 SMEs of 3: 10 points; small lead: 60 % × 3 m = 1.8 m. Submitted last,
      // ranked first.
      consortium(
          app("all-smes", FirmSize::small, 3e6, 50, 10, "2024-09-05T16:00:00"),
          3, 3),
      consortium(app("two-parties", FirmSize::small, 3e6, 50, 10), 2,
                 2), // < 3 parties
      consortium(app("no-sme", FirmSize::large, 3e6, 50, 10), 3, 0), // no SME
      consortium(app("too-cheap", FirmSize::small, 1.5e6, 50, 10), 3,
                 3), // < EUR 2 m cost
  };
  const auto result = allocate_round(r, apps);
  const auto &w = result.awards;
  EXPECT_DOUBLE_EQ(w[1].points, 10);
  EXPECT_DOUBLE_EQ(w[0].points, 2.5);
  EXPECT_TRUE(w[1].awarded);
  EXPECT_DOUBLE_EQ(w[1].grant_eur, 1'800'000);
  EXPECT_EQ(w[0].reason, RejectReason::budget_exhausted); // 1.8 + 1.2 > 2 m
  EXPECT_EQ(w[2].reason, RejectReason::consortium_too_small);
  EXPECT_EQ(w[3].reason, RejectReason::consortium_too_small);
  EXPECT_EQ(w[4].reason, RejectReason::below_min_size);
  EXPECT_EQ(result.summary.rejected[static_cast<std::size_t>(
                RejectReason::consortium_too_small)],
            2u);
}

// --- SMEs only
// --------------------------------------------------------------------------------

TEST(SmeRoundTypes, ASmeOnlyRoundRefusesLargeFirmsAndTheSplitShowsIt) {
  Round r = open_round(AllocationMode::fcfs, 10'000'000, 0.40);
  r.eligible_sizes = {true, true, false};
  const std::vector<Application> apps = {
      app("large", FirmSize::large, 1e6, 100, 10, "2024-04-22T09:00:00"),
      app("medium", FirmSize::medium, 1e6, 100, 10, "2024-04-22T09:01:00"),
      app("small", FirmSize::small, 1e6, 100, 10, "2024-04-22T09:02:00"),
  };
  const auto result = allocate_round(r, apps);
  EXPECT_EQ(result.awards[0].reason, RejectReason::firm_size_not_eligible);
  EXPECT_FALSE(result.awards[0].eligible);
  EXPECT_TRUE(result.awards[1].awarded);
  EXPECT_TRUE(result.awards[2].awarded);
  const auto &s = result.summary;
  EXPECT_EQ(s.by_group[kLarge].applications, 1u);
  EXPECT_EQ(s.by_group[kLarge].eligible, 0u);
  EXPECT_EQ(s.by_group[kLarge].awarded, 0u);
  EXPECT_EQ(s.by_group[kSme].awarded, 2u);
  EXPECT_DOUBLE_EQ(s.by_group[kSme].budget_used_eur, 800'000); // 2 × 40 % × 1 m
  EXPECT_DOUBLE_EQ(s.by_group[kSme].reduction_t_per_yr, 200);
  // Opened to all sizes, the large firm comes first and takes its share.
  r.eligible_sizes = {true, true, true};
  const auto open = allocate_round(r, apps);
  EXPECT_EQ(open.summary.by_group[kLarge].awarded, 1u);
  EXPECT_DOUBLE_EQ(open.summary.by_group[kLarge].budget_used_eur, 400'000);
}

} // namespace
} // namespace decarbfund::analysis
