#include "report/xlsx_montecarlo.hpp"

#include <string>
#include <utility>
#include <vector>

#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

using analysis::Percentiles;

/// The percentile columns in the JSON's order, with their header suffix.
const std::vector<std::pair<const char*, double Percentiles::*>>& percentile_columns() {
  static const std::vector<std::pair<const char*, double Percentiles::*>> kColumns = {
      {"mean", &Percentiles::mean}, {"p5", &Percentiles::p5},   {"p10", &Percentiles::p10},
      {"p25", &Percentiles::p25},   {"p50", &Percentiles::p50}, {"p75", &Percentiles::p75},
      {"p90", &Percentiles::p90},   {"p95", &Percentiles::p95}};
  return kColumns;
}

std::vector<std::string> with_percentiles(std::vector<std::string> headers, const char* unit) {
  for (const auto& [name, member] : percentile_columns()) {
    headers.push_back(std::string(name) + " (" + unit + ")");
  }
  return headers;
}

void percentile_cells(Sheet& sheet, const Percentiles& p) {
  for (const auto& [name, member] : percentile_columns()) {
    sheet.number(p.*member);
  }
}

}  // namespace

std::string montecarlo_xlsx(const analysis::MonteCarloResult& r, const RunInfo& info) {
  const auto& s = *r.setup;
  Workbook wb(info.created_utc);

  auto& summary = wb.add_sheet("summary", {"item", "value", "unit"});
  summary.item("draws", r.draws, "count");
  summary.item("start_year", s.start_year, "year");
  summary.item("target_year", s.target_year, "year");
  summary.item("p_target_met_total", r.p_total, "share of draws");
  summary.item("p_target_met_levy_leg", r.p_levy_leg, "share of draws");
  summary.item("p_target_met_package_leg", r.p_package_leg, "share of draws");
  summary.item("required", s.required_t, "t CO2");
  summary.item("central_achieved", r.central_achieved_t, "t CO2");
  summary.item("central_reference_emissions", r.central_reference_t, "t CO2");
  summary.item("central_budget_outlay", r.central_outlay_eur, "EUR");
  summary.item("tornado_base_achieved", r.tornado_base_t, "t CO2");

  // The legs: what is required, the outlook's central value, the chance of meeting it, spread.
  auto& legs = wb.add_sheet(
      "legs", with_percentiles({"leg", "required (t CO2)", "central (t CO2)", "p_target_met (share of draws)"}, "t CO2"));
  const auto leg = [&legs](const char* name, double required, double central, double p, const Percentiles& pc) {
    legs.text(name).number(required).number(central).number(p);
    percentile_cells(legs, pc);
    legs.next();
  };
  leg("levy_leg", s.levy_leg_required_t, r.central_levy_leg_t, r.p_levy_leg, r.levy_leg_t);
  leg("package_leg", s.package_leg_required_t, r.central_package_leg_t, r.p_package_leg, r.package_leg_t);
  leg("total", s.required_t, r.central_achieved_t, r.p_total, r.achieved_t);

  auto& outlay = wb.add_sheet("budget_outlay", with_percentiles({"item", "central (EUR)"}, "EUR"));
  outlay.text("package support committed, start_year to target_year").number(r.central_outlay_eur);
  percentile_cells(outlay, r.outlay_eur);
  outlay.next();

  auto& fan = wb.add_sheet("fan_chart", with_percentiles({"year"}, "t CO2"));
  for (std::size_t i = 0; i < r.years.size() && i < r.emissions_t.size(); ++i) {
    fan.number(r.years[i]);
    percentile_cells(fan, r.emissions_t[i]);
    fan.next();
  }

  auto& tornado = wb.add_sheet("tornado", {"input", "label", "low_value (input unit)", "high_value (input unit)",
                                           "input unit", "achieved_low (t CO2)", "achieved_high (t CO2)",
                                           "swing (t CO2)"});
  for (const auto& b : r.tornado) {
    const auto& in = s.inputs[b.input];
    tornado.text(in.id).text(in.label).number(b.low_value).number(b.high_value).text(in.unit);
    tornado.number(b.low_t).number(b.high_t).number(b.swing_t());
    tornado.next();
  }

  auto& rank = wb.add_sheet("rank_correlation", {"input", "label", "distribution", "rho (Spearman, -1 to 1)"});
  for (const auto& c : r.rank_correlation) {
    const auto& in = s.inputs[c.input];
    rank.text(in.id).text(in.label).text(in.distribution).number(c.rho);
    rank.next();
  }

  auto& inputs = wb.add_sheet("inputs", {"input", "label", "distribution", "unit", "members (count)", "drawn (1/0)",
                                         "why not drawn"});
  for (const auto& in : s.inputs) {
    inputs.text(in.id).text(in.label).text(in.distribution).text(in.unit).number(in.members).number(1);
    inputs.next();
  }
  for (const auto& in : s.inactive) {
    inputs.text(in.id).blank().text(in.distribution).blank().blank().number(0).text(in.reason);
    inputs.next();
  }

  add_about_sheet(wb, info);
  return wb.render();
}

}  // namespace decarbfund::report
