#include "report/deal_html.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/data_labels.hpp"
#include "report/deal_report.hpp"
#include "report/html_page.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

namespace {

/// A headline row: item, value, unit (the columns of the workbook's summary sheet).
void row(std::string& h, const std::string& item, const std::string& value, std::string_view unit) {
  append(h, "<tr><td>{}</td><td>{}</td><td class=l>{}</td></tr>\n", html_escape(item), html_escape(value),
         html_escape(std::string(unit)));
}

void list(std::string& h, std::string_view title, const std::vector<std::string>& items, const Localizer& tr) {
  if (items.empty()) {
    return;
  }
  append(h, "<h2>{}</h2><ul>\n", title);
  for (const auto& x : items) {
    append(h, "<li>{}</li>\n", html_escape(translate_phrases(x, tr)));
  }
  append(h, "</ul>\n");
}

}  // namespace

std::string deal_assessment_html(const model::Model& model, const model::Deal& deal, const analysis::DealAssessment& a,
                                 const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  std::string h = page_start(tr, tr.format("deal.title", a.deal_id), 960);
  append(h, "<h1>{}</h1>\n", html_escape(tr.format("deal.h1", a.company, a.deal_id)));
  append(h, "<p><small>{}</small></p>\n", run_info_html(info, tr));
  append(h, "<table><tr><th>{}</th><th></th></tr>\n", tr("deal.col_deal"));
  const auto fact = [&](std::string_view item, const std::string& value) {
    append(h, "<tr><td>{}</td><td class=l>{}</td></tr>\n", item, html_escape(value));
  };
  fact(tr("deal.company"), a.company);
  fact(tr("deal.phase"), a.phase);
  fact(tr("deal.sites"), deal_sites_text(model, deal));
  fact(tr("deal.judged"), tr.format("deal.judged_value", a.as_of_year));
  fact(tr("deal.against"), a.policy_version);
  append(h, "</table>\n");

  // The headline figures of the JSON document (docs/deals.md), money in EUR m as the committee
  // reads it; the workbook keeps EUR.
  const double additional_target =
      a.additional_t_by_year.count(a.target_year) != 0 ? a.additional_t_by_year.at(a.target_year) : 0.0;
  const auto t_yr = tr("unit.t_co2_yr");
  const auto eur_m = tr("unit.eur_m");
  append(h, "<h2>{}</h2><table><tr><th></th><th>{}</th><th class=l>{}</th></tr>\n", tr("deal.headline"), tr("common.value"),
         tr("common.unit"));
  row(h, tr.format("deal.additional", a.target_year), tr.num(additional_target, 0), t_yr);
  row(h, tr.format("deal.reduction", a.target_year), tr.num(a.reduction_target_year_t, 0), t_yr);
  row(h, tr.format("deal.committed", a.target_year), tr.num(a.committed_target_year_t, 0), t_yr);
  row(h, std::string(tr("deal.lifetime")), tr.num(a.lifetime_t / 1e6, 2), "Mt CO2");
  row(h, std::string(tr("deal.support")), tr.num(a.support_eur / 1e6, 1), eur_m);
  row(h, tr.format("deal.support_per_t_year", a.target_year), tr.num(a.eur_per_t_target_year, 1), tr("unit.eur_per_t_yr"));
  row(h, std::string(tr("deal.support_per_t_life")), tr.num(a.eur_per_t_lifetime, 2), "EUR/t");
  row(h, std::string(tr("deal.npv")), tr.num(a.npv_without_support_eur / 1e6, 1), eur_m);
  row(h, std::string(tr("deal.gap")), tr.num(a.funding_gap_eur / 1e6, 1), eur_m);
  row(h, std::string(tr("deal.ratio")),
      std::isfinite(a.aid_to_gap_ratio) ? tr.num(a.aid_to_gap_ratio, 2) : std::string(tr("deal.ratio_none")),
      tr("deal.ratio_unit"));
  row(h, std::string(tr("deal.infra_share")), tr.num(100 * a.infrastructure_dependent_share, 1),
      tr.format("deal.infra_share_unit", a.target_year));
  row(h, std::string(tr("deal.generic")),
      std::string(a.generic_instrument_possible ? tr("deal.generic_yes") : tr("common.no")),
      translate_phrases(a.generic_instrument_reason, tr));
  if (a.climate_neutral_year > 0) {
    row(h, tr.format("deal.residual", a.target_year), tr.num(100 * a.residual_share_target_year, 1),
        tr("deal.of_reference"));
    row(h, tr.format("deal.straight_line", a.climate_neutral_year), tr.num(100 * a.path_share_target_year, 1),
        tr("deal.of_reference"));
  }
  row(h, std::string(tr("deal.path")),
      std::string(a.climate_neutral_year == 0 ? tr("deal.no_year")
                                              : (a.path_credible ? tr("deal.credible") : tr("deal.not_credible"))),
      "");
  append(h, "</table>\n");

  // Its own effect in the outlook (issue 14 §3), as the outlook's deal line has it.
  append(h, "<h2>{}</h2>\n", html_escape(tr.format("deal.own_effect", a.target_year)));
  if (!a.own_effect) {
    append(h, "<p>{}</p>\n", tr("deal.own_effect_none"));
  } else if (!a.own_effect->package) {
    append(h, "<p>{}</p>\n", tr("deal.own_effect_off"));
  } else {
    const auto& e = *a.own_effect;
    append(h, "<p>{}</p>\n", html_escape(tr.format("deal.own_effect_basis", e.reference_scenario, e.other_deals)));
    append(h, "<table><tr><th></th><th>{}</th><th class=l>{}</th></tr>\n", tr("common.value"), tr("common.unit"));
    row(h, std::string(tr("deal.own_t")), tr.num(e.own_t, 0), t_yr);
    row(h, std::string(tr("deal.leave_one_out")), tr.num(e.leave_one_out_t, 0), t_yr);
    row(h, std::string(tr("deal.add_one_in")), tr.num(e.add_one_in_t, 0), t_yr);
    row(h, std::string(tr("deal.interaction")), tr.num(e.interaction_t, 0), t_yr);
    row(h, std::string(tr("deal.probability")), tr.num(e.probability, 2), "");
    row(h, std::string(tr("deal.expected")), tr.num(e.expected_t, 0), t_yr);
    row(h, std::string(tr("deal.support_outlook")), tr.num(e.support_eur / 1e6, 1), eur_m);
    row(h, std::string(tr("deal.support_per_t_own")), e.eur_per_t ? tr.num(*e.eur_per_t, 0) : std::string("–"),
        "EUR/t");
    append(h, "</table>\n");
  }

  append(h, "<h2>{}</h2>", tr("deal.flags"));
  if (a.flags.empty()) {
    append(h, "<p>{}</p>\n", tr("deal.none"));
  } else {
    append(h, "<table><tr><th>{}</th><th class=l>{}</th></tr>\n", tr("deal.col_flag"), tr("deal.col_meaning"));
    for (const auto& f : a.flags) {
      append(h, "<tr><td class=flag>{}</td><td class=l>{}</td></tr>\n", html_escape(f),
             html_escape(std::string(deal_flag_explanation(f, tr))));
    }
    append(h, "</table>\n");
  }

  // Tonnes by year: bars in kt (a readable axis, one group per year, so a deal whose projects
  // start in the target year still has its chart), the table in t as the JSON has them.
  const bool has_commitment = !deal.committed_reduction_t.empty();
  std::vector<std::string> years;
  std::vector<double> reduction, additional, committed;
  for (const auto& [year, t] : a.additional_t_by_year) {
    years.push_back(std::to_string(year));
    additional.push_back(t);
    reduction.push_back(a.reduction_t_by_year.count(year) != 0 ? a.reduction_t_by_year.at(year) : 0.0);
    committed.push_back(deal.committed_in(year));
  }
  const auto kt = [](const std::vector<double>& v) {
    std::vector<double> r;
    for (double x : v) {
      r.push_back(x / 1e3);
    }
    return r;
  };
  append(h, "<h2>{}</h2>\n", tr("deal.tonnes"));
  std::vector<BarSeries> series{{std::string(tr("deal.series_reduction")), "#4a6fa5", kt(reduction)},
                                {std::string(tr("deal.series_additional")), "#3d7f3d", kt(additional)}};
  if (has_commitment) {
    series.push_back({std::string(tr("deal.series_committed")), "#c0504d", kt(committed)});
  }
  if (years.empty()) {
    append(h, "<p>{}</p>\n", tr("deal.no_years"));
  } else {
    append(h, "{}\n",
           svg_bar_chart(years, series, std::string(tr("unit.kt_co2_per_yr")), tr, std::string(tr("deal.tonnes"))));
  }
  append(h, "<table><tr><th>{}</th><th>{}</th><th>{}</th>", tr("common.year"), tr("deal.col_reduction"),
         tr("deal.col_additional"));
  if (has_commitment) {
    append(h, "<th>{}</th>", tr("deal.col_committed"));
  }
  append(h, "</tr>\n");
  for (std::size_t i = 0; i < years.size(); ++i) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td>", years[i], tr.num(reduction[i], 0), tr.num(additional[i], 0));
    if (has_commitment) {
      append(h, "<td>{}</td>", tr.num(committed[i], 0));
    }
    append(h, "</tr>\n");
  }
  append(h, "</table>\n");

  append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
         tr("deal.projects"), tr("deal.col_option"), tr("deal.col_technology"), tr("deal.col_from"), t_yr,
         tr("deal.col_npv"), tr("deal.col_decision"));
  for (const auto& o : a.options) {
    append(h, "<tr><td>{}</td><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
           html_escape(model.options.id[o.option]), html_escape(o.technology), o.start_year, tr.num(o.reduction_t, 0),
           tr.num(o.npv_eur / 1e6, 1), o.decision_year);
  }
  append(h, "</table>\n");
  if (!a.infrastructure.empty()) {
    append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
           html_escape(tr.format("deal.infra", a.as_of_year)), tr("deal.col_option"), tr("common.item"),
           tr("deal.col_need"), tr("deal.col_enough_from"));
    for (const auto& d : a.infrastructure) {
      const bool none = d.infra == model::kNone;
      append(h, "<tr><td>{}</td><td class=l>{}</td><td>{} {}</td><td>{}</td></tr>\n",
             html_escape(model.options.id[d.option]),
             none ? std::string(tr("deal.none_serves")) : html_escape(model.infrastructure.id[d.infra]),
             tr.num(d.need, 1), none ? "" : infrastructure_unit(model, d.infra, tr),
             d.available_from > 0 ? std::to_string(d.available_from) : std::string(tr("deal.not_within")));
    }
    append(h, "</table>\n");
  }
  list(h, tr("deal.co_benefits"), a.co_benefits, tr);
  list(h, tr("deal.lock_in"), a.lock_in, tr);
  list(h, tr("deal.assumptions"), a.assumptions, tr);
  append(h, "<p><small>{}</small></p>{}", html_escape(std::string(tr("deal.footer"))), kPageEnd);
  return h;
}

}  // namespace decarbfund::report
