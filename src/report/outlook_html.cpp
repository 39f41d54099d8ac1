#include <cmath>

#include <fmt/format.h>

#include "core/version.hpp"
#include "report/append.hpp"
#include "report/html_page.hpp"
#include "report/localizer.hpp"
#include "report/outlook_report.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

namespace {

/// Package lines below this (Mt) print as 0.00: they are folded out of the waterfall.
constexpr double kWaterfallMinMt = 0.005;

std::vector<double> mt(const std::vector<double>& v) {
  std::vector<double> r;
  for (double x : v) {
    r.push_back(x / 1e6);
  }
  return r;
}

/// The waterfall from the reference to the achieved emissions, and how many package lines too
/// small to show were left out.
std::pair<std::vector<WaterfallBar>, int> waterfall_bars(const analysis::Outlook& o, const Localizer& tr) {
  const auto t = static_cast<std::size_t>(o.target_index());
  std::vector<WaterfallBar> bars = {
      {tr.format("outlook.wf_reference", o.target_year), o.reference().total_emissions_t[t] / 1e6, true},
      {std::string(tr("common.levy_leg")), -o.levy_leg_t / 1e6, false}};
  int small = 0;
  for (const auto& c : o.package_credits) {
    if (std::fabs(c.reduction_t / 1e6) < kWaterfallMinMt) {
      ++small;
      continue;
    }
    bars.push_back({credit_label(c, tr, true), -c.reduction_t / 1e6, false});
  }
  bars.push_back({tr.format("outlook.wf_achieved", o.target_year), o.full().total_emissions_t[t] / 1e6, true});
  return {bars, small};
}

}  // namespace

std::string outlook_html(const model::Model& model, const analysis::Outlook& o, Lang lang) {
  const Localizer tr(lang);
  const auto& F = o.full();
  const int t = o.target_index();
  std::vector<double> years;
  for (int y = 0; y < F.years; ++y) {
    years.push_back(o.start_year + y);
  }
  const double ref_t = o.reference().total_emissions_t[static_cast<std::size_t>(t)];
  const double target_level = (ref_t - o.required_t) / 1e6;
  const std::vector<LineSeries> lines = {
      {tr.format("outlook.series_reference", o.reference_scenario), "#777", years, mt(o.reference().total_emissions_t),
       true},
      {std::string(tr("outlook.series_levy_only")), "#c0504d", years, mt(o.runs[1].outcome.total_emissions_t), false},
      {std::string(tr("outlook.series_package")), "#4a6fa5", years, mt(F.total_emissions_t), false},
      {tr.format("outlook.series_target", o.target_year),
       "#1a7a1a",
       {years.front(), years.back()},
       {target_level, target_level},
       true},
  };
  const auto [bars, small_lines] = waterfall_bars(o, tr);
  std::vector<MaccBlock> macc;
  for (const auto& p : o.macc) {
    if (std::isfinite(p.cost_eur_per_t)) {
      macc.push_back({p.reduction_t, p.cost_eur_per_t, p.adopted});
    }
  }

  std::string h = page_start(tr, tr.format("outlook.title", o.scenario), 900);
  append(h, "<h1>{}</h1>\n", html_escape(tr.format("outlook.h1", o.target_year, o.scenario)));
  append(h, "<p><small>{}</small></p>\n",
         html_escape(tr.format("outlook.meta", model.info.name, model.info.version, o.scenario, o.scenario_file,
                               o.policy_version, o.reference_scenario, o.reference_policy_version, o.seed,
                               model.info.price_year)));
  if (o.hindcast) {
    append(h, "<p><small>{}</small></p>\n",
           html_escape(tr.format("outlook.hindcast", o.hindcast->year, tr.num(o.hindcast->published_t / 1e6, 2),
                                 tr.num(o.hindcast->model_t / 1e6, 2), tr.percent(o.hindcast->error()),
                                 tr.num(o.hindcast->activity_only_t / 1e6, 2),
                                 tr.percent(o.hindcast->activity_only_error()))));
  }
  if (const auto levers = package_levers_text(o.levers, &tr); !levers.empty()) {
    append(h, "<p><small>{}</small></p>\n", html_escape(levers));
  }
  append(h, "<h2>{}</h2><table><tr><th></th><th>{}</th><th>{}</th><th>{}</th></tr>\n", tr("outlook.target"),
         tr("outlook.col_required"), tr("outlook.col_achieved"), tr("outlook.col_gap"));
  const auto leg = [&](std::string_view name, double required, double achieved) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", name, tr.num(required / 1e6, 2),
           tr.num(achieved / 1e6, 2), tr.num((required - achieved) / 1e6, 2));
  };
  // Expected values first (each deal × p(phase)); the every-deal-delivers figures below them.
  leg(tr("common.levy_leg"), o.levy_leg_required_t, o.levy_leg_t);
  leg(tr("outlook.expected_row"), o.package_leg_required_t, o.package_leg_expected_t);
  append(h, "<tr><th>{}</th><th>{}</th><th>{}</th><th class=\"{}\">{}</th></tr>\n", tr("outlook.total_expected"),
         tr.num(o.required_t / 1e6, 2), tr.num(o.achieved_t / 1e6, 2), o.gap_t <= 0 ? "met" : "missed",
         tr.num(o.gap_t / 1e6, 2));
  if (!o.deals_dir.empty()) {
    leg(tr("outlook.every_deal_row"), o.package_leg_required_t, o.package_leg_t);
    leg(tr("outlook.total_every_deal"), o.required_t, o.achieved_if_every_deal_delivers_t);
  }
  append(h, "</table>\n");
  // SDE++ as its own line per run (docs/model.md "SDE++").
  if (o.runs.front().sde.enabled) {
    // The runs by their chart names: reference, levy only, with package.
    const std::string names[] = {tr.format("outlook.series_reference", o.reference_scenario),
                                 std::string(tr("outlook.series_levy_only")), std::string(tr("outlook.series_package"))};
    std::string runs;
    for (std::size_t k = 0; k < o.runs.size() && k < 3; ++k) {
      const auto& r = o.runs[k].sde;
      runs += (runs.empty() ? "" : "; ") + tr.format("outlook.sde_run", names[k], tr.num(r.reduction_t / 1e6, 2),
                                                      r.options, tr.num(r.committed_eur / 1e6, 0));
    }
    append(h, "<p>{}</p>\n", html_escape(tr.format("outlook.sde", o.target_year, runs)));
  } else {
    append(h, "<p>{}</p>\n", html_escape(std::string(tr("outlook.sde_off"))));
  }
  if (!o.deals_dir.empty()) {
    append(h,
           "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
           "</tr>\n",
           html_escape(tr.format("outlook.per_deal", o.target_year)), tr("outlook.col_line"),
           tr("outlook.col_if_delivered"), tr("outlook.col_own_effect"), tr("outlook.col_committed"),
           tr("outlook.col_p"), tr("outlook.col_expected"), tr("outlook.col_support"));
    for (const auto& c : o.package_credits) {
      const bool deal = !c.deal.empty();
      append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
             html_escape(credit_label(c, tr, false)), tr.num(c.reduction_t / 1e6, 3),
             deal ? tr.num(c.leave_one_out_t / 1e6, 3) : "", deal ? tr.num(c.committed_t / 1e6, 3) : "",
             deal ? tr.num(c.probability, 2) : "", tr.num(c.expected_t / 1e6, 3), tr.num(c.support_eur / 1e6, 1));
    }
    append(h, "</table>\n");
  }
  const std::string unit(tr("unit.mt_co2eq_per_yr"));
  append(h, "<h2>{}</h2>{}\n", tr("outlook.emissions"),
         svg_line_chart(lines, unit, tr, std::string(tr("outlook.emissions"))));
  const std::string wf_title = tr.format("outlook.waterfall", o.target_year);
  append(h, "<h2>{}</h2>{}\n", html_escape(wf_title), svg_waterfall(bars, unit, tr, wf_title));
  if (small_lines > 0) {
    append(h, "<p><small>{}</small></p>\n",
           html_escape(tr.format("outlook.wf_small", small_lines, tr.num(kWaterfallMinMt, 3))));
  }
  const std::string macc_title = tr.format("outlook.macc", o.target_year);
  append(h, "<h2>{}</h2><p><small>{}</small></p>{}\n", html_escape(macc_title),
         html_escape(tr.format("outlook.macc_note", o.target_year, tr.num(1000, 0))),
         svg_macc(macc, 1000, tr, std::string(tr("outlook.macc_axis")), macc_title));
  append(h, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n", tr("outlook.levy"),
         tr("common.year"), tr("outlook.col_revenue"), tr("outlook.col_dpr"), tr("outlook.col_emissions"));
  for (int y = 0; y < F.years && o.start_year + y <= o.target_year + 5; ++y) {
    const auto k = static_cast<std::size_t>(y);
    append(h, "<tr><td>{}</td><td>{}</td><td>{} / {}</td><td>{}</td></tr>\n", o.start_year + y,
           tr.num(F.levy_revenue_eur[k] / 1e6, 2), tr.num(F.dpr_price_eur_per_t[k], 2),
           tr.num(F.dpr_price_eur_per_t[static_cast<std::size_t>(F.years) + k], 2),
           tr.num(F.total_emissions_t[k] / 1e6, 2));
  }
  append(h, "</table>\n<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>Mt</th></tr>\n",
         html_escape(tr.format("outlook.top_sites", o.target_year)), tr("common.site"), tr("common.cluster"));
  for (std::size_t k = 0; k < std::min<std::size_t>(15, o.top_sites.size()); ++k) {
    const auto& r = o.top_sites[k];
    append(h, "<tr><td>{} {}</td><td>{}</td><td>{}</td></tr>\n", model.sites.id[r.site],
           html_escape(model.sites.name[r.site]), model.clusters.id[model.sites.cluster[r.site]],
           tr.num(r.reduction_t / 1e6, 3));
  }
  append(h, "</table>\n<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
         tr("outlook.bottlenecks"), tr("outlook.col_item"), tr("outlook.col_use"), tr("outlook.col_options_blocked"),
         tr("outlook.col_mt_blocked"), tr("outlook.col_funded_by"));
  for (const auto& b : o.bottlenecks) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", model.infrastructure.id[b.infra],
           html_escape(tr.format("outlook.use_of", tr.num(b.used_target_year, 1), tr.num(b.capacity_target_year, 1),
                                 infrastructure_unit(model, b.infra, tr))),
           b.options_blocked, tr.num(b.blocked_t / 1e6, 3), html_escape(model.infrastructure.funded_by[b.infra]));
  }
  append(h, "</table>\n<p><small>{}</small></p>{}", html_escape(tr.format("outlook.footer", core::kGenerator)), kPageEnd);
  return h;
}

}  // namespace decarbfund::report
