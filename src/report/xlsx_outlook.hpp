#pragma once
// The outlook as an Excel workbook (issue 8 "Reports": `outlook --xlsx FILE`): one sheet per
// table of the JSON document (docs/outlook.md), units in the column headers, numbers as numbers.

#include <filesystem>

#include "analysis/outlook.hpp"
#include "model/model.hpp"

namespace decarbfund::report {

/// Writes the workbook to `path` atomically (`path.tmp`, then rename); throws core::Error naming
/// the file when libxlsxwriter cannot write it.
void write_outlook_xlsx(const model::Model& model, const analysis::Outlook& outlook,
                        const std::filesystem::path& path);

}  // namespace decarbfund::report
