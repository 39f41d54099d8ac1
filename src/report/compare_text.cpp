// The terminal report of `decarbfund compare` (compare_report.hpp), read from the comparison
// document: a row the document lacks is left out, a leg it gains is printed under its key.

#include <algorithm>
#include <functional>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/append.hpp"
#include "report/compare_labels.hpp"
#include "report/compare_report.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

std::string cell(const json& v, double scale, int decimals, int width) {
  if (!v.is_number()) {
    return fmt::format("{:>{}}", "—", width);
  }
  return fmt::format("{:>{}.{}f}", v.get<double>() * scale, width, decimals);
}

struct Columns {
  std::vector<std::string> labels;
  int width = 12;
  int label_width = 34;  ///< the row labels' column
  bool delta = false;    ///< two scenarios: a B − A column
};

void header(std::string& out, const std::string& title, const Columns& c) {
  append(out, "  {:<{}}", title, c.label_width);
  for (const auto& l : c.labels) {
    append(out, " {:>{}}", truncate_utf8(l, static_cast<std::size_t>(c.width)), c.width);
  }
  if (c.delta) {
    append(out, " {:>10}", "B − A");
  }
  out += "\n";
}

/// One row: a value per scenario (nullptr-like json when missing), scaled, and B − A.
void row(std::string& out, const std::string& label, const std::vector<json>& values, const Columns& c, double scale,
         int decimals) {
  append(out, "  {:<{}}", truncate_utf8(label, static_cast<std::size_t>(c.label_width)), c.label_width);
  for (const auto& v : values) {
    append(out, " {}", cell(v, scale, decimals, c.width));
  }
  if (c.delta && values.size() == 2 && values[0].is_number() && values[1].is_number()) {
    append(out, " {:>10.{}f}", (values[1].get<double>() - values[0].get<double>()) * scale, decimals);
  }
  out += "\n";
}

/// The series `key` of every scenario by year: year → one value per scenario.
std::map<int, std::vector<json>> by_year(const json& doc, const std::string& key, const std::vector<std::string>& labels) {
  std::map<int, std::vector<json>> out;
  if (!doc.contains(key)) {
    return out;
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& s = doc[key].value(labels[i], json::object());
    for (const auto& [year, v] : s.items()) {
      auto& r = out[std::stoi(year)];
      r.resize(labels.size());
      r[i] = v;
    }
  }
  return out;
}

}  // namespace

std::string compare_text(std::string_view text) {
  const json doc = json::parse(text);
  Columns c;
  for (const auto& l : doc["meta"]["scenarios"]) {
    c.labels.push_back(l.get<std::string>());
    c.width = std::max(c.width, std::min(20, static_cast<int>(c.labels.back().size())));
  }
  c.delta = c.labels.size() == 2;
  const auto& meta = doc["meta"];
  std::string out;
  append(out, "decarbfund compare — dataset {} {}, {} scenarios, each against its own reference\n",
         meta.value("dataset", ""), meta.value("dataset_version", ""), c.labels.size());
  for (std::size_t i = 0; i < doc["scenarios"].size(); ++i) {
    const auto& s = doc["scenarios"][i];
    append(out, "  {}  {} (levy {}), reference {} (levy {}), seed {}, {}\n", static_cast<char>('A' + i % 26),
           s.value("scenario", ""), s.value("policy_version", ""), s.value("reference_scenario", ""),
           s.value("reference_policy_version", ""), s.contains("seed") ? s["seed"].dump() : "", s.value("scenario_file", ""));
  }

  const auto& target = doc["target"];
  const auto column = [&](const std::string& key) {
    std::vector<json> v;
    for (const auto& t : target) {
      v.push_back(t.value(key, json()));
    }
    return v;
  };
  const std::string year = target.empty() ? "" : target[0].value("target_year", json()).dump();
  append(out, "\nTarget {}: additional reduction against each scenario's reference path\n", year);
  header(out, "Mt", c);
  for (const auto& [key, label] : compare_target_rows(target)) {
    row(out, label, column(key), c, 1.0, 2);
  }
  append(out, "  {:<{}}", "target", c.label_width);
  for (const auto& t : target) {
    append(out, " {:>{}}", !t.contains("target_met") ? "—" : t["target_met"].get<bool>() ? "met" : "MISSED", c.width);
  }
  out += "\n";

  const int last_year = target.empty() ? 0 : target[0].value("target_year", 0) + 5;
  const auto series_block = [&](const std::string& key, const std::string& title, double scale, int decimals) {
    const auto rows = by_year(doc, key, c.labels);
    if (rows.empty()) {
      return;
    }
    append(out, "\n{}\n", title);
    header(out, "year", c);
    for (const auto& [y, values] : rows) {
      if (y <= last_year) {
        row(out, std::to_string(y), values, c, scale, decimals);
      }
    }
  };
  series_block("emissions_t_by_year", "Emissions with the package (Mt; --json or --csv for every year and series)", 1e-6, 2);
  series_block("levy_revenue_eur_by_year", "Levy revenue net of refunds (MEUR)", 1e-6, 1);

  // Package lines: one row per deal (or other instrument), the expected tonnes of each scenario.
  std::vector<std::string> keys;
  std::map<std::string, std::string> names;
  std::map<std::string, std::vector<json>> expected, phase;
  for (const auto& p : doc["package_credits"]) {
    const auto key = compare_line_key(p);
    if (!names.contains(key)) {
      keys.push_back(key);
      names[key] = compare_line_label(p);
      expected[key].resize(c.labels.size());
      phase[key].resize(c.labels.size());
    }
    const auto at = std::find(c.labels.begin(), c.labels.end(), p.value("scenario", "")) - c.labels.begin();
    if (at < static_cast<long>(c.labels.size())) {
      expected[key][static_cast<std::size_t>(at)] = p.contains("expected_t") ? p["expected_t"] : p.value("reduction_t", json());
      phase[key][static_cast<std::size_t>(at)] = p.value("phase", json());
    }
  }
  if (!keys.empty()) {
    // A deal's phase goes with its name when every scenario has it in the same phase, else on a
    // line of its own under the numbers.
    std::map<std::string, bool> same_phase;
    for (const auto& k : keys) {
      std::vector<std::string> phases;
      for (const auto& p : phase[k]) {
        phases.push_back(p.is_string() ? p.get<std::string>() : "");
      }
      same_phase[k] = std::adjacent_find(phases.begin(), phases.end(), std::not_equal_to<>()) == phases.end();
      if (same_phase[k] && !phases.empty() && !phases.front().empty()) {
        names[k] += " (" + phases.front() + ")";
      }
      c.label_width = std::max(c.label_width, std::min(50, static_cast<int>(names[k].size())));
    }
    append(out, "\nPackage lines in {}: expected Mt (a deal: p(phase) × tonnes)\n", year);
    header(out, "instrument", c);
    for (const auto& k : keys) {
      row(out, names[k], expected[k], c, 1e-6, 3);
      if (!same_phase[k]) {
        append(out, "  {:<{}}", "  phase", c.label_width);
        for (const auto& p : phase[k]) {
          append(out, " {:>{}}", p.is_string() ? p.get<std::string>() : "", c.width);
        }
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace decarbfund::report
