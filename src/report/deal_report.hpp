#pragma once
// Writing a deal assessment (issue 4 §4) for the advisory committee and for programs: a terminal
// summary and a JSON document (keys in docs/deals.md). Pure functions returning text. The page
// and the workbook of the same assessment are deal_html.hpp and xlsx_deal.hpp.

#include <string>
#include <string_view>

#include "analysis/deal_assessment.hpp"
#include "model/model.hpp"
#include "report/localizer.hpp"

namespace decarbfund::report {

/// The terminal summary of an assessment.
std::string deal_assessment_text(const model::Model& model, const analysis::DealAssessment& a);

/// The JSON document: additional_t_by_year, support_eur, eur_per_t_target_year,
/// eur_per_t_lifetime, funding_gap_eur, aid_to_gap_ratio (null when there is no gap),
/// own_effect (the outlook's deal line: leave_one_out_t, add_one_in_t, interaction_t, …; null
/// when not computed), infrastructure_dependent_share, flags, and the rest (docs/deals.md).
std::string deal_assessment_json(const model::Model& model, const analysis::DealAssessment& a);

/// What a flag of the assessment means (docs/deals.md "Flags"), in one line for the committee;
/// "" for a code this build does not know. The texts are the string tables' "flag.<code>" keys.
std::string_view deal_flag_explanation(std::string_view code, const Localizer& tr = Localizer());

/// The deal's sites as "M017 (Yara Sluiskil BKG 1), M018 (…)": id, then the dataset's name if any.
std::string deal_sites_text(const model::Model& model, const model::Deal& deal);

}  // namespace decarbfund::report
