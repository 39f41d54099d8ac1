// The comparison document of `decarbfund compare` (compare_report.hpp): the scenarios' outlook
// documents side by side, key by key.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "core/version.hpp"
#include "report/compare_report.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kByYear = "_by_year";
/// Half a tonne: the target counts as met within it (as Monte Carlo's P(target met)).
constexpr double kMetToleranceMt = 0.5e-6;

json parse_outlook(const std::string& text, std::size_t i) {
  json d;
  try {
    d = json::parse(text);
  } catch (const json::exception& e) {
    throw core::Error("compare", fmt::format("scenario {}: expected an outlook document, found text that is not JSON ({})",
                                             i + 1, e.what()));
  }
  if (!d.is_object() || !d.contains("meta") || !d["meta"].contains("scenario")) {
    throw core::Error("compare", fmt::format("scenario {}: expected an outlook document with meta.scenario, found "
                                             "another document",
                                             i + 1));
  }
  return d;
}

}  // namespace

std::string compare_json(const std::vector<std::string>& outlook_documents) {
  std::vector<json> docs;
  for (std::size_t i = 0; i < outlook_documents.size(); ++i) {
    docs.push_back(parse_outlook(outlook_documents[i], i));
  }
  std::vector<std::string> labels;
  for (const auto& d : docs) {
    const std::string name = d["meta"]["scenario"].get<std::string>();
    std::string label = name;
    for (int k = 2; std::find(labels.begin(), labels.end(), label) != labels.end(); ++k) {
      label = fmt::format("{} ({})", name, k);
    }
    labels.push_back(label);
  }
  json out;
  const json first_meta = docs.empty() ? json::object() : docs.front()["meta"];
  out["meta"] = {{"dataset", first_meta.value("dataset", "")},
                 {"dataset_version", first_meta.value("dataset_version", "")},
                 {"price_year", first_meta.value("price_year", 0)},
                 {"scenarios", labels},
                 {"generator", core::kGenerator}};
  json scenarios = json::array();
  json target = json::array();
  json credits = json::array();
  json series = json::object();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& d = docs[i];
    json s = {{"scenario", labels[i]}};
    for (const auto& [k, v] : d["meta"].items()) {
      s[k] = v;
    }
    scenarios.push_back(s);
    json t = {{"scenario", labels[i]}};
    for (const auto& [k, v] : d.items()) {
      if (!v.is_structured()) {
        t[k] = v;
      }
    }
    if (d.contains("legs") && d["legs"].is_object()) {
      for (const auto& [k, v] : d["legs"].items()) {
        t[k] = v;
      }
    }
    if (d.contains("gap_mt") && d["gap_mt"].is_number()) {
      t["target_met"] = d["gap_mt"].get<double>() <= kMetToleranceMt;
    }
    target.push_back(t);
    for (const auto& [k, v] : d.items()) {
      if (k.size() > kByYear.size() && k.ends_with(kByYear) && v.is_object()) {
        series[k][labels[i]] = v;
      }
    }
    if (d.contains("package_credits") && d["package_credits"].is_array()) {
      for (const auto& c : d["package_credits"]) {
        json row = {{"scenario", labels[i]}};
        for (const auto& [k, v] : c.items()) {
          row[k] = v;
        }
        credits.push_back(row);
      }
    }
  }
  out["scenarios"] = scenarios;
  out["target"] = target;
  for (const auto& [k, v] : series.items()) {
    out[k] = v;
  }
  out["package_credits"] = credits;
  return out.dump(2) + "\n";
}

}  // namespace decarbfund::report
