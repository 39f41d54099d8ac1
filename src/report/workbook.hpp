#pragma once
// An Excel workbook built in memory and rendered to .xlsx bytes (issue 8 "Reports"): what every
// `--xlsx FILE` writer shares. A sheet is one table: a bold header row whose headers carry the
// unit ("reduction (t CO2)"), frozen so it stays in view, then rows of text and numbers, numbers
// stored as numbers so Excel can compute with them.
//
// Rendering returns bytes like the JSON and HTML writers return text, so a verb renders every
// report before it writes any file (docs/architecture.md) and writes them all with
// core::write_file_atomically. libxlsxwriter stays inside workbook.cpp (STYLE §2.3): this header
// speaks std only.

#include <deque>
#include <string>
#include <vector>

namespace decarbfund::report {

/// One worksheet, filled row by row: `sheet.text("a").number(1.5); sheet.next();`.
class Sheet {
 public:
  Sheet(std::string name, std::vector<std::string> headers);

  Sheet& text(std::string s);
  /// A number cell; NaN and ±infinity (JSON's null, "unlimited") leave the cell empty, since Excel
  /// has neither.
  Sheet& number(double v);
  Sheet& blank();
  /// Ends the current row.
  void next();
  /// A whole row of an (item, value, unit) summary sheet.
  void item(std::string name, double value, std::string unit);
  /// A whole row of an (item, value, unit) summary sheet whose value is text and has no unit.
  void item(std::string name, std::string value);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& headers() const { return headers_; }

  struct Cell {
    enum class Kind { blank, text, number } kind = Kind::blank;
    double number = 0;
    std::string text;
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

}  // namespace decarbfund::report
