#pragma once
// A Monte Carlo run as an Excel workbook (issue 8 "Reports": `montecarlo --xlsx FILE`): the
// tables of the JSON document (docs/uncertainty.md), one sheet each, units in the headers.
// Per-draw records are not in the JSON document and not in the workbook: the statistics are.

#include <string>

#include "analysis/montecarlo.hpp"
#include "model/model.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// The .xlsx bytes: summary, legs (P(target met) and percentiles), budget_outlay, fan_chart,
/// tornado, rank_correlation, inputs, about.
std::string montecarlo_xlsx(const model::Model& model, const analysis::MonteCarloResult& result, const RunInfo& info,
                            Lang lang = Lang::en);

}  // namespace decarbfund::report
