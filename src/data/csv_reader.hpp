#pragma once
// Strict CSV (RFC 4180, UTF-8) with typed, schema-checked access. Every problem becomes a
// core::Diagnostic naming file, line, column, what was expected and what was found; malformed input
// (ragged rows, bad quoting, invalid UTF-8, NaN, huge numbers) never crashes the reader.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace decarbfund::data {

/// One data row: its fields and the line it starts on (1-based, counting the header as line 1).
struct CsvRow {
  long line = 0;
  std::vector<std::string> fields;
};

/// A parsed CSV file: header and rows, all text.
struct CsvTable {
  std::string file;
  long header_line = 1;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

/// Parses CSV text. Lines starting with '#' before the header are comments. Returns nullopt (with
/// diagnostics) when the text cannot be read as a table at all; ragged rows are reported and
/// skipped so that one pass finds every problem.
std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file,
                                  core::Diagnostics& diags);

/// Reads and parses a CSV file; a missing or unreadable file is a diagnostic, not an exception.
std::optional<CsvTable> read_csv(const std::filesystem::path& path, core::Diagnostics& diags);

enum class ColumnType { text, number, integer };

/// One column of a table's schema (STYLE §2.2: schema as data; docs/data-format.md follows it).
struct ColumnSpec {
  std::string_view name;
  ColumnType type = ColumnType::text;
  bool required = true;
  double min = -1e15;  ///< inclusive bounds for numbers
  double max = 1e15;
  std::string_view unit;         ///< e.g. "t/yr", "EUR", "MW"
  std::string_view description;  ///< what the column means
};

/// Reads the rows of a CsvTable through its schema. The constructor checks the header (missing
/// required columns, unknown or duplicate columns); accessors check each value.
class TableReader {
 public:
  TableReader(const CsvTable& table, std::span<const ColumnSpec> schema, core::Diagnostics& diags);

  /// False when the header was unusable; rows are then not read.
  bool ok() const { return ok_; }
  std::size_t size() const { return ok_ ? table_.rows.size() : 0; }
  long line(std::size_t row) const { return table_.rows[row].line; }
  const std::string& file() const { return table_.file; }

  /// The raw text of a column ("" where the column is absent and optional).
  std::string_view raw(std::size_t row, std::string_view column) const;
  /// Text that must be non-empty when the column is required.
  std::string text(std::size_t row, std::string_view column);
  /// A finite number within the column's bounds; `fallback` for an empty optional value.
  double number(std::size_t row, std::string_view column,
                double fallback = std::numeric_limits<double>::quiet_NaN());
  /// An integer within the column's bounds; `fallback` for an empty optional value.
  long integer(std::size_t row, std::string_view column, long fallback = 0);
  /// One of `allowed`; returns its index, or -1 (with a diagnostic, or silently when empty and optional).
  int choice(std::size_t row, std::string_view column, std::span<const std::string_view> allowed);
  /// Reports a problem with a value this reader handed out (e.g. an unknown reference).
  void error(std::size_t row, std::string_view column, std::string expected, std::string found);

 private:
  /// The schema entry named `column`, or schema size when there is none.
  std::size_t slot(std::string_view column) const;
  const ColumnSpec* spec(std::string_view column) const;
  int index(std::string_view column) const;

  const CsvTable& table_;
  std::span<const ColumnSpec> schema_;
  core::Diagnostics& diags_;
  std::vector<int> column_index_;  // per schema entry: index into the header, or -1
  bool ok_ = true;
  mutable std::size_t next_slot_ = 0;  // where slot() starts looking: the last column found
};

/// Parses a decimal number strictly: no NaN/inf, no hex, no trailing characters, |x| ≤ 1e15.
std::optional<double> parse_number(std::string_view text);

/// Quotes a field for CSV output where needed (RFC 4180).
std::string csv_escape(std::string_view field);

/// Formats a number for CSV output deterministically: shortest round-trip form, no exponent below
/// 1e15 for integers ("1200", "0.15", "-3.5e-07").
std::string csv_number(double value);
/// csv_number appended to `out` (no temporary string: writers of large tables call it per cell).
void append_csv_number(std::string& out, double value);
/// csv_escape appended to `out`.
void append_csv_escaped(std::string& out, std::string_view field);

}  // namespace decarbfund::data
