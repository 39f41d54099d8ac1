#pragma once
// Tables of an optimize run that its workbook and its HTML page share (issue 8): money and
// tonnes by year, infrastructure used per limit, the portfolio per deal. Derived from the
// solution and the problem only, the way portfolio_text/json in src/optimize count them.
//
// Why the report room renders optimize's types (report → optimize, src/CMakeLists.txt,
// docs/architecture.md) rather than optimize using report's helpers: the report room already
// renders every other analysis (outlook, Monte Carlo, registry), and libxlsxwriter and the SVG
// charts stay in one room; optimize keeps only the text and JSON its own tests pin.

#include <cstddef>
#include <vector>

#include "optimize/portfolio_report.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// One year of the portfolio.
struct PortfolioYear {
  int year = 0;
  double commitments_eur = 0;
  double cash_eur = 0;
  /// Expected target-year tonnes bought by the support committed this year (projects by their
  /// decision year, SME awards by their submission year) and the running sum.
  double committed_t = 0;
  double cumulative_t = 0;
};
std::vector<PortfolioYear> portfolio_years(const optimize::PortfolioReport& report);

/// Per Problem::limits entry: what the chosen projects use of it (same unit as its capacity).
std::vector<double> limit_use(const optimize::PortfolioReport& report);

/// Per Problem::deals entry: the chosen projects' count, support and expected tonnes.
struct DealTotals {
  int projects = 0;
  double support_eur = 0;
  double expected_t = 0;
};
std::vector<DealTotals> deal_totals(const optimize::PortfolioReport& report);

/// As portfolio_json's `meta` (the CLI adds the command).
RunInfo portfolio_run_info(const optimize::PortfolioReport& report);

/// Whether the solver returned a portfolio (optimal or feasible).
bool portfolio_solved(const optimize::PortfolioReport& report);

}  // namespace decarbfund::report
