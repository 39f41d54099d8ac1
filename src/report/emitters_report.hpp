#pragma once
// `decarbfund emitters` as text and JSON (the CSV tables are the JSON's, report/json_tables.hpp):
// the largest emitting companies with their sites, deal phase, committed tonnes and share of the
// lot's target (issue 17 §6, docs/deals.md "Who's who").

#include <string>

#include "analysis/emitters.hpp"
#include "model/model.hpp"

namespace decarbfund::report {

std::string emitters_text(const model::Model& model, const analysis::EmitterRanking& r);
std::string emitters_json(const model::Model& model, const analysis::EmitterRanking& r);

}  // namespace decarbfund::report
