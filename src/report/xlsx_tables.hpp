#pragma once
// A JSON report document as an Excel workbook, one sheet per table of json_tables.hpp (the same
// tables `--csv DIR` writes), then the `about` sheet: for reports whose document is the source of
// their tables (`decarbfund compare`).

#include <string>
#include <string_view>

#include "report/run_info.hpp"

namespace decarbfund::report {

/// The .xlsx bytes. Sheet names are the tables' names made fit for Excel (at most 31 characters,
/// none of []:*?/\, unique).
std::string tables_xlsx(std::string_view json, const RunInfo& info);

}  // namespace decarbfund::report
