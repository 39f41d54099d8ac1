#include "server/catalog_documents.hpp"

#include <nlohmann/json.hpp>

#include "model/policy.hpp"

namespace decarbfund::server {

namespace {

using json = nlohmann::ordered_json;

json series_json(const model::YearSeries& s) {
  json j = json::object();
  for (int y = s.first_year; !s.empty() && y <= s.last_year(); ++y) {
    j[std::to_string(y)] = s.at(y);
  }
  return j;
}

const char* kind_name(model::InfrastructureKind k) {
  switch (k) {
    case model::InfrastructureKind::grid:
      return "grid";
    case model::InfrastructureKind::co2_storage:
      return "co2_storage";
    case model::InfrastructureKind::hydrogen:
      return "hydrogen";
  }
  return "unknown";
}

}  // namespace

std::string dataset_document(const model::Model& m) {
  json j;
  j["dataset"] = m.info.name;
  j["version"] = m.info.version;
  j["description"] = m.info.description;
  j["base_year"] = m.info.base_year;
  j["price_year"] = m.info.price_year;
  j["sites"] = m.sites.size();
  j["options"] = m.options.size();
  j["clusters"] = m.clusters.size();
  double base = 0;
  for (std::size_t i = 0; i < m.sites.size(); ++i) {
    base += m.sites.base_emissions_t[i];
  }
  j["base_year_emissions_t"] = base;
  json infra = json::array();
  for (std::size_t i = 0; i < m.infrastructure.size(); ++i) {
    infra.push_back({{"id", m.infrastructure.id[i]},
                     {"name", m.infrastructure.name[i]},
                     {"kind", kind_name(m.infrastructure.kind[i])},
                     {"funded_by", m.infrastructure.funded_by[i]}});
  }
  j["infrastructure"] = infra;
  json prices = json::object();
  for (std::size_t p = 0; p < model::kPriceSeriesCount; ++p) {
    prices[std::string(model::kPriceSeriesNames[p])] = series_json(m.prices[p]);
  }
  j["prices"] = prices;
  return j.dump(2) + "\n";
}

std::string scenarios_document(const ScenarioCatalog& catalog) {
  json list = json::array();
  for (const auto& e : catalog.entries()) {
    const auto& s = e.scenario;
    json j;
    j["name"] = e.name;
    j["scenario_name"] = s.name;
    j["description"] = s.description;
    j["policy_version"] = s.levy.version;
    j["package_enabled"] = s.package_enabled;
    // The base's package levers (docs/scenarios.md), so the dashboard starts from them.
    json phases = json::object();
    for (const auto& [id, lever] : s.deal_phase) {
      phases[id] = model::phase_name(lever.phase);
    }
    j["package"] = {{"enabled", s.package_enabled},
                    {"deal_phase", phases},
                    {"deal_budget_eur", s.deal_budget_eur ? json(*s.deal_budget_eur) : json(nullptr)},
                    {"sme_budget_eur", s.sme_budget_eur ? json(*s.sme_budget_eur) : json(nullptr)}};
    j["target_year"] = s.target.year;
    j["required_t"] = s.target.required_t;
    const auto* ref = catalog.find_path(s.target.reference_scenario);
    j["reference"] = ref ? json(ref->name) : json(nullptr);
    json tariff = json::object();
    for (std::size_t c = 0; c < model::kLevyCategoryCount; ++c) {
      if (!s.levy.tariff_eur_per_t[c].empty()) {
        tariff[std::string(model::kLevyCategoryNames[c])] = series_json(s.levy.tariff_eur_per_t[c]);
      }
    }
    j["levy_tariff_eur_per_t"] = tariff;
    json prices = json::object();
    for (const auto& [name, series] : s.prices) {
      prices[name] = series_json(series);
    }
    j["prices"] = prices;
    j["infrastructure_delay_yr"] = s.infrastructure_delay_yr;
    j["hurdle_rate"] = s.response.hurdle_rate;
    list.push_back(j);
  }
  return list.dump(2) + "\n";
}

}  // namespace decarbfund::server
