#include "data/load_dataset.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/atomic_file.hpp"
#include "data/csv_reader.hpp"
#include "data/schema.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data {

namespace {

using model::Index;
using model::kNone;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The dataset.yaml manifest: which files make up each table.
struct Manifest {
  model::DatasetInfo info;
  std::map<std::string, std::vector<std::filesystem::path>> tables;
};

void yaml_error(core::Diagnostics& diags, const std::string& file, const YAML::Node& n,
                std::string key, std::string expected) {
  core::Diagnostic d;
  d.code = "yaml.invalid";
  d.file = file;
  d.line = line_of(n);
  d.key_path = std::move(key);
  d.expected = std::move(expected);
  d.found = describe(n);
  diags.add(std::move(d));
}

std::optional<Manifest> parse_manifest(std::string_view text, const std::string& file,
                                       const std::filesystem::path& dir, core::Diagnostics& diags);

std::optional<Manifest> read_manifest(const std::filesystem::path& dir, core::Diagnostics& diags) {
  const auto path = dir / "dataset.yaml";
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    diags.error(dir.string(), 0, "", "a dataset directory holding dataset.yaml", "no such directory",
                "dataset.missing");
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    diags.error(file, 0, "", "the dataset manifest dataset.yaml", "no such file", "dataset.missing");
    return std::nullopt;
  }
  const auto text = core::read_file(path, diags);
  if (!text) {
    return std::nullopt;
  }
  return parse_manifest(*text, file, dir, diags);
}

std::optional<Manifest> parse_manifest(std::string_view text, const std::string& file,
                                       const std::filesystem::path& dir, core::Diagnostics& diags) {
  const auto parsed = parse_yaml(text, file, "yaml.syntax", diags);
  if (!parsed) {
    return std::nullopt;
  }
  const YAML::Node root = *parsed;
  if (!root.IsMap()) {
    yaml_error(diags, file, root, "", "a mapping with format_version, name, tables");
    return std::nullopt;
  }
  Manifest m;
  m.info.path = dir.string();
  static const std::set<std::string> kKeys = {"format_version", "name",       "version", "description",
                                              "base_year",      "price_year", "tables"};
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>("");
    if (!kKeys.count(key)) {
      yaml_error(diags, file, kv.first, key,
                 "one of format_version, name, version, description, base_year, price_year, tables");
    }
  }
  auto get_int = [&](const char* key, int lo, int hi, int& out) {
    const auto n = root[key];
    try {
      if (n.IsScalar()) {
        out = n.as<int>();
        if (out >= lo && out <= hi) {
          return;
        }
      }
    } catch (const YAML::Exception&) {
    }
    yaml_error(diags, file, n, key, fmt::format("a whole number from {} to {}", lo, hi));
  };
  auto get_text = [&](const char* key, bool required, std::string& out) {
    const auto n = root[key];
    if (n.IsDefined() && n.IsScalar() && !n.Scalar().empty()) {
      out = n.Scalar();
    } else if (required || n.IsDefined()) {
      yaml_error(diags, file, n, key, "a text value");
    }
  };
  get_int("format_version", 1, 1000, m.info.format_version);
  if (m.info.format_version != 0 && m.info.format_version != kDatasetFormatVersion) {
    yaml_error(diags, file, root["format_version"], "format_version",
               fmt::format("format version {} (this build reads {})", kDatasetFormatVersion,
                           kDatasetFormatVersion));
  }
  get_text("name", true, m.info.name);
  get_text("version", true, m.info.version);
  get_text("description", false, m.info.description);
  get_int("base_year", 1990, 2100, m.info.base_year);
  get_int("price_year", 2000, 2100, m.info.price_year);
  const auto tables = root["tables"];
  if (!tables.IsDefined() || !tables.IsMap()) {
    yaml_error(diags, file, tables, "tables", "a mapping from table name to a list of CSV files");
    return std::nullopt;
  }
  for (const auto& kv : tables) {
    const auto key = kv.first.as<std::string>("");
    if (find_table(key) == nullptr) {
      std::string known;
      for (const auto& t : dataset_tables()) {
        known += known.empty() ? "" : ", ";
        known += t.key;
      }
      yaml_error(diags, file, kv.first, "tables." + key, "one of the tables " + known);
      continue;
    }
    std::vector<std::filesystem::path> files;
    auto add = [&](const YAML::Node& f, const std::string& where) {
      if (!f.IsScalar() || f.Scalar().empty()) {
        yaml_error(diags, file, f, where, "a CSV file path relative to the dataset directory");
        return;
      }
      std::filesystem::path rel(f.Scalar());
      if (rel.is_absolute() || rel.lexically_normal().string().starts_with("..")) {
        yaml_error(diags, file, f, where, "a path inside the dataset directory");
        return;
      }
      files.push_back(dir / rel);
    };
    if (kv.second.IsSequence()) {
      for (std::size_t i = 0; i < kv.second.size(); ++i) {
        add(kv.second[i], fmt::format("tables.{}[{}]", key, i));
      }
    } else {
      add(kv.second, "tables." + key);
    }
    m.tables[key] = std::move(files);
  }
  for (const char* required : {"clusters", "sites"}) {
    if (!m.tables.count(required)) {
      yaml_error(diags, file, tables[required], std::string("tables.") + required,
                 "a list of CSV files (the table is required)");
    }
  }
  return m;
}

/// Reads every file of one table, calling row(reader, r) per row.
template <typename RowFn>
void read_table(const Manifest& m, std::string_view key, core::Diagnostics& diags, RowFn&& row) {
  auto it = m.tables.find(std::string(key));
  if (it == m.tables.end()) {
    return;
  }
  const auto* spec = find_table(key);
  for (const auto& path : it->second) {
    auto table = read_csv(path, diags);
    if (!table) {
      continue;
    }
    TableReader reader(*table, spec->columns, diags);
    for (std::size_t r = 0; r < reader.size(); ++r) {
      row(reader, r);
    }
  }
}

/// Remembers where each id was first defined, to report duplicates with both places.
class IdRegistry {
 public:
  /// Returns false (and reports) when `id` was seen before.
  bool add(TableReader& reader, std::size_t r, std::string_view column, const std::string& id) {
    auto [it, fresh] = first_.try_emplace(id, fmt::format("{}:{}", reader.file(), reader.line(r)));
    if (!fresh) {
      reader.error(r, column, "a unique id", fmt::format("\"{}\", already defined at {}", id, it->second));
    }
    return fresh;
  }

 private:
  std::unordered_map<std::string, std::string> first_;
};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(sep, start);
    if (end == std::string_view::npos) {
      end = s.size();
    }
    out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

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
    s.company.push_back(t.text(r, "company"));
    s.sector.push_back(t.text(r, "sector"));
    s.nace.push_back(t.text(r, "nace"));
    s.nea_id.push_back(t.text(r, "nea_id"));
    s.dpr_basis_method.push_back(t.text(r, "dpr_basis_method"));
    s.source.push_back(t.text(r, "source"));
    s.cluster.push_back(cluster);
    s.levy_category.push_back(static_cast<model::LevyCategory>(std::max(category, 0)));
    s.latitude.push_back(lat);
    s.longitude.push_back(lon);
    s.base_year.push_back(static_cast<int>(year));
    s.base_emissions_t.push_back(emissions);
    s.latest_year.push_back(static_cast<int>(year));
    s.latest_emissions_t.push_back(emissions);
    s.dpr_basis_t.push_back(basis);
  });
  std::set<std::pair<Index, long>> seen;
  read_table(m, "verified_emissions", diags, [&](TableReader& t, std::size_t r) {
    const auto id = t.text(r, "site_id");
    const long year = t.integer(r, "year");
    const double e = t.number(r, "emissions_t");
    t.text(r, "source");
    const Index i = model.find_site(id);
    if (i == kNone) {
      t.error(r, "site_id", "a site_id of sites.csv", core::quote_found(id));
      return;
    }
    if (!seen.insert({i, year}).second) {
      t.error(r, "year", "one row per site_id and year", fmt::format("{} again for {}", year, id));
      return;
    }
    if (year >= s.latest_year[i] && !std::isnan(e)) {
      s.latest_year[i] = static_cast<int>(year);
      s.latest_emissions_t[i] = e;
    }
  });
}

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
    const auto store_id = t.text(r, "co2_store");
    Index store = kNone;
    if (!store_id.empty()) {
      store = model.find_infrastructure(store_id);
      if (store == kNone || model.infrastructure.kind[store] != model::InfrastructureKind::co2_storage) {
        t.error(r, "co2_store", "an infra_id of kind co2_storage in infrastructure.csv",
                core::quote_found(store_id));
      }
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
    raw.co2_store.push_back(store);
    raw.full_load_hours.push_back(flh);
    raw.grid_need_mw.push_back(grid);
    raw.lifetime_yr.push_back(life);
    raw.trl.push_back(static_cast<int>(trl));
    raw.earliest_year.push_back(static_cast<int>(earliest));
    raw.lead_time_yr.push_back(static_cast<int>(lead));
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
  take(&model::Options::co2_store);
  take(&model::Options::full_load_hours);
  take(&model::Options::grid_need_mw);
  take(&model::Options::lifetime_yr);
  take(&model::Options::trl);
  take(&model::Options::earliest_year);
  take(&model::Options::lead_time_yr);
  o.exclusive_group_count = group_ids.size();
  auto& s = model.sites;
  s.option_begin.assign(s.size() + 1, 0);
  for (Index site : o.site) {
    ++s.option_begin[site + 1];
  }
  std::partial_sum(s.option_begin.begin(), s.option_begin.end(), s.option_begin.begin());
}

/// Price paths: stated years as given, years in between interpolated linearly, years outside
/// held flat (docs/data-format.md, "prices").
void load_prices(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  std::array<std::map<long, double>, model::kPriceSeriesCount> points;
  read_table(m, "prices", diags, [&](TableReader& t, std::size_t r) {
    const int series = t.choice(r, "series", kPriceSeries);
    const long year = t.integer(r, "year");
    const double value = t.number(r, "value");
    t.choice(r, "basis", kBasis);
    t.text(r, "source");
    if (series < 0 || std::isnan(value)) {
      return;
    }
    if (!points[static_cast<std::size_t>(series)].emplace(year, value).second) {
      t.error(r, "year", "one row per series and year",
              fmt::format("{} again for {}", year, kPriceSeries[series]));
    }
  });
  for (std::size_t s = 0; s < points.size(); ++s) {
    const auto& p = points[s];
    auto& out = model.prices[s];
    for (auto it = p.begin(); it != p.end(); ++it) {
      const auto next = std::next(it);
      out.set(static_cast<int>(it->first), it->second);
      if (next == p.end()) {
        break;
      }
      const double span = static_cast<double>(next->first - it->first);
      for (long y = it->first + 1; y < next->first; ++y) {
        const double w = static_cast<double>(y - it->first) / span;
        out.set(static_cast<int>(y), it->second + w * (next->second - it->second));
      }
    }
  }
}

}  // namespace

bool detail::parse_manifest_text(std::string_view text, const std::string& file, const std::filesystem::path& dir,
                                 core::Diagnostics& diags) {
  return parse_manifest(text, file, dir, diags).has_value();
}

std::optional<model::Model> load_dataset(const std::filesystem::path& dir, core::Diagnostics& diags) {
  const auto before = diags.error_count();
  auto manifest = read_manifest(dir, diags);
  if (!manifest) {
    return std::nullopt;
  }
  model::Model model;
  model.info = manifest->info;
  load_clusters(*manifest, model, diags);
  load_infrastructure(*manifest, model, diags);
  load_sites(*manifest, model, diags);
  load_options(*manifest, model, diags);
  load_prices(*manifest, model, diags);
  if (diags.error_count() > before) {
    return std::nullopt;
  }
  return model;
}

model::Model load_dataset_or_throw(const std::filesystem::path& dir) {
  core::Diagnostics diags;
  auto model = load_dataset(dir, diags);
  if (!model) {
    throw core::Error(diags);
  }
  return std::move(*model);
}

}  // namespace decarbfund::data
