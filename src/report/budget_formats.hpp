#pragma once
// `decarbfund budget --xlsx FILE --html FILE`: the lot's books in the formats the fund reports in
// (issue 18 item 4, docs/budget.md "Reports in the fund's formats"): an MJP-style measure list
// (per instrument: lot, budget, committed, paid, tonnes expected in 2030, status, source) and a
// verdiepingstabel-style table (instrument rows, one column per year, verplichtingen and uitgaven
// in EUR m), with an about sheet naming the dataset, the as-of date, the price basis and every
// estimated figure with its reason. Units are in every header.

#include <string>
#include <vector>

#include "fund/budget_book.hpp"
#include "fund/measure_list.hpp"
#include "model/model.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// The .xlsx bytes: sheets measures, verdiepingstabel, about.
std::string budget_xlsx(const model::Model& model, const fund::BudgetBook& book,
                        const std::vector<fund::Measure>& measures, const RunInfo& info);
/// The same as one self-contained HTML page.
std::string budget_html(const model::Model& model, const fund::BudgetBook& book,
                        const std::vector<fund::Measure>& measures, const RunInfo& info);

}  // namespace decarbfund::report
