#include "report/workbook.hpp"

#include <stdlib.h>  // mkstemps (POSIX)
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"

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
      w = std::max(w, r[c].kind == Sheet::Cell::Kind::text ? r[c].text.size() : std::size_t{12});
    }
  }
  return static_cast<double>(std::clamp<std::size_t>(w + 2, 10, 60));
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

Sheet& Sheet::number(double v) {
  if (!std::isfinite(v)) {
    return blank();
  }
  current().push_back({Cell::Kind::number, v, {}});
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

void Sheet::item(std::string name, double value, std::string unit) {
  text(std::move(name)).number(value).text(std::move(unit));
  next();
}

void Sheet::item(std::string name, std::string value) {
  text(std::move(name)).text(std::move(value)).blank();
  next();
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

  lxw_workbook_options opts{};
  opts.constant_memory = LXW_FALSE;
  opts.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(scratch.path.c_str(), &opts);
  if (wb == nullptr) {
    throw core::Error(scratch.path, "cannot create the workbook");
  }
  lxw_doc_properties props{};
  props.created = utc_seconds(created_utc_);
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const auto& sheet : sheets_) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name().c_str());
    for (std::size_t c = 0; c < sheet.headers().size(); ++c) {
      worksheet_write_string(ws, 0, col(c), sheet.headers()[c].c_str(), bold);
      worksheet_set_column(ws, col(c), col(c), width(sheet, c), nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < sheet.rows().size(); ++r) {
      const auto& cells = sheet.rows()[r];
      for (std::size_t c = 0; c < cells.size(); ++c) {
        switch (cells[c].kind) {
          case Sheet::Cell::Kind::text:
            worksheet_write_string(ws, row(r + 1), col(c), cells[c].text.c_str(), nullptr);
            break;
          case Sheet::Cell::Kind::number:
            worksheet_write_number(ws, row(r + 1), col(c), cells[c].number, nullptr);
            break;
          case Sheet::Cell::Kind::blank:
            break;
        }
      }
    }
  }
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    throw core::Error(scratch.path, fmt::format("cannot write the workbook: {}", lxw_strerror(err)));
  }
  return core::read_file(scratch.path);
}

}  // namespace decarbfund::report
