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

/// The most text a CsvTable holds, parsed or added (cell offsets are 31 bits: 8 bytes a cell, not
/// 16, issue 21). Files are smaller still: readers load at most core::kMaxInputBytes.
inline constexpr std::size_t kMaxCsvBytes = (std::size_t{1} << 31) - 1;

/// A parsed CSV file: header and rows, all text. The cells are views of text the table owns —
/// one buffer and one array of cell offsets for the whole file, no string per cell or vector per
/// row (issue 21: 100,000 applications of 22 columns were 2.2 million strings) — or, from
/// parse_csv_view, of the caller's text.
class CsvTable {
 public:
  std::string file;
  long header_line = 1;
  std::vector<std::string> header;

  /// Data rows (ragged rows were reported and left out).
  std::size_t size() const { return lines_.size(); }
  /// The line a data row starts on (1-based, counting the header and comments).
  long line(std::size_t row) const { return lines_[row]; }
  /// The text of a cell, unquoted; `column` < header.size().
  std::string_view cell(std::size_t row, std::size_t column) const {
    const Cell c = cells_[row * header.size() + column];
    const char* from = (c.begin & kOwnText) != 0 ? own_text_.data() : source().data();
    return {from + (c.begin & ~kOwnText), c.size};
  }
  /// Appends a row of header.size() fields (a table built in memory, e.g. from a JSON body).
  /// Returns false, adding nothing, when the count differs from the header's or the table's text
  /// would pass kMaxCsvBytes.
  bool add_row(long line, std::span<const std::string> fields);

 private:
  friend std::optional<CsvTable> parse_csv(std::string_view, const std::string&, core::Diagnostics&);
  friend std::optional<CsvTable> parse_csv_view(std::string_view, const std::string&, core::Diagnostics&);
  /// Where a cell's text lies: in the file's text (source()), or, with kOwnText set, in own_text_
  /// (quoted fields, unescaped, and added rows).
  struct Cell {
    std::uint32_t begin;
    std::uint32_t size;
  };
  static constexpr std::uint32_t kOwnText = std::uint32_t{1} << 31;
  static_assert(kMaxCsvBytes < kOwnText);

  /// The file's text: the caller's (parse_csv_view) or the table's own copy (parse_csv).
  std::string_view source() const { return borrowed_.data() != nullptr ? borrowed_ : std::string_view(text_); }

  std::string text_;
  std::string_view borrowed_;
  std::string own_text_;
  std::vector<Cell> cells_;  ///< row-major, header.size() per row
  std::vector<long> lines_;  ///< per data row
};

/// Parses CSV text. Lines starting with '#' before the header are comments. Returns nullopt (with
/// diagnostics) when the text cannot be read as a table at all; ragged rows are reported and
/// skipped so that one pass finds every problem.
std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file,
                                  core::Diagnostics& diags);
/// As parse_csv, but the table's cells are views of `text`, which must outlive the table and its
/// copies: a loader that reads its rows and drops the table saves copying the file (issue 21).
std::optional<CsvTable> parse_csv_view(std::string_view text, const std::string& file,
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
  std::size_t size() const { return ok_ ? table_.size() : 0; }
  long line(std::size_t row) const { return table_.line(row); }
  const std::string& file() const { return table_.file; }

  /// A schema column looked up once. The accessors below take a column's name or this; a loader
  /// of a large table looks its columns up before the first row (issue 21: a lookup per cell was
  /// a tenth of reading 100,000 applications). A name outside the schema reads as an absent
  /// optional column.
  struct Column {
    std::size_t slot;  ///< index into the schema; the schema's size for a name outside it
  };
  Column column(std::string_view name) const { return Column{slot(name)}; }

  /// The raw text of a column ("" where the column is absent and optional).
  std::string_view raw(std::size_t row, std::string_view column) const { return raw(row, this->column(column)); }
  std::string_view raw(std::size_t row, Column column) const;
  /// Text that must be non-empty when the column is required.
  std::string text(std::size_t row, std::string_view column) { return text(row, this->column(column)); }
  std::string text(std::size_t row, Column column);
  /// A finite number within the column's bounds; `fallback` for an empty optional value.
  double number(std::size_t row, std::string_view column,
                double fallback = std::numeric_limits<double>::quiet_NaN()) {
    return number(row, this->column(column), fallback);
  }
  double number(std::size_t row, Column column, double fallback = std::numeric_limits<double>::quiet_NaN());
  /// An integer within the column's bounds; `fallback` for an empty optional value.
  long integer(std::size_t row, std::string_view column, long fallback = 0) {
    return integer(row, this->column(column), fallback);
  }
  long integer(std::size_t row, Column column, long fallback = 0);
  /// One of `allowed`; returns its index, or -1 (with a diagnostic, or silently when empty and optional).
  int choice(std::size_t row, std::string_view column, std::span<const std::string_view> allowed) {
    return choice(row, this->column(column), allowed);
  }
  int choice(std::size_t row, Column column, std::span<const std::string_view> allowed);
  /// Reports a problem with a value this reader handed out (e.g. an unknown reference).
  void error(std::size_t row, std::string_view column, std::string expected, std::string found);

 private:
  /// The schema entry named `column`, or schema size when there is none.
  std::size_t slot(std::string_view column) const;
  /// The schema entry of a column, or nullptr outside the schema.
  const ColumnSpec* spec(Column column) const {
    return column.slot < schema_.size() ? &schema_[column.slot] : nullptr;
  }
  /// A cell's text; empty where the column is outside the schema or absent from the header.
  std::string_view value(std::size_t row, Column column) const {
    const int c = column.slot < schema_.size() ? column_index_[column.slot] : -1;
    return c < 0 ? std::string_view() : table_.cell(row, static_cast<std::size_t>(c));
  }

  const CsvTable& table_;
  std::span<const ColumnSpec> schema_;
  core::Diagnostics& diags_;
  std::vector<int> column_index_;  // per schema entry: index into the header, or -1
  bool ok_ = true;
  mutable std::size_t next_slot_ = 0;  // where slot() starts looking: the last column found
};

/// Parses a decimal number strictly: no NaN/inf, no hex, no trailing characters, |x| ≤ 1e15.
std::optional<double> parse_number(std::string_view text);

// Writers (csv_writer.cpp).

/// Quotes a field for CSV output where needed (RFC 4180).
std::string csv_escape(std::string_view field);

/// Formats a number for CSV output deterministically: shortest round-trip form, no exponent below
/// 1e15 for integers ("1200", "0.15", "-3.5e-07").
std::string csv_number(double value);
/// csv_number appended to `out` (no temporary string: writers of large tables call it per cell).
void append_csv_number(std::string& out, double value);
/// csv_escape appended to `out`.
void append_csv_escaped(std::string& out, std::string_view field);

/// The writers below put a cell at `out` and return its end, for writers of large tables that
/// fill a row's buffer instead of appending cell by cell (issue 21). A number takes at most
/// kMaxCsvNumberChars; an escaped field at most 2 × its size + 2.
inline constexpr std::size_t kMaxCsvNumberChars = 32;
char* write_csv_number(char* out, double value);
/// write_csv_decimal writes csv_number(steps / 10^decimals) for a whole number of steps and
/// decimals in 0–4 (a value rounded to cents, say), printed from the integer: below 1e15 steps that
/// decimal is the shortest round-trip form (fewer than 16 significant digits pick out one double)
/// and lies where csv_number writes no exponent, so the bytes are the same without the
/// shortest-form search.
char* write_csv_decimal(char* out, double steps, int decimals);
char* write_csv_escaped(char* out, std::string_view field);

}  // namespace decarbfund::data
