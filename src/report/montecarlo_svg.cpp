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

std::string svg_fan_chart(const std::vector<double>& years, const std::vector<double>& p5,
                          const std::vector<double>& p25, const std::vector<double>& p50,
                          const std::vector<double>& p75, const std::vector<double>& p95, double level,
                          const std::string& level_label, const std::string& y_unit) {
  if (years.empty()) {
    return "<svg/>";
  }
  const double xlo = years.front();
  const double xhi = std::max(years.back(), xlo + 1);
  double lo = std::min(level, *std::min_element(p5.begin(), p5.end()));
  double hi = std::max(level, *std::max_element(p95.begin(), p95.end()));
  const double pad = std::max(hi - lo, 1e-9) * 0.1;
  lo -= pad;
  hi += pad;
  const double step = nice_step(hi - lo, 5);
  const double y0 = std::floor(lo / step) * step;
  const double y1 = std::max(std::ceil(hi / step) * step, y0 + step);
  auto px = [&](double x) { return kLeft + (kW - kLeft - kRight) * (x - xlo) / (xhi - xlo); };
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", kW, kH, kW, kH);
  for (double v = y0; v <= y1 + step / 2; v += step) {
    svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#ddd"/>)", kLeft, kW - kRight, py(v), py(v));
    svg += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="end" font-size="11">{:g}</text>)", kLeft - 6, py(v) + 4, v);
  }
  svg += fmt::format(R"~(<text x="14" y="{}" font-size="11" transform="rotate(-90 14 {})" text-anchor="middle">{}</text>)~",
                     kH / 2, kH / 2, html_escape(y_unit));
  const double xstep = xhi - xlo > 12 ? 5 : 1;
  for (double x = std::ceil(xlo / xstep) * xstep; x <= xhi; x += xstep) {
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{:g}</text>)", px(x), kH - kBottom + 16, x);
  }
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
  svg += band(p5, p95, "#c9d6ea");
  svg += band(p25, p75, "#93acd3");
  std::string median;
  for (std::size_t i = 0; i < years.size(); ++i) {
    median += fmt::format("{:.1f},{:.1f} ", px(years[i]), py(p50[i]));
  }
  svg += fmt::format(R"(<polyline fill="none" stroke="#2b4a7e" stroke-width="2" points="{}"/>)", median);
  svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#2a2" stroke-width="2" stroke-dasharray="6 4"/>)",
                     kLeft, kW - kRight, py(level), py(level));
  double lx = kLeft;
  for (const auto& [colour, name] : std::vector<std::pair<std::string, std::string>>{
           {"#c9d6ea", "P5–P95"}, {"#93acd3", "P25–P75"}, {"#2b4a7e", "median"}, {"#2a2", level_label}}) {
    svg += fmt::format(R"(<rect x="{:.0f}" y="{}" width="12" height="8" fill="{}"/><text x="{:.0f}" y="{}" font-size="11">{}</text>)",
                       lx, kH - 18, colour, lx + 16, kH - 10, html_escape(name));
    lx += 30 + 7.0 * static_cast<double>(name.size());
  }
  return svg + "</svg>";
}

std::string svg_tornado(const std::vector<TornadoRow>& rows, double base, const std::string& unit) {
  constexpr double kRow = 22, kLabel = 300;
  const double height = kTop + kRow * static_cast<double>(rows.size()) + 40;
  double lo = base, hi = base;
  for (const auto& r : rows) {
    lo = std::min({lo, r.low, r.high});
    hi = std::max({hi, r.low, r.high});
  }
  const double pad = std::max(hi - lo, 1e-9) * 0.05;
  lo -= pad;
  hi += pad;
  auto px = [&](double x) { return kLabel + (kW - kLabel - kRight) * (x - lo) / (hi - lo); };
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {:.0f}" width="{}" height="{:.0f}" role="img">)", kW, height, kW, height);
  const double step = nice_step(hi - lo, 5);
  for (double v = std::ceil(lo / step) * step; v <= hi; v += step) {
    svg += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.0f}" stroke="#eee"/>)", px(v), px(v), kTop, height - 30);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" text-anchor="middle" font-size="11">{:g}</text>)", px(v), height - 16, v);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = kTop + kRow * static_cast<double>(i);
    svg += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="end" font-size="11">{}</text>)", kLabel - 6, y + 14,
                       html_escape(r.label.size() > 48 ? r.label.substr(0, 47) + "…" : r.label));
    // The part below the base in red (the input's value that hurts), above it in green.
    const auto bar = [&](double from, double to, const char* fill, const char* which) {
      if (from == to) {
        return std::string();
      }
      const double a = std::min(from, to), b = std::max(from, to);
      return fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{}: {:.3f} {}</title></rect>)",
                         px(a), y + 3, std::max(0.5, px(b) - px(a)), kRow - 6, fill, which, to, html_escape(unit));
    };
    svg += bar(base, r.low, r.low < base ? "#c0504d" : "#4f9a4f", "input low (P10)");
    svg += bar(base, r.high, r.high < base ? "#c0504d" : "#4f9a4f", "input high (P90)");
  }
  svg += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.0f}" stroke="#333"/>)", px(base), px(base), kTop - 4, height - 30);
  svg += fmt::format(R"(<text x="{:.1f}" y="{:.0f}" font-size="11" text-anchor="middle">{}</text>)", (kLabel + kW) / 2, height - 2,
                     html_escape(unit));
  return svg + "</svg>";
}

}  // namespace decarbfund::report
