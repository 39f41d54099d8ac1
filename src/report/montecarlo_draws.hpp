#pragma once
// The per-draw records of a Monte Carlo run (issue 19: `montecarlo --draws-out FILE`, POST
// /api/montecarlo/draws, decarbfund.montecarlo(...).draws): one record per draw, in draw order —
// the draw's index, the achieved reduction and the legs (t), the package support committed
// (EUR), the emissions of each year start … target (t), and the drawn value of every uncertain
// input under its id (unit as the report's uncertain_inputs say: ×, yr, EUR, delivers, quantile).
// A draw is reproducible from the seed and its index (docs/uncertainty.md).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/montecarlo.hpp"

namespace decarbfund::report {

/// The record's columns: draw, achieved_t, levy_leg_t, package_leg_t, budget_outlay_eur,
/// emissions_t.<year> …, then the inputs' ids.
std::vector<std::string> montecarlo_draw_columns(const analysis::MonteCarloSetup& setup);

enum class DrawFormat { csv, jsonl };

/// The format a file name asks for: `.csv` → csv, anything else (`.jsonl`, `.ndjson`) → jsonl.
DrawFormat draw_format_of(std::string_view path);

/// The records of draws first, first + 1, … from `outcomes` (run_draws' output) and the inputs'
/// values regenerated per draw (analysis::draw_input_values), as CSV (a header line, then a line per
/// draw) or JSON lines (one object per draw, keys as the CSV header), handed to `sink` line by line:
/// a million draws need neither be one string nor one table of records.
void montecarlo_draws(const analysis::MonteCarloSetup& setup, const std::vector<double>& outcomes,
                      std::uint32_t first, DrawFormat format, const std::function<void(std::string_view)>& sink);

}  // namespace decarbfund::report
