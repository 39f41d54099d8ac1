#pragma once
// An optimize run as an Excel workbook (issue 8 "Reports": `optimize --xlsx FILE`): the tables of
// the JSON document (docs/optimize.md "Output") one sheet each, units in the headers, plus the
// infrastructure each limit has left and the portfolio uses, year by year.

#include <string>

#include "optimize/portfolio_report.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// The .xlsx bytes: summary, deals, projects, sme_awards, by_year, infrastructure, shadow_prices,
/// rules, notes, about. The solver's wall time is left out (it would change the bytes).
std::string portfolio_xlsx(const optimize::PortfolioReport& report, const RunInfo& info, Lang lang = Lang::en);

}  // namespace decarbfund::report
