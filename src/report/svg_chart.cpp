#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/svg_frame.hpp"

namespace decarbfund::report {

using namespace svg_frame;

std::string svg_line_chart(const std::vector<LineSeries>& series, const std::string& y_unit, const Localizer& tr,
                           const std::string& title) {
  double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;
  for (const auto& s : series) {
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      xlo = std::min(xlo, s.x[i]);
      xhi = std::max(xhi, s.x[i]);
      ylo = std::min(ylo, s.y[i]);
      yhi = std::max(yhi, s.y[i]);
    }
  }
  if (xhi <= xlo) {
    xhi = xlo + 1;
  }
  ylo = std::min(0.0, ylo);
  double y0 = 0, y1 = 1;
  std::string svg = open(kW, kH, title);
  svg += y_axis(ylo, yhi, y_unit, tr, y0, y1);
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  svg += year_ticks(xlo, xhi);
  double legend_x = kLeft;
  for (const auto& s : series) {
    std::string points;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      points += fmt::format("{:.1f},{:.1f} ", year_x(s.x[i], xlo, xhi), py(s.y[i]));
    }
    svg += fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="2" {} points="{}"/>)", s.colour,
                       s.dashed ? R"(stroke-dasharray="6 4")" : "", points);
    legend_x += legend_entry(svg, legend_x, kH - 9, s.colour, s.name, s.dashed);
  }
  return svg + "</svg>";
}

std::string svg_waterfall(const std::vector<WaterfallBar>& bars, const std::string& x_unit, const Localizer& tr,
                          const std::string& title) {
  // The axis starts below the lowest level rather than at 0, so that changes of a few percent of
  // the total stay visible; totals are drawn from the axis floor.
  double level = 0, lo = 1e300, hi = -1e300;
  for (const auto& b : bars) {
    const double to = b.total ? b.value : level + b.value;
    lo = std::min(lo, to);
    hi = std::max(hi, to);
    level = to;
  }
  if (bars.empty()) {
    lo = 0, hi = 1;
  }
  const double span = std::max(hi - lo, 1e-9);
  lo = std::max(0.0, lo - 0.5 * span);
  hi += 0.12 * span;  // room for the value after the longest bar
  constexpr double kRow = 30, kLabel = 300, kAxis = 40;
  const double height = kTop + kRow * static_cast<double>(bars.size()) + kAxis;
  const double step = nice_step(hi - lo, 5);
  const double x0 = std::floor(lo / step) * step;
  const double x1 = std::max(std::ceil(hi / step) * step, x0 + step);
  auto px = [&](double v) { return kLabel + (kW - kLabel - kRight) * (v - x0) / (x1 - x0); };
  std::string svg = open(kW, height, title);
  const int decimals = step_decimals(step);
  for (double v = x0; v <= x1 + step / 2; v += step) {
    svg += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.0f}" stroke="#eee"/>)", px(v), px(v), kTop,
                       height - kAxis + 4);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" text-anchor="middle" font-size="11">{}</text>)", px(v),
                       height - kAxis + 18, tr.num(v, decimals));
  }
  svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" font-size="11" text-anchor="middle">{}</text>)", (kLabel + kW) / 2,
                     height - 4, html_escape(x_unit));
  level = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double from = b.total ? x0 : level;
    const double to = b.total ? b.value : level + b.value;
    const double y = kTop + kRow * static_cast<double>(i);
    const char* colour = b.total ? "#4a6fa5" : (b.value >= 0 ? "#c0504d" : "#3d7f3d");
    const std::string value = b.total ? tr.num(b.value, 2) : tr.signed_num(b.value, 2);
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>)",
                       px(std::min(from, to)), y + 5, std::max(1.0, std::fabs(px(to) - px(from))), kRow - 10, colour,
                       html_escape(b.label), value);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="10">{}</text>)", px(std::max(from, to)) + 4, y + 19,
                       value);
    const auto lines = wrap(b.label, 46, 2);
    svg += text_lines(kLabel - 8, lines.size() == 1 ? y + 19 : y + 13, "end", lines);
    level = to;
  }
  return svg + "</svg>";
}

std::string svg_macc(const std::vector<MaccBlock>& blocks, double cap, const Localizer& tr, const std::string& x_label,
                     const std::string& title) {
  double width = 0, lo = 0, hi = 0;
  for (const auto& b : blocks) {
    width += b.width;
    lo = std::min(lo, std::max(-cap, b.height));
    hi = std::max(hi, std::min(cap, b.height));
  }
  double y0 = 0, y1 = 1;
  std::string svg = open(kW, kH, title);
  svg += y_axis(lo, hi, "EUR/t", tr, y0, y1);
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  double x = 0;
  const double scale = (kW - kLeft - kRight) / std::max(1.0, width);
  for (const auto& b : blocks) {
    const double h = std::clamp(b.height, -cap, cap);
    svg += fmt::format(R"(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="{}"/>)", kLeft + x * scale,
                       py(std::max(0.0, h)), std::max(0.3, b.width * scale), std::fabs(py(0) - py(h)),
                       b.highlighted ? "#3d7f3d" : "#bbb");
    x += b.width;
  }
  const double step = nice_step(width / 1e6, 6);
  const int decimals = step_decimals(step);
  for (double v = 0; v <= width / 1e6 + 1e-9; v += step) {
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{}</text>)", kLeft + v * 1e6 * scale,
                       kH - kBottom + 16, tr.num(v, decimals));
  }
  svg += fmt::format(R"(<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>)", kW / 2, kH - 12,
                     html_escape(x_label));
  return svg + "</svg>";
}

}  // namespace decarbfund::report
