#include "report/deal_html.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/deal_report.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

namespace {

/// A headline row: item, value, unit (the columns of the workbook's summary sheet).
void row(std::string& h, const std::string& item, const std::string& value, const std::string& unit) {
  append(h, "<tr><td>{}</td><td>{}</td><td class=l>{}</td></tr>\n", html_escape(item), value, html_escape(unit));
}

void list(std::string& h, const char* title, const std::vector<std::string>& items) {
  if (items.empty()) {
    return;
  }
  append(h, "<h2>{}</h2><ul>\n", title);
  for (const auto& x : items) {
    append(h, "<li>{}</li>\n", html_escape(x));
  }
  append(h, "</ul>\n");
}

}  // namespace

std::string deal_assessment_html(const model::Model& model, const model::Deal& deal, const analysis::DealAssessment& a,
                                 const RunInfo& info) {
  std::string h;
  append(h, R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>decarbfund deal assessment {}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin-bottom:1em}}td,th{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child,td.l,th.l{{text-align:left}}small{{color:#666}}.flag{{color:#c00}}</style></head><body>
)",
         html_escape(a.deal_id));
  append(h, "<h1>Deal assessment: {} ({})</h1>\n", html_escape(a.company), html_escape(a.deal_id));
  append(h, "<p><small>{}</small></p>\n", run_info_html(info));
  append(h, "<table><tr><th>deal</th><th></th></tr>\n");
  append(h, "<tr><td>company</td><td class=l>{}</td></tr>\n", html_escape(a.company));
  append(h, "<tr><td>phase</td><td class=l>{}</td></tr>\n", html_escape(a.phase));
  append(h, "<tr><td>sites</td><td class=l>{}</td></tr>\n", html_escape(deal_sites_text(model, deal)));
  append(h, "<tr><td>judged as of</td><td class=l>{} (the deal's latest history entry)</td></tr>\n", a.as_of_year);
  append(h, "<tr><td>additional against the DPR path of</td><td class=l>{}</td></tr>\n</table>\n",
         html_escape(a.policy_version));

  // The headline figures of the JSON document (docs/deals.md), money in EUR m as the committee
  // reads it; the workbook keeps EUR.
  const double additional_target =
      a.additional_t_by_year.count(a.target_year) != 0 ? a.additional_t_by_year.at(a.target_year) : 0.0;
  append(h, "<h2>Headline figures</h2><table><tr><th></th><th>value</th><th class=l>unit</th></tr>\n");
  row(h, fmt::format("additional reduction in {}", a.target_year), fmt::format("{:.0f}", additional_target), "t CO2/yr");
  row(h, fmt::format("reduction by the projects in {}", a.target_year), fmt::format("{:.0f}", a.reduction_target_year_t),
      "t CO2/yr");
  row(h, fmt::format("committed in the deal file for {}", a.target_year), fmt::format("{:.0f}", a.committed_target_year_t),
      "t CO2/yr");
  row(h, "reduction over the projects' lifetime", fmt::format("{:.2f}", a.lifetime_t / 1e6), "Mt CO2");
  row(h, "support (maximum)", fmt::format("{:.1f}", a.support_eur / 1e6), "EUR m");
  row(h, fmt::format("support per t/yr in {}", a.target_year), fmt::format("{:.1f}", a.eur_per_t_target_year),
      "EUR per t/yr");
  row(h, "support per t over the lifetime", fmt::format("{:.2f}", a.eur_per_t_lifetime), "EUR/t");
  row(h, "NPV of the projects without support", fmt::format("{:.1f}", a.npv_without_support_eur / 1e6), "EUR m");
  row(h, "funding gap", fmt::format("{:.1f}", a.funding_gap_eur / 1e6), "EUR m");
  row(h, "aid-to-gap ratio",
      std::isfinite(a.aid_to_gap_ratio) ? fmt::format("{:.2f}", a.aid_to_gap_ratio) : std::string("n/a (no gap)"),
      "support ÷ gap");
  row(h, "infrastructure-dependent share", fmt::format("{:.1f}", 100 * a.infrastructure_dependent_share),
      fmt::format("% of the {} reduction", a.target_year));
  row(h, "generic instrument (SDE++-like)", a.generic_instrument_possible ? "could fund it" : "no",
      a.generic_instrument_reason);
  if (a.climate_neutral_year > 0) {
    row(h, fmt::format("residual emissions in {}", a.target_year), fmt::format("{:.1f}", 100 * a.residual_share_target_year),
        "% of reference");
    row(h, fmt::format("straight line to zero in {}", a.climate_neutral_year),
        fmt::format("{:.1f}", 100 * a.path_share_target_year), "% of reference");
  }
  row(h, "path to climate neutrality",
      a.climate_neutral_year == 0 ? std::string("no year committed") : (a.path_credible ? "credible" : "not credible"), "");
  append(h, "</table>\n");

  append(h, "<h2>Flags</h2>");
  if (a.flags.empty()) {
    append(h, "<p>None.</p>\n");
  } else {
    append(h, "<table><tr><th>flag</th><th class=l>what it means</th></tr>\n");
    for (const auto& f : a.flags) {
      append(h, "<tr><td class=flag>{}</td><td class=l>{}</td></tr>\n", html_escape(f),
             html_escape(std::string(deal_flag_explanation(f))));
    }
    append(h, "</table>\n");
  }

  // Tonnes by year: the chart in kt (readable axis), the table in t as the JSON has them.
  const bool has_commitment = !deal.committed_reduction_t.empty();
  std::vector<double> x, reduction, additional, committed;
  for (const auto& [year, t] : a.additional_t_by_year) {
    x.push_back(year);
    additional.push_back(t / 1e3);
    reduction.push_back(a.reduction_t_by_year.count(year) != 0 ? a.reduction_t_by_year.at(year) / 1e3 : 0.0);
    committed.push_back(deal.committed_in(year) / 1e3);
  }
  append(h, "<h2>Tonnes by year</h2>\n");
  if (x.size() >= 2) {
    std::vector<LineSeries> series{{"additional", "#2a2", x, additional, false},
                                   {"projects' reduction", "#4a6fa5", x, reduction, false}};
    if (has_commitment) {
      series.push_back({"committed", "#c0504d", x, committed, true});
    }
    append(h, "{}\n", svg_line_chart(series, "kt CO2/yr"));
  }
  append(h, "<table><tr><th>year</th><th>reduction t CO2/yr</th><th>additional t CO2/yr</th>{}</tr>\n",
         has_commitment ? "<th>committed t CO2/yr</th>" : "");
  for (std::size_t i = 0; i < x.size(); ++i) {
    const int year = static_cast<int>(x[i]);
    append(h, "<tr><td>{}</td><td>{:.0f}</td><td>{:.0f}</td>", year, reduction[i] * 1e3, additional[i] * 1e3);
    if (has_commitment) {
      append(h, "<td>{:.0f}</td>", deal.committed_in(year));
    }
    append(h, "</tr>\n");
  }
  append(h, "</table>\n");

  append(h, "<h2>Committed projects</h2><table><tr><th>option</th><th>technology</th><th>from</th><th>t CO2/yr</th>"
            "<th>NPV without support EUR m</th><th>decision year</th></tr>\n");
  for (const auto& o : a.options) {
    append(h, "<tr><td>{}</td><td class=l>{}</td><td>{}</td><td>{:.0f}</td><td>{:.1f}</td><td>{}</td></tr>\n",
           html_escape(model.options.id[o.option]), html_escape(o.technology), o.start_year, o.reduction_t,
           o.npv_eur / 1e6, o.decision_year);
  }
  append(h, "</table>\n");
  if (!a.infrastructure.empty()) {
    append(h, "<h2>Infrastructure not there in {}</h2><table><tr><th>option</th><th>item</th><th>need</th>"
              "<th>enough from</th></tr>\n",
           a.as_of_year);
    for (const auto& d : a.infrastructure) {
      const bool none = d.infra == model::kNone;
      const bool storage = !none && model.infrastructure.kind[d.infra] == model::InfrastructureKind::co2_storage;
      append(h, "<tr><td>{}</td><td class=l>{}</td><td>{:.1f} {}</td><td>{}</td></tr>\n",
             html_escape(model.options.id[d.option]),
             none ? std::string("(none serves the cluster)") : html_escape(model.infrastructure.id[d.infra]), d.need,
             none ? "" : (storage ? "t CO2/yr" : "MW"), d.available_from > 0 ? std::to_string(d.available_from) : "not within the horizon");
    }
    append(h, "</table>\n");
  }
  list(h, "Co-benefits", a.co_benefits);
  list(h, "Lock-in", a.lock_in);
  list(h, "Assumptions in the deal file", a.assumptions);
  append(h, "<p><small>Questions, formulas and flags: docs/deals.md, \"Assessing a draft deal\".</small></p></body></html>\n");
  return h;
}

}  // namespace decarbfund::report
