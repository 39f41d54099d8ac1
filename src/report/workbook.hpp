#pragma once
// An Excel workbook built in memory and rendered to .xlsx bytes (issue 8 "Reports"): what every
// `--xlsx FILE` writer shares. A sheet is one table: a bold header row whose headers carry the
// unit ("reduction (t CO2)"), frozen so it stays in view and with an autofilter, then rows of
// text, numbers and dates. Numbers are stored as numbers so Excel can compute with them, shown
// with thousands separators and the decimals their unit needs (issue 20: "#,##0" for tonnes and
// EUR, "0.00" for EUR/t, "0.00%" for shares, "0" for years); dates are real dates.
//
// Rendering returns bytes like the JSON and HTML writers return text, so a verb renders every
// report before it writes any file (docs/architecture.md) and writes them all with
// core::write_file_atomically. libxlsxwriter stays inside workbook.cpp, which loads it at the
// first render (xlsxwriter_library.hpp; STYLE §2.3): this header speaks std only.

#include <deque>
#include <initializer_list>
#include <string>
#include <vector>

#include "report/localizer.hpp"

namespace decarbfund::report {

/// How a number cell is shown (its value is stored exactly either way).
enum class CellFormat : unsigned char {
  automatic,  ///< by the column header's unit, or the row's unit on an item sheet
  whole,      ///< #,##0: tonnes, EUR, counts
  decimal1,   ///< #,##0.0: MW
  decimal2,   ///< #,##0.00: EUR/t, ratios, anything without a known unit
  decimal3,   ///< #,##0.000
  share,      ///< 0.00%: a share or probability
  plain,      ///< 0: years, sequence numbers, 1/0 flags
  date,       ///< yyyy-mm-dd
  date_time,  ///< yyyy-mm-dd hh:mm:ss
};

/// The format a unit asks for: "t CO2", "EUR", "count" → whole; "EUR/t", "share of draws" …;
/// "year", "1/0" → plain; Dutch units alike ("jaar", "aantal", "aandeel"). Unknown: automatic.
CellFormat format_for_unit(const std::string& unit);

/// One worksheet, filled row by row: `sheet.text("a").number(1.5); sheet.next();`.
class Sheet {
 public:
  Sheet(std::string name, std::vector<std::string> headers);

  Sheet& text(std::string s);
  /// A number cell; NaN and ±infinity (JSON's null, "unlimited") leave the cell empty, since Excel
  /// has neither.
  Sheet& number(double v, CellFormat format = CellFormat::automatic);
  /// A date ("YYYY-MM-DD") or date-time ("YYYY-MM-DDTHH:MM[:SS][Z]", or with a space) as an
  /// Excel date; anything else stays text.
  Sheet& date(const std::string& iso);
  Sheet& blank();
  /// Ends the current row.
  void next();
  /// A whole row of an (item, value, unit) summary sheet; the value shown as its unit asks.
  void item(std::string_view name, double value, std::string_view unit);
  /// A whole row of an (item, value, unit) summary sheet whose value is text and has no unit.
  void item(std::string_view name, std::string value);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& headers() const { return headers_; }

  struct Cell {
    enum class Kind { blank, text, number } kind = Kind::blank;
    double number = 0;
    std::string text;
    CellFormat format = CellFormat::automatic;
  };
  /// Rows below the header, the last one possibly still being filled.
  const std::vector<std::vector<Cell>>& rows() const { return rows_; }

 private:
  std::vector<Cell>& current();
  std::string name_;
  std::vector<std::string> headers_;
  std::vector<std::vector<Cell>> rows_;
  bool open_ = false;  ///< whether the last row is still being filled
};

class Workbook {
 public:
  /// `created_utc` ("YYYY-MM-DDTHH:MM:SSZ") is stored as the document's creation time instead of
  /// the clock, so the same run gives the same bytes: the writers take it from the run's metadata
  /// (run_info.hpp). An empty string means 1980-01-01, the zip format's own epoch.
  explicit Workbook(std::string created_utc);

  /// Adds a sheet; names are unique, at most 31 characters, without []:*?/\ (Excel's rules).
  Sheet& add_sheet(std::string name, std::vector<std::string> headers);

  const std::deque<Sheet>& sheets() const { return sheets_; }

  /// The .xlsx bytes. libxlsxwriter writes to a file, so this goes through a scratch file in the
  /// system's temporary directory, removed afterwards; throws core::Error naming that file when
  /// libxlsxwriter fails.
  std::string render() const;

 private:
  std::string created_utc_;
  std::deque<Sheet> sheets_;  // a deque: the references add_sheet returns stay valid
};

/// A sheet whose name and headers are string-table keys ("sheet.by_year", "col.year"), said in
/// `tr`'s language.
Sheet& add_sheet(Workbook& workbook, const Localizer& tr, std::string_view name_key,
                 std::initializer_list<std::string_view> header_keys);

}  // namespace decarbfund::report
