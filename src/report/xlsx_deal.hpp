#pragma once
// A deal assessment as an Excel workbook (issue 8 "Reports": `deal assess --xlsx FILE`): the
// JSON document's figures (docs/deals.md) one table per sheet, units in the headers.

#include <string>

#include "analysis/deal_assessment.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// The .xlsx bytes: summary (item named as the JSON key, value, unit), tonnes_by_year, projects,
/// infrastructure, flags (with what each means), notes (co-benefits, lock-in, assumptions), about.
/// `deal` is the assessed file: its sites and committed tonnes by year.
std::string deal_assessment_xlsx(const model::Model& model, const model::Deal& deal, const analysis::DealAssessment& a,
                                 const RunInfo& info, Lang lang = Lang::en);

}  // namespace decarbfund::report
