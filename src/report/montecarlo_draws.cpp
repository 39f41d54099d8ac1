#include "report/montecarlo_draws.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/json_tables.hpp"

namespace decarbfund::report {

std::vector<std::string> montecarlo_draw_columns(const analysis::MonteCarloSetup& setup) {
  std::vector<std::string> c = {"draw", "achieved_t", "levy_leg_t", "package_leg_t", "budget_outlay_eur"};
  for (int y = setup.start_year; y <= setup.target_year; ++y) {
    c.push_back(fmt::format("emissions_t.{}", y));
  }
  for (const auto& in : setup.inputs) {
    c.push_back(in.id);
  }
  return c;
}

DrawFormat draw_format_of(std::string_view path) {
  return path.ends_with(".csv") ? DrawFormat::csv : DrawFormat::jsonl;
}

void montecarlo_draws(const analysis::MonteCarloSetup& setup, const std::vector<double>& outcomes,
                      std::uint32_t first, DrawFormat format, const std::function<void(std::string_view)>& sink) {
  const auto columns = montecarlo_draw_columns(setup);
  const std::size_t os = setup.outcome_size();
  const std::size_t rs = setup.record_size();
  const std::size_t n = outcomes.size() / os;
  std::vector<double> record(rs);
  if (format == DrawFormat::csv) {
    sink(csv_line(std::vector<TableCell>(columns.begin(), columns.end())));
  }
  std::vector<TableCell> cells(columns.size());
  for (std::size_t d = 0; d < n; ++d) {
    std::copy_n(outcomes.begin() + static_cast<std::ptrdiff_t>(d * os), os, record.begin());
    analysis::draw_input_values(setup, static_cast<std::uint32_t>(first + d), record.data() + os);
    cells[0] = static_cast<std::int64_t>(first + d);
    for (std::size_t k = 0; k < rs; ++k) {
      cells[k + 1] = record[k];
    }
    if (format == DrawFormat::csv) {
      sink(csv_line(cells));
      continue;
    }
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j[columns[0]] = first + d;
    for (std::size_t k = 0; k < rs; ++k) {
      j[columns[k + 1]] = record[k];
    }
    sink(j.dump() + "\n");
  }
}

}  // namespace decarbfund::report
