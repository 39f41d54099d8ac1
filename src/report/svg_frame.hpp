#pragma once
// The plot frame, axes and text helpers every inline-SVG chart of the reports shares
// (svg_chart.cpp, svg_bars.cpp, montecarlo_svg.cpp), so the pages read alike. Internal to the room.

#include <string>
#include <vector>

#include "report/localizer.hpp"

namespace decarbfund::report::svg_frame {

inline constexpr double kW = 760, kH = 320, kLeft = 70, kRight = 20, kTop = 20, kBottom = 50;

/// A "nice" axis step for a range (1, 2 or 5 × 10^k).
double nice_step(double range, int ticks);

/// Decimals that tell ticks `step` apart (0 for 1, 1 for 0.5, 2 for 0.25 …).
int step_decimals(double step);

/// `<svg …>` of a chart `w` × `h` with its accessible name: role="img", aria-label and a
/// <title> (what a screen reader says, and the tooltip of the whole chart).
std::string open(double w, double h, const std::string& title);

/// Horizontal grid lines and tick labels (per `tr`) for values lo…hi on the left axis of the
/// standard frame, and the rotated unit; sets the axis' ends y0, y1.
std::string y_axis(double lo, double hi, const std::string& unit, const Localizer& tr, double& y0, double& y1);

/// x of a year on the standard frame's axis from xlo to xhi.
double year_x(double year, double xlo, double xhi);

/// Year labels under the standard frame from xlo to xhi: every year up to 12 years (so a short
/// axis never shows a single year), else every fifth.
std::string year_ticks(double xlo, double xhi);

/// Splits `text` at spaces into at most `max_lines` lines of at most `max_chars` characters
/// (UTF-8 aware); a longer rest ends in "…" at a word boundary. A single word longer than a line
/// is cut there.
std::vector<std::string> wrap(const std::string& text, std::size_t max_chars, std::size_t max_lines);

/// A <text> element of one or more lines (<tspan>s 13 px apart), escaped; the first line's
/// baseline at y.
std::string text_lines(double x, double y, const char* anchor, const std::vector<std::string>& lines, int font_size = 11);

/// A legend entry: a swatch and its label at (x, y); returns its width in px (for the next).
double legend_entry(std::string& svg, double x, double y, const std::string& colour, const std::string& label,
                    bool dashed = false);

/// Characters of a UTF-8 string (code points), for label widths.
std::size_t text_length(const std::string& s);

}  // namespace decarbfund::report::svg_frame
