// Tests of sim/levy_statement: the calculation behind `decarbfund levy`.

#include "sim/levy_statement.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace decarbfund::sim {
namespace {

using model::LevyCategory;

long long cents(double eur) { return std::llround(eur * 100.0); }

model::LevyPolicy policy() {
  model::LevyPolicy p;
  p.first_year = 2021;
  p.last_year = 2030;
  for (std::size_t c = 0; c < 3; ++c) {
    p.tariff_eur_per_t[c].set(2021, 30.48);
    p.tariff_eur_per_t[c].set(2022, 41.75);
    p.reduction_factor[c].set(2021, 1.2);
  }
  p.ets_reference_price_eur_per_t.set(2021, 26.73);
  p.ets_reference_price_eur_per_t.set(2022, 60.78);
  return p;
}

LevyStatementRow row(std::string site, int year, LevyCategory c, double e, double dpr) {
  LevyStatementRow r;
  r.installation = std::move(site);
  r.year = year;
  r.category = c;
  r.emissions_t = e;
  r.dpr_allocated_t = dpr;
  return r;
}

// The NEa carry-back example across rows of one installation, rows given out of order and
// interleaved with another installation: year 1 100 t / 80 DPR, year 2 60 t / 70 DPR.
TEST(LevyStatement, CarryBackAcrossAnInstallationsRows) {
  const std::vector<LevyStatementRow> rows{row("B", 2022, LevyCategory::n2o, 60, 70),
                                           row("A", 2021, LevyCategory::n2o, 10, 10),
                                           row("B", 2021, LevyCategory::n2o, 100, 80)};
  const auto s = compute_levy_statement(policy(), rows);
  ASSERT_TRUE(s.issues.empty());
  EXPECT_DOUBLE_EQ(s.lines[2].account.base_t, 20);
  EXPECT_EQ(cents(s.lines[2].account.levy_eur), 60'960);  // 20 × 30.48
  EXPECT_DOUBLE_EQ(s.lines[2].account.base_refunded_t, 10);
  EXPECT_EQ(cents(s.lines[0].account.refund_eur), 30'480);  // 10 × 30.48
  EXPECT_EQ(cents(s.totals.net_levy_eur), 30'480);
}

// Overrides: tariff, P_ETS and RF from the row; DPR = RF × basis.
TEST(LevyStatement, RowOverridesScenario) {
  auto r = row("X", 2025, LevyCategory::ets_industrial, 700'000, 0);
  r.dpr_allocated_t.reset();
  r.dpr_basis_t = 600'000;
  r.reduction_factor = 1.057;
  r.tariff_eur_per_t = 87.90;
  r.ets_reference_price_eur_per_t = 70.00;
  const std::vector<LevyStatementRow> rows{r};
  const auto s = compute_levy_statement(policy(), rows);
  ASSERT_TRUE(s.issues.empty());
  EXPECT_DOUBLE_EQ(s.lines[0].account.dpr_allocated_t, 634'200);
  EXPECT_EQ(cents(s.lines[0].account.levy_eur), 117'782'000);  // policy.md §1.10
}

// ETS row in a year without P_ETS in the scenario: falls back to the ETS price of t − 1, or
// is reported when there is none.
TEST(LevyStatement, MissingEtsReferencePriceIsAnIssue) {
  const std::vector<LevyStatementRow> rows{row("X", 2024, LevyCategory::ets_industrial, 100, 80)};
  const auto s = compute_levy_statement(policy(), rows);
  ASSERT_EQ(s.issues.size(), 1U);
  EXPECT_EQ(s.issues[0].field, "ets_reference_price_eur_per_t");
  EXPECT_EQ(s.issues[0].expected, "a value for 2024 (the scenario states P_ETS for 2021–2022)");
  model::YearSeries ets;
  ets.set(2023, 20.0);
  const auto with_path = compute_levy_statement(policy(), rows, &ets);
  EXPECT_TRUE(with_path.issues.empty());
  EXPECT_DOUBLE_EQ(with_path.lines[0].ets_reference_price_eur_per_t, 20.0);
  EXPECT_DOUBLE_EQ(with_path.lines[0].account.rate_eur_per_t, 41.75 - 20.0);
}

TEST(LevyStatement, SaleAboveSurplusAndDuplicateYearAreIssues) {
  auto r = row("X", 2021, LevyCategory::n2o, 60, 70);
  r.dpr_sold_t = 15;
  const std::vector<LevyStatementRow> rows{r, row("X", 2021, LevyCategory::n2o, 1, 1)};
  const auto s = compute_levy_statement(policy(), rows);
  ASSERT_EQ(s.issues.size(), 2U);
  EXPECT_EQ(s.issues[0].field, "dpr_sold_t");
  EXPECT_EQ(s.issues[0].expected,
            "at most the surplus max(0, DPR 70 + bought 0 − emissions 60) = 10 t (only a surplus "
            "can be sold, policy.md §1.7)");
  EXPECT_EQ(s.issues[0].found, "\"15\"");
  EXPECT_EQ(s.issues[1].row, 1U);
  EXPECT_EQ(s.issues[1].field, "year");
}

}  // namespace
}  // namespace decarbfund::sim
