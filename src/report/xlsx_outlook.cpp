#include "report/xlsx_outlook.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

}  // namespace

std::string outlook_xlsx(const model::Model& model, const analysis::Outlook& o, const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  Workbook wb(info.created_utc);
  auto& summary = add_sheet(wb, tr, "sheet.summary", {"col.item", "col.value", "col.unit"});
  // Dataset, scenario, policy version and seed are on the "about" sheet.
  summary.item(tr("item.price_year"), model.info.price_year, tr("unit.eur_of_this_year"));
  summary.item(tr("item.target_year"), o.target_year, tr("unit.year"));
  summary.item(tr("item.required"), o.required_t, tr("unit.t_co2"));
  summary.item(tr("item.achieved"), o.achieved_t, tr("unit.t_co2"));
  summary.item(tr("item.gap"), o.gap_t, tr("unit.t_co2"));
  summary.item(tr("item.levy_leg"), o.levy_leg_t, tr("unit.t_co2"));
  summary.item(tr("item.levy_leg_required"), o.levy_leg_required_t, tr("unit.t_co2"));
  summary.item(tr("item.package_leg"), o.package_leg_expected_t, tr("unit.t_co2"));
  summary.item(tr("item.package_leg_required"), o.package_leg_required_t, tr("unit.t_co2"));
  // Expected values above (each deal × p(phase)); the same if every deal delivers (issue 14).
  summary.item(tr("item.package_leg_if_every_deal_delivers"), o.package_leg_t, tr("unit.t_co2"));
  summary.item(tr("item.achieved_if_every_deal_delivers"), o.achieved_if_every_deal_delivers_t, tr("unit.t_co2"));
  summary.item(tr("item.gap_if_every_deal_delivers"), o.gap_if_every_deal_delivers_t, tr("unit.t_co2"));

  const auto& F = o.full();
  auto& years = add_sheet(wb, tr, "sheet.by_year",
                          {"col.year", "col.emissions_t_co2", "col.levy_only_emissions_t_co2",
                           "col.reference_emissions_t_co2", "col.levy_revenue_eur", "col.support_committed_eur",
                           "col.dpr_price_general_eur_t", "col.dpr_price_waste_incineration_eur_t"});
  const auto n = static_cast<std::size_t>(F.years);
  for (std::size_t y = 0; y < n; ++y) {
    years.number(o.start_year + static_cast<int>(y))
        .number(F.total_emissions_t[y])
        .number(o.runs[1].outcome.total_emissions_t[y])
        .number(o.reference().total_emissions_t[y])
        .number(F.levy_revenue_eur[y])
        .number(F.support_outlay_eur[y])
        .number(F.dpr_price_eur_per_t[y])
        .number(sim::kDprPoolCount > 1 ? F.dpr_price_eur_per_t[n + y] : NAN);
    years.next();
  }

  auto& credits = add_sheet(wb, tr, "sheet.package_credits",
                            {"col.instrument", "col.reduction_t_co2", "col.probability", "col.expected_t_co2",
                             "col.leave_one_out_t_co2", "col.add_one_in_t_co2", "col.support_eur"});
  for (const auto& c : o.package_credits) {
    const bool deal = !c.deal.empty();
    credits.text(c.instrument)
        .number(c.reduction_t)
        .number(deal ? c.probability : NAN)
        .number(c.expected_t)
        .number(deal ? c.leave_one_out_t : NAN)
        .number(deal ? c.add_one_in_t : NAN)
        .number(c.support_eur);
    credits.next();
  }

  auto& funders =
      add_sheet(wb, tr, "sheet.package_by_funder", {"col.infrastructure_funder", "col.package_reduction_t_co2"});
  for (const auto& [funder, t] : o.package_t_by_infrastructure_funder) {
    funders.text(funder).number(t);
    funders.next();
  }

  auto& sites =
      add_sheet(wb, tr, "sheet.sites",
                {"col.site_id", "col.name", "col.cluster", "col.reduction_t_co2", "col.levy_target_year_eur"});
  for (const auto& s : o.top_sites) {
    sites.text(model.sites.id[s.site])
        .text(model.sites.name[s.site])
        .text(model.clusters.id[model.sites.cluster[s.site]])
        .number(s.reduction_t)
        .number(s.levy_eur);
    sites.next();
  }

  auto& bottlenecks =
      add_sheet(wb, tr, "sheet.bottlenecks",
                {"col.infra_id", "col.used_target_year_mw_or_t_yr", "col.capacity_target_year_mw_or_t_yr",
                 "col.options_blocked_count", "col.blocked_reduction_t_co2"});
  for (const auto& b : o.bottlenecks) {
    bottlenecks.text(model.infrastructure.id[b.infra])
        .number(b.used_target_year)
        .number(b.capacity_target_year)
        .number(b.options_blocked)
        .number(b.blocked_t);
    bottlenecks.next();
  }

  auto& adopted = add_sheet(wb, tr, "sheet.options_adopted",
                            {"col.option_id", "col.site_id", "col.decided_year", "col.operating_from_year",
                             "col.instrument", "col.reduction_t_co2_yr", "col.support_eur"});
  const auto& opt = model.options;
  for (model::Index i = 0; i < opt.size(); ++i) {
    if (F.option_decided[i] < 0) {
      continue;
    }
    adopted.text(opt.id[i])
        .text(model.sites.id[opt.site[i]])
        .number(o.start_year + F.option_decided[i])
        .number(o.start_year + F.option_start[i])
        .text(sim::instrument_name(F.option_instrument[i]))
        .number(-o.runs[2].inputs.option_delta_emissions_t[i])
        .number(F.option_support_eur[i]);
    adopted.next();
  }

  auto& macc =
      add_sheet(wb, tr, "sheet.macc", {"col.option_id", "col.cost_eur_t", "col.reduction_t_co2_yr", "col.adopted_1_0"});
  for (const auto& p : o.macc) {
    macc.text(opt.id[p.option]).number(p.cost_eur_per_t).number(p.reduction_t).number(p.adopted ? 1 : 0);
    macc.next();
  }

  add_about_sheet(wb, info, tr);
  return wb.render();
}

}  // namespace decarbfund::report
