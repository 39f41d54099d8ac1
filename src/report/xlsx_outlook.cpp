#include "report/xlsx_outlook.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

}  // namespace

std::string outlook_xlsx(const model::Model& model, const analysis::Outlook& o, const RunInfo& info) {
  Workbook wb(info.created_utc);
  auto& summary = wb.add_sheet("summary", {"item", "value", "unit"});
  // Dataset, scenario, policy version and seed are on the "about" sheet.
  summary.item("price_year", model.info.price_year, "EUR of this year");
  summary.item("target_year", o.target_year, "year");
  summary.item("required", o.required_t, "t CO2");
  summary.item("achieved", o.achieved_t, "t CO2");
  summary.item("gap", o.gap_t, "t CO2");
  summary.item("levy_leg", o.levy_leg_t, "t CO2");
  summary.item("levy_leg_required", o.levy_leg_required_t, "t CO2");
  summary.item("package_leg", o.package_leg_t, "t CO2");
  summary.item("package_leg_required", o.package_leg_required_t, "t CO2");

  const auto& F = o.full();
  auto& years = wb.add_sheet("by_year", {"year", "emissions (t CO2)", "levy_only_emissions (t CO2)", "reference_emissions (t CO2)",
               "levy_revenue (EUR)", "support_committed (EUR)", "dpr_price_general (EUR/t)",
               "dpr_price_waste_incineration (EUR/t)"});
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

  auto& credits = wb.add_sheet("package_credits", {"instrument", "reduction (t CO2)", "support (EUR)"});
  for (const auto& c : o.package_credits) {
    credits.text(c.instrument).number(c.reduction_t).number(c.support_eur);
    credits.next();
  }

  auto& funders = wb.add_sheet("package_by_funder", {"infrastructure_funder", "package_reduction (t CO2)"});
  for (const auto& [funder, t] : o.package_t_by_infrastructure_funder) {
    funders.text(funder).number(t);
    funders.next();
  }

  auto& sites = wb.add_sheet("sites", {"site_id", "name", "cluster", "reduction (t CO2)", "levy target year (EUR)"});
  for (const auto& s : o.top_sites) {
    sites.text(model.sites.id[s.site])
        .text(model.sites.name[s.site])
        .text(model.clusters.id[model.sites.cluster[s.site]])
        .number(s.reduction_t)
        .number(s.levy_eur);
    sites.next();
  }

  auto& bottlenecks = wb.add_sheet("bottlenecks", {"infra_id", "used_target_year (MW or t/yr)", "capacity_target_year (MW or t/yr)",
                     "options_blocked (count)", "blocked_reduction (t CO2)"});
  for (const auto& b : o.bottlenecks) {
    bottlenecks.text(model.infrastructure.id[b.infra])
        .number(b.used_target_year)
        .number(b.capacity_target_year)
        .number(b.options_blocked)
        .number(b.blocked_t);
    bottlenecks.next();
  }

  auto& adopted = wb.add_sheet("options_adopted", {"option_id", "site_id", "decided (year)", "operating_from (year)", "instrument",
                 "reduction (t CO2/yr)", "support (EUR)"});
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

  auto& macc = wb.add_sheet("macc", {"option_id", "cost (EUR/t)", "reduction (t CO2/yr)", "adopted (1/0)"});
  for (const auto& p : o.macc) {
    macc.text(opt.id[p.option]).number(p.cost_eur_per_t).number(p.reduction_t).number(p.adopted ? 1 : 0);
    macc.next();
  }

  add_about_sheet(wb, info);
  return wb.render();
}

}  // namespace decarbfund::report
