#include "report/xlsx_montecarlo.hpp"

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "report/data_labels.hpp"
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

/// A sheet whose headers (keys) are followed by the percentile columns in `unit`.
Sheet& percentile_sheet(Workbook& wb, const Localizer& tr, std::string_view name_key,
                        std::initializer_list<std::string_view> header_keys, std::string_view unit_key) {
  std::vector<std::string> headers;
  for (const auto key : header_keys) {
    headers.emplace_back(tr(key));
  }
  for (const auto& [name, member] : percentile_columns()) {
    headers.push_back(fmt::format("{} ({})", tr(std::string("col.") + name), tr(unit_key)));
  }
  return wb.add_sheet(std::string(tr(name_key)), std::move(headers));
}

void percentile_cells(Sheet& sheet, const Percentiles& p) {
  for (const auto& [name, member] : percentile_columns()) {
    sheet.number(p.*member);
  }
}

}  // namespace

std::string montecarlo_xlsx(const model::Model& model, const analysis::MonteCarloResult& r, const RunInfo& info,
                            Lang lang) {
  const auto& s = *r.setup;
  const Localizer tr(lang);
  // English keeps the analysis' own labels (as the JSON has them); another language builds them.
  const auto label = [&](const analysis::UncertainInput& in) {
    return lang == Lang::en ? in.label : input_label(model, in, tr);
  };
  Workbook wb(info.created_utc);

  auto& summary = add_sheet(wb, tr, "sheet.summary", {"col.item", "col.value", "col.unit"});
  summary.item(tr("item.draws"), r.draws, tr("unit.count"));
  summary.item(tr("item.start_year"), s.start_year, tr("unit.year"));
  summary.item(tr("item.target_year"), s.target_year, tr("unit.year"));
  summary.item(tr("item.p_target_met_total"), r.p_total, tr("unit.share_of_draws"));
  summary.item(tr("item.p_target_met_levy_leg"), r.p_levy_leg, tr("unit.share_of_draws"));
  summary.item(tr("item.p_target_met_package_leg"), r.p_package_leg, tr("unit.share_of_draws"));
  summary.item(tr("item.required"), s.required_t, tr("unit.t_co2"));
  summary.item(tr("item.central_achieved"), r.central_achieved_t, tr("unit.t_co2"));
  summary.item(tr("item.central_reference_emissions"), r.central_reference_t, tr("unit.t_co2"));
  summary.item(tr("item.central_budget_outlay"), r.central_outlay_eur, tr("unit.eur"));
  summary.item(tr("item.tornado_base_achieved"), r.tornado_base_t, tr("unit.t_co2"));
  if (!r.tornado_not_run.empty()) {  // --tornado-top left inputs out: say how many ran
    summary.item(tr("item.tornado_inputs_run"), static_cast<double>(r.tornado.size()), tr("unit.count"));
    summary.item(tr("item.tornado_inputs_not_run"), static_cast<double>(r.tornado_not_run.size()), tr("unit.count"));
  }

  // The legs: what is required, the outlook's central value, the chance of meeting it, spread.
  auto& legs = percentile_sheet(wb, tr, "sheet.legs",
                                {"col.leg", "col.required_t_co2", "col.central_t_co2", "col.p_target_met_share_of_draws"},
                                "unit.t_co2");
  const auto leg = [&legs, &tr](const char* key, double required, double central, double p, const Percentiles& pc) {
    legs.text(std::string(tr(key))).number(required).number(central).number(p);
    percentile_cells(legs, pc);
    legs.next();
  };
  leg("item.levy_leg", s.levy_leg_required_t, r.central_levy_leg_t, r.p_levy_leg, r.levy_leg_t);
  leg("item.package_leg", s.package_leg_required_t, r.central_package_leg_t, r.p_package_leg, r.package_leg_t);
  leg("item.total", s.required_t, r.central_achieved_t, r.p_total, r.achieved_t);

  auto& outlay = percentile_sheet(wb, tr, "sheet.budget_outlay", {"col.item", "col.central_eur"}, "unit.eur");
  outlay.text(std::string(tr("item.outlay"))).number(r.central_outlay_eur);
  percentile_cells(outlay, r.outlay_eur);
  outlay.next();

  auto& fan = percentile_sheet(wb, tr, "sheet.fan_chart", {"col.year"}, "unit.t_co2");
  for (std::size_t i = 0; i < r.years.size() && i < r.emissions_t.size(); ++i) {
    fan.number(r.years[i]);
    percentile_cells(fan, r.emissions_t[i]);
    fan.next();
  }

  auto& tornado = add_sheet(wb, tr, "sheet.tornado",
                            {"col.input", "col.label", "col.low_value_input_unit", "col.high_value_input_unit",
                             "col.input_unit", "col.achieved_low_t_co2", "col.achieved_high_t_co2", "col.swing_t_co2"});
  for (const auto& b : r.tornado) {
    const auto& in = s.inputs[b.input];
    tornado.text(in.id).text(label(in)).number(b.low_value).number(b.high_value).text(in.unit);
    tornado.number(b.low_t).number(b.high_t).number(b.swing_t());
    tornado.next();
  }

  auto& rank = add_sheet(wb, tr, "sheet.rank_correlation",
                         {"col.input", "col.label", "col.distribution", "col.rho_spearman_1_to_1"});
  for (const auto& c : r.rank_correlation) {
    const auto& in = s.inputs[c.input];
    rank.text(in.id).text(label(in)).text(in.distribution).number(c.rho);
    rank.next();
  }

  auto& inputs = add_sheet(wb, tr, "sheet.inputs",
                           {"col.input", "col.label", "col.distribution", "col.unit", "col.members_count",
                            "col.drawn_1_0", "col.why_not_drawn"});
  for (const auto& in : s.inputs) {
    inputs.text(in.id).text(label(in)).text(in.distribution).text(in.unit).number(in.members).number(1);
    inputs.next();
  }
  for (const auto& in : s.inactive) {
    inputs.text(in.id).blank().text(in.distribution).blank().blank().number(0).text(translate_phrases(in.reason, tr));
    inputs.next();
  }

  add_about_sheet(wb, info, tr);
  return wb.render();
}

}  // namespace decarbfund::report
