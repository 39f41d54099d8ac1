#pragma once
// Small inline-SVG charts for self-contained HTML reports (no script, no network): lines over
// years, a waterfall, and a step MACC. Each returns an <svg> element as text.

#include <string>
#include <vector>

namespace decarbfund::report {

struct LineSeries {
  std::string name;
  std::string colour;
  std::vector<double> x;
  std::vector<double> y;
  bool dashed = false;
};

/// Lines on shared axes; `y_unit` labels the axis.
std::string svg_line_chart(const std::vector<LineSeries>& series, const std::string& y_unit);

struct WaterfallBar {
  std::string label;
  double value = 0;   ///< a change (or, for totals, the level)
  bool total = false; ///< drawn from 0 rather than from the running level
};

/// A waterfall: totals from zero, changes from the running level.
std::string svg_waterfall(const std::vector<WaterfallBar>& bars, const std::string& y_unit);

struct MaccBlock {
  double width = 0;   ///< tonnes
  double height = 0;  ///< EUR/t
  bool highlighted = false;
};

/// A marginal abatement cost curve: blocks side by side in the given (cost) order.
std::string svg_macc(const std::vector<MaccBlock>& blocks, double height_cap);

/// Escapes text for HTML.
std::string html_escape(const std::string& s);

}  // namespace decarbfund::report
