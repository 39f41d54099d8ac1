#include "data/dataset_manifest.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace decarbfund::data::detail {

using model::Index;
using model::kNone;

/// Reads options into a row-ordered buffer, then sorts them by (site, option id) so that each
/// site's options are contiguous (STYLE §2.6 offsets).
void load_options(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  struct Row {
    Index site;
    std::string id;
    std::size_t slot;
  };
  model::Options raw;
  std::vector<Row> order;
  IdRegistry ids;
  std::unordered_map<std::string, Index> group_ids;
  read_table(m, "options", diags, [&](TableReader& t, std::size_t r) {
    auto id = t.text(r, "option_id");
    const auto site_id = t.text(r, "site_id");
    const Index site = model.find_site(site_id);
    if (!site_id.empty() && site == kNone) {
      t.error(r, "site_id", "a site_id of sites.csv", core::quote_found(site_id));
    }
    const int kind = t.choice(r, "kind", kOptionKinds);
    const int basis = t.choice(r, "basis", kBasis);
    const auto group = t.text(r, "exclusive_group");
    const double delta = t.number(r, "delta_emissions_t");
    const double delta_low = t.number(r, "delta_emissions_low_t", delta);
    const double delta_high = t.number(r, "delta_emissions_high_t", delta);
    const double capex = t.number(r, "capex_eur");
    const double capex_low = t.number(r, "capex_low_eur", capex);
    const double capex_high = t.number(r, "capex_high_eur", capex);
    if (delta_low > delta_high) {
      t.error(r, "delta_emissions_low_t", "a low end not above delta_emissions_high_t",
              fmt::format("{} > {}", delta_low, delta_high));
    }
    if (capex_low > capex_high) {
      t.error(r, "capex_low_eur", "a low end not above capex_high_eur",
              fmt::format("{} > {}", capex_low, capex_high));
    }
    const auto stores_text = t.text(r, "co2_store");
    std::vector<Index> stores;
    if (!stores_text.empty()) {
      for (const auto& store_id : split(stores_text, ';')) {
        const Index store = model.find_infrastructure(store_id);
        if (store == kNone || model.infrastructure.kind[store] != model::InfrastructureKind::co2_storage) {
          t.error(r, "co2_store", "infra_ids of kind co2_storage in infrastructure.csv separated by ';'",
                  core::quote_found(store_id));
        } else {
          stores.push_back(store);
        }
      }
    }
    const int acts_on = t.choice(r, "acts_on", kActsOn);
    const double section = t.number(r, "section_emissions_t");
    const int status = t.choice(r, "status", kOptionStatus);
    const long committed_year = t.integer(r, "committed_year", 0);
    const auto status_value = status >= 0 ? static_cast<model::OptionStatus>(status)
                              : kind == static_cast<int>(model::OptionKind::project) ? model::OptionStatus::announced
                                                                                     : model::OptionStatus::option;
    if (model::is_committed(status_value) && committed_year == 0) {
      t.error(r, "committed_year", "the first operating year of a committed project (status fid, construction or operating)",
              "nothing");
    } else if (!model::is_committed(status_value) && committed_year != 0) {
      t.error(r, "committed_year", "no year unless status is fid, construction or operating",
              fmt::format("{} with status {}", committed_year, kOptionStatus[static_cast<std::size_t>(status_value)]));
    }
    const long price_year = t.integer(r, "price_year");
    if (model.info.price_year != 0 && price_year != 0 && price_year != model.info.price_year) {
      t.error(r, "price_year", fmt::format("the dataset's price year {}", model.info.price_year),
              fmt::format("{}", price_year));
    }
    const double co2_stored = t.number(r, "co2_stored_t");
    const double flh = t.number(r, "full_load_hours");
    const double grid = t.number(r, "grid_need_mw");
    const double life = t.number(r, "lifetime_yr");
    const long trl = t.integer(r, "trl");
    const long earliest = t.integer(r, "earliest_year");
    const long lead = t.integer(r, "lead_time_yr");
    const double om = t.number(r, "fixed_om_eur");
    const double gas = t.number(r, "delta_gas_gj");
    const double el = t.number(r, "delta_electricity_gj");
    const double h2 = t.number(r, "delta_hydrogen_gj");
    const double bio = t.number(r, "delta_biomass_gj");
    if (!ids.add(t, r, "option_id", id) || site == kNone) {
      return;
    }
    auto [git, fresh] = group_ids.try_emplace(site_id + "\x1f" + group, static_cast<Index>(group_ids.size()));
    order.push_back({site, id, raw.id.size()});
    raw.id.push_back(id);
    raw.name.push_back(t.text(r, "name"));
    raw.technology_id.push_back(t.text(r, "technology_id"));
    raw.exclusive_group_name.push_back(group);
    raw.source.push_back(t.text(r, "source"));
    raw.notes.push_back(t.text(r, "notes"));
    raw.site.push_back(site);
    raw.exclusive_group.push_back(git->second);
    raw.kind.push_back(static_cast<model::OptionKind>(std::max(kind, 0)));
    raw.basis.push_back(static_cast<model::Basis>(std::max(basis, 0)));
    raw.delta_emissions_t.push_back(delta);
    raw.delta_emissions_low_t.push_back(delta_low);
    raw.delta_emissions_high_t.push_back(delta_high);
    raw.capex_eur.push_back(capex);
    raw.capex_low_eur.push_back(capex_low);
    raw.capex_high_eur.push_back(capex_high);
    raw.fixed_om_eur.push_back(om);
    raw.delta_gas_gj.push_back(gas);
    raw.delta_electricity_gj.push_back(el);
    raw.delta_hydrogen_gj.push_back(h2);
    raw.delta_biomass_gj.push_back(bio);
    raw.co2_stored_t.push_back(co2_stored);
    raw.co2_stores.push_back(std::move(stores));
    raw.acts_on.push_back(acts_on >= 0 ? static_cast<model::ActsOn>(acts_on)
                          : kind == static_cast<int>(model::OptionKind::add_on) ? model::ActsOn::remaining
                                                                                : model::ActsOn::section);
    raw.section_emissions_t.push_back(section);
    raw.status.push_back(status_value);
    raw.committed_year.push_back(static_cast<int>(committed_year));
    raw.full_load_hours.push_back(flh);
    raw.grid_need_mw.push_back(grid);
    raw.lifetime_yr.push_back(life);
    raw.trl.push_back(static_cast<int>(trl));
    raw.earliest_year.push_back(static_cast<int>(earliest));
    raw.lead_time_yr.push_back(static_cast<int>(lead));
    raw.row_file.push_back(t.file());
    raw.row_line.push_back(t.line(r));
  });
  std::sort(order.begin(), order.end(), [](const Row& a, const Row& b) {
    return a.site != b.site ? a.site < b.site : a.id < b.id;
  });
  auto& o = model.options;
  auto take = [&](auto member) {
    auto& dst = o.*member;
    const auto& src = raw.*member;
    dst.clear();
    dst.reserve(order.size());
    for (const auto& row : order) {
      dst.push_back(src[row.slot]);
    }
  };
  take(&model::Options::id);
  take(&model::Options::name);
  take(&model::Options::technology_id);
  take(&model::Options::exclusive_group_name);
  take(&model::Options::source);
  take(&model::Options::notes);
  take(&model::Options::site);
  take(&model::Options::exclusive_group);
  take(&model::Options::kind);
  take(&model::Options::basis);
  take(&model::Options::delta_emissions_t);
  take(&model::Options::delta_emissions_low_t);
  take(&model::Options::delta_emissions_high_t);
  take(&model::Options::capex_eur);
  take(&model::Options::capex_low_eur);
  take(&model::Options::capex_high_eur);
  take(&model::Options::fixed_om_eur);
  take(&model::Options::delta_gas_gj);
  take(&model::Options::delta_electricity_gj);
  take(&model::Options::delta_hydrogen_gj);
  take(&model::Options::delta_biomass_gj);
  take(&model::Options::co2_stored_t);
  take(&model::Options::co2_stores);
  take(&model::Options::acts_on);
  take(&model::Options::section_emissions_t);
  take(&model::Options::status);
  take(&model::Options::committed_year);
  take(&model::Options::full_load_hours);
  take(&model::Options::grid_need_mw);
  take(&model::Options::lifetime_yr);
  take(&model::Options::trl);
  take(&model::Options::earliest_year);
  take(&model::Options::lead_time_yr);
  take(&model::Options::row_file);
  take(&model::Options::row_line);
  o.exclusive_group_count = group_ids.size();
  auto& s = model.sites;
  s.option_begin.assign(s.size() + 1, 0);
  for (Index site : o.site) {
    ++s.option_begin[site + 1];
  }
  std::partial_sum(s.option_begin.begin(), s.option_begin.end(), s.option_begin.begin());
}


}  // namespace decarbfund::data::detail
