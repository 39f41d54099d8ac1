#include <fmt/format.h>

#include "report/append.hpp"
#include "report/montecarlo_report.hpp"
#include "report/outlook_report.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

std::string montecarlo_html(const model::Model& model, const analysis::MonteCarloResult& r) {
  const auto& s = *r.setup;
  std::vector<double> years, p5, p25, p50, p75, p95;
  for (std::size_t i = 0; i < r.years.size(); ++i) {
    years.push_back(r.years[i]);
    p5.push_back(r.emissions_t[i].p5 / 1e6);
    p25.push_back(r.emissions_t[i].p25 / 1e6);
    p50.push_back(r.emissions_t[i].p50 / 1e6);
    p75.push_back(r.emissions_t[i].p75 / 1e6);
    p95.push_back(r.emissions_t[i].p95 / 1e6);
  }
  const double target_level = (r.central_reference_t - s.required_t) / 1e6;
  std::vector<TornadoRow> rows;
  for (const auto& b : r.tornado) {
    if (b.swing_t() <= 0 || rows.size() >= 15) {
      break;
    }
    rows.push_back({s.inputs[b.input].label, b.low_t / 1e6, b.high_t / 1e6});
  }

  std::string h;
  append(h, R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>decarbfund Monte Carlo {}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}}
table{{border-collapse:collapse}}td,th{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child{{text-align:left}}small{{color:#666}}.p{{font-size:1.6em;font-weight:600}}</style></head><body>
)",
         html_escape(s.scenario));
  append(h, "<h1>Chance of reaching the {} target: {}</h1>\n", s.target_year, html_escape(s.scenario));
  append(h, "<p><small>dataset {} {} · scenario {} ({}) · levy version {} · reference {} ({}) · seed {} · {} draws</small></p>\n",
         html_escape(model.info.name), html_escape(model.info.version), html_escape(s.scenario),
         html_escape(s.scenario_file), html_escape(s.policy_version), html_escape(s.reference_scenario),
         html_escape(s.reference_policy_version), s.seed, r.draws);
  if (s.levers.any()) {
    append(h, "<p><small>{}</small></p>\n", html_escape(package_levers_text(s.levers)));
  }
  append(h, "<p>P(target met): <span class=p>{:.0f} %</span> total · levy leg {:.0f} % · package leg {:.0f} %</p>\n",
         100 * r.p_total, 100 * r.p_levy_leg, 100 * r.p_package_leg);
  append(h, "<table><tr><th>Mt in {}</th><th>required</th><th>outlook</th><th>P10</th><th>median</th><th>P90</th><th>P(met)</th></tr>\n",
         s.target_year);
  const auto row = [&](const char* name, double req, double central, const analysis::Percentiles& p, double prob) {
    append(h, "<tr><td>{}</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.1f} %</td></tr>\n",
           name, req / 1e6, central / 1e6, p.p10 / 1e6, p.p50 / 1e6, p.p90 / 1e6, 100 * prob);
  };
  row("levy leg", s.levy_leg_required_t, r.central_levy_leg_t, r.levy_leg_t, r.p_levy_leg);
  row("package leg", s.package_leg_required_t, r.central_package_leg_t, r.package_leg_t, r.p_package_leg);
  row("total", s.required_t, r.central_achieved_t, r.achieved_t, r.p_total);
  append(h, "</table><p><small>outlook = the deterministic outlook (every input at its central value).</small></p>\n");
  append(h, "<h2>Emissions with the package (fan chart)</h2>\n{}\n",
         svg_fan_chart(years, p5, p25, p50, p75, p95, target_level, "target level (central reference − required)", "Mt CO2-eq/yr"));
  append(h, "<p>Package support committed {}–{}: P10 EUR {:.2f} bn · median {:.2f} bn · P90 {:.2f} bn.</p>\n", s.start_year,
         s.target_year, r.outlay_eur.p10 / 1e9, r.outlay_eur.p50 / 1e9, r.outlay_eur.p90 / 1e9);
  append(h, "<h2>What matters most</h2><p>Tornado: the achieved {} reduction (Mt) with one input at its P10 and at its P90 "
            "(a deal: falls through / delivers), every other input at its median ({:.2f} Mt). Red: the side that loses tonnes.</p>\n{}\n",
         s.target_year, r.tornado_base_t / 1e6, svg_tornado(rows, r.tornado_base_t / 1e6, "Mt achieved"));
  append(h, "<h3>Rank correlation with the achieved reduction (Spearman, over the draws)</h3><table><tr><th>input</th><th>distribution</th><th>rho</th></tr>\n");
  for (std::size_t k = 0; k < r.rank_correlation.size() && k < 20; ++k) {
    const auto& c = r.rank_correlation[k];
    append(h, "<tr><td>{}</td><td>{}</td><td>{:+.2f}</td></tr>\n", html_escape(s.inputs[c.input].label),
           html_escape(s.inputs[c.input].distribution), c.rho);
  }
  append(h, "</table>\n");
  for (const auto& in : s.inactive) {
    append(h, "<p><small>not drawn: {} {} — {}</small></p>\n", html_escape(in.id), html_escape(in.distribution),
           html_escape(in.reason));
  }
  append(h, "</body></html>\n");
  return h;
}

}  // namespace decarbfund::report
