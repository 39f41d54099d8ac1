#pragma once
// Writing a Monte Carlo run (issue 6, docs/uncertainty.md): a terminal summary, a JSON document
// and a self-contained HTML page with a fan chart and a tornado (inline SVG, no script). Pure
// functions of the result: the same draws give the same bytes, whatever the thread or rank count
// (timings go to stderr in the CLI, never into these).

#include <string>

#include "analysis/montecarlo.hpp"
#include "model/model.hpp"

namespace decarbfund::report {

/// The terminal summary: P(target met) per leg next to the outlook's point estimate, percentiles,
/// outlay, the ten most influential inputs.
std::string montecarlo_text(const model::Model& model, const analysis::MonteCarloResult& result);

/// The JSON document (keys in docs/uncertainty.md).
std::string montecarlo_json(const model::Model& model, const analysis::MonteCarloResult& result);

/// A self-contained HTML page: probabilities, fan chart of emissions, tornado, rank correlations.
std::string montecarlo_html(const model::Model& model, const analysis::MonteCarloResult& result);

/// A fan chart: the median line and shaded P5–P95 and P25–P75 bands over years, with an optional
/// dashed horizontal level (e.g. the target). Values in the chart's unit.
std::string svg_fan_chart(const std::vector<double>& years, const std::vector<double>& p5,
                          const std::vector<double>& p25, const std::vector<double>& p50,
                          const std::vector<double>& p75, const std::vector<double>& p95, double level,
                          const std::string& level_label, const std::string& y_unit);

/// One bar of a tornado: the outcome with the input low and high, around a base.
struct TornadoRow {
  std::string label;
  double low = 0;
  double high = 0;
};

/// A horizontal tornado around `base` (bars sorted by the caller, widest first).
std::string svg_tornado(const std::vector<TornadoRow>& rows, double base, const std::string& unit);

}  // namespace decarbfund::report
