#pragma once
// The rule-based allocations the optimum is compared with (issue 7 §2, docs/optimize.md
// "Against the rules"): the same budget spent by ranking deals on EUR per expected tonne, and by
// each rule of the SME scheme (fcfs, ranking, points, phases; analysis::allocate_round) for the
// round's budget with the rest to deals ranked on EUR/t. Every row is counted as the optimiser
// counts: expected additional tonnes operating in the target year, support committed.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "model/sme_scheme.hpp"
#include "optimize/build_problem.hpp"
#include "optimize/portfolio.hpp"

namespace decarbfund::optimize {

/// Money already committed or paid per year before the deals are ranked (by the SME round).
struct MoneyUsed {
  double total_eur = 0;
  std::map<int, double> commit_eur;
  std::map<int, double> cash_eur;
};

struct RankedDeals {
  double reduction_t = 0;
  double cost_eur = 0;
  std::vector<ChosenProject> projects;
  std::vector<std::uint8_t> deal_supported;
};

/// Deals in ascending order of EUR per expected tonne (Σ cheapest funding gaps ÷ Σ realisation ×
/// tonnes of their projects; ties by id); within a deal, projects by the same ratio; each takes the
/// earliest alternative that still fits the budget left, the deal cap, the yearly commitment and
/// cash limits, the infrastructure limits and its exclusive group. Nothing is revisited: a
/// greedy rule, as a fund that ranks applications does it.
RankedDeals rank_deals_on_eur_per_t(const Problem& problem, double budget_eur, const MoneyUsed& used = {});

/// One line of the comparison table.
struct RuleRow {
  std::string rule;
  double reduction_t = 0;
  double cost_eur = 0;
  double deal_reduction_t = 0;
  double deal_cost_eur = 0;
  double sme_reduction_t = 0;
  double sme_cost_eur = 0;
  std::size_t deals_supported = 0;
  std::size_t sme_awarded = 0;
};

/// The comparison rows for `budget_eur`: "deals ranked on EUR/t" and, for each round of
/// `rule_rounds` (one per allocation rule), "SME <rule> + deals ranked on EUR/t", the round
/// spending min(its budget, budget_eur) by its rule.
std::vector<RuleRow> compare_rules(const BuiltProblem& built, const SmeInput& sme,
                                   std::span<const model::Round> rule_rounds, double budget_eur);

}  // namespace decarbfund::optimize
