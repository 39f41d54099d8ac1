#pragma once
// An optimize run as one self-contained HTML page (issue 8 "Reports": `optimize --html FILE`;
// inline SVG, no script, no network): the tables of the workbook and charts of spend and
// tonnes by year. A pure function of the run: the same inputs give the same bytes (the solver's
// wall time is left out).

#include <string>

#include "optimize/portfolio_report.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

std::string portfolio_html(const optimize::PortfolioReport& report, const RunInfo& info, Lang lang = Lang::en);

}  // namespace decarbfund::report
