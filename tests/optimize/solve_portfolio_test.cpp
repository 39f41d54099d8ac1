// The portfolio MIP on small instances whose optimum is worked out by hand in the comments.

#include "optimize/portfolio.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace decarbfund::optimize {
namespace {

/// Three deals and one SME application, one grid limit (docs/optimize.md "A worked example"):
///   A (deal a, p 1.0): 100,000 t, gap EUR 50 m, 60 MW of grid_r in 2030
///   B (deal b, p 1.0):  80,000 t, gap EUR 30 m, 50 MW of grid_r in 2030
///   C (deal c, p 0.5): 100,000 t, gap EUR 10 m, no grid  → 50,000 expected t
///   k1 (SME):            5,000 t, EUR 5 m
/// Budget EUR 80 m. Without the grid limit: {A, B} = 180,000 t for EUR 80 m beats
/// {A, C, k1} = 155,000 t (EUR 65 m) and {B, C, k1} = 135,000 t. With 100 MW of grid, A and B
/// (110 MW) no longer fit together, and the best is {A, C, k1}: 155,000 t for EUR 65 m.
Problem worked_example(double grid_mw) {
  Problem p;
  p.objective = Objective::max_reduction;
  p.target_year = 2030;
  p.budget.total_eur = 80e6;
  p.deals = {{"a", "A Corp", 1.0, kUnlimited, ""}, {"b", "B Corp", 1.0, kUnlimited, ""},
             {"c", "C Corp", 0.5, kUnlimited, ""}};
  p.limits = {{"grid_r", "grid R", "MW", 2030, grid_mw}};
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
    a.cash = {{2026, 0.5}, {2027, 0.5}};
    pr.alternatives.push_back(a);
    return pr;
  };
  p.projects = {project("A", 0, 100'000, 50e6, 60), project("B", 1, 80'000, 30e6, 50),
                project("C", 2, 100'000, 10e6, 0)};
  SmeCandidate k;
  k.id = "k1";
  k.year = 2025;
  k.grant_eur = 6e6;
  k.gap_eur = 5e6;
  k.cost_eur = 5e6;
  k.tonnes_t = 5'000;
  k.cash = {{2025, 1.0}};
  p.sme = {k};
  return p;
}

std::vector<std::string> chosen_ids(const Problem& p, const Solution& s) {
  std::vector<std::string> ids;
  for (const auto& c : s.projects) {
    ids.push_back(p.projects[c.project].id);
  }
  for (auto k : s.sme_awarded) {
    ids.push_back(p.sme[k].id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(SolvePortfolio, WithoutGridLimitTakesTheTwoBigProjects) {
  const auto p = worked_example(1000);
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "B"}));
  EXPECT_NEAR(s.reduction_t, 180'000, 1e-6);
  EXPECT_NEAR(s.cost_eur, 80e6, 1);
  EXPECT_NEAR(s.objective, 180'000, 1.0);
}

TEST(SolvePortfolio, GridLimitChangesTheChoice) {
  const auto p = worked_example(100);
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "C", "k1"}));
  EXPECT_NEAR(s.reduction_t, 155'000, 1e-6);
  EXPECT_NEAR(s.cost_eur, 65e6, 1);
  EXPECT_EQ(s.deal_supported, (std::vector<std::uint8_t>{1, 0, 1}));
  EXPECT_LE(s.gap, 1e-4);
  // Cash: A and C pay half in 2026 and half in 2027, k1 all in 2025.
  ASSERT_EQ(s.cash_by_year.size(), 3u);
  EXPECT_EQ(s.cash_by_year[0].first, 2025);
  EXPECT_NEAR(s.cash_by_year[0].second, 5e6, 1);
  EXPECT_NEAR(s.cash_by_year[1].second, 30e6, 1);
}

TEST(SolvePortfolio, SupportNeverAboveTheFundingGap) {
  for (double grid : {100.0, 1000.0}) {
    const auto p = worked_example(grid);
    const auto s = solve_portfolio(p);
    for (const auto& c : s.projects) {
      const double gap = p.projects[c.project].alternatives[c.alternative].gap_eur;
      EXPECT_LE(c.support_eur, gap + 1e-6) << p.projects[c.project].id;
      // Less than the gap and the project does not go ahead: support covers it exactly.
      EXPECT_NEAR(c.support_eur, gap, 1e-3) << p.projects[c.project].id;
    }
    for (auto k : s.sme_awarded) {
      EXPECT_LE(p.sme[k].cost_eur, p.sme[k].gap_eur);
    }
  }
}

TEST(SolvePortfolio, BudgetShadowPriceIsTheNextProjectsCostPerTonne) {
  // On top of {A, C, k1} the next tonne comes from B: EUR 30 m / 80,000 t = EUR 375 per t; the
  // EUR 15 m left let in half of B (25 MW of the 40 MW left), so the budget binds, not the grid.
  const auto p = worked_example(100);
  const auto s = solve_portfolio(p);
  const auto it = std::find_if(s.shadow_prices.begin(), s.shadow_prices.end(),
                               [](const ShadowPrice& sp) { return sp.limit == "budget"; });
  ASSERT_NE(it, s.shadow_prices.end());
  EXPECT_EQ(it->value_unit, "EUR per t");
  EXPECT_NEAR(it->value, 375.0, 1e-6);
  EXPECT_NEAR(it->used, 65e6, 1);
  EXPECT_NEAR(it->capacity, 80e6, 1);
}

TEST(SolvePortfolio, GridShadowPriceInTonnesPerMegawatt) {
  // Budget ample (EUR 1 bn): {A, C, k1} fill 60 of 100 MW; B needs 50 MW, so 40 MW let in 0.8
  // of B and the grid binds at B's 80,000 t / 50 MW = 1,600 t per MW.
  auto p = worked_example(100);
  p.budget.total_eur = 1e9;
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "C", "k1"}));
  const auto it = std::find_if(s.shadow_prices.begin(), s.shadow_prices.end(),
                               [](const ShadowPrice& sp) { return sp.limit == "grid R 2030"; });
  ASSERT_NE(it, s.shadow_prices.end());
  EXPECT_EQ(it->value_unit, "t per MW");
  EXPECT_NEAR(it->value, 1'600, 1e-3);
}

TEST(SolvePortfolio, OneOptionPerExclusiveGroup) {
  auto p = worked_example(1000);
  p.budget.total_eur = 1e9;
  p.projects[0].group = "M001/boiler";
  p.projects[1].group = "M001/boiler";
  const auto s = solve_portfolio(p);
  // A (100,000 t) beats B (80,000 t) in the group; C and k1 come on top.
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "C", "k1"}));
}

TEST(SolvePortfolio, DealCapBelowTheGapRulesTheProjectOut) {
  auto p = worked_example(1000);
  p.deals[0].max_support_eur = 40e6;  // A's gap is EUR 50 m
  const auto s = solve_portfolio(p);
  // Without A: B + C + k1 = EUR 45 m, 135,000 t.
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"B", "C", "k1"}));
  EXPECT_NEAR(s.reduction_t, 135'000, 1e-6);
}

TEST(SolvePortfolio, TimingFollowsTheYearlyCommitmentLimit) {
  // A can be decided in 2025 (gap EUR 55 m) or 2026 (gap EUR 50 m). With EUR 60 m of
  // commitments per year, A + B + C in 2026 (EUR 90 m) do not fit; deciding A a year early,
  // at the larger gap, lets everything in: 2025 holds A + k1 (EUR 60 m), 2026 B + C (EUR 40 m).
  auto p = worked_example(1000);
  p.budget.total_eur = 1e9;
  p.budget.commit_per_year_eur = 60e6;
  Alternative early = p.projects[0].alternatives[0];
  early.decision_year = 2025;
  early.gap_eur = 55e6;
  p.projects[0].alternatives.insert(p.projects[0].alternatives.begin(), early);
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "B", "C", "k1"}));
  const auto a = std::find_if(s.projects.begin(), s.projects.end(), [](const ChosenProject& c) { return c.project == 0; });
  ASSERT_NE(a, s.projects.end());
  EXPECT_EQ(p.projects[0].alternatives[a->alternative].decision_year, 2025);
  EXPECT_NEAR(a->support_eur, 55e6, 1e-3);
}

TEST(SolvePortfolio, MinCostReachesTheRequiredReductionAtLeastCost) {
  // 150,000 t with 100 MW of grid: {A, C} for EUR 60 m ({A, B} would cost 80 and needs 110 MW).
  auto p = worked_example(100);
  p.objective = Objective::min_cost;
  p.required_t = 150'000;
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "C"}));
  EXPECT_NEAR(s.cost_eur, 60e6, 1);
  EXPECT_NEAR(s.objective, 60e6, 1);
  // The LP relaxation takes C, B and a fifth of A: the marginal tonne costs A's EUR 500 per t.
  const auto it = std::find_if(s.shadow_prices.begin(), s.shadow_prices.end(),
                               [](const ShadowPrice& sp) { return sp.limit == "required reduction 2030"; });
  ASSERT_NE(it, s.shadow_prices.end());
  EXPECT_NEAR(it->value, 500.0, 1e-6);
}

TEST(SolvePortfolio, UnreachableReductionIsInfeasibleAndSaysWhy) {
  auto p = worked_example(100);
  p.objective = Objective::min_cost;
  p.required_t = 300'000;
  const auto s = solve_portfolio(p);
  EXPECT_EQ(s.status, Status::infeasible);
  ASSERT_FALSE(s.conflicts.empty());
  EXPECT_EQ(s.conflicts[0],
            "required reduction: 300000 t of expected reduction in 2030 is out of reach: within the budget "
            "and the limits the candidates reach at most 155000 t (short by 145000 t)");
  // Even without limits A + B + C + k1 give 235,000 t < 300,000 t.
  EXPECT_EQ(s.conflicts.back(),
            "even with unlimited budget and infrastructure the candidates add up to 235000 t (exclusive "
            "groups not applied): more candidates are needed");
}

TEST(SolvePortfolio, InfiniteTonnesAreReportedUnbounded) {
  auto p = worked_example(100);
  p.projects[2].tonnes_t = kUnlimited;
  const auto s = solve_portfolio(p);
  EXPECT_EQ(s.status, Status::unbounded);
  ASSERT_EQ(s.conflicts.size(), 1u);
  EXPECT_EQ(s.conflicts[0], "project C: tonnes: expected a finite amount in t, found infinity");
}

TEST(SolvePortfolio, InfiniteFundingGapIsReportedUnbounded) {
  auto p = worked_example(100);
  p.budget.total_eur = kUnlimited;
  p.projects[1].alternatives[0].gap_eur = kUnlimited;
  const auto s = solve_portfolio(p);
  EXPECT_EQ(s.status, Status::unbounded);
  ASSERT_EQ(s.conflicts.size(), 1u);
  EXPECT_EQ(s.conflicts[0], "project B decided 2026: funding gap: expected a finite amount in EUR, found infinity");
}

TEST(SolvePortfolio, NegativeCapacityIsInfeasible) {
  auto p = worked_example(-5);
  const auto s = solve_portfolio(p);
  EXPECT_EQ(s.status, Status::infeasible);
  ASSERT_EQ(s.conflicts.size(), 1u);
  EXPECT_EQ(s.conflicts[0],
            "limit grid R 2030: capacity -5 MW is negative: no portfolio, not even the empty one, fits");
}

TEST(SolvePortfolio, SameAnswerTwice) {
  const auto p = worked_example(100);
  const auto a = solve_portfolio(p);
  const auto b = solve_portfolio(p);
  EXPECT_EQ(chosen_ids(p, a), chosen_ids(p, b));
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.nodes, b.nodes);
}

// Issue 18: a deal is funded whole. Deal a gets a second project A2 (20,000 t, gap EUR 25 m), so
// {A, B} (A without A2) is no longer a choice. Within EUR 80 m the whole deal a (A + A2, EUR 75 m,
// 120,000 t) + k1 gives 125,000 t, and {B, C, k1} 135,000 t for EUR 45 m: the latter wins.
// Allowed in parts, {A, B} (180,000 t) wins as before.
TEST(SolvePortfolio, ADealIsFundedWholeUnlessItComesInParts) {
  auto p = worked_example(1000);
  ProjectCandidate a2 = p.projects[0];
  a2.id = "A2";
  a2.tonnes_t = 20'000;
  a2.alternatives[0].gap_eur = 25e6;
  a2.alternatives[0].uses.clear();
  p.projects.push_back(a2);
  const auto whole = solve_portfolio(p);
  ASSERT_EQ(whole.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, whole), (std::vector<std::string>{"B", "C", "k1"}));
  p.deals[0].in_parts = true;
  const auto parts = solve_portfolio(p);
  EXPECT_EQ(chosen_ids(p, parts), (std::vector<std::string>{"A", "B"}));
}

// Issue 18: a committed deal (binding, or booked in the fund's ledger) is in every portfolio, and
// its money, committed already, is not new: with deal a committed (granted EUR 40 m), a budget of
// EUR 45 m buys B + C + k1 on top of A.
TEST(SolvePortfolio, ACommittedDealIsKeptAndItsMoneyIsNotNew) {
  auto p = worked_example(1000);
  p.deals[0].committed = true;
  p.deals[0].max_support_eur = 40e6;  // the grant as committed, below A's modelled gap: still kept
  p.budget.total_eur = 45e6;
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"A", "B", "C", "k1"}));
  EXPECT_EQ(s.deal_supported[0], 1);
  EXPECT_NEAR(s.cost_eur, 45e6, 1e-3);
  EXPECT_NEAR(s.committed_support_eur, 40e6, 1e-3);
  // Kept even when nothing else fits: a budget of 0 still has A, and nothing new.
  p.budget.total_eur = 0;
  const auto none = solve_portfolio(p);
  ASSERT_EQ(none.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, none), (std::vector<std::string>{"A"}));
  EXPECT_NEAR(none.cost_eur, 0, 1e-6);
}

// Issue 18: new deal support decided in a year is at most the fund's free maatwerk money of that
// year; a year the books do not list has none. B + C decided in 2026 fit in EUR 40 m; A does not.
TEST(SolvePortfolio, DealSupportStaysWithinTheFundsFreeMoneyPerYear) {
  auto p = worked_example(1000);
  p.budget.total_eur = 1e9;
  p.budget.deal_free_by_year = {{2026, 40e6}};
  const auto s = solve_portfolio(p);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_EQ(chosen_ids(p, s), (std::vector<std::string>{"B", "C", "k1"}));
  p.budget.deal_free_by_year = {{2025, 1e9}};  // nothing free in 2026, when the projects are decided
  EXPECT_EQ(chosen_ids(p, solve_portfolio(p)), (std::vector<std::string>{"k1"}));
}

}  // namespace
}  // namespace decarbfund::optimize
