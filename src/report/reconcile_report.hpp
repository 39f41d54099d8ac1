#pragma once
// `decarbfund budget --reconcile` as text and JSON (its CSV tables are the JSON's,
// report/json_tables.hpp): each project shared with lots 3 and 4 or an outside funder, with its
// euros per payer, its tonnes per lot and the lot the rule credits (docs/budget.md "Shared projects").

#include <string>

#include "fund/reconcile.hpp"
#include "model/model.hpp"

namespace decarbfund::report {

/// The projects as a table (EUR m, nominal; t CO2/yr by 2030), the sums per payer, the rule and
/// the verdict (no double count, or none: the double counts are the caller's to refuse).
std::string reconcile_text(const model::Model& model, const fund::Reconciliation& rec);
/// The same as a JSON document: `projects` (one row per project), `payers` (the sums),
/// `rows` (the dataset rows with their sources) and `double_counts`.
std::string reconcile_json(const model::Model& model, const fund::Reconciliation& rec);
/// The double counts, one line each, for stderr when the command refuses.
std::string double_counts_text(const fund::Reconciliation& rec);

}  // namespace decarbfund::report
