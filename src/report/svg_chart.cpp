#include "report/svg_chart.hpp"
#include "report/svg_frame.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace decarbfund::report {

namespace {

using namespace svg_frame;

std::string y_axis(double lo, double hi, const std::string& unit, double& y0, double& y1) {
  const double step = nice_step(hi - lo, 5);
  y0 = std::floor(lo / step) * step;
  y1 = std::ceil(hi / step) * step;
  if (y1 <= y0) {
    y1 = y0 + step;
  }
  std::string s;
  for (double v = y0; v <= y1 + step / 2; v += step) {
    const double py = kTop + (kH - kTop - kBottom) * (1 - (v - y0) / (y1 - y0));
    s += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#ddd"/>)", kLeft, kW - kRight, py, py);
    s += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="end" font-size="11">{:g}</text>)", kLeft - 6, py + 4, v);
  }
  s += fmt::format(R"~(<text x="14" y="{}" font-size="11" transform="rotate(-90 14 {})" text-anchor="middle">{}</text>)~",
                   kH / 2, kH / 2, html_escape(unit));
  return s;
}

}  // namespace

std::string html_escape(const std::string& in) {
  std::string s;
  for (char c : in) {
    switch (c) {
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '&': s += "&amp;"; break;
      case '"': s += "&quot;"; break;
      default: s += c;
    }
  }
  return s;
}

std::string svg_line_chart(const std::vector<LineSeries>& series, const std::string& y_unit) {
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
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", kW, kH, kW, kH);
  svg += y_axis(ylo, yhi, y_unit, y0, y1);
  auto px = [&](double x) { return kLeft + (kW - kLeft - kRight) * (x - xlo) / (xhi - xlo); };
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  for (double x = std::ceil(xlo / 5) * 5; x <= xhi; x += 5) {
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{:g}</text>)", px(x), kH - kBottom + 16, x);
  }
  double legend_x = kLeft;
  for (const auto& s : series) {
    std::string points;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      points += fmt::format("{:.1f},{:.1f} ", px(s.x[i]), py(s.y[i]));
    }
    svg += fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="2" {} points="{}"/>)", s.colour,
                       s.dashed ? R"(stroke-dasharray="6 4")" : "", points);
    svg += fmt::format(R"(<rect x="{:.0f}" y="{}" width="12" height="4" fill="{}"/><text x="{:.0f}" y="{}" font-size="11">{}</text>)",
                       legend_x, kH - 16, s.colour, legend_x + 16, kH - 11, html_escape(s.name));
    legend_x += 24 + 7.0 * static_cast<double>(s.name.size());
  }
  return svg + "</svg>";
}

std::string svg_waterfall(const std::vector<WaterfallBar>& bars, const std::string& y_unit) {
  // The axis starts just below the lowest level rather than at 0, so that changes of a few
  // percent of the total stay visible; totals are drawn from the axis floor.
  double level = 0, lo = 1e300, hi = -1e300;
  for (const auto& b : bars) {
    const double to = b.total ? b.value : level + b.value;
    lo = std::min({lo, level, to});
    hi = std::max({hi, level, to});
    level = to;
  }
  const double span = std::max(hi - lo, 1e-9);
  lo = std::max(0.0, lo - 0.5 * span);
  double y0 = 0, y1 = 1;
  constexpr double kLabelRoom = 70;
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", kW,
                                kH + kLabelRoom, kW, kH + kLabelRoom);
  svg += y_axis(lo, hi, y_unit, y0, y1);
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  const double slot = (kW - kLeft - kRight) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  level = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double from = b.total ? y0 : level;
    const double to = b.total ? b.value : level + b.value;
    const double x = kLeft + slot * static_cast<double>(i) + slot * 0.15;
    const char* colour = b.total ? "#4a6fa5" : (b.value >= 0 ? "#c0504d" : "#4f9a4f");
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{}: {:.3f}</title></rect>)",
                       x, py(std::max(from, to)), slot * 0.7, std::max(1.0, std::fabs(py(from) - py(to))), colour,
                       html_escape(b.label), b.value);
    if (!b.total) {
      svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="10" text-anchor="middle">{:+.2f}</text>)",
                         x + slot * 0.35, py(std::max(from, to)) - 4, b.value);
    }
    const double lx = x + slot * 0.35;
    const double ly = kH - kBottom + 14;
    svg += fmt::format(R"~(<text x="{:.1f}" y="{:.1f}" font-size="10" text-anchor="end" transform="rotate(-35 {:.1f} {:.1f})">{}</text>)~",
                       lx, ly, lx, ly, html_escape(b.label.substr(0, 24)));
    level = to;
  }
  return svg + "</svg>";
}

std::string svg_macc(const std::vector<MaccBlock>& blocks, double cap) {
  double width = 0, lo = 0, hi = 0;
  for (const auto& b : blocks) {
    width += b.width;
    lo = std::min(lo, std::max(-cap, b.height));
    hi = std::max(hi, std::min(cap, b.height));
  }
  double y0 = 0, y1 = 1;
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", kW, kH, kW, kH);
  svg += y_axis(lo, hi, "EUR/t", y0, y1);
  auto py = [&](double y) { return kTop + (kH - kTop - kBottom) * (1 - (y - y0) / (y1 - y0)); };
  double x = 0;
  const double scale = (kW - kLeft - kRight) / std::max(1.0, width);
  for (const auto& b : blocks) {
    const double h = std::clamp(b.height, -cap, cap);
    svg += fmt::format(R"(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="{}"/>)", kLeft + x * scale,
                       py(std::max(0.0, h)), std::max(0.3, b.width * scale), std::fabs(py(0) - py(h)),
                       b.highlighted ? "#4f9a4f" : "#bbb");
    x += b.width;
  }
  const double step = nice_step(width / 1e6, 6);
  for (double v = 0; v <= width / 1e6 + 1e-9; v += step) {
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{:g}</text>)", kLeft + v * 1e6 * scale,
                       kH - kBottom + 16, v);
  }
  svg += fmt::format(R"(<text x="{}" y="{}" font-size="11" text-anchor="middle">Mt CO2/yr (green: adopted)</text>)",
                     kW / 2, kH - 12);
  return svg + "</svg>";
}

namespace svg_frame {

double nice_step(double range, int ticks) {
  if (range <= 0) {
    return 1;
  }
  const double raw = range / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * mag) {
      return m * mag;
    }
  }
  return 10 * mag;
}

}  // namespace svg_frame

}  // namespace decarbfund::report
