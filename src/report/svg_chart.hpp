#pragma once
// Small inline-SVG charts for self-contained HTML reports (no script, no network): lines over
// years, bars by year, a waterfall and a step MACC. Each returns an <svg> element as text with
// its title as accessible name; tick labels are written per the report's language.

#include <string>
#include <vector>

#include "report/html_page.hpp"
#include "report/localizer.hpp"

namespace decarbfund::report {

struct LineSeries {
  std::string name;
  std::string colour;
  std::vector<double> x;
  std::vector<double> y;
  bool dashed = false;
};

/// Lines on shared axes over years; `y_unit` labels the axis. Every year is labelled on a
/// short axis (≤ 12 years), every fifth on a longer one.
std::string svg_line_chart(const std::vector<LineSeries>& series, const std::string& y_unit, const Localizer& tr,
                           const std::string& title);

struct BarSeries {
  std::string name;
  std::string colour;
  std::vector<double> values;  ///< one per category
};

/// Grouped bars, one group per category (a year), each labelled; works with a single category.
/// Values may be negative (bars hang below the zero line).
std::string svg_bar_chart(const std::vector<std::string>& categories, const std::vector<BarSeries>& series,
                          const std::string& y_unit, const Localizer& tr, const std::string& title);

struct WaterfallBar {
  std::string label;
  double value = 0;   ///< a change (or, for totals, the level)
  bool total = false; ///< drawn from the axis floor rather than from the running level
};

/// A waterfall drawn across the page: one row per bar with its whole label on the left (wrapped
/// to two lines), totals from the axis floor, changes from the running level, each value at its
/// bar's end (changes signed).
std::string svg_waterfall(const std::vector<WaterfallBar>& bars, const std::string& x_unit, const Localizer& tr,
                          const std::string& title);

struct MaccBlock {
  double width = 0;   ///< tonnes
  double height = 0;  ///< EUR/t
  bool highlighted = false;
};

/// A marginal abatement cost curve: blocks side by side in the given (cost) order; `x_label`
/// names the tonnes axis (Mt).
std::string svg_macc(const std::vector<MaccBlock>& blocks, double height_cap, const Localizer& tr,
                     const std::string& x_label, const std::string& title);

}  // namespace decarbfund::report
