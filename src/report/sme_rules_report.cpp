#include "report/sme_rules_report.hpp"

#include <array>

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/html_page.hpp"
#include "report/svg_chart.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

/// What the outlook counts in the target year from a round's awards (docs/sme.md §6).
constexpr int kTargetYear = 2030;

double expected_2030(const analysis::Allocation& a) {
  return analysis::sme_contribution(a.awards, analysis::kDefaultRealisationRate, analysis::kDefaultDelayYr, kTargetYear,
                                    kTargetYear)
      .reduction_in(kTargetYear);
}

std::string_view mode_name(const model::Round& r) { return model::kAllocationModes[static_cast<std::size_t>(r.mode)]; }

/// "veki-2024 (fcfs)": how a rule is named in every table.
std::string rule_name(const model::Round& r) { return fmt::format("{} ({})", r.id, mode_name(r)); }

/// Budget awarded per theme.
std::array<double, model::kSmeThemeCount> by_theme(const analysis::Allocation& a) {
  std::array<double, model::kSmeThemeCount> eur{};
  for (const auto& w : a.awards) {
    if (w.awarded) {
      eur[static_cast<std::size_t>(w.theme)] += w.grant_eur;
    }
  }
  return eur;
}

}  // namespace

std::string sme_rules_html(std::span<const SmeRuleRun> runs, const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  const auto& first = *runs.front().round;
  std::string h = page_start(tr, tr.format("sme.title", first.id), 1000);
  append(h, "<h1>{}</h1>\n", html_escape(tr.format("sme.h1", first.id)));
  append(h, "<p><small>{}</small></p>\n", run_info_html(info, tr));
  const auto& s0 = runs.front().allocation.summary;
  append(h, "<p>{}</p>\n",
         html_escape(tr.format("sme.intro", tr.count(static_cast<double>(s0.applications)), runs.size())));

  // One column per rule, one row per measure: a table that fits a memo's page.
  append(h, "<h2>{}</h2><table><tr><th>{}</th>", tr("sme.compare"), tr("sme.col_rule"));
  for (const auto& run : runs) {
    append(h, "<th>{}</th>", html_escape(rule_name(*run.round)));
  }
  append(h, "</tr>\n");
  const auto measure = [&](const char* key, const auto& value) {
    append(h, "<tr><td>{}</td>", tr(key));
    for (const auto& run : runs) {
      append(h, "<td>{}</td>", value(run.allocation));
    }
    append(h, "</tr>\n");
  };
  using A = analysis::Allocation;
  measure("sme.col_eligible", [&](const A& a) { return tr.count(static_cast<double>(a.summary.eligible)); });
  measure("sme.col_awarded", [&](const A& a) { return tr.count(static_cast<double>(a.summary.awarded)); });
  measure("sme.col_budget", [&](const A& a) { return tr.num(a.summary.budget_eur / 1e6, 1); });
  measure("sme.col_used", [&](const A& a) { return tr.num(a.summary.budget_used_eur / 1e6, 1); });
  measure("sme.col_reduction", [&](const A& a) { return tr.num(a.summary.reduction_t_per_yr, 0); });
  measure("sme.col_eur_lifetime_t", [&](const A& a) { return tr.num(a.summary.eur_per_t, 2); });
  measure("sme.col_eur_annual_t", [&](const A& a) { return tr.num(a.summary.eur_per_annual_t, 0); });
  measure("sme.col_free_riders", [&](const A& a) { return html_escape_percent(tr, a.summary.free_rider_share); });
  measure("sme.col_free_rider_budget",
          [&](const A& a) { return html_escape_percent(tr, a.summary.free_rider_budget_share); });
  measure("sme.col_expected", [&](const A& a) { return tr.num(expected_2030(a), 0); });
  // Issue 16 §4: every summary splits SMEs (EU definition) from large firms.
  constexpr auto kSme = static_cast<std::size_t>(analysis::SizeGroup::sme);
  constexpr auto kLarge = static_cast<std::size_t>(analysis::SizeGroup::large);
  measure("sme.col_sme_awarded",
          [&](const A& a) { return tr.count(static_cast<double>(a.summary.by_group[kSme].awarded)); });
  measure("sme.col_large_awarded",
          [&](const A& a) { return tr.count(static_cast<double>(a.summary.by_group[kLarge].awarded)); });
  measure("sme.col_sme_used", [&](const A& a) { return tr.num(a.summary.by_group[kSme].budget_used_eur / 1e6, 1); });
  measure("sme.col_large_used",
          [&](const A& a) { return tr.num(a.summary.by_group[kLarge].budget_used_eur / 1e6, 1); });
  measure("sme.col_sme_reduction", [&](const A& a) { return tr.num(a.summary.by_group[kSme].reduction_t_per_yr, 0); });
  measure("sme.col_large_reduction",
          [&](const A& a) { return tr.num(a.summary.by_group[kLarge].reduction_t_per_yr, 0); });
  std::vector<std::string> names;
  std::vector<double> eur_per_t, reduction_kt, expected_kt;
  for (const auto& run : runs) {
    names.push_back(run.round->id);
    eur_per_t.push_back(run.allocation.summary.eur_per_t);
    reduction_kt.push_back(run.allocation.summary.reduction_t_per_yr / 1e3);
    expected_kt.push_back(expected_2030(run.allocation) / 1e3);
  }
  append(h, "</table><p><small>{}</small></p>\n", tr("sme.note"));
  const std::string cost_title(tr("sme.chart_cost"));
  append(h, "<h2>{}</h2>{}\n", cost_title,
         svg_bar_chart(names, {{std::string(tr("sme.col_eur_lifetime_t")), "#4a6fa5", eur_per_t}}, "EUR/t", tr,
                       cost_title));
  const std::string tonnes_title(tr("sme.chart_tonnes"));
  append(h, "<h2>{}</h2>{}\n", tonnes_title,
         svg_bar_chart(names,
                       {{std::string(tr("sme.series_reduction")), "#3d7f3d", reduction_kt},
                        {tr.format("sme.series_expected", kTargetYear), "#93acd3", expected_kt}},
                       std::string(tr("unit.kt_co2_per_yr")), tr, tonnes_title));

  append(h, "<h2>{}</h2><table><tr><th>{}</th>", tr("sme.rejections"), tr("sme.col_reason"));
  for (const auto& run : runs) {
    append(h, "<th>{}</th>", html_escape(rule_name(*run.round)));
  }
  append(h, "</tr>\n");
  for (std::size_t reason = 1; reason < std::size(model::kRejectReasons); ++reason) {
    append(h, "<tr><td>{}</td>", tr("reason." + std::string(model::kRejectReasons[reason])));
    for (const auto& run : runs) {
      append(h, "<td>{}</td>", tr.count(static_cast<double>(run.allocation.summary.rejected[reason])));
    }
    append(h, "</tr>\n");
  }
  append(h, "</table>\n<h2>{}</h2><table><tr><th>{}</th>", tr("sme.themes"), tr("sme.col_theme"));
  for (const auto& run : runs) {
    append(h, "<th>{}</th>", html_escape(rule_name(*run.round)));
  }
  append(h, "</tr>\n");
  std::vector<std::array<double, model::kSmeThemeCount>> themes;
  for (const auto& run : runs) {
    themes.push_back(by_theme(run.allocation));
  }
  for (std::size_t t = 0; t < model::kSmeThemeCount; ++t) {
    append(h, "<tr><td>{}</td>", tr("theme." + std::string(model::kSmeThemes[t])));
    for (const auto& eur : themes) {
      append(h, "<td>{}</td>", tr.num(eur[t] / 1e6, 1));
    }
    append(h, "</tr>\n");
  }
  append(h, "</table>\n<p><small>{}</small></p>{}", tr("sme.footer"), kPageEnd);
  return h;
}

std::string sme_rules_xlsx(std::span<const SmeRuleRun> runs, std::span<const model::Application> applications,
                           const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  Workbook wb(info.created_utc);
  auto& rules = add_sheet(
      wb, tr, "sheet.sme_rules",
      {"col.round", "col.allocation", "col.applications_count", "col.eligible_count", "col.awarded_count",
       "col.budget_eur", "col.requested_eur", "col.budget_used_eur", "col.reduction_t_co2_yr",
       "col.lifetime_reduction_t_co2", "col.eur_per_lifetime_t", "col.eur_per_annual_t", "col.free_riders_count",
       "col.free_rider_share", "col.free_rider_budget_share", "col.expected_2030_t_co2", "col.sme_awarded_count",
       "col.sme_budget_used_eur", "col.sme_reduction_t_co2_yr", "col.large_awarded_count", "col.large_budget_used_eur",
       "col.large_reduction_t_co2_yr"});
  for (const auto& run : runs) {
    const auto& s = run.allocation.summary;
    rules.text(run.round->id).text(std::string(mode_name(*run.round)));
    rules.number(static_cast<double>(s.applications))
        .number(static_cast<double>(s.eligible))
        .number(static_cast<double>(s.awarded));
    rules.number(s.budget_eur).number(s.requested_eur).number(s.budget_used_eur).number(s.reduction_t_per_yr);
    rules.number(s.lifetime_reduction_t)
        .number(s.eur_per_t)
        .number(s.eur_per_annual_t)
        .number(static_cast<double>(s.free_riders));
    rules.number(s.free_rider_share).number(s.free_rider_budget_share).number(expected_2030(run.allocation));
    for (const auto& g : s.by_group) {
      rules.number(static_cast<double>(g.awarded)).number(g.budget_used_eur).number(g.reduction_t_per_yr);
    }
    rules.next();
  }
  auto& rejections =
      add_sheet(wb, tr, "sheet.sme_rejections", {"col.round", "col.reason", "col.code", "col.applications_count"});
  for (const auto& run : runs) {
    for (std::size_t reason = 1; reason < std::size(model::kRejectReasons); ++reason) {
      const std::string code(model::kRejectReasons[reason]);
      rejections.text(run.round->id).text(std::string(tr("reason." + code))).text(code);
      rejections.number(static_cast<double>(run.allocation.summary.rejected[reason]));
      rejections.next();
    }
  }
  auto& themes = add_sheet(wb, tr, "sheet.sme_themes", {"col.round", "col.theme", "col.grants_eur"});
  for (const auto& run : runs) {
    const auto eur = by_theme(run.allocation);
    for (std::size_t t = 0; t < model::kSmeThemeCount; ++t) {
      themes.text(run.round->id).text(std::string(tr("theme." + std::string(model::kSmeThemes[t])))).number(eur[t]);
      themes.next();
    }
  }
  auto& awards = add_sheet(wb, tr, "sheet.sme_awards_round",
                           {"col.application", "col.firm", "col.firm_size", "col.technique", "col.theme",
                            "col.submitted_at", "col.status", "col.reason", "col.decision_order", "col.rate_share",
                            "col.requested_grant_eur", "col.grant_eur", "col.reduction_t_co2_yr", "col.lifetime_years",
                            "col.eur_per_lifetime_t", "col.npv_without_aid_eur", "col.free_rider_1_0"});
  for (const auto& w : runs.front().allocation.awards) {
    const auto& app = applications[w.application];
    awards.text(w.application_id)
        .text(w.firm_id)
        .text(std::string(tr("size." + std::string(model::kFirmSizes[static_cast<std::size_t>(w.firm_size)]))));
    awards.text(w.technique_id)
        .text(std::string(tr("theme." + std::string(model::kSmeThemes[static_cast<std::size_t>(w.theme)]))));
    awards.date(app.submitted_at);
    awards.text(std::string(tr(w.awarded ? "sme.awarded" : "sme.rejected")));
    awards.text(
        w.reason == model::RejectReason::none
            ? std::string()
            : std::string(tr("reason." + std::string(model::kRejectReasons[static_cast<std::size_t>(w.reason)]))));
    if (w.decision_order >= 0) {
      awards.number(static_cast<double>(w.decision_order + 1), CellFormat::plain);
    } else {
      awards.blank();
    }
    awards.number(w.rate)
        .number(w.requested_grant_eur)
        .number(w.grant_eur)
        .number(w.reduction_t_per_yr, CellFormat::decimal1);
    awards.number(w.lifetime_yr).number(w.eur_per_t).number(w.npv_without_aid_eur);
    if (w.awarded) {
      awards.number(w.free_rider ? 1 : 0);
    } else {
      awards.blank();
    }
    awards.next();
  }
  add_about_sheet(wb, info, tr);
  return wb.render();
}

}  // namespace decarbfund::report
