#pragma once
// The outlook as an Excel workbook (issue 8 "Reports": `outlook --xlsx FILE`): one sheet per
// table of the JSON document (docs/outlook.md), units in the column headers, numbers as numbers,
// and an "about" sheet saying what produced it.

#include <string>

#include "analysis/outlook.hpp"
#include "model/model.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// The .xlsx bytes (workbook.hpp); the caller writes them with core::write_file_atomically.
std::string outlook_xlsx(const model::Model& model, const analysis::Outlook& outlook, const RunInfo& info,
                         Lang lang = Lang::en);

}  // namespace decarbfund::report
