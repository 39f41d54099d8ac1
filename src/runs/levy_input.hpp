#pragma once
// A company's levy statement as every front end computes it (docs/levy.md): the input table's
// columns and checks, and the ETS reference price of each ETS row — the row's own value, else the
// scenario's policy, else the dataset's stated reference prices, else the ETS price of the year
// before on the scenario's price path (the dataset's prices.csv with the scenario's
// prices.ets_eur_per_t over it), as simulate() takes it (issue 19: the calculator no longer asks
// for a price the dataset holds). Each row says which it used.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/csv_reader.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "sim/levy_statement.hpp"

namespace decarbfund::runs {

/// The rows of a levy input and the line each came from (for diagnostics).
struct LevyInput {
  std::string file;  ///< as the table named it
  std::vector<sim::LevyStatementRow> rows;
  std::vector<long> lines;
};

/// Reads the rows of a levy input table (columns in docs/levy.md); nullopt when the table is
/// unusable. Every row problem goes to `diags` (file, line, column, expected, found).
std::optional<LevyInput> read_levy_input(const data::CsvTable& table, core::Diagnostics& diags);

/// read_csv, then read_levy_input.
std::optional<LevyInput> load_levy_input(const std::filesystem::path& path, core::Diagnostics& diags);

/// Where a row's ETS reference price came from, as the JSON names it.
inline constexpr const char* kRefFromInput = "input";
inline constexpr const char* kRefFromPolicy = "policy";
inline constexpr const char* kRefFromDataset = "dataset";
inline constexpr const char* kRefFromPricePath = "ets_price_path";

struct LevyRun {
  sim::LevyStatement statement;
  /// Per row: one of kRefFrom…, or empty for a row that deducts no ETS price (not an ETS
  /// installation) or has none (then the statement has an issue for it).
  std::vector<std::string> ets_reference_source;
};

/// Computes the statement of `input` under `scenario` on `model`'s price paths. Rows the
/// calculation refuses are statement issues; add_levy_issues turns them into diagnostics.
LevyRun compute_levy(const model::Model& model, const model::Scenario& scenario, const LevyInput& input);

/// Adds one diagnostic per statement issue (input file, the row's line, field, expected, found).
void add_levy_issues(const LevyInput& input, const LevyRun& run, core::Diagnostics& diags);

}  // namespace decarbfund::runs
