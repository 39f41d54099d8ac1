// Grouped bars by category (svg_chart.hpp): what a yearly amount is, a bar per year, every year
// labelled — the optimiser's commitments and cash, a deal's tonnes by year.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/svg_chart.hpp"
#include "report/svg_frame.hpp"

namespace decarbfund::report {

using namespace svg_frame;

std::string svg_bar_chart(const std::vector<std::string>& categories, const std::vector<BarSeries>& series,
                          const std::string& y_unit, const Localizer& tr, const std::string& title) {
  double lo = 0, hi = 0;
  for (const auto& s : series) {
    for (double v : s.values) {
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (hi <= lo) {
    hi = lo + 1;
  }
  double y0 = 0, y1 = 1;
  std::string svg = open(kW, kH, title);
  svg += y_axis(lo, hi, y_unit, tr, y0, y1);
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  const double n = static_cast<double>(std::max<std::size_t>(1, categories.size()));
  const double slot = (kW - kLeft - kRight) / n;
  const double group = slot * 0.8;
  const double bar = group / static_cast<double>(std::max<std::size_t>(1, series.size()));
  // Every category is labelled unless they would overlap; then every k-th.
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(36.0 / slot)));
  for (std::size_t c = 0; c < categories.size(); ++c) {
    const double x = kLeft + slot * static_cast<double>(c);
    for (std::size_t k = 0; k < series.size(); ++k) {
      const double v = c < series[k].values.size() ? series[k].values[c] : NAN;
      if (!std::isfinite(v)) {
        continue;
      }
      svg += fmt::format(
          R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{} {}: {}</title></rect>)",
          x + slot * 0.1 + bar * static_cast<double>(k), py(std::max(0.0, v)), std::max(0.5, bar - 1),
          std::max(0.5, std::fabs(py(0) - py(v))), series[k].colour, html_escape(series[k].name),
          html_escape(categories[c]), tr.num(v, 1));
    }
    if (c % every == 0) {
      svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{}</text>)", x + slot / 2,
                         kH - kBottom + 16, html_escape(categories[c]));
    }
  }
  svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#888"/>)", kLeft, kW - kRight, py(0), py(0));
  double legend_x = kLeft;
  for (const auto& s : series) {
    legend_x += legend_entry(svg, legend_x, kH - 9, s.colour, s.name);
  }
  return svg + "</svg>";
}

}  // namespace decarbfund::report
