#include "report/xlsx_portfolio.hpp"

#include <string>

#include "report/portfolio_tables.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

std::string portfolio_xlsx(const optimize::PortfolioReport& r, const RunInfo& info) {
  const auto& p = r.built->problem;
  const auto& s = *r.solution;
  Workbook wb(info.created_utc);

  auto& summary = wb.add_sheet("summary", {"item", "value", "unit"});
  summary.text("objective").text(p.objective == optimize::Objective::max_reduction ? "max-reduction" : "min-cost");
  summary.next();
  summary.text("status").text(optimize::status_name(s.status));
  summary.next();
  summary.item("target_year", p.target_year, "year");
  // An unlimited budget or limit is an empty cell (Excel has no infinity).
  summary.item("budget_total", p.budget.total_eur, "EUR");
  summary.item("budget_commit_per_year", p.budget.commit_per_year_eur, "EUR");
  summary.item("budget_cash_per_year", p.budget.cash_per_year_eur, "EUR");
  if (p.objective == optimize::Objective::min_cost) {
    summary.item("required", p.required_t, "t CO2");
  }
  summary.item("reduction", s.reduction_t, "t CO2 (expected, target year)");
  summary.item("cost", s.cost_eur, "EUR");
  summary.item("eur_per_t", s.reduction_t > 0 ? s.cost_eur / s.reduction_t : 0.0, "EUR/t");
  summary.item("objective_value", s.objective, p.objective == optimize::Objective::max_reduction ? "t CO2" : "EUR");
  summary.item("bound", s.bound, p.objective == optimize::Objective::max_reduction ? "t CO2" : "EUR");
  summary.item("gap", s.gap, "share");
  summary.item("gap_asked", r.relative_gap, "share");
  summary.item("nodes", static_cast<double>(s.nodes), "count");
  summary.item("rule_budget", r.rule_budget_eur, "EUR");

  const auto totals = deal_totals(r);
  auto& deals = wb.add_sheet("deals", {"deal", "company", "realisation (probability)", "max_support (EUR)",
                                       "supported (1/0)", "projects (count)", "support (EUR)", "expected (t CO2)",
                                       "basis"});
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    const bool supported = d < s.deal_supported.size() && s.deal_supported[d] != 0;
    deals.text(p.deals[d].id).text(p.deals[d].company).number(p.deals[d].realisation).number(p.deals[d].max_support_eur);
    deals.number(supported ? 1 : 0).number(totals[d].projects).number(totals[d].support_eur).number(totals[d].expected_t);
    deals.text(p.deals[d].basis);
    deals.next();
  }

  auto& projects = wb.add_sheet("projects", {"option", "deal", "decision (year)", "start (year)", "funding_gap (EUR)",
                                             "support (EUR)", "tonnes (t CO2)", "expected (t CO2)", "note"});
  for (const auto& c : s.projects) {
    const auto& pr = p.projects[c.project];
    const auto& a = pr.alternatives[c.alternative];
    projects.text(pr.id).text(p.deals[pr.deal].id).number(a.decision_year).number(a.start_year).number(a.gap_eur);
    projects.number(c.support_eur).number(pr.tonnes_t).number(c.expected_t).text(a.note);
    projects.next();
  }

  auto& sme = wb.add_sheet("sme_awards", {"application", "submitted (year)", "grant (EUR)", "funding_gap (EUR)",
                                          "support (EUR)", "expected (t CO2)"});
  for (const auto k : s.sme_awarded) {
    const auto& c = p.sme[k];
    sme.text(c.id).number(c.year).number(c.grant_eur).number(c.gap_eur).number(c.cost_eur).number(c.tonnes_t);
    sme.next();
  }

  auto& years = wb.add_sheet("by_year", {"year", "commitments (EUR)", "commitment_limit (EUR)", "cash (EUR)",
                                         "cash_limit (EUR)", "committed_expected (t CO2)",
                                         "cumulative_expected (t CO2)"});
  for (const auto& y : portfolio_years(r)) {
    years.number(y.year).number(y.commitments_eur).number(p.budget.commit_per_year_eur).number(y.cash_eur);
    years.number(p.budget.cash_per_year_eur).number(y.committed_t).number(y.cumulative_t);
    years.next();
  }

  const auto used = limit_use(r);
  auto& infra = wb.add_sheet("infrastructure", {"item", "label", "year", "unit", "capacity_left (unit)",
                                                "used_by_portfolio (unit)", "share_used (share)"});
  for (std::size_t l = 0; l < p.limits.size(); ++l) {
    const auto& lim = p.limits[l];
    infra.text(lim.item).text(lim.label).number(lim.year).text(lim.unit).number(lim.capacity).number(used[l]);
    infra.number(lim.capacity > 0 ? used[l] / lim.capacity : (used[l] > 0 ? 1.0 : 0.0));
    infra.next();
  }

  auto& prices = wb.add_sheet("shadow_prices", {"limit", "unit", "used (unit)", "capacity (unit)", "value (value_unit)",
                                                "value_unit"});
  for (const auto& sp : s.shadow_prices) {
    prices.text(sp.limit).text(sp.unit).number(sp.used).number(sp.capacity).number(sp.value).text(sp.value_unit);
    prices.next();
  }

  auto& rules = wb.add_sheet("rules", {"rule", "reduction (t CO2)", "cost (EUR)", "of_optimum (share)",
                                       "deal_reduction (t CO2)", "deal_cost (EUR)", "deals_supported (count)",
                                       "sme_reduction (t CO2)", "sme_cost (EUR)", "sme_awarded (count)"});
  if (portfolio_solved(r)) {
    rules.text("optimum (CBC)").number(s.reduction_t).number(s.cost_eur).number(1.0);
    rules.next();
  }
  for (const auto& rr : r.rules) {
    rules.text(rr.rule).number(rr.reduction_t).number(rr.cost_eur);
    rules.number(s.reduction_t > 0 ? rr.reduction_t / s.reduction_t : 0.0);
    rules.number(rr.deal_reduction_t).number(rr.deal_cost_eur).number(static_cast<double>(rr.deals_supported));
    rules.number(rr.sme_reduction_t).number(rr.sme_cost_eur).number(static_cast<double>(rr.sme_awarded));
    rules.next();
  }

  auto& notes = wb.add_sheet("notes", {"kind", "id", "text"});
  for (const auto& c : s.conflicts) {
    notes.text("conflict").blank().text(c);
    notes.next();
  }
  for (const auto& e : p.excluded) {
    notes.text("not a candidate").text(e.id).text(e.reason);
    notes.next();
  }
  for (const auto& d : p.deals) {
    if (!d.basis.empty()) {
      notes.text("deal basis").text(d.id).text(d.basis);
      notes.next();
    }
  }
  for (const auto& n : p.notes) {
    notes.text("note").blank().text(n);
    notes.next();
  }

  add_about_sheet(wb, info);
  return wb.render();
}

}  // namespace decarbfund::report
