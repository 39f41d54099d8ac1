#pragma once
// The plot frame and axis steps every inline-SVG chart of the reports shares (svg_chart.cpp,
// montecarlo_svg.cpp), so the outlook and Monte Carlo pages read alike. Internal to the room.

namespace decarbfund::report::svg_frame {

inline constexpr double kW = 760, kH = 320, kLeft = 70, kRight = 20, kTop = 20, kBottom = 50;

/// A "nice" axis step for a range (1, 2 or 5 × 10^k).
double nice_step(double range, int ticks);

}  // namespace decarbfund::report::svg_frame
