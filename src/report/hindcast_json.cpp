// The hindcast's JSON document (report/hindcast_report.hpp). Flat arrays of objects, so that
// `--csv DIR` writes one table per key (report/json_tables.hpp). NaN (nothing published) is null.

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/version.hpp"
#include "report/hindcast_report.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

json error_or_null(double model, double published) {
  return std::isnan(published) || published == 0 ? json(nullptr) : json((model - published) / published);
}

json groups_json(const analysis::Hindcast& h, const std::vector<analysis::HindcastGroup>& groups, const char* key) {
  json rows = json::array();
  for (const auto& g : groups) {
    for (std::size_t k = 0; k < h.years.size(); ++k) {
      rows.push_back({{key, g.id},
                      {"name", g.name},
                      {"year", h.years[k].year},
                      {"history_t", number_or_null(g.history_t[k])},
                      {"model_t", g.model_t[k]}});
    }
  }
  return rows;
}

}  // namespace

std::string hindcast_json(const model::Model& model, const analysis::Hindcast& h) {
  json j;
  j["meta"] = {{"dataset", model.info.name},
               {"dataset_version", model.info.version},
               {"price_year", model.info.price_year},
               {"money", "levy in each year's nominal EUR (as NEa and the budget state it)"},
               {"scenario", h.scenario},
               {"policy_version", h.policy_version},
               {"seed", h.seed},
               {"first_year", h.first_year},
               {"last_published_year", h.last_published_year},
               {"decision_from_year", h.decision_from_year},
               {"package", false},
               {"generator", core::kGenerator}};
  json years = json::array();
  for (const auto& y : h.years) {
    years.push_back({{"year", y.year},
                     {"published_t", number_or_null(y.published_t)},
                     {"model_t", y.model_t},
                     {"model_error", error_or_null(y.model_t, y.published_t)},
                     {"history_t", number_or_null(y.history_t)},
                     {"activity_only_t", y.activity_only_t},
                     {"activity_only_error", error_or_null(y.activity_only_t, y.published_t)},
                     {"calibration_factor", number_or_null(y.calibration_factor)},
                     {"levy_revenue_eur", y.levy_revenue_eur},
                     {"liable_t", y.liable_t},
                     {"dpr_allocated_t", y.dpr_allocated_t},
                     {"sites_long", y.sites_long},
                     {"sites_short", y.sites_short}});
  }
  j["years"] = years;
  j["options_operating_last_published_year"] = {{"options", h.options_operating}, {"reduction_t", h.options_operating_t}};
  json checks = json::array();
  for (const auto& c : h.checks) {
    checks.push_back({{"check", c.key},
                      {"what", c.what},
                      {"model", c.model},
                      {"published", c.published},
                      {"unit", c.unit},
                      {"bound", c.bound},
                      {"within", c.within},
                      {"source", c.source}});
  }
  j["checks"] = checks;
  json sites = json::array();
  for (const auto& s : h.largest_sites) {
    sites.push_back({{"site", model.sites.id[s.site]},
                     {"name", model.sites.name[s.site]},
                     {"base_t", s.base_t},
                     {"model_t", s.model_t},
                     {"published_t", number_or_null(s.published_t)},
                     {"error", error_or_null(s.model_t, s.published_t)},
                     {"history_basis", model::kHistoryBasisNames[static_cast<std::size_t>(s.basis)]}});
  }
  j["largest_sites"] = sites;
  j["sectors"] = groups_json(h, h.sectors, "sector");
  j["clusters"] = groups_json(h, h.clusters, "cluster");
  return j.dump(2) + "\n";
}

}  // namespace decarbfund::report
