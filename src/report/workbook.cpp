#include "report/workbook.hpp"

#include <stdlib.h>  // mkstemps (POSIX)
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "report/xlsxwriter_library.hpp"

namespace decarbfund::report {

namespace {

lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
lxw_row_t row(std::size_t r) { return static_cast<lxw_row_t>(r); }

/// "YYYY-MM-DDTHH:MM:SSZ" (or "YYYY-MM-DD …") as seconds since 1970 UTC; 1980-01-01 when empty or
/// not a date. timegm, not mktime: the time zone of the machine must not change the bytes.
std::time_t utc_seconds(const std::string& iso) {
  std::tm tm{};
  int y = 1980, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  if (!iso.empty() && std::sscanf(iso.c_str(), "%d-%d-%d", &y, &mo, &d) == 3) {
    if (iso.size() > 10) {
      std::sscanf(iso.c_str() + 11, "%d:%d:%d", &h, &mi, &s);
    }
  } else {
    y = 1980, mo = 1, d = 1;
  }
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return timegm(&tm);
}

/// Column width in characters: the longest header or text in it, within 10…60.
double width(const Sheet& sheet, std::size_t c) {
  std::size_t w = sheet.headers()[c].size();
  for (const auto& r : sheet.rows()) {
    if (c < r.size()) {
      w = std::max(w, r[c].kind == Sheet::Cell::Kind::text                ? r[c].text.size()
                      : r[c].format == CellFormat::date_time ? std::size_t{20}
                                                                : std::size_t{12});
    }
  }
  return static_cast<double>(std::clamp<std::size_t>(w + 2, 10, 60));
}

/// The unit of a header: the text inside its last parentheses, or the header itself.
std::string header_unit(const std::string& header) {
  const auto close = header.rfind(')');
  const auto open = header.rfind('(', close);
  if (close == std::string::npos || open == std::string::npos) {
    return header;
  }
  return header.substr(open + 1, close - open - 1);
}

/// A column without a known unit: whole numbers when every number in it is whole, else two decimals.
CellFormat column_default(const Sheet& sheet, std::size_t c) {
  for (const auto& r : sheet.rows()) {
    if (c < r.size() && r[c].kind == Sheet::Cell::Kind::number && r[c].number != std::floor(r[c].number)) {
      return CellFormat::decimal2;
    }
  }
  return CellFormat::whole;
}

/// Parses "YYYY-MM-DD[(T| )HH:MM[:SS]][Z]" into an lxw_datetime; false for anything else.
bool parse_datetime(const std::string& iso, lxw_datetime& out, bool& has_time) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return false;
  }
  has_time = false;
  if (iso.size() > 10) {
    int m = 0;
    const char sep = iso[10];
    if ((sep != 'T' && sep != ' ') || std::sscanf(iso.c_str() + 11, "%2d:%2d%n", &h, &mi, &m) != 2) {
      return false;
    }
    std::size_t at = 11 + static_cast<std::size_t>(m);
    if (at < iso.size() && iso[at] == ':') {
      int k = 0;
      if (std::sscanf(iso.c_str() + at + 1, "%2d%n", &s, &k) != 1) {
        return false;
      }
      at += 1 + static_cast<std::size_t>(k);
    }
    if (at < iso.size() && !(iso[at] == 'Z' && at + 1 == iso.size())) {
      return false;
    }
    has_time = true;
  }
  out = lxw_datetime{y, mo, d, h, mi, static_cast<double>(s)};
  return true;
}

/// Removes the scratch file however render() leaves.
struct ScratchFile {
  std::string path;
  ~ScratchFile() {
    if (!path.empty()) {
      std::remove(path.c_str());
    }
  }
};

}  // namespace

Sheet::Sheet(std::string name, std::vector<std::string> headers) : name_(std::move(name)), headers_(std::move(headers)) {
  if (name_.empty() || name_.size() > 31 || name_.find_first_of("[]:*?/\\") != std::string::npos) {
    throw std::invalid_argument("sheet name '" + name_ + "' breaks Excel's rules (1–31 characters, no []:*?/\\)");
  }
}

std::vector<Sheet::Cell>& Sheet::current() {
  if (!open_) {
    rows_.emplace_back();
    open_ = true;
  }
  return rows_.back();
}

Sheet& Sheet::text(std::string s) {
  current().push_back({Cell::Kind::text, 0, std::move(s)});
  return *this;
}

Sheet& Sheet::number(double v, CellFormat format) {
  if (!std::isfinite(v)) {
    return blank();
  }
  current().push_back({Cell::Kind::number, v, {}, format});
  return *this;
}

Sheet& Sheet::date(const std::string& iso) {
  lxw_datetime dt{};
  bool has_time = false;
  if (!parse_datetime(iso, dt, has_time)) {
    return text(iso);
  }
  // Stored as the text it came from; render() writes it as an Excel date.
  current().push_back({Cell::Kind::number, 0, iso, has_time ? CellFormat::date_time : CellFormat::date});
  return *this;
}

Sheet& Sheet::blank() {
  current().push_back({});
  return *this;
}

void Sheet::next() {
  current();  // an empty row still counts
  open_ = false;
}

void Sheet::item(std::string_view name, double value, std::string_view unit) {
  const CellFormat format = format_for_unit(std::string(unit));
  text(std::string(name))
      .number(value, format == CellFormat::automatic ? CellFormat::decimal2 : format)
      .text(std::string(unit));
  next();
}

void Sheet::item(std::string_view name, std::string value) {
  text(std::string(name)).text(std::move(value)).blank();
  next();
}

Sheet& add_sheet(Workbook& workbook, const Localizer& tr, std::string_view name_key,
                 std::initializer_list<std::string_view> header_keys) {
  std::vector<std::string> headers;
  for (const auto key : header_keys) {
    headers.emplace_back(tr(key));
  }
  return workbook.add_sheet(std::string(tr(name_key)), std::move(headers));
}

CellFormat format_for_unit(const std::string& raw) {
  std::string unit;
  for (char c : raw) {
    unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto has = [&unit](const char* word) { return unit.find(word) != std::string::npos; };
  if (unit == "year" || unit == "jaar" || unit.starts_with("year ") || unit.starts_with("jaar ") || unit == "1/0" ||
      has("this year") || has("dit jaar")) {
    return CellFormat::plain;
  }
  if (has("share") || has("aandeel") || has("probability") || has("kans")) {
    return CellFormat::share;
  }
  if (has("eur/t") || has("eur per t") || has("rho") || has("ratio") || has("verhouding") || has("×") || has("quantile")) {
    return CellFormat::decimal2;
  }
  if (has("mw")) {
    return CellFormat::decimal1;
  }
  if (unit == "eur" || has("eur)") || unit.starts_with("eur ") || has("t co2") || unit == "count" || unit == "aantal" ||
      has("t/yr") || has("t/jaar") || unit == "t") {
    return CellFormat::whole;
  }
  return CellFormat::automatic;
}

Workbook::Workbook(std::string created_utc) : created_utc_(std::move(created_utc)) {}

Sheet& Workbook::add_sheet(std::string name, std::vector<std::string> headers) {
  for (const auto& s : sheets_) {
    if (s.name() == name) {
      throw std::invalid_argument("two sheets named '" + name + "'");
    }
  }
  return sheets_.emplace_back(std::move(name), std::move(headers));
}

std::string Workbook::render() const {
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) {
    dir = "/tmp";
  }
  ScratchFile scratch;
  std::string pattern = (dir / "decarbfund-workbook-XXXXXX.xlsx").string();
  const int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) {
    throw core::Error(pattern, "cannot create a scratch file for the workbook");
  }
  ::close(fd);
  scratch.path = pattern;

  const auto& lxw = detail::xlsxwriter();
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_FALSE;
  opts.tmpdir = nullptr;
  lxw_workbook* wb = lxw.workbook_new_opt(scratch.path.c_str(), &opts);
  if (wb == nullptr) {
    throw core::Error(scratch.path, "cannot create the workbook");
  }
  lxw_doc_properties props{};
  props.created = utc_seconds(created_utc_);
  lxw.workbook_set_properties(wb, &props);
  lxw_format* bold = lxw.workbook_add_format(wb);
  lxw.format_set_bold(bold);
  // One format object per CellFormat (index = the enumerator), made once for the workbook.
  std::vector<lxw_format*> formats;
  for (const char* code :
       {"", "#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "0.00%", "0", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"}) {
    lxw_format* f = nullptr;
    if (*code != '\0') {
      f = lxw.workbook_add_format(wb);
      lxw.format_set_num_format(f, code);
    }
    formats.push_back(f);
  }
  for (const auto& sheet : sheets_) {
    lxw_worksheet* ws = lxw.workbook_add_worksheet(wb, sheet.name().c_str());
    std::vector<CellFormat> column_format;
    for (std::size_t c = 0; c < sheet.headers().size(); ++c) {
      lxw.worksheet_write_string(ws, 0, col(c), sheet.headers()[c].c_str(), bold);
      lxw.worksheet_set_column(ws, col(c), col(c), width(sheet, c), nullptr);
      const CellFormat f = format_for_unit(header_unit(sheet.headers()[c]));
      column_format.push_back(f == CellFormat::automatic ? column_default(sheet, c) : f);
    }
    lxw.worksheet_freeze_panes(ws, 1, 0);
    std::size_t last_col = sheet.headers().empty() ? 0 : sheet.headers().size() - 1;
    for (std::size_t r = 0; r < sheet.rows().size(); ++r) {
      const auto& cells = sheet.rows()[r];
      last_col = std::max(last_col, cells.empty() ? 0 : cells.size() - 1);
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto& cell = cells[c];
        CellFormat f = cell.format;
        if (f == CellFormat::automatic) {
          f = c < column_format.size() ? column_format[c] : CellFormat::decimal2;
        }
        lxw_format* format = formats[static_cast<std::size_t>(f)];
        switch (cell.kind) {
          case Sheet::Cell::Kind::text:
            lxw.worksheet_write_string(ws, row(r + 1), col(c), cell.text.c_str(), nullptr);
            break;
          case Sheet::Cell::Kind::number:
            if (f == CellFormat::date || f == CellFormat::date_time) {
              lxw_datetime dt{};
              bool has_time = false;
              parse_datetime(cell.text, dt, has_time);
              lxw.worksheet_write_datetime(ws, row(r + 1), col(c), &dt, format);
            } else {
              lxw.worksheet_write_number(ws, row(r + 1), col(c), cell.number, format);
            }
            break;
          case Sheet::Cell::Kind::blank:
            break;
        }
      }
    }
    // A filter on every table, so a reader can sort and filter the rows in Excel.
    lxw.worksheet_autofilter(ws, 0, 0, row(sheet.rows().size()), col(last_col));
  }
  const lxw_error err = lxw.workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    throw core::Error(scratch.path, fmt::format("cannot write the workbook: {}", lxw.lxw_strerror(err)));
  }
  return core::read_file(scratch.path);
}

}  // namespace decarbfund::report
