#include <fmt/format.h>

#include "report/append.hpp"
#include "report/data_labels.hpp"
#include "report/html_page.hpp"
#include "report/montecarlo_report.hpp"
#include "report/outlook_report.hpp"

namespace decarbfund::report {

std::string montecarlo_html(const model::Model& model, const analysis::MonteCarloResult& r, Lang lang) {
  const Localizer tr(lang);
  const auto& s = *r.setup;
  FanChart fan;
  for (std::size_t i = 0; i < r.years.size(); ++i) {
    fan.years.push_back(r.years[i]);
    fan.p5.push_back(r.emissions_t[i].p5 / 1e6);
    fan.p25.push_back(r.emissions_t[i].p25 / 1e6);
    fan.p50.push_back(r.emissions_t[i].p50 / 1e6);
    fan.p75.push_back(r.emissions_t[i].p75 / 1e6);
    fan.p95.push_back(r.emissions_t[i].p95 / 1e6);
  }
  fan.level = (r.central_reference_t - s.required_t) / 1e6;
  fan.level_label = tr("mc.target_level");
  fan.y_unit = tr("unit.mt_co2eq_per_yr");
  fan.title = tr("mc.fan");
  std::vector<TornadoRow> rows;
  for (const auto& b : r.tornado) {
    if (b.swing_t() <= 0 || rows.size() >= 15) {
      break;
    }
    rows.push_back({input_label(model, s.inputs[b.input], tr), b.low_t / 1e6, b.high_t / 1e6});
  }

  std::string h = page_start(tr, tr.format("mc.title", s.scenario), 900);
  append(h, "<h1>{}</h1>\n", html_escape(tr.format("mc.h1", s.target_year, s.scenario)));
  append(h, "<p><small>{}</small></p>\n",
         html_escape(tr.format("mc.meta", model.info.name, model.info.version, s.scenario, s.scenario_file,
                               s.policy_version, s.reference_scenario, s.reference_policy_version, s.seed,
                               tr.count(r.draws))));
  if (s.levers.any()) {
    append(h, "<p><small>{}</small></p>\n", html_escape(package_levers_text(s.levers, &tr)));
  }
  // One rounding rule (Localizer::percent) for the headline and the table: they say the same.
  append(h, "<p>{}: <span class=p>{}</span> {} · {} {} · {} {}</p>\n", tr("mc.p_target"),
         html_escape_percent(tr, r.p_total), tr("common.total"), tr("common.levy_leg"),
         html_escape_percent(tr, r.p_levy_leg), tr("common.package_leg"), html_escape_percent(tr, r.p_package_leg));
  append(h, "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>P10</th><th>{}</th><th>P90</th><th>{}</th></tr>\n",
         html_escape(tr.format("mc.col_mt_in", s.target_year)), tr("common.required"), tr("mc.outlook"), tr("mc.median"),
         tr("mc.p_met"));
  const auto row = [&](std::string_view name, double req, double central, const analysis::Percentiles& p, double prob) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", name,
           tr.num(req / 1e6, 2), tr.num(central / 1e6, 2), tr.num(p.p10 / 1e6, 2), tr.num(p.p50 / 1e6, 2),
           tr.num(p.p90 / 1e6, 2), html_escape_percent(tr, prob));
  };
  row(tr("common.levy_leg"), s.levy_leg_required_t, r.central_levy_leg_t, r.levy_leg_t, r.p_levy_leg);
  row(tr("common.package_leg"), s.package_leg_required_t, r.central_package_leg_t, r.package_leg_t, r.p_package_leg);
  row(tr("common.total"), s.required_t, r.central_achieved_t, r.achieved_t, r.p_total);
  append(h, "</table><p><small>{}</small></p>\n", tr("mc.outlook_note"));
  append(h, "<h2>{}</h2>\n{}\n", fan.title, svg_fan_chart(fan, tr));
  append(h, "<p>{}</p>\n",
         html_escape(tr.format("mc.outlay", s.start_year, s.target_year, tr.num(r.outlay_eur.p10 / 1e9, 2),
                               tr.num(r.outlay_eur.p50 / 1e9, 2), tr.num(r.outlay_eur.p90 / 1e9, 2))));
  const std::string tornado_title = tr.format("mc.tornado_title", s.target_year);
  append(h, "<h2>{}</h2><p>{}</p>\n{}\n", tr("mc.matters"),
         html_escape(tr.format("mc.tornado_note", s.target_year, tr.num(r.tornado_base_t / 1e6, 2))),
         svg_tornado(rows, r.tornado_base_t / 1e6, std::string(tr("mc.unit_achieved")), tr, tornado_title));
  if (!r.tornado_not_run.empty()) {
    append(h, "<p><small>{}</small></p>\n",
           html_escape(tr.format("mc.tornado_selection", r.tornado.size(), s.inputs.size(), s.tornado_top,
                                 r.tornado_not_run.size())));
  }
  append(h, "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>rho</th></tr>\n", tr("mc.rank"), tr("mc.col_input"),
         tr("mc.col_distribution"));
  for (std::size_t k = 0; k < r.rank_correlation.size() && k < 20; ++k) {
    const auto& c = r.rank_correlation[k];
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(input_label(model, s.inputs[c.input], tr)),
           html_escape(s.inputs[c.input].distribution), tr.signed_num(c.rho, 2));
  }
  append(h, "</table>\n");
  for (const auto& in : s.inactive) {
    append(h, "<p><small>{}</small></p>\n",
           html_escape(tr.format("mc.not_drawn", in.id, in.distribution, translate_phrases(in.reason, tr))));
  }
  h += kPageEnd;
  return h;
}

}  // namespace decarbfund::report
