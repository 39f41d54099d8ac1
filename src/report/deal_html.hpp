#pragma once
// A deal assessment as one self-contained HTML page for the advisory committee (issue 8
// "Reports": `deal assess --html FILE`; inline SVG, no script, no network): the deal, the
// headline figures of the JSON document (deal_report.hpp) with units, the flags with what they
// mean, and bars of the projects', the additional and the committed tonnes for every year. A
// pure function of the assessment: the same inputs give the same bytes.

#include <string>

#include "analysis/deal_assessment.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// `deal` is the file `a` assesses: its sites and its committed tonnes by year, which the
/// assessment does not carry.
std::string deal_assessment_html(const model::Model& model, const model::Deal& deal, const analysis::DealAssessment& a,
                                 const RunInfo& info, Lang lang = Lang::en);

}  // namespace decarbfund::report
