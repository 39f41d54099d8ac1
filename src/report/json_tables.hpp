#pragma once
// The tables of a JSON report document (issue 19): what `--csv DIR` writes, one CSV file per
// table, and what the Python package turns into pandas DataFrames — one reading of the document
// for both, so a field the JSON gains is in the CSV files and the DataFrames without a change here.
//
// The rules, applied to the document's keys in order (nested objects by their dotted key path):
//   - `summary` (item, value): every scalar, e.g. `achieved_mt`, `meta.scenario`, `legs.levy_mt`;
//     an array of scalars is one item holding the array as JSON text;
//   - `by_year` (year, then one column per series): every object under a key ending `_by_year`
//     keyed by year, the column named by the key path without the suffix (`emissions_t`, units in
//     the name); nested ones take the inner keys (`dpr_price_eur_per_t.general`); and every object
//     of equal-length arrays that has `years` (Monte Carlo's fan chart: `emissions_t.p50`);
//   - one table per array of objects, named by its key path (`package_credits`,
//     `sensitivity.tornado.bars`): the union of the rows' keys as columns, nested objects as dotted
//     columns, arrays in a row as JSON text; an object of equal-length arrays without `years` too.
// A document that is an array of objects is one table, `rows`.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace decarbfund::report {

/// A cell: JSON null, a number (integers stay integers), a boolean or text.
using TableCell = std::variant<std::monostate, double, std::int64_t, bool, std::string>;

struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<TableCell>> rows;  ///< each as long as `columns`
};

/// The document's tables by the rules above: `summary` first, then `by_year` when it has a
/// series, then the others in document order. Throws core::Error when `json` is not JSON.
std::vector<Table> json_tables(std::string_view json);

/// A table as CSV (RFC 4180: a header row, fields quoted when they hold a comma, quote or line
/// break; numbers in their shortest exact form, null as an empty field).
std::string table_csv(const Table& table);

/// One CSV line (with its newline) of `cells`, quoted as table_csv quotes them.
std::string csv_line(const std::vector<TableCell>& cells);

/// (file name, CSV text) of every table: `<name>.csv`.
std::vector<std::pair<std::string, std::string>> csv_files(std::string_view json);

}  // namespace decarbfund::report
