#pragma once
// The documents of GET /api/dataset and GET /api/scenarios (docs/api.yaml): what the dashboard
// shows of the dataset (sites, options, infrastructure, prices) and of each scenario it may start
// from (levy tariffs, prices, package levers, target). The dataset's is rendered once per server.

#include <string>

#include "model/model.hpp"
#include "server/scenario_catalog.hpp"

namespace decarbfund::server {

/// GET /api/dataset: the dataset's name, size, base-year emissions, infrastructure and prices.
std::string dataset_document(const model::Model& model);

/// GET /api/scenarios: every scenario of the catalog with its levers, tariffs and prices.
std::string scenarios_document(const ScenarioCatalog& catalog);

}  // namespace decarbfund::server
