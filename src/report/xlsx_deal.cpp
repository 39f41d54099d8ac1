#include "report/xlsx_deal.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "report/deal_report.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

std::string deal_assessment_xlsx(const model::Model& model, const model::Deal& deal, const analysis::DealAssessment& a,
                                 const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  Workbook wb(info.created_utc);
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

  // Items are the JSON document's keys, so a reader can match the two.
  auto& summary = add_sheet(wb, tr, "sheet.summary", {"col.item", "col.value", "col.unit"});
  summary.item(tr("item.deal"), a.deal_id);
  summary.item(tr("item.company"), a.company);
  summary.item(tr("item.phase"), a.phase);
  summary.item(tr("item.sites"), deal_sites_text(model, deal));
  summary.item(tr("item.policy_version"), a.policy_version);
  summary.item(tr("item.target_year"), a.target_year, tr("unit.year"));
  summary.item(tr("item.as_of_year"), a.as_of_year, tr("unit.year"));
  summary.item(tr("item.additional_target_year_t"),
               a.additional_t_by_year.count(a.target_year) != 0 ? a.additional_t_by_year.at(a.target_year) : 0.0,
               tr("unit.t_co2_yr"));
  summary.item(tr("item.reduction_target_year_t"), a.reduction_target_year_t, tr("unit.t_co2_yr"));
  summary.item(tr("item.committed_target_year_t"), a.committed_target_year_t, tr("unit.t_co2_yr"));
  summary.item(tr("item.lifetime_t"), a.lifetime_t, tr("unit.t_co2"));
  summary.item(tr("item.support_eur"), a.support_eur, tr("unit.eur"));
  summary.item(tr("item.eur_per_t_target_year"), a.eur_per_t_target_year, tr("unit.eur_per_t_yr"));
  summary.item(tr("item.eur_per_t_lifetime"), a.eur_per_t_lifetime, tr("unit.eur_t"));
  summary.item(tr("item.npv_without_support_eur"), a.npv_without_support_eur, tr("unit.eur"));
  summary.item(tr("item.funding_gap_eur"), a.funding_gap_eur, tr("unit.eur"));
  // No gap: an empty cell, as the JSON's null.
  summary.item(tr("item.aid_to_gap_ratio"), std::isfinite(a.aid_to_gap_ratio) ? a.aid_to_gap_ratio : kNan,
               tr("unit.ratio_empty_no_gap"));
  summary.item(tr("item.infrastructure_dependent_share"), a.infrastructure_dependent_share, tr("unit.share"));
  summary.item(tr("item.generic_instrument_possible"), a.generic_instrument_possible ? 1 : 0, tr("unit.1_0"));
  summary.item(tr("item.generic_eur_per_t_needed"), a.generic_eur_per_t_needed, tr("unit.eur_t"));
  summary.item(tr("item.generic_eur_per_t_cap"), a.generic_eur_per_t_cap, tr("unit.eur_t_0_no_category"));
  summary.item(tr("item.generic_instrument_reason"), a.generic_instrument_reason);
  summary.item(tr("item.climate_neutral_year"), a.climate_neutral_year == 0 ? kNan : a.climate_neutral_year,
               tr("unit.year_empty_none"));
  summary.item(tr("item.residual_share_target_year"), a.residual_share_target_year, tr("unit.share"));
  summary.item(tr("item.path_share_target_year"), a.path_share_target_year, tr("unit.share"));
  summary.item(tr("item.path_credible"), a.path_credible ? 1 : 0, tr("unit.1_0"));
  // Its own effect in the outlook (issue 14 §3); left out when not computed (JSON: null).
  if (a.own_effect) {
    const auto& e = *a.own_effect;
    summary.item(tr("item.own_effect_reference"), e.reference_scenario);
    summary.item(tr("item.own_effect_other_deals"), static_cast<double>(e.other_deals), "");
    summary.item(tr("item.own_t"), e.own_t, tr("unit.t_co2_yr"));
    summary.item(tr("item.leave_one_out_t"), e.leave_one_out_t, tr("unit.t_co2_yr"));
    summary.item(tr("item.add_one_in_t"), e.add_one_in_t, tr("unit.t_co2_yr"));
    summary.item(tr("item.interaction_t"), e.interaction_t, tr("unit.t_co2_yr"));
    summary.item(tr("item.own_effect_probability"), e.probability, tr("unit.share"));
    summary.item(tr("item.own_expected_t"), e.expected_t, tr("unit.t_co2_yr"));
    summary.item(tr("item.own_support_eur"), e.support_eur, tr("unit.eur"));
    summary.item(tr("item.own_eur_per_t"), e.eur_per_t ? *e.eur_per_t : kNan, tr("unit.eur_t"));
  }

  // Committed tonnes only where the deal file states some; an empty cell otherwise.
  const bool has_commitment = !deal.committed_reduction_t.empty();
  auto& years = add_sheet(wb, tr, "sheet.tonnes_by_year",
                          {"col.year", "col.reduction_t_co2_yr", "col.additional_t_co2_yr", "col.committed_t_co2_yr"});
  for (const auto& [year, t] : a.additional_t_by_year) {
    years.number(year).number(a.reduction_t_by_year.count(year) != 0 ? a.reduction_t_by_year.at(year) : kNan).number(t);
    years.number(has_commitment ? deal.committed_in(year) : kNan);
    years.next();
  }

  auto& projects = add_sheet(wb, tr, "sheet.projects",
                             {"col.option", "col.technology", "col.start_year", "col.reduction_t_co2_yr",
                              "col.npv_without_support_eur", "col.decision_year"});
  for (const auto& o : a.options) {
    projects.text(model.options.id[o.option]).text(o.technology).number(o.start_year).number(o.reduction_t);
    projects.number(o.npv_eur).number(o.decision_year);
    projects.next();
  }

  auto& infra = add_sheet(wb, tr, "sheet.infrastructure",
                          {"col.option", "col.infra", "col.need_unit", "col.unit", "col.available_from_year"});
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

  auto& flags = add_sheet(wb, tr, "sheet.flags", {"col.flag", "col.explanation"});
  for (const auto& f : a.flags) {
    flags.text(f).text(std::string(deal_flag_explanation(f)));
    flags.next();
  }

  auto& notes = add_sheet(wb, tr, "sheet.notes", {"col.kind", "col.text"});
  for (const auto& [kind, items] : {std::pair{"co-benefit", &a.co_benefits}, std::pair{"lock-in", &a.lock_in},
                                    std::pair{"assumption", &a.assumptions}}) {
    for (const auto& x : *items) {
      notes.text(kind).text(x);
      notes.next();
    }
  }

  add_about_sheet(wb, info, tr);
  return wb.render();
}

}  // namespace decarbfund::report
