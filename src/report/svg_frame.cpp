#include "report/svg_frame.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/html_page.hpp"

namespace decarbfund::report::svg_frame {

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

int step_decimals(double step) {
  int d = 0;
  while (d < 6 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-6) {
    ++d;
  }
  return d;
}

std::string open(double w, double h, const std::string& title) {
  const std::string t = html_escape(title);
  return fmt::format(
      R"(<svg viewBox="0 0 {:.0f} {:.0f}" width="{:.0f}" height="{:.0f}" role="img" aria-label="{}"><title>{}</title>)",
      w, h, w, h, t, t);
}

std::string y_axis(double lo, double hi, const std::string& unit, const Localizer& tr, double& y0, double& y1) {
  const double step = nice_step(hi - lo, 5);
  y0 = std::floor(lo / step) * step;
  y1 = std::ceil(hi / step) * step;
  if (y1 <= y0) {
    y1 = y0 + step;
  }
  const int decimals = step_decimals(step);
  std::string s;
  for (double v = y0; v <= y1 + step / 2; v += step) {
    const double py = kTop + (kH - kTop - kBottom) * (1 - (v - y0) / (y1 - y0));
    s += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#ddd"/>)", kLeft, kW - kRight, py, py);
    s += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="end" font-size="11">{}</text>)", kLeft - 6, py + 4,
                     tr.num(v, decimals));
  }
  s += fmt::format(R"~(<text x="14" y="{}" font-size="11" transform="rotate(-90 14 {})" text-anchor="middle">{}</text>)~",
                   kH / 2, kH / 2, html_escape(unit));
  return s;
}

double year_x(double year, double xlo, double xhi) { return kLeft + (kW - kLeft - kRight) * (year - xlo) / (xhi - xlo); }

std::string year_ticks(double xlo, double xhi) {
  std::string s;
  const double step = xhi - xlo > 12 ? 5 : 1;
  for (double x = std::ceil(xlo / step - 1e-9) * step; x <= xhi + 1e-9; x += step) {
    s += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{:.0f}</text>)", year_x(x, xlo, xhi),
                     kH - kBottom + 16, x);
  }
  return s;
}

std::size_t text_length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

namespace {

/// The first `n` code points of `s`.
std::string prefix(const std::string& s, std::size_t n) {
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((s[i] & 0xC0) != 0x80) {
      if (chars == n) {
        break;
      }
      ++chars;
    }
  }
  return s.substr(0, i);
}

}  // namespace

std::vector<std::string> wrap(const std::string& text, std::size_t max_chars, std::size_t max_lines) {
  std::vector<std::string> words;
  for (std::size_t at = 0; at < text.size();) {
    const auto space = text.find(' ', at);
    const auto end = space == std::string::npos ? text.size() : space;
    if (end > at) {
      words.push_back(text.substr(at, end - at));
    }
    at = end + 1;
  }
  std::vector<std::string> lines;
  std::string line;
  std::size_t w = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = words[i];
    if (text_length(word) > max_chars) {
      word = prefix(word, max_chars - 1) + "…";
    }
    const std::size_t len = text_length(word);
    if (!line.empty() && w + 1 + len > max_chars) {
      lines.push_back(line);
      line.clear();
      w = 0;
      if (lines.size() == max_lines) {
        // Out of lines: end the last one with an ellipsis at a word boundary.
        std::string& last = lines.back();
        while (text_length(last) + 1 > max_chars && last.find(' ') != std::string::npos) {
          last = last.substr(0, last.rfind(' '));
        }
        last += "…";
        return lines;
      }
    }
    line += (line.empty() ? "" : " ") + word;
    w += (w == 0 ? 0 : 1) + len;
  }
  if (!line.empty()) {
    lines.push_back(line);
  }
  return lines;
}

std::string text_lines(double x, double y, const char* anchor, const std::vector<std::string>& lines, int font_size) {
  if (lines.size() == 1) {
    return fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}">{}</text>)", x, y, anchor, font_size,
                       html_escape(lines[0]));
  }
  std::string s = fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}">)", x, y, anchor, font_size);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    s += fmt::format(R"(<tspan x="{:.1f}" dy="{}">{}</tspan>)", x, i == 0 ? 0 : font_size + 2, html_escape(lines[i]));
  }
  return s + "</text>";
}

double legend_entry(std::string& svg, double x, double y, const std::string& colour, const std::string& label,
                    bool dashed) {
  if (dashed) {
    svg += fmt::format(
        R"(<line x1="{:.0f}" x2="{:.0f}" y1="{:.0f}" y2="{:.0f}" stroke="{}" stroke-width="2" stroke-dasharray="4 2"/>)",
        x, x + 12, y - 4, y - 4, colour);
  } else {
    svg += fmt::format(R"(<rect x="{:.0f}" y="{:.0f}" width="12" height="8" fill="{}"/>)", x, y - 8, colour);
  }
  svg += fmt::format(R"(<text x="{:.0f}" y="{:.0f}" font-size="11">{}</text>)", x + 16, y, html_escape(label));
  return 28 + 6.2 * static_cast<double>(text_length(label));
}

}  // namespace decarbfund::report::svg_frame
