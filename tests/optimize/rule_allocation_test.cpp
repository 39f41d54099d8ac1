// Ranking deals on EUR per expected tonne, on the worked example of solve_portfolio_test.cpp.

#include "optimize/rule_allocation.hpp"

#include <gtest/gtest.h>

namespace decarbfund::optimize {
namespace {

/// A (EUR 50 m, 100,000 t, 60 MW), B (EUR 30 m, 80,000 t, 50 MW), C (EUR 10 m, 100,000 t at
/// p 0.5), budget EUR 80 m, grid 100 MW.
Problem example() {
  Problem p;
  p.budget.total_eur = 80e6;
  p.deals = {{"a", "A", 1.0, kUnlimited, ""}, {"b", "B", 1.0, kUnlimited, ""}, {"c", "C", 0.5, kUnlimited, ""}};
  p.limits = {{"grid_r", "grid R", "MW", 2030, 100}};
  auto project = [](std::string id, std::size_t deal, double t, double gap, double mw) {
    ProjectCandidate pr;
    pr.id = std::move(id);
    pr.deal = deal;
    pr.tonnes_t = t;
    Alternative a;
    a.decision_year = 2026;
    a.start_year = 2030;
    a.gap_eur = gap;
    if (mw > 0) {
      a.uses.push_back({0, mw});
    }
    a.cash = {{2026, 1.0}};
    pr.alternatives.push_back(a);
    return pr;
  };
  p.projects = {project("A", 0, 100'000, 50e6, 60), project("B", 1, 80'000, 30e6, 50),
                project("C", 2, 100'000, 10e6, 0)};
  return p;
}

TEST(RuleAllocation, RankingOnEurPerTonneIsGreedy) {
  // EUR per expected t: C 200, B 375, A 500. C and B fit (EUR 40 m, 50 MW); A would need EUR 90 m
  // in all. The greedy rule stops at 130,000 t where the optimum of the same limits takes
  // {A, C}: 150,000 t.
  const auto p = example();
  const auto r = rank_deals_on_eur_per_t(p, p.budget.total_eur);
  ASSERT_EQ(r.projects.size(), 2u);
  EXPECT_EQ(p.projects[r.projects[0].project].id, "C");
  EXPECT_EQ(p.projects[r.projects[1].project].id, "B");
  EXPECT_NEAR(r.reduction_t, 130'000, 1e-9);
  EXPECT_NEAR(r.cost_eur, 40e6, 1e-6);
  EXPECT_EQ(r.deal_supported, (std::vector<std::uint8_t>{0, 1, 1}));
  const auto best = solve_portfolio(p);
  EXPECT_NEAR(best.reduction_t, 150'000, 1e-9);
}

TEST(RuleAllocation, RankingRespectsTheGridAndMoneyAlreadySpent) {
  auto p = example();
  p.limits[0].capacity = 40;  // B (50 MW) no longer fits, A (60 MW) neither
  MoneyUsed used;
  used.total_eur = 65e6;  // an SME round took EUR 65 m: EUR 15 m left, C (EUR 10 m) fits
  const auto r = rank_deals_on_eur_per_t(p, 80e6, used);
  ASSERT_EQ(r.projects.size(), 1u);
  EXPECT_EQ(p.projects[r.projects[0].project].id, "C");
  EXPECT_NEAR(r.reduction_t, 50'000, 1e-9);
}

}  // namespace
}  // namespace decarbfund::optimize
