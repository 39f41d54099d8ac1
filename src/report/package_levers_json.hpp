#pragma once
// The `meta.package_levers` object of the outlook and Monte Carlo JSON documents (docs/outlook.md):
// one rendering for both. Internal to the report room (it speaks nlohmann::json).

#include <nlohmann/json.hpp>

#include "analysis/outlook.hpp"

namespace decarbfund::report {

/// deal_phase {id: {phase, phase_in_file}}, deal_budget_eur, deal_max_support_funded_eur,
/// deals_not_funded, sme_budget_eur (null when not set).
nlohmann::ordered_json package_levers_json(const analysis::PackageLeverSummary& levers);

}  // namespace decarbfund::report
