#pragma once
// Writing a Monte Carlo run (issue 6, docs/uncertainty.md): a terminal summary, a JSON document
// and a self-contained HTML page with a fan chart and a tornado (inline SVG, no script). Pure
// functions of the result: the same draws give the same bytes, whatever the thread or rank count
// (timings go to stderr in the CLI, never into these).

#include <string>

#include "analysis/montecarlo.hpp"
#include "model/model.hpp"
#include "report/lang.hpp"
#include "report/localizer.hpp"

namespace decarbfund::report {

/// The terminal summary: P(target met) per leg next to the outlook's point estimate, percentiles,
/// outlay, the ten most influential inputs.
std::string montecarlo_text(const model::Model& model, const analysis::MonteCarloResult& result);

/// The JSON document (keys in docs/uncertainty.md).
std::string montecarlo_json(const model::Model& model, const analysis::MonteCarloResult& result);

/// A self-contained HTML page in `lang`: probabilities, fan chart of emissions, tornado, rank
/// correlations.
std::string montecarlo_html(const model::Model& model, const analysis::MonteCarloResult& result, Lang lang = Lang::en);

/// What a fan chart draws: the median line and shaded P5–P95 and P25–P75 bands over years, and a
/// dashed horizontal level (e.g. the target), in the chart's unit.
struct FanChart {
  std::vector<double> years, p5, p25, p50, p75, p95;
  double level = 0;
  std::string level_label;
  std::string y_unit;
  std::string title;
};
std::string svg_fan_chart(const FanChart& chart, const Localizer& tr);

/// One bar of a tornado: the outcome with the input at its P10 (low) and P90 (high), around a base.
struct TornadoRow {
  std::string label;
  double low = 0;
  double high = 0;
};

/// A horizontal tornado around `base` (bars sorted by the caller, widest first): the P10 side and
/// the P90 side each in their own colour, named in a legend; input names wrapped, not cut.
std::string svg_tornado(const std::vector<TornadoRow>& rows, double base, const std::string& unit, const Localizer& tr,
                        const std::string& title);

}  // namespace decarbfund::report
