#include "report/portfolio_html.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/data_labels.hpp"
#include "report/html_page.hpp"
#include "report/portfolio_tables.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

std::string portfolio_html(const optimize::PortfolioReport& r, const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  // EUR as millions with one decimal; "unlimited" for an infinite limit.
  const auto eur_m = [&tr](double v) { return std::isfinite(v) ? tr.num(v / 1e6, 1) : std::string(tr("port.unlimited")); };
  const auto pct = [&tr](double share) { return tr.num(100 * share, 2) + " %"; };
  const auto& p = r.built->problem;
  const auto& s = *r.solution;
  const bool max_reduction = p.objective == optimize::Objective::max_reduction;
  std::string h = page_start(tr, tr.format("port.title", r.scenario), 960);
  append(h, "<h1>{}</h1>\n", html_escape(tr.format("port.h1", p.target_year, r.scenario)));
  append(h, "<p><small>{}</small></p>\n", run_info_html(info, tr));
  append(h, "<p>{}</p>\n",
         html_escape(tr.format("port.objective_line", max_reduction ? "max-reduction" : "min-cost",
                               optimize::status_name(s.status), pct(s.gap), pct(r.relative_gap),
                               tr.count(static_cast<double>(s.nodes)))));
  if (!portfolio_solved(r)) {
    append(h, "<h2 class=bad>{}</h2><ul>\n", html_escape(tr.format("port.no_portfolio", optimize::status_name(s.status))));
    for (const auto& c : s.conflicts) {
      append(h, "<li>{}</li>\n", html_escape(c));
    }
    append(h, "</ul>{}", kPageEnd);
    return h;
  }
  append(h, "<table><tr><th></th><th>{}</th></tr>\n", tr("common.value"));
  const auto fact = [&](const std::string& item, const std::string& value) {
    append(h, "<tr><td>{}</td><td>{}</td></tr>\n", html_escape(item), html_escape(value));
  };
  fact(tr.format("port.reduction", p.target_year), tr.num(s.reduction_t, 0) + " t");
  fact(std::string(tr("port.committed")), tr.format("port.eur_m", eur_m(s.cost_eur)));
  fact(std::string(tr("port.eur_per_t")), tr.num(s.reduction_t > 0 ? s.cost_eur / s.reduction_t : 0.0, 0));
  fact(std::string(tr("port.budget")),
       tr.format("port.eur_m_limits", eur_m(p.budget.total_eur), eur_m(p.budget.commit_per_year_eur),
                 eur_m(p.budget.cash_per_year_eur)));
  if (!max_reduction) {
    fact(std::string(tr("port.required")), tr.num(p.required_t, 0) + " t");
  }
  append(h, "</table>\n");

  // Spend and tonnes by year: amounts per year are bars, one group per year, every year labelled.
  const auto years = portfolio_years(r);
  std::vector<std::string> x;
  std::vector<double> commit, cash, bought, cumulative;
  for (const auto& y : years) {
    x.push_back(std::to_string(y.year));
    commit.push_back(y.commitments_eur / 1e6);
    cash.push_back(y.cash_eur / 1e6);
    bought.push_back(y.committed_t / 1e3);
    cumulative.push_back(y.cumulative_t / 1e3);
  }
  if (!x.empty()) {
    const std::string spend(tr("port.spend"));
    append(h, "<h2>{}</h2>{}\n", spend,
           svg_bar_chart(x,
                         {{std::string(tr("port.series_commitments")), "#4a6fa5", commit},
                          {std::string(tr("port.series_cash")), "#c0504d", cash}},
                         std::string(tr("unit.eur_m")), tr, spend));
    const std::string tonnes(tr("port.tonnes"));
    append(h, "<h2>{}</h2><p><small>{}</small></p>{}\n", tonnes,
           html_escape(tr.format("port.tonnes_note", p.target_year)),
           svg_bar_chart(x,
                         {{std::string(tr("port.series_bought")), "#3d7f3d", bought},
                          {std::string(tr("port.series_cumulative")), "#93acd3", cumulative}},
                         "kt CO2", tr, tonnes));
  }
  append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n", tr("port.money"),
         tr("common.year"), tr("port.col_commit"), tr("port.col_cash"), tr("port.col_committed_t"),
         tr("port.col_cumulative"));
  for (const auto& y : years) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", y.year, eur_m(y.commitments_eur),
           eur_m(y.cash_eur), tr.num(y.committed_t, 0), tr.num(y.cumulative_t, 0));
  }
  append(h, "</table>\n");

  const auto totals = deal_totals(r);
  append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>p</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
         tr("port.deals"), tr("deal.col_deal"), tr("deal.company"), tr("port.col_projects"), tr("port.col_support"),
         tr("port.col_expected"));
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    if (d < s.deal_supported.size() && s.deal_supported[d] != 0) {
      append(h, "<tr><td>{}</td><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
             html_escape(p.deals[d].id), html_escape(p.deals[d].company), tr.num(p.deals[d].realisation, 2),
             totals[d].projects, eur_m(totals[d].support_eur), tr.num(totals[d].expected_t, 0));
    }
  }
  append(h,
         "</table>\n<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</"
         "th><th>{}</th></tr>\n",
         tr("port.projects"), tr("deal.col_option"), tr("deal.col_deal"), tr("port.col_decided"), tr("port.col_start"),
         tr("port.col_gap"), tr("port.col_support"), tr("port.col_expected"), tr("port.col_note"));
  for (const auto& c : s.projects) {
    const auto& pr = p.projects[c.project];
    const auto& a = pr.alternatives[c.alternative];
    append(h,
           "<tr><td>{}</td><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
           "class=l>{}</td></tr>\n",
           html_escape(pr.id), html_escape(p.deals[pr.deal].id), a.decision_year, a.start_year, eur_m(a.gap_eur),
           eur_m(c.support_eur), tr.num(c.expected_t, 0), html_escape(translate_phrases(a.note, tr)));
  }
  double sme_cost = 0, sme_t = 0;
  for (const auto k : s.sme_awarded) {
    sme_cost += p.sme[k].cost_eur;
    sme_t += p.sme[k].tonnes_t;
  }
  append(h, "</table>\n<h2>{}</h2><p>{}</p>\n", tr("port.sme"),
         html_escape(tr.format("port.sme_line", tr.count(static_cast<double>(s.sme_awarded.size())),
                               tr.count(static_cast<double>(p.sme.size())), eur_m(sme_cost), tr.num(sme_t, 0))));

  const auto used = limit_use(r);
  append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n", tr("port.infra"),
         tr("port.col_limit"), tr("common.year"), tr("common.unit"), tr("port.col_capacity_left"), tr("port.col_used"));
  for (std::size_t l = 0; l < p.limits.size(); ++l) {
    const auto& lim = p.limits[l];
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(lim.label), lim.year,
           html_escape(lim.unit), tr.num(lim.capacity, 0), tr.num(used[l], 0));
  }
  append(h, "</table>\n<h2>{}</h2>", tr("port.shadow"));
  if (s.shadow_prices.empty()) {
    append(h, "<p>{}</p>\n", tr("port.none_binds"));
  } else {
    append(h, "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n", tr("port.col_limit"),
           tr("port.col_used"), tr("port.col_capacity"), tr("common.unit"), tr("port.col_worth"));
    for (const auto& sp : s.shadow_prices) {
      append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td></tr>\n",
             html_escape(translate_phrases(sp.limit, tr)), tr.num(sp.used, 0), tr.num(sp.capacity, 0),
             html_escape(sp.unit), tr.num(sp.value, 2), html_escape(translate_phrases(sp.value_unit, tr)));
    }
    append(h, "</table>\n");
  }
  append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
         html_escape(tr.format("port.rules", eur_m(r.rule_budget_eur))), tr("port.col_allocation"), tr("port.col_expected"),
         tr("port.col_cost"), tr("port.col_of_optimum"));
  append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", tr("port.optimum"), tr.num(s.reduction_t, 0),
         eur_m(s.cost_eur), html_escape_percent(tr, 1.0));
  for (const auto& row : r.rules) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(translate_phrases(row.rule, tr)),
           tr.num(row.reduction_t, 0), eur_m(row.cost_eur),
           html_escape_percent(tr, s.reduction_t > 0 ? row.reduction_t / s.reduction_t : 0.0));
  }
  append(h, "</table>\n<h2>{}</h2><ul>\n", tr("port.notes"));
  for (const auto& e : p.excluded) {
    append(h, "<li>{}</li>\n", html_escape(tr.format("port.not_candidate", e.id, translate_phrases(e.reason, tr))));
  }
  for (const auto& n : p.notes) {
    append(h, "<li>{}</li>\n", html_escape(translate_phrases(n, tr)));
  }
  append(h, "</ul>\n<p><small>{}</small></p>{}", tr("port.footer"), kPageEnd);
  return h;
}

}  // namespace decarbfund::report
