#pragma once
// Scenarios side by side (issue 19, `decarbfund compare A B […]`, docs/outlook.md "Comparing
// scenarios"). The comparison is built from the scenarios' outlook documents (outlook_json), not
// from analysis::Outlook: every leg, series by year and package line the outlook document has is
// compared, including ones added after this file was written.
//
// The comparison document (JSON):
//   meta              dataset, version, price year, generator, `scenarios` (their labels, in order)
//   scenarios         per scenario: `scenario` (its label) and the outlook's meta
//   target            per scenario: the outlook's top-level numbers (required_mt, achieved_mt,
//                     gap_mt …), every key of its `legs`, and `target_met`
//   <series>_by_year  for every `*_by_year` key of the outlooks: label → the outlook's series
//   package_credits   every package line of every scenario, with `scenario` first
// Labels are the scenarios' names; a name that repeats gets " (2)", " (3)" ….

#include <string>
#include <string_view>
#include <vector>

#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// The comparison document of `outlook_documents` (each the text outlook_json returned), in
/// order. Throws core::Error when one is not an outlook document.
std::string compare_json(const std::vector<std::string>& outlook_documents);

/// The terminal report: target table with a B − A column for two scenarios, emissions and levy
/// revenue by year, package lines by deal.
std::string compare_text(std::string_view compare_document);

/// A self-contained HTML page: the same tables and the scenarios' emission paths overlaid.
std::string compare_html(std::string_view compare_document, const RunInfo& info, Lang lang = Lang::en);

/// An Excel workbook: one sheet per table of the document (json_tables.hpp) and `about`.
std::string compare_xlsx(std::string_view compare_document, const RunInfo& info);

}  // namespace decarbfund::report
