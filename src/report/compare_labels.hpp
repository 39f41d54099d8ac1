#pragma once
// How the comparison names a package line and shortens labels (compare_text.cpp,
// compare_html.cpp). Internal to the report room (includes nlohmann/json).

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"

namespace decarbfund::report {

/// The key that matches a package line across scenarios: the deal id, else the instrument up to
/// its first " (" ("SME scheme: veki-2024"), since the rest names the phase or the population.
inline std::string compare_line_key(const nlohmann::ordered_json& line) {
  if (line.contains("deal") && line["deal"].is_string() && !line["deal"].get<std::string>().empty()) {
    return "deal:" + line["deal"].get<std::string>();
  }
  const std::string instrument = line.value("instrument", "");
  return instrument.substr(0, instrument.find(" ("));
}

/// A line's label: a deal's company (the instrument without its "maatwerk deal: " prefix and
/// trailing phase), another line's instrument up to its first " (".
inline std::string compare_line_label(const nlohmann::ordered_json& line) {
  std::string s = line.value("instrument", "");
  if (line.contains("deal") && line["deal"].is_string()) {
    if (const auto colon = s.find(": "); colon != std::string::npos) {
      s = s.substr(colon + 2);
    }
    if (const auto paren = s.rfind(" ("); paren != std::string::npos) {
      s = s.substr(0, paren);
    }
    return s;
  }
  return s.substr(0, s.find(" ("));
}

/// The target table's rows (key, label) for `target` (the comparison's `target` array): the known
/// keys in reading order, then any other `_mt` key a scenario has, under its key.
inline std::vector<std::pair<std::string, std::string>> compare_target_rows(const nlohmann::ordered_json& target) {
  static constexpr std::pair<std::string_view, std::string_view> kRows[] = {
      {"required_mt", "required"},
      {"achieved_mt", "achieved (expected)"},
      {"gap_mt", "gap (required − achieved)"},
      {"achieved_if_every_deal_delivers_mt", "achieved if every deal delivers"},
      {"gap_if_every_deal_delivers_mt", "gap if every deal delivers"},
      {"levy_required_mt", "levy leg required"},
      {"levy_mt", "levy leg"},
      {"levy_gap_mt", "levy leg gap"},
      {"package_required_mt", "package leg required"},
      {"package_mt", "package leg (expected)"},
      {"package_if_every_deal_delivers_mt", "package leg if every deal delivers"},
      {"package_gap_mt", "package leg gap"},
  };
  std::vector<std::pair<std::string, std::string>> rows;
  const auto has = [&](const std::string& key) {
    return std::any_of(target.begin(), target.end(), [&](const auto& t) { return t.contains(key); });
  };
  for (const auto& [key, label] : kRows) {
    if (has(std::string(key))) {
      rows.emplace_back(key, label);
    }
  }
  for (const auto& t : target) {
    for (const auto& [key, v] : t.items()) {
      const bool known = std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r.first == key; });
      if (key.ends_with("_mt") && v.is_number() && !known) {
        rows.emplace_back(key, key);
      }
    }
  }
  return rows;
}

using core::truncate_utf8;

}  // namespace decarbfund::report
