#include "report/xlsx_tables.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "report/json_tables.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

/// Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique ("about" is taken).
std::string sheet_name(const std::string& table, std::set<std::string>& used) {
  std::string base;
  for (const char c : table) {
    base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  }
  base = base.substr(0, 31);
  std::string name = base;
  for (int k = 2; used.contains(name) || name == "about"; ++k) {
    const std::string suffix = fmt::format("~{}", k);
    name = base.substr(0, 31 - suffix.size()) + suffix;
  }
  used.insert(name);
  return name;
}

}  // namespace

std::string tables_xlsx(std::string_view json, const RunInfo& info) {
  Workbook wb(info.created_utc);
  std::set<std::string> used;
  for (const auto& t : json_tables(json)) {
    auto& sheet = wb.add_sheet(sheet_name(t.name, used), t.columns);
    for (const auto& row : t.rows) {
      for (const auto& c : row) {
        if (const auto* d = std::get_if<double>(&c)) {
          sheet.number(*d);
        } else if (const auto* i = std::get_if<std::int64_t>(&c)) {
          sheet.number(static_cast<double>(*i));
        } else if (const auto* b = std::get_if<bool>(&c)) {
          sheet.text(*b ? "true" : "false");
        } else if (const auto* s = std::get_if<std::string>(&c)) {
          sheet.text(*s);
        } else {
          sheet.blank();
        }
      }
      sheet.next();
    }
  }
  add_about_sheet(wb, info);
  return wb.render();
}

}  // namespace decarbfund::report
