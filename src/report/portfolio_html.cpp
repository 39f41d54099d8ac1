#include "report/portfolio_html.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/portfolio_tables.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

namespace {

/// EUR as millions with one decimal; "unlimited" for an infinite limit.
std::string eur_m(double v) { return std::isfinite(v) ? fmt::format("{:.1f}", v / 1e6) : std::string("unlimited"); }

}  // namespace

std::string portfolio_html(const optimize::PortfolioReport& r, const RunInfo& info) {
  const auto& p = r.built->problem;
  const auto& s = *r.solution;
  const bool max_reduction = p.objective == optimize::Objective::max_reduction;
  std::string h;
  append(h, R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>decarbfund portfolio {}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin-bottom:1em}}td,th{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child{{text-align:left}}td.l{{text-align:left}}small{{color:#666}}.bad{{color:#c00}}</style></head><body>
)",
         html_escape(r.scenario));
  append(h, "<h1>Support portfolio {}: {}</h1>\n", p.target_year, html_escape(r.scenario));
  append(h, "<p><small>{}</small></p>\n", run_info_html(info));
  append(h, "<p>Objective {} · solver CBC {} · gap {:.2f} % (asked {:.2f} %) · {} nodes</p>\n",
         max_reduction ? "max-reduction" : "min-cost", optimize::status_name(s.status), 100 * s.gap, 100 * r.relative_gap,
         s.nodes);
  if (!portfolio_solved(r)) {
    append(h, "<h2 class=bad>No portfolio: the problem is {}</h2><ul>\n", optimize::status_name(s.status));
    for (const auto& c : s.conflicts) {
      append(h, "<li>{}</li>\n", html_escape(c));
    }
    append(h, "</ul></body></html>\n");
    return h;
  }
  append(h, "<table><tr><th></th><th>value</th></tr>\n");
  append(h, "<tr><td>expected additional reduction in {}</td><td>{:.0f} t</td></tr>\n", p.target_year, s.reduction_t);
  append(h, "<tr><td>support committed</td><td>EUR {} m</td></tr>\n", eur_m(s.cost_eur));
  append(h, "<tr><td>EUR per expected t of the target year</td><td>{:.0f}</td></tr>\n",
         s.reduction_t > 0 ? s.cost_eur / s.reduction_t : 0.0);
  append(h, "<tr><td>budget (commitments per year, cash per year)</td><td>EUR {} m ({}, {})</td></tr>\n",
         eur_m(p.budget.total_eur), eur_m(p.budget.commit_per_year_eur), eur_m(p.budget.cash_per_year_eur));
  if (!max_reduction) {
    append(h, "<tr><td>required reduction</td><td>{:.0f} t</td></tr>\n", p.required_t);
  }
  append(h, "</table>\n");

  // Spend and tonnes by year.
  const auto years = portfolio_years(r);
  std::vector<double> x, commit, cash, cumulative;
  for (const auto& y : years) {
    x.push_back(y.year);
    commit.push_back(y.commitments_eur / 1e6);
    cash.push_back(y.cash_eur / 1e6);
    cumulative.push_back(y.cumulative_t / 1e3);
  }
  if (x.size() >= 2) {
    append(h, "<h2>Spend by year</h2>{}\n",
           svg_line_chart({{"commitments", "#4a6fa5", x, commit, false}, {"cash", "#c0504d", x, cash, true}}, "EUR m"));
    append(h, "<h2>Tonnes bought by year</h2><p><small>expected {} tonnes of the support committed up to each year "
              "(projects by decision year, SME awards by submission year)</small></p>{}\n",
           p.target_year, svg_line_chart({{"cumulative expected reduction", "#2a2", x, cumulative, false}}, "kt CO2"));
  }
  append(h, "<h2>Money and tonnes by year</h2><table><tr><th>year</th><th>commitments EUR m</th><th>cash EUR m</th>"
            "<th>expected t committed</th><th>cumulative t</th></tr>\n");
  for (const auto& y : years) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.0f}</td><td>{:.0f}</td></tr>\n", y.year, eur_m(y.commitments_eur),
           eur_m(y.cash_eur), y.committed_t, y.cumulative_t);
  }
  append(h, "</table>\n");

  const auto totals = deal_totals(r);
  append(h, "<h2>Deals supported</h2><table><tr><th>deal</th><th>company</th><th>p</th><th>projects</th>"
            "<th>support EUR m</th><th>expected t</th></tr>\n");
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    if (d < s.deal_supported.size() && s.deal_supported[d] != 0) {
      append(h, "<tr><td>{}</td><td class=l>{}</td><td>{:.2f}</td><td>{}</td><td>{}</td><td>{:.0f}</td></tr>\n",
             html_escape(p.deals[d].id), html_escape(p.deals[d].company), p.deals[d].realisation, totals[d].projects,
             eur_m(totals[d].support_eur), totals[d].expected_t);
    }
  }
  append(h, "</table>\n<h2>Projects</h2><table><tr><th>option</th><th>deal</th><th>decided</th><th>start</th>"
            "<th>funding gap EUR m</th><th>support EUR m</th><th>expected t</th><th>note</th></tr>\n");
  for (const auto& c : s.projects) {
    const auto& pr = p.projects[c.project];
    const auto& a = pr.alternatives[c.alternative];
    append(h, "<tr><td>{}</td><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0f}</td><td class=l>{}</td></tr>\n",
           html_escape(pr.id), html_escape(p.deals[pr.deal].id), a.decision_year, a.start_year, eur_m(a.gap_eur),
           eur_m(c.support_eur), c.expected_t, html_escape(a.note));
  }
  double sme_cost = 0, sme_t = 0;
  for (const auto k : s.sme_awarded) {
    sme_cost += p.sme[k].cost_eur;
    sme_t += p.sme[k].tonnes_t;
  }
  append(h, "</table>\n<h2>SME awards</h2><p>{} of {} candidates, EUR {} m, {:.0f} expected t (the workbook lists each).</p>\n",
         s.sme_awarded.size(), p.sme.size(), eur_m(sme_cost), sme_t);

  const auto used = limit_use(r);
  append(h, "<h2>Infrastructure used by the portfolio</h2><table><tr><th>limit</th><th>year</th><th>unit</th>"
            "<th>capacity left</th><th>used</th></tr>\n");
  for (std::size_t l = 0; l < p.limits.size(); ++l) {
    const auto& lim = p.limits[l];
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.0f}</td><td>{:.0f}</td></tr>\n", html_escape(lim.label), lim.year,
           html_escape(lim.unit), lim.capacity, used[l]);
  }
  append(h, "</table>\n<h2>Shadow prices of binding limits</h2>");
  if (s.shadow_prices.empty()) {
    append(h, "<p>None binds.</p>\n");
  } else {
    append(h, "<table><tr><th>limit</th><th>used</th><th>capacity</th><th>unit</th><th>one more unit is worth</th></tr>\n");
    for (const auto& sp : s.shadow_prices) {
      append(h, "<tr><td>{}</td><td>{:.0f}</td><td>{:.0f}</td><td>{}</td><td>{:.2f} {}</td></tr>\n", html_escape(sp.limit),
             sp.used, sp.capacity, html_escape(sp.unit), sp.value, html_escape(sp.value_unit));
    }
    append(h, "</table>\n");
  }
  append(h, "<h2>Against the rules (same budget: EUR {} m)</h2><table><tr><th>allocation</th><th>expected t</th>"
            "<th>cost EUR m</th><th>of optimum</th></tr>\n",
         eur_m(r.rule_budget_eur));
  append(h, "<tr><td>optimum (CBC)</td><td>{:.0f}</td><td>{}</td><td>100.0 %</td></tr>\n", s.reduction_t, eur_m(s.cost_eur));
  for (const auto& row : r.rules) {
    append(h, "<tr><td>{}</td><td>{:.0f}</td><td>{}</td><td>{:.1f} %</td></tr>\n", html_escape(row.rule), row.reduction_t,
           eur_m(row.cost_eur), s.reduction_t > 0 ? 100 * row.reduction_t / s.reduction_t : 0.0);
  }
  append(h, "</table>\n<h2>Notes</h2><ul>\n");
  for (const auto& e : p.excluded) {
    append(h, "<li>not a candidate: {}: {}</li>\n", html_escape(e.id), html_escape(e.reason));
  }
  for (const auto& n : p.notes) {
    append(h, "<li>{}</li>\n", html_escape(n));
  }
  append(h, "</ul>\n<p><small>Model and counting: docs/optimize.md.</small></p></body></html>\n");
  return h;
}

}  // namespace decarbfund::report
