// The fan chart and tornado of the Monte Carlo report, drawn like svg_chart.cpp's charts (same
// size, fonts and colours) so that the outlook and Monte Carlo pages read alike.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/montecarlo_report.hpp"
#include "report/svg_chart.hpp"
#include "report/svg_frame.hpp"

namespace decarbfund::report {

using namespace svg_frame;

std::string svg_fan_chart(const FanChart& f, const Localizer& tr) {
  const auto& years = f.years;
  if (years.empty()) {
    return "<svg/>";
  }
  const double xlo = years.front();
  const double xhi = std::max(years.back(), xlo + 1);
  double lo = std::min(f.level, *std::min_element(f.p5.begin(), f.p5.end()));
  double hi = std::max(f.level, *std::max_element(f.p95.begin(), f.p95.end()));
  const double pad = std::max(hi - lo, 1e-9) * 0.1;
  double y0 = 0, y1 = 1;
  std::string svg = open(kW, kH, f.title);
  svg += y_axis(lo - pad, hi + pad, f.y_unit, tr, y0, y1);
  auto px = [&](double x) { return year_x(x, xlo, xhi); };
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  svg += year_ticks(xlo, xhi);
  const auto band = [&](const std::vector<double>& a, const std::vector<double>& b, const char* fill) {
    std::string pts;
    for (std::size_t i = 0; i < years.size(); ++i) {
      pts += fmt::format("{:.1f},{:.1f} ", px(years[i]), py(b[i]));
    }
    for (std::size_t i = years.size(); i-- > 0;) {
      pts += fmt::format("{:.1f},{:.1f} ", px(years[i]), py(a[i]));
    }
    return fmt::format(R"(<polygon fill="{}" stroke="none" points="{}"/>)", fill, pts);
  };
  svg += band(f.p5, f.p95, "#c9d6ea");
  svg += band(f.p25, f.p75, "#93acd3");
  std::string median;
  for (std::size_t i = 0; i < years.size(); ++i) {
    median += fmt::format("{:.1f},{:.1f} ", px(years[i]), py(f.p50[i]));
  }
  svg += fmt::format(R"(<polyline fill="none" stroke="#2b4a7e" stroke-width="2" points="{}"/>)", median);
  svg += fmt::format(
      R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#1a7a1a" stroke-width="2" stroke-dasharray="6 4"/>)",
      kLeft, kW - kRight, py(f.level), py(f.level));
  double lx = kLeft;
  lx += legend_entry(svg, lx, kH - 9, "#c9d6ea", "P5–P95");
  lx += legend_entry(svg, lx, kH - 9, "#93acd3", "P25–P75");
  lx += legend_entry(svg, lx, kH - 9, "#2b4a7e", tr("mc.median"));
  legend_entry(svg, lx, kH - 9, "#1a7a1a", f.level_label, true);
  return svg + "</svg>";
}

std::string svg_tornado(const std::vector<TornadoRow>& rows, double base, const std::string& unit, const Localizer& tr,
                        const std::string& title) {
  // Up to three lines of 48 characters per name, wrapped at spaces (the whole name is the row's
  // tooltip); each bar coloured by its side, P10 or P90, as the legend under the axis says (which
  // side loses tonnes is where the bar lies against the base).
  constexpr double kRow = 40, kLabel = 300, kFoot = 56;
  constexpr const char* kLowColour = "#d9822b";
  constexpr const char* kHighColour = "#4a6fa5";
  const double height = kTop + kRow * static_cast<double>(rows.size()) + kFoot;
  double lo = base, hi = base;
  for (const auto& r : rows) {
    lo = std::min({lo, r.low, r.high});
    hi = std::max({hi, r.low, r.high});
  }
  const double pad = std::max(hi - lo, 1e-9) * 0.05;
  lo -= pad;
  hi += pad;
  auto px = [&](double x) { return kLabel + (kW - kLabel - kRight) * (x - lo) / (hi - lo); };
  std::string svg = open(kW, height, title);
  const double axis_y = height - kFoot + 4;
  const double step = nice_step(hi - lo, 5);
  const int decimals = step_decimals(step);
  for (double v = std::ceil(lo / step) * step; v <= hi; v += step) {
    svg += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.0f}" stroke="#eee"/>)", px(v), px(v), kTop, axis_y);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" text-anchor="middle" font-size="11">{}</text>)", px(v), axis_y + 14,
                       tr.num(v, decimals));
  }
  const std::string low_name = tr("mc.tornado_low"), high_name = tr("mc.tornado_high");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = kTop + kRow * static_cast<double>(i);
    const auto lines = wrap(r.label, 48, 3);
    svg += fmt::format("<g><title>{}</title>", html_escape(r.label));
    svg += text_lines(kLabel - 6, y + 24 - 6.5 * static_cast<double>(lines.size() - 1), "end", lines);
    svg += "</g>";
    const auto bar = [&](double to, const char* fill, const std::string& which) {
      if (to == base) {
        return std::string();
      }
      const double a = std::min(base, to), b = std::max(base, to);
      return fmt::format(
          R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{}: {} {}</title></rect>)", px(a),
          y + 8, std::max(0.5, px(b) - px(a)), kRow - 16, fill, html_escape(which), tr.num(to, 3), html_escape(unit));
    };
    svg += bar(r.low, kLowColour, low_name);
    svg += bar(r.high, kHighColour, high_name);
  }
  svg += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.0f}" stroke="#333"/>)", px(base), px(base),
                     kTop - 4, axis_y);
  svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" font-size="11" text-anchor="middle">{}</text>)", (kLabel + kW) / 2,
                     axis_y + 28, html_escape(unit));
  double lx = kLabel;
  lx += legend_entry(svg, lx, height - 6, kLowColour, low_name);
  legend_entry(svg, lx, height - 6, kHighColour, high_name);
  return svg + "</svg>";
}

}  // namespace decarbfund::report
