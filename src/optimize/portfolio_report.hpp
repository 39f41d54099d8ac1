#pragma once
// The optimiser's answer as text for the terminal and as a JSON document (docs/optimize.md
// "Output"): the chosen portfolio, its reduction and cost, the solver's status and gap, the
// shadow prices of the binding limits and the rule-based allocations side by side.

#include <string>
#include <vector>

#include "optimize/build_problem.hpp"
#include "optimize/portfolio.hpp"
#include "optimize/rule_allocation.hpp"

namespace decarbfund::optimize {

/// Everything one `decarbfund optimize` run reports.
struct PortfolioReport {
  std::string scenario;
  const BuiltProblem* built = nullptr;
  const Solution* solution = nullptr;
  std::vector<RuleRow> rules;
  double rule_budget_eur = 0;  ///< the budget the rule rows spend
  double relative_gap = 0;     ///< asked of the solver
};

std::string portfolio_text(const PortfolioReport& report);
std::string portfolio_json(const PortfolioReport& report);

}  // namespace decarbfund::optimize
