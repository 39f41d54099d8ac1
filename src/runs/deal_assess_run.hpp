#pragma once
// A deal assessment as `deal assess` and the Python package make it (issue 4 §4, issue 14 §3):
// analysis::assess_deal, and the deal's own effect among the dataset's other deals when it has a
// deal book (its phase table gives the probabilities). The server makes the same from its
// catalogue's scenarios (server/programme_service.cpp).

#include <string>

#include "analysis/deal_assessment.hpp"
#include "runs/run_inputs.hpp"

namespace decarbfund::runs {

/// `deal` assessed under `scenario`; its own effect against `reference` (a scenario file; empty:
/// the scenario's target.reference) with the other deals of `dataset`'s book, none without a book.
/// Throws core::Error (a missing reference, a package lever naming no deal of the book).
analysis::DealAssessment assess_deal_run(const DatasetInputs& dataset, const model::Scenario& scenario,
                                         const std::string& reference, const model::Deal& deal);

}  // namespace decarbfund::runs
