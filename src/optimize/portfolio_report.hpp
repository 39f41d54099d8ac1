#pragma once
// The optimiser's answer as text for the terminal and as a JSON document (docs/optimize.md
// "Output"): the chosen portfolio, its reduction and cost, the solver's status and gap, the
// shadow prices of the binding limits and the rule-based allocations side by side.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "optimize/build_problem.hpp"
#include "optimize/portfolio.hpp"
#include "optimize/rule_allocation.hpp"

namespace decarbfund::optimize {

/// Everything one `decarbfund optimize` run reports.
struct PortfolioReport {
  std::string scenario;
  /// What produced the run (the JSON's `meta`, the workbook's "about" sheet; issue 8).
  std::string dataset, dataset_version, scenario_file, policy_version;
  std::vector<std::string> scenario_chain;
  int price_year = 0;  ///< EUR of this year in every amount
  std::optional<std::uint64_t> seed;  ///< the generated SME population's seed (none: read from a file)
  const BuiltProblem* built = nullptr;
  const Solution* solution = nullptr;
  std::vector<RuleRow> rules;
  double rule_budget_eur = 0;  ///< the budget the rule rows spend
  double relative_gap = 0;     ///< asked of the solver
};

std::string portfolio_text(const PortfolioReport& report);
/// The JSON document; `meta` first, then the keys docs/optimize.md lists.
std::string portfolio_json(const PortfolioReport& report);

}  // namespace decarbfund::optimize
