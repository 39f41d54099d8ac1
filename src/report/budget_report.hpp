#pragma once
// `decarbfund budget` as text and JSON (the CSV tables are the JSON's, report/json_tables.hpp):
// the lot's books per instrument and year — reserved, committed, paid, free and still open — with
// the as-of date, the sources behind each figure, and what the outlook's package would need on
// top (issue 18, docs/budget.md).

#include <string>

#include "fund/budget_book.hpp"
#include "fund/measure_list.hpp"
#include "model/model.hpp"

namespace decarbfund::report {

/// The books as a table per lot (EUR m, nominal) and the package's need; `sources` lists the
/// source of every ledger row under its instrument.
std::string budget_text(const model::Model& model, const fund::BudgetBook& book, const fund::PackageNeed* need,
                        bool sources);
/// The same as a JSON document: `lines` (one row per instrument and year), `instruments`,
/// `measures` (the MJP-style list of --xlsx/--html), `package` and the ledger rows with their
/// sources (`ledger`).
std::string budget_json(const model::Model& model, const fund::BudgetBook& book, const fund::PackageNeed* need,
                        const std::vector<fund::Measure>& measures);

}  // namespace decarbfund::report
