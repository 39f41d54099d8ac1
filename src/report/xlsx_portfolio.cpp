#include "report/xlsx_portfolio.hpp"

#include <string>

#include "report/data_labels.hpp"
#include "report/portfolio_tables.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

std::string portfolio_xlsx(const optimize::PortfolioReport& r, const RunInfo& info, Lang lang) {
  const auto& p = r.built->problem;
  const auto& s = *r.solution;
  const Localizer tr(lang);
  Workbook wb(info.created_utc);

  auto& summary = add_sheet(wb, tr, "sheet.summary", {"col.item", "col.value", "col.unit"});
  summary.text(std::string(tr("item.objective")))
      .text(p.objective == optimize::Objective::max_reduction ? "max-reduction" : "min-cost");
  summary.next();
  summary.text(std::string(tr("item.status"))).text(optimize::status_name(s.status));
  summary.next();
  summary.item(tr("item.target_year"), p.target_year, tr("unit.year"));
  // An unlimited budget or limit is an empty cell (Excel has no infinity).
  summary.item(tr("item.budget_total"), p.budget.total_eur, tr("unit.eur"));
  summary.item(tr("item.budget_commit_per_year"), p.budget.commit_per_year_eur, tr("unit.eur"));
  summary.item(tr("item.budget_cash_per_year"), p.budget.cash_per_year_eur, tr("unit.eur"));
  if (p.objective == optimize::Objective::min_cost) {
    summary.item(tr("item.required"), p.required_t, tr("unit.t_co2"));
  }
  summary.item(tr("item.reduction"), s.reduction_t, tr("unit.t_co2_expected_target_year"));
  summary.item(tr("item.cost"), s.cost_eur, tr("unit.eur"));
  summary.item(tr("item.eur_per_t"), s.reduction_t > 0 ? s.cost_eur / s.reduction_t : 0.0, tr("unit.eur_t"));
  summary.item(tr("item.objective_value"), s.objective,
               tr(p.objective == optimize::Objective::max_reduction ? "unit.t_co2" : "unit.eur"));
  summary.item(tr("item.bound"), s.bound,
               tr(p.objective == optimize::Objective::max_reduction ? "unit.t_co2" : "unit.eur"));
  summary.item(tr("item.solver_gap"), s.gap, tr("unit.share"));
  summary.item(tr("item.gap_asked"), r.relative_gap, tr("unit.share"));
  summary.item(tr("item.nodes"), static_cast<double>(s.nodes), tr("unit.count"));
  summary.item(tr("item.rule_budget"), r.rule_budget_eur, tr("unit.eur"));

  const auto totals = deal_totals(r);
  auto& deals =
      add_sheet(wb, tr, "sheet.deals",
                {"col.deal", "col.company", "col.realisation_probability", "col.max_support_eur", "col.supported_1_0",
                 "col.projects_count", "col.support_eur", "col.expected_t_co2", "col.basis"});
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    const bool supported = d < s.deal_supported.size() && s.deal_supported[d] != 0;
    deals.text(p.deals[d].id).text(p.deals[d].company).number(p.deals[d].realisation).number(p.deals[d].max_support_eur);
    deals.number(supported ? 1 : 0).number(totals[d].projects).number(totals[d].support_eur).number(totals[d].expected_t);
    deals.text(p.deals[d].basis);
    deals.next();
  }

  auto& projects = add_sheet(wb, tr, "sheet.projects",
                             {"col.option", "col.deal", "col.decision_year", "col.start_year", "col.funding_gap_eur",
                              "col.support_eur", "col.tonnes_t_co2", "col.expected_t_co2", "col.note"});
  for (const auto& c : s.projects) {
    const auto& pr = p.projects[c.project];
    const auto& a = pr.alternatives[c.alternative];
    projects.text(pr.id).text(p.deals[pr.deal].id).number(a.decision_year).number(a.start_year).number(a.gap_eur);
    projects.number(c.support_eur).number(pr.tonnes_t).number(c.expected_t).text(a.note);
    projects.next();
  }

  auto& sme = add_sheet(wb, tr, "sheet.sme_awards",
                        {"col.application", "col.submitted_year", "col.grant_eur", "col.funding_gap_eur",
                         "col.support_eur", "col.expected_t_co2"});
  for (const auto k : s.sme_awarded) {
    const auto& c = p.sme[k];
    sme.text(c.id).number(c.year).number(c.grant_eur).number(c.gap_eur).number(c.cost_eur).number(c.tonnes_t);
    sme.next();
  }

  auto& years = add_sheet(wb, tr, "sheet.by_year",
                          {"col.year", "col.commitments_eur", "col.commitment_limit_eur", "col.cash_eur",
                           "col.cash_limit_eur", "col.committed_expected_t_co2", "col.cumulative_expected_t_co2"});
  for (const auto& y : portfolio_years(r)) {
    years.number(y.year).number(y.commitments_eur).number(p.budget.commit_per_year_eur).number(y.cash_eur);
    years.number(p.budget.cash_per_year_eur).number(y.committed_t).number(y.cumulative_t);
    years.next();
  }

  const auto used = limit_use(r);
  auto& infra = add_sheet(wb, tr, "sheet.infrastructure",
                          {"col.item", "col.label", "col.year", "col.unit", "col.capacity_left_unit",
                           "col.used_by_portfolio_unit", "col.share_used_share"});
  for (std::size_t l = 0; l < p.limits.size(); ++l) {
    const auto& lim = p.limits[l];
    infra.text(lim.item).text(lim.label).number(lim.year).text(lim.unit).number(lim.capacity).number(used[l]);
    infra.number(lim.capacity > 0 ? used[l] / lim.capacity : (used[l] > 0 ? 1.0 : 0.0));
    infra.next();
  }

  auto& prices = add_sheet(
      wb, tr, "sheet.shadow_prices",
      {"col.limit", "col.unit", "col.used_unit", "col.capacity_unit", "col.value_value_unit", "col.value_unit"});
  for (const auto& sp : s.shadow_prices) {
    prices.text(sp.limit).text(sp.unit).number(sp.used).number(sp.capacity).number(sp.value).text(sp.value_unit);
    prices.next();
  }

  auto& rules = add_sheet(wb, tr, "sheet.rules",
                          {"col.rule", "col.reduction_t_co2", "col.cost_eur", "col.of_optimum_share",
                           "col.deal_reduction_t_co2", "col.deal_cost_eur", "col.deals_supported_count",
                           "col.sme_reduction_t_co2", "col.sme_cost_eur", "col.sme_awarded_count"});
  if (portfolio_solved(r)) {
    rules.text(std::string(tr("port.optimum"))).number(s.reduction_t).number(s.cost_eur).number(1.0);
    rules.next();
  }
  for (const auto& rr : r.rules) {
    rules.text(translate_phrases(rr.rule, tr)).number(rr.reduction_t).number(rr.cost_eur);
    rules.number(s.reduction_t > 0 ? rr.reduction_t / s.reduction_t : 0.0);
    rules.number(rr.deal_reduction_t).number(rr.deal_cost_eur).number(static_cast<double>(rr.deals_supported));
    rules.number(rr.sme_reduction_t).number(rr.sme_cost_eur).number(static_cast<double>(rr.sme_awarded));
    rules.next();
  }

  auto& notes = add_sheet(wb, tr, "sheet.notes", {"col.kind", "col.id", "col.text"});
  for (const auto& c : s.conflicts) {
    notes.text(std::string(tr("note.conflict"))).blank().text(c);
    notes.next();
  }
  for (const auto& e : p.excluded) {
    notes.text(std::string(tr("note.not_candidate"))).text(e.id).text(translate_phrases(e.reason, tr));
    notes.next();
  }
  for (const auto& d : p.deals) {
    if (!d.basis.empty()) {
      notes.text(std::string(tr("note.deal_basis"))).text(d.id).text(d.basis);
      notes.next();
    }
  }
  for (const auto& n : p.notes) {
    notes.text(std::string(tr("note.note"))).blank().text(translate_phrases(n, tr));
    notes.next();
  }

  add_about_sheet(wb, info, tr);
  return wb.render();
}

}  // namespace decarbfund::report
