#include "report/xlsx_deal.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "report/deal_report.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

std::string deal_assessment_xlsx(const model::Model& model, const model::Deal& deal, const analysis::DealAssessment& a,
                                 const RunInfo& info) {
  Workbook wb(info.created_utc);
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

  // Items are the JSON document's keys, so a reader can match the two.
  auto& summary = wb.add_sheet("summary", {"item", "value", "unit"});
  summary.item("deal", a.deal_id);
  summary.item("company", a.company);
  summary.item("phase", a.phase);
  summary.item("sites", deal_sites_text(model, deal));
  summary.item("policy_version", a.policy_version);
  summary.item("target_year", a.target_year, "year");
  summary.item("as_of_year", a.as_of_year, "year");
  summary.item("additional_target_year_t",
         a.additional_t_by_year.count(a.target_year) != 0 ? a.additional_t_by_year.at(a.target_year) : 0.0, "t CO2/yr");
  summary.item("reduction_target_year_t", a.reduction_target_year_t, "t CO2/yr");
  summary.item("committed_target_year_t", a.committed_target_year_t, "t CO2/yr");
  summary.item("lifetime_t", a.lifetime_t, "t CO2");
  summary.item("support_eur", a.support_eur, "EUR");
  summary.item("eur_per_t_target_year", a.eur_per_t_target_year, "EUR per t/yr");
  summary.item("eur_per_t_lifetime", a.eur_per_t_lifetime, "EUR/t");
  summary.item("npv_without_support_eur", a.npv_without_support_eur, "EUR");
  summary.item("funding_gap_eur", a.funding_gap_eur, "EUR");
  // No gap: an empty cell, as the JSON's null.
  summary.item("aid_to_gap_ratio", std::isfinite(a.aid_to_gap_ratio) ? a.aid_to_gap_ratio : kNan, "ratio (empty: no gap)");
  summary.item("infrastructure_dependent_share", a.infrastructure_dependent_share, "share");
  summary.item("generic_instrument_possible", a.generic_instrument_possible ? 1 : 0, "1/0");
  summary.item("generic_eur_per_t_needed", a.generic_eur_per_t_needed, "EUR/t");
  summary.item("generic_eur_per_t_cap", a.generic_eur_per_t_cap, "EUR/t (0: no category)");
  summary.item("generic_instrument_reason", a.generic_instrument_reason);
  summary.item("climate_neutral_year", a.climate_neutral_year == 0 ? kNan : a.climate_neutral_year, "year (empty: none)");
  summary.item("residual_share_target_year", a.residual_share_target_year, "share");
  summary.item("path_share_target_year", a.path_share_target_year, "share");
  summary.item("path_credible", a.path_credible ? 1 : 0, "1/0");

  // Committed tonnes only where the deal file states some; an empty cell otherwise.
  const bool has_commitment = !deal.committed_reduction_t.empty();
  auto& years = wb.add_sheet("tonnes_by_year", {"year", "reduction (t CO2/yr)", "additional (t CO2/yr)",
                                                "committed (t CO2/yr)"});
  for (const auto& [year, t] : a.additional_t_by_year) {
    years.number(year).number(a.reduction_t_by_year.count(year) != 0 ? a.reduction_t_by_year.at(year) : kNan).number(t);
    years.number(has_commitment ? deal.committed_in(year) : kNan);
    years.next();
  }

  auto& projects = wb.add_sheet("projects", {"option", "technology", "start (year)", "reduction (t CO2/yr)",
                                             "npv_without_support (EUR)", "decision (year)"});
  for (const auto& o : a.options) {
    projects.text(model.options.id[o.option]).text(o.technology).number(o.start_year).number(o.reduction_t);
    projects.number(o.npv_eur).number(o.decision_year);
    projects.next();
  }

  auto& infra = wb.add_sheet("infrastructure", {"option", "infra", "need (unit)", "unit", "available_from (year)"});
  for (const auto& d : a.infrastructure) {
    const bool none = d.infra == model::kNone;
    infra.text(model.options.id[d.option]);
    if (none) {
      infra.blank().number(d.need).blank();
    } else {
      const bool storage = model.infrastructure.kind[d.infra] == model::InfrastructureKind::co2_storage;
      infra.text(model.infrastructure.id[d.infra]).number(d.need).text(storage ? "t CO2/yr" : "MW");
    }
    infra.number(d.available_from == 0 ? kNan : d.available_from);
    infra.next();
  }

  auto& flags = wb.add_sheet("flags", {"flag", "explanation"});
  for (const auto& f : a.flags) {
    flags.text(f).text(std::string(deal_flag_explanation(f)));
    flags.next();
  }

  auto& notes = wb.add_sheet("notes", {"kind", "text"});
  for (const auto& [kind, items] : {std::pair{"co-benefit", &a.co_benefits}, std::pair{"lock-in", &a.lock_in},
                                    std::pair{"assumption", &a.assumptions}}) {
    for (const auto& x : *items) {
      notes.text(kind).text(x);
      notes.next();
    }
  }

  add_about_sheet(wb, info);
  return wb.render();
}

}  // namespace decarbfund::report
