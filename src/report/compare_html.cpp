// The files of `decarbfund compare` (compare_report.hpp): a self-contained HTML page with the
// scenarios' paths overlaid, and the workbook of the comparison document's tables.

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/append.hpp"
#include "report/compare_labels.hpp"
#include "report/compare_report.hpp"
#include "report/svg_chart.hpp"
#include "report/xlsx_tables.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kColours[] = {"#4a6fa5", "#c0504d", "#2a9d8f", "#e9a23b", "#8e44ad", "#7f8c8d"};

std::string number(const json& v, double scale, int decimals) {
  return v.is_number() ? fmt::format("{:.{}f}", v.get<double>() * scale, decimals) : "—";
}

/// (years, values × scale) of one scenario's series `key`.
std::pair<std::vector<double>, std::vector<double>> series(const json& doc, const std::string& key,
                                                           const std::string& label, double scale) {
  std::pair<std::vector<double>, std::vector<double>> out;
  if (!doc.contains(key) || !doc[key].contains(label)) {
    return out;
  }
  for (const auto& [year, v] : doc[key][label].items()) {
    if (v.is_number()) {
      out.first.push_back(std::stod(year));
      out.second.push_back(v.get<double>() * scale);
    }
  }
  return out;
}

/// The scenarios' series `key` overlaid, one colour each; `dashed_key` (optional) adds each
/// scenario's other series dashed, once per distinct path (the references are often one).
std::string overlay(const json& doc, const std::vector<std::string>& labels, const std::string& key,
                    const std::string& dashed_key, const std::string& dashed_name, double scale, const std::string& unit,
                    const Localizer& tr, const std::string& title) {
  std::vector<LineSeries> lines;
  std::vector<std::vector<double>> dashed_seen;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string colour = kColours[i % std::size(kColours)];
    auto [x, y] = series(doc, key, labels[i], scale);
    if (!x.empty()) {
      lines.push_back({labels[i], colour, x, y, false});
    }
    if (!dashed_key.empty()) {
      auto [dx, dy] = series(doc, dashed_key, labels[i], scale);
      if (!dx.empty() && std::find(dashed_seen.begin(), dashed_seen.end(), dy) == dashed_seen.end()) {
        dashed_seen.push_back(dy);
        lines.push_back({dashed_name + " (" + labels[i] + ")", colour, dx, dy, true});
      }
    }
  }
  return lines.empty() ? "" : svg_line_chart(lines, unit, tr, title);
}

}  // namespace

std::string compare_html(std::string_view text, const RunInfo& info, Lang lang) {
  const Localizer tr(lang);
  const json doc = json::parse(text);
  std::vector<std::string> labels;
  for (const auto& l : doc["meta"]["scenarios"]) {
    labels.push_back(l.get<std::string>());
  }
  const auto& target = doc["target"];
  std::string h;
  std::string title;
  for (const auto& l : labels) {
    title += (title.empty() ? "" : " · ") + l;
  }
  append(h, R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>decarbfund compare {}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}}
table{{border-collapse:collapse}}td,th{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child{{text-align:left}}.met{{color:#2a2}}.missed{{color:#c00}}small{{color:#666}}</style></head><body>
)",
         html_escape(title));
  append(h, "<h1>Scenarios compared: {}</h1>\n<p><small>{}</small></p>\n", html_escape(title), run_info_html(info));
  append(h, "<table><tr><th>scenario</th><th>levy version</th><th>reference</th><th>seed</th><th>file</th></tr>\n");
  for (const auto& s : doc["scenarios"]) {
    append(h, "<tr><td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td><td>{}</td></tr>\n", html_escape(s.value("scenario", "")),
           html_escape(s.value("policy_version", "")), html_escape(s.value("reference_scenario", "")),
           html_escape(s.value("reference_policy_version", "")), s.contains("seed") ? s["seed"].dump() : "",
           html_escape(s.value("scenario_file", "")));
  }
  const std::string year = target.empty() ? "" : target[0].value("target_year", json()).dump();
  append(h, "</table>\n<h2>Target {}</h2><table><tr><th>Mt</th>", year);
  for (const auto& l : labels) {
    append(h, "<th>{}</th>", html_escape(l));
  }
  append(h, "</tr>\n");
  for (const auto& [key, label] : compare_target_rows(target)) {
    append(h, "<tr><td>{}</td>", html_escape(label));
    for (const auto& t : target) {
      append(h, "<td>{}</td>", number(t.value(key, json()), 1.0, 2));
    }
    append(h, "</tr>\n");
  }
  append(h, "<tr><th>target</th>");
  for (const auto& t : target) {
    const bool met = t.value("target_met", false);
    append(h, "<th class=\"{}\">{}</th>", met ? "met" : "missed", met ? "met" : "missed");
  }
  append(h, "</tr></table>\n");
  for (const auto& [chart_title, key, dashed, unit] :
       {std::tuple{"Emissions with the package (solid) and reference paths (dashed)", "emissions_t_by_year",
                   "reference_emissions_t_by_year", "Mt CO2-eq/yr"},
        std::tuple{"Levy revenue net of refunds", "levy_revenue_eur_by_year", "", "MEUR/yr"},
        std::tuple{"Package support committed", "support_committed_eur_by_year", "", "MEUR/yr"}}) {
    append(h, "<h2>{}</h2>{}\n", chart_title,
           overlay(doc, labels, key, dashed, "reference", 1e-6, unit, tr, chart_title));
  }

  // Package lines: one row per deal or instrument, the expected tonnes and phase per scenario.
  std::vector<std::string> keys;
  std::map<std::string, std::string> names;
  std::map<std::string, std::vector<std::string>> cells;
  for (const auto& p : doc["package_credits"]) {
    const auto key = compare_line_key(p);
    if (!names.contains(key)) {
      keys.push_back(key);
      names[key] = compare_line_label(p);
      cells[key].assign(labels.size(), "—");
    }
    const auto at = std::find(labels.begin(), labels.end(), p.value("scenario", "")) - labels.begin();
    if (at < static_cast<long>(labels.size())) {
      const json expected = p.contains("expected_t") ? p["expected_t"] : p.value("reduction_t", json());
      cells[key][static_cast<std::size_t>(at)] =
          number(expected, 1e-6, 3) + (p.contains("phase") ? " <small>" + html_escape(p.value("phase", "")) + "</small>" : "");
    }
  }
  append(h, "<h2>Package lines, {}: expected Mt</h2><table><tr><th>instrument</th>", year);
  for (const auto& l : labels) {
    append(h, "<th>{}</th>", html_escape(l));
  }
  append(h, "</tr>\n");
  for (const auto& k : keys) {
    append(h, "<tr><td>{}</td>", html_escape(names[k]));
    for (const auto& c : cells[k]) {
      append(h, "<td>{}</td>", c);
    }
    append(h, "</tr>\n");
  }
  append(h, "</table>\n<p><small>Every series of every scenario by year: --json or --csv. Legs by counterfactual "
            "runs against each scenario's reference (docs/model.md).</small></p></body></html>\n");
  return h;
}

std::string compare_xlsx(std::string_view text, const RunInfo& info) { return tables_xlsx(text, info); }

}  // namespace decarbfund::report
