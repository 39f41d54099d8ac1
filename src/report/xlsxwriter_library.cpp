#include "report/xlsxwriter_library.hpp"

#include <dlfcn.h>

#include <string>
#include <variant>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace decarbfund::report::detail {

namespace {

constexpr const char* kLibrary = "libxlsxwriter.so." LXW_SOVERSION;

/// The functions, or why they could not be loaded.
std::variant<XlsxWriter, std::string> load() {
  void* handle = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);  // stays loaded for the process
  if (handle == nullptr) {
    const char* why = dlerror();
    return std::string(why == nullptr ? "not loaded" : why);
  }
  XlsxWriter x{};
  std::string missing;
  const auto bind = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
    if (fn == nullptr) {
      missing += fmt::format("{}{}", missing.empty() ? "" : ", ", name);
    }
  };
  bind(x.workbook_new_opt, "workbook_new_opt");
  bind(x.workbook_set_properties, "workbook_set_properties");
  bind(x.workbook_add_format, "workbook_add_format");
  bind(x.workbook_add_worksheet, "workbook_add_worksheet");
  bind(x.workbook_close, "workbook_close");
  bind(x.format_set_bold, "format_set_bold");
  bind(x.format_set_num_format, "format_set_num_format");
  bind(x.worksheet_write_string, "worksheet_write_string");
  bind(x.worksheet_write_number, "worksheet_write_number");
  bind(x.worksheet_write_datetime, "worksheet_write_datetime");
  bind(x.worksheet_set_column, "worksheet_set_column");
  bind(x.worksheet_freeze_panes, "worksheet_freeze_panes");
  bind(x.worksheet_autofilter, "worksheet_autofilter");
  bind(x.lxw_strerror, "lxw_strerror");
  if (!missing.empty()) {
    return fmt::format("a library without {}", missing);
  }
  return x;
}

}  // namespace

const XlsxWriter& xlsxwriter() {
  static const auto loaded = load();
  if (const auto* why = std::get_if<std::string>(&loaded)) {
    core::Diagnostic d;
    d.code = "report.xlsxwriter";
    d.file = kLibrary;
    d.expected = "libxlsxwriter (Debian package libxlsxwriter4) to write the workbook";
    d.found = *why;
    throw core::Error(std::move(d));
  }
  return std::get<XlsxWriter>(loaded);
}

}  // namespace decarbfund::report::detail
