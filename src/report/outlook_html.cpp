#include <cmath>

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/outlook_report.hpp"
#include "report/svg_chart.hpp"
#include "core/version.hpp"

namespace decarbfund::report {

std::string outlook_html(const model::Model& model, const analysis::Outlook& o) {
  const auto& F = o.full();
  const int t = o.target_index();
  std::vector<double> years;
  for (int y = 0; y < F.years; ++y) {
    years.push_back(o.start_year + y);
  }
  auto mt = [](const std::vector<double>& v) {
    std::vector<double> r;
    for (double x : v) {
      r.push_back(x / 1e6);
    }
    return r;
  };
  const double ref_t = o.reference().total_emissions_t[static_cast<std::size_t>(t)];
  const double target_level = (ref_t - o.required_t) / 1e6;
  std::vector<LineSeries> lines = {
      {"reference (" + o.reference_scenario + ")", "#888", years, mt(o.reference().total_emissions_t), true},
      {"levy only", "#c0504d", years, mt(o.runs[1].outcome.total_emissions_t), false},
      {"with package", "#4a6fa5", years, mt(F.total_emissions_t), false},
      {"target " + std::to_string(o.target_year), "#2a2", {years.front(), years.back()}, {target_level, target_level}, true},
  };
  std::vector<WaterfallBar> bars = {{"reference " + std::to_string(o.target_year), ref_t / 1e6, true},
                                    {"levy leg", -o.levy_leg_t / 1e6, false}};
  for (const auto& c : o.package_credits) {
    std::string label = c.instrument;
    for (const std::string prefix : {"maatwerk deal: ", "maatwerk: "}) {
      if (label.starts_with(prefix)) {
        label = label.substr(prefix.size());
      }
    }
    bars.push_back({label, -c.reduction_t / 1e6, false});
  }
  bars.push_back({"achieved " + std::to_string(o.target_year), F.total_emissions_t[static_cast<std::size_t>(t)] / 1e6, true});
  std::vector<MaccBlock> macc;
  for (const auto& p : o.macc) {
    if (std::isfinite(p.cost_eur_per_t)) {
      macc.push_back({p.reduction_t, p.cost_eur_per_t, p.adopted});
    }
  }

  std::string h;
  append(h, R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>decarbfund outlook {}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}}
table{{border-collapse:collapse}}td,th{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child{{text-align:left}}.met{{color:#2a2}}.missed{{color:#c00}}small{{color:#666}}</style></head><body>
)",
      html_escape(o.scenario));
  append(h, "<h1>Industry lot outlook {}: {}</h1>\n", o.target_year, html_escape(o.scenario));
  append(h, "<p><small>dataset {} {} · scenario {} ({}) · levy version {} · reference {} ({}) · seed {} · prices EUR {}</small></p>\n",
      html_escape(model.info.name), html_escape(model.info.version), html_escape(o.scenario), html_escape(o.scenario_file),
      html_escape(o.policy_version), html_escape(o.reference_scenario), html_escape(o.reference_policy_version), o.seed,
      model.info.price_year);
  if (const auto levers = package_levers_text(o.levers); !levers.empty()) {
    append(h, "<p><small>{}</small></p>\n", html_escape(levers));
  }
  append(h, "<h2>Target</h2><table><tr><th></th><th>required Mt</th><th>achieved Mt</th><th>gap Mt</th></tr>\n");
  append(h, "<tr><td>levy leg</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td></tr>\n", o.levy_leg_required_t / 1e6,
      o.levy_leg_t / 1e6, (o.levy_leg_required_t - o.levy_leg_t) / 1e6);
  append(h, "<tr><td>package leg</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td></tr>\n", o.package_leg_required_t / 1e6,
      o.package_leg_t / 1e6, (o.package_leg_required_t - o.package_leg_t) / 1e6);
  if (!o.deals_dir.empty()) {
    append(h, "<tr><td>package leg, expected given deal phases</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td></tr>\n",
        o.package_leg_required_t / 1e6, o.package_leg_expected_t / 1e6,
        (o.package_leg_required_t - o.package_leg_expected_t) / 1e6);
  }
  append(h, "<tr><th>total</th><th>{:.2f}</th><th>{:.2f}</th><th class=\"{}\">{:.2f}</th></tr></table>\n", o.required_t / 1e6,
      o.achieved_t / 1e6, o.gap_t <= 0 ? "met" : "missed", o.gap_t / 1e6);
  if (!o.deals_dir.empty()) {
    append(h, "<h2>Package leg per deal, {}</h2><table><tr><th>line</th><th>Mt if delivered</th><th>committed Mt</th>"
              "<th>p(phase)</th><th>expected Mt</th><th>support MEUR</th></tr>\n", o.target_year);
    for (const auto& c : o.package_credits) {
      append(h, "<tr><td>{}</td><td>{:.3f}</td><td>{}</td><td>{}</td><td>{:.3f}</td><td>{:.1f}</td></tr>\n", html_escape(c.instrument),
          c.reduction_t / 1e6, c.deal.empty() ? "" : fmt::format("{:.3f}", c.committed_t / 1e6),
          c.deal.empty() ? "" : fmt::format("{:.2f}", c.probability), c.expected_t / 1e6, c.support_eur / 1e6);
    }
    append(h, "</table>\n");
  }
  append(h, "<h2>Emissions path against the target</h2>{}\n", svg_line_chart(lines, "Mt CO2-eq/yr"));
  append(h, "<h2>From reference to achieved, {}</h2>{}\n", o.target_year, svg_waterfall(bars, "Mt CO2-eq/yr"));
  append(h, "<h2>National MACC, {}</h2><p><small>options at {} prices, levelised at the hurdle rate; cost capped at ±1000 EUR/t for display</small></p>{}\n",
      o.target_year, o.target_year, svg_macc(macc, 1000));
  append(h, "<h2>Levy revenue and DPR price</h2><table><tr><th>year</th><th>revenue MEUR</th><th>DPR price EUR/t (general / incinerators)</th><th>emissions Mt</th></tr>\n");
  for (int y = 0; y < F.years && o.start_year + y <= o.target_year + 5; ++y) {
    const auto k = static_cast<std::size_t>(y);
    append(h, "<tr><td>{}</td><td>{:.2f}</td><td>{:.2f} / {:.2f}</td><td>{:.2f}</td></tr>\n", o.start_year + y,
           F.levy_revenue_eur[k] / 1e6, F.dpr_price_eur_per_t[k],
           F.dpr_price_eur_per_t[static_cast<std::size_t>(F.years) + k], F.total_emissions_t[k] / 1e6);
  }
  append(h, "</table>\n<h2>Top sites by reduction, {}</h2><table><tr><th>site</th><th>cluster</th><th>Mt</th></tr>\n", o.target_year);
  for (std::size_t k = 0; k < std::min<std::size_t>(15, o.top_sites.size()); ++k) {
    const auto& r = o.top_sites[k];
    append(h, "<tr><td>{} {}</td><td>{}</td><td>{:.3f}</td></tr>\n", model.sites.id[r.site], html_escape(model.sites.name[r.site]),
        model.clusters.id[model.sites.cluster[r.site]], r.reduction_t / 1e6);
  }
  append(h, "</table>\n<h2>Infrastructure bottlenecks</h2><table><tr><th>item</th><th>options blocked</th><th>Mt blocked</th><th>funded by</th></tr>\n");
  for (const auto& b : o.bottlenecks) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{:.3f}</td><td>{}</td></tr>\n", model.infrastructure.id[b.infra], b.options_blocked,
        b.blocked_t / 1e6, html_escape(model.infrastructure.funded_by[b.infra]));
  }
  append(h, "</table>\n<p><small>Produced by {}. Legs by counterfactual runs: reference → levy only → with package "
            "(docs/model.md).</small></p></body></html>\n",
         core::kGenerator);
  return h;
}

}  // namespace decarbfund::report
