#pragma once
// libxlsxwriter, loaded when the first workbook is rendered (issue 21: start-up). Linked into the
// binary, it and the libraries it needs (libcrypto, minizip) were loaded by every verb, while
// only a run with `--xlsx` writes a workbook. These are the functions workbook.cpp calls, from
// Debian's libxlsxwriter.so.LXW_SOVERSION, the library the build compiled against.

#include <xlsxwriter.h>

namespace decarbfund::report::detail {

struct XlsxWriter {
  decltype(&::workbook_new_opt) workbook_new_opt;
  decltype(&::workbook_set_properties) workbook_set_properties;
  decltype(&::workbook_add_format) workbook_add_format;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet;
  decltype(&::workbook_close) workbook_close;
  decltype(&::format_set_bold) format_set_bold;
  decltype(&::format_set_num_format) format_set_num_format;
  decltype(&::worksheet_write_string) worksheet_write_string;
  decltype(&::worksheet_write_number) worksheet_write_number;
  decltype(&::worksheet_write_datetime) worksheet_write_datetime;
  decltype(&::worksheet_set_column) worksheet_set_column;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
  decltype(&::worksheet_autofilter) worksheet_autofilter;
  decltype(&::lxw_strerror) lxw_strerror;
};

/// The library's functions, loaded at the first call (once per process, thread-safe); throws
/// core::Error naming the library when it cannot be loaded.
const XlsxWriter& xlsxwriter();

}  // namespace decarbfund::report::detail
