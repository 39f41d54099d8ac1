#include "data/dataset_manifest.hpp"

#include "data/company_name.hpp"

#include <limits>

namespace decarbfund::data::detail {

using model::Index;
using model::kNone;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void load_clusters(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  IdRegistry ids;
  read_table(m, "clusters", diags, [&](TableReader& t, std::size_t r) {
    auto id = t.text(r, "cluster_id");
    if (!ids.add(t, r, "cluster_id", id)) {
      return;
    }
    auto& c = model.clusters;
    c.id.push_back(id);
    c.name.push_back(t.text(r, "name"));
    c.grid_status.push_back(t.text(r, "grid_status"));
    c.source.push_back(t.text(r, "source"));
  });
}

void load_sites(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  IdRegistry ids;
  auto& s = model.sites;
  read_table(m, "sites", diags, [&](TableReader& t, std::size_t r) {
    auto id = t.text(r, "site_id");
    const auto cluster_id = t.text(r, "cluster");
    const Index cluster = model.find_cluster(cluster_id);
    if (!cluster_id.empty() && cluster == kNone) {
      t.error(r, "cluster", "a cluster_id of clusters.csv", core::quote_found(cluster_id));
    }
    const int category = t.choice(r, "levy_category", kLevyCategories);
    static constexpr std::string_view kYesNo[] = {"no", "yes"};
    const int ets = t.choice(r, "ets", kYesNo);
    const double emissions = t.number(r, "emissions_t");
    const long year = t.integer(r, "emissions_year");
    const double basis = t.number(r, "dpr_basis_t");
    const double lat = t.number(r, "latitude", kNaN);
    const double lon = t.number(r, "longitude", kNaN);
    if (!ids.add(t, r, "site_id", id)) {
      return;
    }
    s.id.push_back(id);
    s.name.push_back(t.text(r, "name"));
    s.company.push_back(normalize_company_name(t.text(r, "company")));
    s.sector.push_back(t.text(r, "sector"));
    s.nace.push_back(t.text(r, "nace"));
    s.nea_id.push_back(t.text(r, "nea_id"));
    s.dpr_basis_method.push_back(t.text(r, "dpr_basis_method"));
    s.source.push_back(t.text(r, "source"));
    s.cluster.push_back(cluster);
    s.levy_category.push_back(static_cast<model::LevyCategory>(std::max(category, 0)));
    s.in_ets.push_back(ets >= 0 ? static_cast<std::uint8_t>(ets)
                                : static_cast<std::uint8_t>(category == static_cast<int>(model::LevyCategory::ets_industrial)));
    s.latitude.push_back(lat);
    s.longitude.push_back(lon);
    s.base_year.push_back(static_cast<int>(year));
    s.base_emissions_t.push_back(emissions);
    s.dpr_basis_t.push_back(basis);
    s.activity_group.push_back(kNone);  // set by load_history from the NACE code
    s.closed_from.push_back(0);
  });

}

}  // namespace decarbfund::data::detail
