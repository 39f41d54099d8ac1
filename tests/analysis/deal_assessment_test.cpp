// Deal assessment on a hand-computed deal (tests/fixtures/tiny): Oil B commits the announced
// project O6 (−30 kt, capex EUR 150 m, from 2028) and the hydrogen burner O4 (−80 kt, from 2030)
// at site S2. Every number below is worked out by hand in the comments (docs/deals.md formulas).

#include "analysis/deal_assessment.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "data/load_deal.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

using test::tiny;

/// 2020–2040; hurdle 8 %; ETS 100 EUR/t flat; the levy with RF 1.2 and no tariff (so DPR(S2) =
/// 1.2 × 400,000 = 480,000 t and the levy adds no CO2 value); target 2030.
model::Scenario scenario(double ets = 100) {
  model::Scenario s;
  s.name = "hand";
  s.start_year = 2020;
  s.end_year = 2040;
  s.response.hurdle_rate = 0.08;
  s.levy.version = "test-rf-1.2";
  s.levy.first_year = 2021;
  s.levy.last_year = 2040;
  s.levy.reduction_factor[static_cast<std::size_t>(model::LevyCategory::ets_industrial)].set(2021, 1.2);
  model::YearSeries flat;
  flat.set(2020, ets);
  flat.set(2100, ets);
  s.prices["ets_eur_per_t"] = flat;
  s.target.year = 2030;
  return s;
}

/// Oil B's draft deal with `projects`, `support`, and optional text added to the government
/// commitments (`government`, e.g. other_support) and at the top level (`top`, e.g. long_term_plan).
model::Deal deal(const std::string& projects, double support, const std::string& government = "",
                 const std::string& top = "") {
  const std::string text = R"(id: oil-b
company: Oil B
sites: [S2]
phase: eop
history: [{phase: eop, date: 2025-01-01, source: test}]
company_commitments:
  projects: )" + projects + R"(
  committed_reduction_t: {2030: 110000}
  climate_neutral_year: 2050
government_commitments:
  max_support_eur: )" + std::to_string(support) + R"(
  max_support_basis: test
)" + government + R"(claw_back: {rule: pro_rata_shortfall, basis: test}
)" + top + R"(sources: [test]
)";
  core::Diagnostics diags;
  auto d = data::load_deal_text(text, "hand.yaml", diags);
  EXPECT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_TRUE(data::check_deal(tiny(), *d, diags)) << diags.to_string();
  return *d;
}

const std::string kBoth = "[{option: O6, start_year: 2028}, {option: O4, start_year: 2030}]";

TEST(DealAssessment, HandComputedDeal) {
  const auto a = assess_deal(tiny(), scenario(), deal(kBoth, 60e6));
  EXPECT_EQ(a.policy_version, "test-rf-1.2");
  EXPECT_EQ(a.as_of_year, 2025);

  // Additional(t) = max(0, min(E_ref 500,000, DPR 480,000) − E_project):
  //   2028–2029: E_project = 500,000 − 30,000 = 470,000 → 10,000;
  //   2030:      E_project = 500,000 − 110,000 = 390,000 → 90,000.
  ASSERT_EQ(a.additional_t_by_year.size(), 3u);
  EXPECT_DOUBLE_EQ(a.additional_t_by_year.at(2028), 10'000);
  EXPECT_DOUBLE_EQ(a.additional_t_by_year.at(2029), 10'000);
  EXPECT_DOUBLE_EQ(a.additional_t_by_year.at(2030), 90'000);
  EXPECT_DOUBLE_EQ(a.reduction_target_year_t, 110'000);

  // Support per tonne: 60e6 / 110,000 = 545.45 EUR per t/yr; lifetime 20 yr each:
  // (30,000 + 80,000) × 20 = 2.2 Mt → 27.27 EUR/t.
  EXPECT_NEAR(a.eur_per_t_target_year, 545.4545, 1e-3);
  EXPECT_DOUBLE_EQ(a.lifetime_t, 2.2e6);
  EXPECT_NEAR(a.eur_per_t_lifetime, 27.2727, 1e-3);

  // NPVs at 8 %: d = 1/1.08, S = Σ_{k=0..19} d^k = 10.6035992, both base years two years before
  // the start (lead time 2), so each NPV carries d² = 0.8573388.
  //   O6: −150e6 + 30,000 × 100 × S                       = −118,189,202.4 → × d² = −101,328,191.4
  //   O4: operating cost 0.5e6 − 1.4e6 GJ × 10 + 1.4e6 GJ × 30 = 28.5e6/yr, CO2 value 8e6/yr:
  //       −30e6 + (8e6 − 28.5e6) × S                      = −247,373,783.6 → × d² = −212,083,147.8
  EXPECT_NEAR(a.options[0].npv_eur, -101'328'191.4, 1.0);
  EXPECT_NEAR(a.options[1].npv_eur, -212'083'147.8, 1.0);
  EXPECT_NEAR(a.funding_gap_eur, 313'411'339.2, 2.0);
  EXPECT_NEAR(a.aid_to_gap_ratio, 60e6 / 313'411'339.2, 1e-8);

  // O4 needs 1.4e6 GJ H2 / 3.6 / 8,000 h = 48.6 MW of the port hydrogen network, which has 0 MW
  // in 2025 and 500 MW from 2030: 80,000 of the 110,000 t depend on it.
  ASSERT_EQ(a.infrastructure.size(), 1u);
  EXPECT_EQ(tiny().infrastructure.id[a.infrastructure[0].infra], "h2_port");
  EXPECT_NEAR(a.infrastructure[0].need, 48.6111, 1e-3);
  EXPECT_EQ(a.infrastructure[0].available_from, 2030);
  EXPECT_NEAR(a.infrastructure_dependent_share, 80'000.0 / 110'000.0, 1e-12);

  // Neither option has an SDE++-like category (no capture, no electrification).
  EXPECT_FALSE(a.generic_instrument_possible);
  EXPECT_EQ(a.generic_instrument_reason, "no SDE++-like category for O6");
  // Path: residual 390/500 = 0.78 ≤ (2050 − 2030)/(2050 − 2025) = 0.8.
  EXPECT_DOUBLE_EQ(a.residual_share_target_year, 0.78);
  EXPECT_DOUBLE_EQ(a.path_share_target_year, 0.8);
  EXPECT_TRUE(a.path_credible);
  // The draft's sources are plain URLs that name no fact: uncited_facts says so.
  EXPECT_EQ(a.flags, (std::vector<std::string>{"infrastructure_dependent", "partly_required_by_levy", "uncited_facts"}));
}

TEST(DealAssessment, ProfitableProjectHasNoFundingGap) {
  // At 6,000 EUR/t O6 earns 30,000 × 6,000 × S − 150e6 > 0: any aid exceeds the (zero) gap.
  const auto a = assess_deal(tiny(), scenario(6000), deal("[{option: O6, start_year: 2028}]", 1e6));
  EXPECT_DOUBLE_EQ(a.funding_gap_eur, 0.0);
  EXPECT_TRUE(std::isinf(a.aid_to_gap_ratio));
  EXPECT_EQ(a.flags, (std::vector<std::string>{"no_funding_gap", "partly_required_by_levy", "uncited_facts",
                                               "projects_below_commitment", "path_not_credible"}));
}

TEST(DealAssessment, StackedAidAboveTheFundingGapIsFlagged) {
  // O6 alone: gap 101,328,191.4 (HandComputedDeal). EUR 60 m from the package and EUR 50 m from
  // the Innovation Fund stack to 110 m, above the gap (CEEAG: cumulated aid within the net extra
  // cost); with 30 m from the Innovation Fund the stack (90 m) stays below it.
  const std::string o6 = "[{option: O6, start_year: 2028}]";
  const auto over = assess_deal(tiny(), scenario(),
                                deal(o6, 60e6, "  other_support:\n    - {id: if-grant, scheme: innovation_fund, amount_eur: 50000000}\n"));
  ASSERT_EQ(over.support_stack.size(), 2u);
  EXPECT_EQ(over.support_stack[1].scheme, "innovation_fund");
  EXPECT_DOUBLE_EQ(over.stacked_support_eur, 110e6);
  EXPECT_NEAR(over.aid_ceiling_eur, 101'328'191.4, 1.0);
  EXPECT_NEAR(over.stacked_aid_to_gap_ratio, 110e6 / 101'328'191.4, 1e-8);
  EXPECT_NE(std::find(over.flags.begin(), over.flags.end(), "stacked_aid_exceeds_funding_gap"), over.flags.end());
  // The package alone stays within the gap: the old check (aid_exceeds_funding_gap) sees nothing.
  EXPECT_EQ(std::find(over.flags.begin(), over.flags.end(), "aid_exceeds_funding_gap"), over.flags.end());
  const auto within = assess_deal(tiny(), scenario(),
                                  deal(o6, 60e6, "  other_support:\n    - {id: if-grant, scheme: innovation_fund, amount_eur: 30000000}\n"));
  EXPECT_DOUBLE_EQ(within.stacked_support_eur, 90e6);
  EXPECT_EQ(std::find(within.flags.begin(), within.flags.end(), "stacked_aid_exceeds_funding_gap"), within.flags.end());
}

TEST(DealAssessment, LongTermPlanCoverageAndDependencies) {
  // Committed O6 + O4 (110 kt); the plan adds the heat pump O3 (50 kt, an option of the dataset)
  // and 100 kt of early hydrogen the dataset has no option for, on the port hydrogen network
  // (capacity from 2030) in 2028. Against S2's 2020 emissions: known (110 + 50) kt, stated
  // (110 + 50 + 100) kt.
  const auto a = assess_deal(tiny(), scenario(),
                             deal(kBoth, 60e6, "",
                                  "long_term_plan:\n  elements:\n"
                                  "    - {id: heat-pump, what: heat pump, year: 2035, option: O3}\n"
                                  "    - {id: early-h2, what: early hydrogen, year: 2028, reduction_t: 100000, infra: [h2_port]}\n"
                                  "  employment: 250\n"));
  const double base = tiny().sites.base_emissions_t[tiny().find_site("S2")];
  EXPECT_NEAR(a.path_known_share, 160'000 / base, 1e-12);
  EXPECT_NEAR(a.path_stated_share, 260'000 / base, 1e-12);
  ASSERT_EQ(a.plan.size(), 2u);
  EXPECT_TRUE(a.plan[0].option_known);
  EXPECT_DOUBLE_EQ(a.plan[0].reduction_t, 50'000);
  EXPECT_FALSE(a.plan[1].option_known);
  ASSERT_EQ(a.plan[1].infra.size(), 1u);
  EXPECT_EQ(a.plan[1].infra[0].second, 2030);
  EXPECT_EQ(a.employment, 250);
  EXPECT_DOUBLE_EQ(a.value_added_eur, 0.0);  // not public: the report says so
  EXPECT_NE(std::find(a.flags.begin(), a.flags.end(), "plan_waits_on_infrastructure"), a.flags.end());
}

}  // namespace
}  // namespace decarbfund::analysis
