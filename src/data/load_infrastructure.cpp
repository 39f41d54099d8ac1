#include "data/dataset_manifest.hpp"

#include <cmath>
#include <set>

namespace decarbfund::data::detail {

using model::Index;
using model::kNone;

void load_infrastructure(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  IdRegistry ids;
  auto& inf = model.infrastructure;
  read_table(m, "infrastructure", diags, [&](TableReader& t, std::size_t r) {
    auto id = t.text(r, "infra_id");
    if (!ids.add(t, r, "infra_id", id)) {
      return;
    }
    const int kind = t.choice(r, "kind", kInfrastructureKinds);
    std::vector<Index> served;
    for (const auto& c : split(t.raw(r, "clusters"), ';')) {
      const Index ci = model.find_cluster(c);
      if (ci == kNone) {
        t.error(r, "clusters", "cluster_ids of clusters.csv separated by ';'", core::quote_found(c));
      } else {
        served.push_back(ci);
      }
    }
    t.choice(r, "basis", kBasis);
    inf.id.push_back(id);
    inf.name.push_back(t.text(r, "name"));
    inf.funded_by.push_back(t.text(r, "funded_by"));
    inf.status.push_back(t.text(r, "status"));
    inf.source.push_back(t.text(r, "source"));
    inf.kind.push_back(static_cast<model::InfrastructureKind>(std::max(kind, 0)));
    inf.clusters.push_back(std::move(served));
    inf.capacity.emplace_back();
  });
  std::set<std::pair<Index, long>> seen;
  read_table(m, "infrastructure_capacity", diags, [&](TableReader& t, std::size_t r) {
    const auto id = t.text(r, "infra_id");
    const Index i = model.find_infrastructure(id);
    const long year = t.integer(r, "year");
    const double mw = t.number(r, "capacity_mw");
    const double tonnes = t.number(r, "capacity_t");
    t.choice(r, "basis", kBasis);
    t.text(r, "source");
    if (i == kNone) {
      t.error(r, "infra_id", "an infra_id of infrastructure.csv", core::quote_found(id));
      return;
    }
    if (!seen.insert({i, year}).second) {
      t.error(r, "year", "one row per infra_id and year", fmt::format("{} again for {}", year, id));
      return;
    }
    const bool storage = inf.kind[i] == model::InfrastructureKind::co2_storage;
    const double value = storage ? tonnes : mw;
    if (std::isnan(value)) {
      if (!t.raw(r, storage ? "capacity_t" : "capacity_mw").empty()) {
        return;  // already reported as a bad number
      }
      t.error(r, storage ? "capacity_t" : "capacity_mw",
              storage ? "a capacity in t CO2/yr for a co2_storage item"
                      : "a capacity in MW for a grid or hydrogen item",
              "nothing");
      return;
    }
    inf.capacity[i].set(static_cast<int>(year), value);
  });
}

void load_contracts(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& inf = model.infrastructure;
  read_table(m, "infrastructure_contracts", diags, [&](TableReader& t, std::size_t r) {
    const auto infra_id = t.text(r, "infra_id");
    const auto site_id = t.text(r, "site_id");
    const double amount = t.number(r, "amount");
    const long from = t.integer(r, "from_year");
    const long to = t.integer(r, "to_year");
    t.choice(r, "basis", kBasis);
    const auto source = t.text(r, "source");
    const Index i = model.find_infrastructure(infra_id);
    const Index site = model.find_site(site_id);
    if (i == kNone) {
      t.error(r, "infra_id", "an infra_id of infrastructure.csv", core::quote_found(infra_id));
    }
    if (site == kNone) {
      t.error(r, "site_id", "a site_id of sites.csv", core::quote_found(site_id));
    }
    if (to < from) {
      t.error(r, "to_year", fmt::format("a year not before from_year {}", from), fmt::format("{}", to));
    }
    if (i == kNone || site == kNone || to < from || std::isnan(amount)) {
      return;
    }
    // A contract cannot promise more than the item has: checked per year against the capacity.
    double contracted = amount;
    for (const auto& c : inf.contracts) {
      if (c.infra == i && c.from_year <= to && c.to_year >= from) {
        contracted += c.amount;
      }
    }
    for (long y = from; y <= to; ++y) {
      if (contracted > inf.capacity_at(i, static_cast<int>(y)) + 1e-6) {
        t.error(r, "amount",
                fmt::format("contracts on {} within its capacity {} in {}", infra_id,
                            csv_number(inf.capacity_at(i, static_cast<int>(y))), y),
                fmt::format("{} contracted in all", csv_number(contracted)));
        return;
      }
    }
    inf.contracts.push_back({i, site, amount, static_cast<int>(from), static_cast<int>(to), source});
  });
}
}  // namespace decarbfund::data::detail
