#pragma once
// A company's levy statement for people and programs (docs/levy.md): the terminal table and the
// JSON document of `decarbfund levy`, also answered by POST /api/levy and returned by the Python
// package. The JSON is produced row by row through a sink: a JSON tree of 400,000 rows (a 16 MB
// input) would take 2.5 GB, the rows one at a time a few hundred bytes each.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "model/scenario.hpp"
#include "sim/levy_statement.hpp"

namespace decarbfund::report {

/// What a statement is shown with.
struct LevyReport {
  const model::DatasetInfo* dataset = nullptr;  ///< whose price paths gave missing reference prices
  const model::Scenario* scenario = nullptr;
  std::string input;  ///< the input's name (file, or "request")
  const std::vector<sim::LevyStatementRow>* rows = nullptr;
  const sim::LevyStatement* statement = nullptr;
  /// Per row: where its ETS reference price came from (runs/levy_input.hpp), "" for none.
  const std::vector<std::string>* ets_reference_source = nullptr;
};

/// The terminal statement: one line per row, totals, and a note per row whose ETS reference
/// price the input did not give.
std::string levy_text(const LevyReport& report);

/// The JSON document (indent 2): meta, rows, totals; handed to `sink` in pieces.
void levy_json(const LevyReport& report, const std::function<void(std::string_view)>& sink);

/// levy_json into one string (for inputs that fit in memory: the API, the Python package).
std::string levy_json(const LevyReport& report);

/// The tables of `--csv DIR`, as json_tables would read the document, but row by row:
/// `summary.csv` (meta and totals) whole, `rows.csv` through `sink`.
std::string levy_summary_csv(const LevyReport& report);
void levy_rows_csv(const LevyReport& report, const std::function<void(std::string_view)>& sink);

}  // namespace decarbfund::report
