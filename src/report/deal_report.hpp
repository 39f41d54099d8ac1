#pragma once
// Writing a deal assessment (issue 4 §4) for the advisory committee and for programs: a terminal
// summary and a JSON document (keys in docs/deals.md). Pure functions returning text.

#include <string>

#include "analysis/deal_assessment.hpp"
#include "model/model.hpp"

namespace decarbfund::report {

/// The terminal summary of an assessment.
std::string deal_assessment_text(const model::Model& model, const analysis::DealAssessment& a);

/// The JSON document: additional_t_by_year, support_eur, eur_per_t_target_year,
/// eur_per_t_lifetime, funding_gap_eur, aid_to_gap_ratio (null when there is no gap),
/// infrastructure_dependent_share, flags, and the rest (docs/deals.md).
std::string deal_assessment_json(const model::Model& model, const analysis::DealAssessment& a);

}  // namespace decarbfund::report
