// Loading and validating a dataset: the tiny fixture loads with the right shape, and each kind of
// bad input gives one exact message naming file, line, field, what was expected and what was found.

#include "data/load_dataset.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "core/atomic_file.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::data {
namespace {

namespace fs = std::filesystem;
const fs::path kTiny = test::tiny_dir();

TEST(LoadDataset, TinyFixtureLoadsWithItsShape) {
  core::Diagnostics d;
  auto m = load_dataset(kTiny, d);
  ASSERT_TRUE(m) << d.to_string();
  EXPECT_EQ(m->info.name, "tiny");
  EXPECT_EQ(m->info.price_year, 2023);
  ASSERT_EQ(m->sites.size(), 3u);
  ASSERT_EQ(m->options.size(), 6u);
  EXPECT_EQ(m->options.exclusive_group_count, 5u);  // S2's two heat options share one group
  EXPECT_EQ(m->sites.option_begin, (std::vector<model::Index>{0, 2, 5, 6}));
  EXPECT_EQ(m->options.id[2], "O3");
  EXPECT_EQ(m->options.exclusive_group[2], m->options.exclusive_group[3]);
  EXPECT_EQ(m->sites.levy_category[2], model::LevyCategory::waste_incineration);
  EXPECT_EQ(m->sites.base_emissions_t[0], 1000000);
  // The history: base year, then the verified 2023 figure; years between move with the (flat,
  // table-less) activity index, and the history ends at the last verified year.
  EXPECT_EQ(m->history.first_year, 2020);
  EXPECT_EQ(m->history.last_year, 2023);
  EXPECT_EQ(m->history.emissions(0, 2023), 950000);
  EXPECT_EQ(m->history.basis_of(0, 2023), model::HistoryBasis::verified);
  EXPECT_EQ(m->history.emissions(0, 2021), 1000000);
  EXPECT_EQ(m->history.basis_of(0, 2021), model::HistoryBasis::estimate);
  // Unstated ranges fall back to the central value.
  EXPECT_EQ(m->options.capex_low_eur[1], 200000000);
  EXPECT_EQ(m->options.delta_emissions_low_t[0], -220000);
  EXPECT_EQ(m->options.notes[5], "");
  EXPECT_EQ(m->options.source[5], "test, with a comma");
  // Capacity: 0 before the first row, steps, held after the last row.
  const auto store = m->find_infrastructure("store");
  EXPECT_EQ(m->infrastructure.capacity_at(store, 2025), 0);
  EXPECT_EQ(m->infrastructure.capacity_at(store, 2040), 350000);
  const auto grid = m->find_infrastructure("grid_port");
  EXPECT_EQ(m->infrastructure.capacity_at(grid, 2027), 100);
  EXPECT_EQ(m->infrastructure.capacity_at(grid, 2028), 300);
  EXPECT_EQ(m->infrastructure.clusters[store].size(), 2u);
  EXPECT_EQ(m->options.co2_stores[1], std::vector<model::Index>{store});
  // Prices: linear between stated years, flat outside.
  const auto& ets = m->price(model::PriceSeries::ets_eur_per_t);
  EXPECT_DOUBLE_EQ(ets.at(2022), 45.0);
  EXPECT_DOUBLE_EQ(ets.at(2028), 108.0);
  EXPECT_DOUBLE_EQ(ets.at(2040), 130.0);
}

/// Copies the tiny fixture (or `source`) to a fresh directory, replaces `from` by `to` in one file, loads it and
/// returns the error messages.
std::vector<std::string> errors_after(const std::string& file, const std::string& from, const std::string& to,
                                      const fs::path& source = kTiny) {
  const fs::path dir = fs::temp_directory_path() / ("decarbfund_bad_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(source, dir, fs::copy_options::recursive);
  auto text = core::read_file(dir / file);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  core::write_file_atomically(dir / file, text);
  core::Diagnostics d;
  auto m = load_dataset(dir, d);
  EXPECT_FALSE(m);
  std::vector<std::string> out;
  const std::string prefix = dir.string() + "/";
  for (const auto& x : d.all()) {
    auto s = x.to_string();
    if (s.starts_with(prefix)) {
      s = s.substr(prefix.size());
    }
    out.push_back(s);
  }
  fs::remove_all(dir);
  return out;
}

using Msgs = std::vector<std::string>;

// The history's tables (issue 12) get the same errors as every other table: file, line, field,
// what was expected, what was found. On a copy of data/nl, which has them all.
const fs::path kNl = fs::path(DECARBFUND_SOURCE_DIR) / "data/nl";

TEST(LoadDatasetErrors, HistoryTablesNameFileLineAndField) {
  EXPECT_EQ(errors_after("activity.csv", "steel,2021,1.034,", "steel,2021,lots,", kNl), Msgs{"activity.csv:3: field 'index': expected a finite decimal number (at most 1e15), found \"lots\""});
  EXPECT_EQ(errors_after("activity.csv", "steel,2022,1.0,", "stele,2022,1.0,", kNl), Msgs{"activity.csv:4: field 'group_id': expected a group_id of activity-groups.csv, found \"stele\""});
  EXPECT_EQ(errors_after("published.csv", "nea_industry_emissions_t,2022,38600000", "nea_industry_emissions_t,20x2,38600000", kNl), Msgs{"published.csv:3: field 'year': expected a whole number, found \"20x2\""});
  EXPECT_EQ(errors_after("closures.csv", "M078,2023", "M999,2023", kNl), Msgs{"closures.csv:3: field 'site_id': expected a site_id of sites.csv, found \"M999\""});
  EXPECT_EQ(errors_after("activity-groups.csv", "steel_gases,Electricity from Tata Steel's process gases,,M007;M008", "steel_gases,Electricity from Tata Steel's process gases,,M007;X1", kNl),
            Msgs{"activity-groups.csv:3: field 'sites': expected site_ids of sites.csv separated by ';', found \"X1\""});
}

// SDE++'s tables (docs/model.md "SDE++") on a copy of data/nl: the same exact messages.
TEST(LoadDatasetErrors, SdeTablesNameFileLineAndField) {
  EXPECT_EQ(errors_after("sde-rounds.csv", "2022,13000000000,0.52", "2022,13000000000,1.52", kNl),
            Msgs{"sde-rounds.csv:12: field 'industry_share': expected a number from 0 to 1, found \"1.52\""});
  EXPECT_EQ(errors_after("sde-rounds.csv", "2025,8000000000,0.47,300,400", "2025,8000000000,0.47,300,250", kNl),
            Msgs{"sde-rounds.csv:15: field 'fence_max_intensity_eur_per_t': expected at least "
                 "max_intensity_eur_per_t (300): the fences lift the cap, found \"250\""});
  EXPECT_EQ(errors_after("sde-rounds.csv", "2026,8000000000", "2024,8000000000", kNl),
            Msgs{"sde-rounds.csv:16: field 'year': expected one round a year, in ascending order (after 2025), "
                 "found \"2024\""});
  EXPECT_EQ(errors_after("sde-categories.csv", "ccs,CO2 capture and storage,15,0.6667,no", "ccs,CO2 capture and storage,15,0.6667,maybe", kNl),
            Msgs{"sde-categories.csv:11: field 'in_fence': expected one of no, yes, found \"maybe\""});
  EXPECT_EQ(errors_after("sde-techniques.csv", "electric boiler,electric_boiler", "electric boiler,e_boiler", kNl),
            Msgs{"sde-techniques.csv:8: field 'category': expected a category of sde-categories.csv, found \"e_boiler\""});
}

TEST(LoadDataset, SdeCategoriesTakeOptionsByTechnique) {
  static const auto m = load_dataset_or_throw(kNl);
  const auto category = [&](const char* option) {
    const auto c = m.sde.option_category[m.find_option(option)];
    return c == model::kNone ? std::string("none") : m.sde.categories.id[c];
  };
  EXPECT_EQ(category("PCD0075"), "ccs");              // Post-Combustion Carbon Capture and storage
  EXPECT_EQ(category("PCD0130"), "ccs");              // Add-on CO2 capture & compression
  EXPECT_EQ(category("PCD0085"), "electric_boiler");  // Electric boiler (medium pressure steam)
  EXPECT_EQ(category("PCD0164"), "heat_pump");        // Electric heat pump (low pressure steam)
  EXPECT_EQ(category("PCD0865"), "residual_heat");    // External industrial waste heat
  EXPECT_EQ(category("PCD0115"), "electrolysis");     // Electrolytic ammonia production
  EXPECT_EQ(category("PCD0074"), "none");             // Hydrogen furnace: SDE++ pays H2 production, not use
  EXPECT_EQ(category("PCD0084"), "none");             // Biomass boiler
  ASSERT_EQ(m.sde.rounds.year.front(), 2020);
  EXPECT_DOUBLE_EQ(m.sde.rounds.budget_eur[2], 13e9);  // 2022
}

TEST(LoadDatasetErrors, NegativeCapex) {
  EXPECT_EQ(errors_after("options.csv", "50000000,40000000", "-5e7,40000000"),
            Msgs{"options.csv:2: field 'capex_eur': expected a number in EUR (price_year) from 0 to "
                 "1000000000000, found \"-5e7\""});
}

TEST(LoadDatasetErrors, ZeroLifetime) {
  EXPECT_EQ(errors_after("options.csv", "8000,3.5,25,", "8000,3.5,0,"),
            Msgs{"options.csv:3: field 'lifetime_yr': expected a number in yr from 1 to 100, found \"0\""});
}

TEST(LoadDatasetErrors, NegativeGridCapacity) {
  EXPECT_EQ(errors_after("infrastructure-capacity.csv", "grid_port,2028,300", "grid_port,2028,-300"),
            Msgs{"infrastructure-capacity.csv:3: field 'capacity_mw': expected a number in MW from 0 "
                 "to 1000000, found \"-300\""});
}

TEST(LoadDatasetErrors, YearOutOfRange) {
  EXPECT_EQ(errors_after("verified-emissions.csv", "S1,2023", "S1,3023"),
            Msgs{"verified-emissions.csv:2: field 'year': expected a whole number from 1990 to 2100, "
                 "found \"3023\""});
}

TEST(LoadDatasetErrors, UnknownSiteOfOption) {
  EXPECT_EQ(errors_after("options.csv", "O3,S2,", "O3,S9,"),
            Msgs{"options.csv:4: field 'site_id': expected a site_id of sites.csv, found \"S9\""});
}

TEST(LoadDatasetErrors, UnknownClusterOfSite) {
  EXPECT_EQ(errors_after("sites.csv", "Refinery,Oil B,port", "Refinery,Oil B,harbour"),
            Msgs{"sites.csv:3: field 'cluster': expected a cluster_id of clusters.csv, found \"harbour\""});
}

TEST(LoadDatasetErrors, DuplicateSite) {
  auto msgs = errors_after("sites.csv", "S2,Refinery", "S1,Refinery");
  ASSERT_FALSE(msgs.empty());
  EXPECT_TRUE(std::regex_search(msgs[0], std::regex(R"(^sites\.csv:3: field 'site_id': expected a unique id, found "S1", already defined at .*sites\.csv:2$)")))
      << msgs[0];
}

TEST(LoadDatasetErrors, DuplicateOptionAcrossRows) {
  auto msgs = errors_after("options.csv", "O4,S2", "O3,S2");
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_TRUE(std::regex_search(msgs[0], std::regex(R"(^options\.csv:5: field 'option_id': expected a unique id, found "O3", already defined at .*options\.csv:4$)")))
      << msgs[0];
}

TEST(LoadDatasetErrors, UnknownLevyCategory) {
  EXPECT_EQ(errors_after("sites.csv", "waste_incineration", "avi"),
            Msgs{"sites.csv:4: field 'levy_category': expected one of ets_industrial, "
                 "waste_incineration, n2o, none, found \"avi\""});
}

TEST(LoadDatasetErrors, StoreOfWrongKind) {
  EXPECT_EQ(errors_after("options.csv", "300000,store,", "300000,grid_port,"),
            Msgs{"options.csv:3: field 'co2_store': expected infra_ids of kind co2_storage in "
                 "infrastructure.csv separated by ';', found \"grid_port\""});
}

TEST(LoadDatasetErrors, LowAboveHigh) {
  EXPECT_EQ(errors_after("options.csv", "-220000,-180000", "-180000,-220000"),
            Msgs{"options.csv:2: field 'delta_emissions_low_t': expected a low end not above "
                 "delta_emissions_high_t, found -180000 > -220000"});
}

TEST(LoadDatasetErrors, RaggedRow) {
  EXPECT_EQ(errors_after("verified-emissions.csv", "S1,2023,950000,test", "S1,2023,950000"),
            Msgs{"verified-emissions.csv:2: expected 4 fields as in the header, found 3"});
}

TEST(LoadDatasetErrors, HugeNumber) {
  EXPECT_EQ(errors_after("prices.csv", "2030,130,", "2030,1e300,"),
            Msgs{"prices.csv:4: field 'value': expected a finite decimal number in as the series name "
                 "says (at most 1e15), found \"1e300\""});
}

TEST(LoadDatasetErrors, MissingColumn) {
  auto msgs = errors_after("clusters.csv", "name,grid_status,source", "name,grid_status,origin");
  ASSERT_GE(msgs.size(), 3u);
  EXPECT_EQ(msgs[0], "clusters.csv:1: field 'origin': expected one of the columns cluster_id, name, "
                     "grid_status, source, found an unknown column");
  EXPECT_EQ(msgs[1], "clusters.csv:1: field 'source': expected a required column, found none");
  // With no clusters loaded, references to them are reported too, each at its own line.
  EXPECT_EQ(msgs[2], "infrastructure.csv:2: field 'clusters': expected cluster_ids of clusters.csv "
                     "separated by ';', found \"port\"");
}

TEST(LoadDatasetErrors, ManifestUnknownTable) {
  EXPECT_EQ(errors_after("dataset.yaml", "  prices: [prices.csv]", "  price: [prices.csv]"),
            Msgs{"dataset.yaml:15: tables.price: expected one of the tables clusters, sites, options, "
                 "verified_emissions, infrastructure, infrastructure_capacity, prices, deflator, "
                 "activity_groups, activity, closures, published, infrastructure_contracts, sde_rounds, "
                 "sde_categories, sde_techniques, fund_instruments, fund_ledger, fund_shared_projects, found \"price\""});
}

TEST(LoadDatasetErrors, ManifestWrongVersion) {
  EXPECT_EQ(errors_after("dataset.yaml", "format_version: 1", "format_version: 7"),
            Msgs{"dataset.yaml:2: format_version: expected format version 1 (this build reads 1), found \"7\""});
}

TEST(LoadDatasetErrors, ManifestPathEscapingTheDirectory) {
  EXPECT_EQ(errors_after("dataset.yaml", "[prices.csv]", "[../../etc/passwd]"),
            Msgs{"dataset.yaml:15: tables.prices[0]: expected a path inside the dataset directory, found "
                 "\"../../etc/passwd\""});
}

TEST(LoadDatasetErrors, ManifestDuplicateKey) {
  EXPECT_EQ(errors_after("dataset.yaml", "format_version: 1", "name: other\nformat_version: 1"),
            Msgs{"dataset.yaml:4: name: expected each key once in a mapping, found a second entry for this key (the "
                 "first is on line 2)"});
}

TEST(LoadDatasetErrors, ManifestWithoutTables) {
  EXPECT_EQ(errors_after("dataset.yaml", "tables:", "no_tables:"),
            (Msgs{"dataset.yaml:8: no_tables: expected one of format_version, name, version, description, base_year, "
                  "price_year, as_of, tables, found \"no_tables\"",
                  "dataset.yaml: tables: expected a mapping from table name to a list of CSV files, found nothing"}));
}

TEST(LoadDatasetErrors, MissingFile) {
  EXPECT_EQ(errors_after("dataset.yaml", "[prices.csv]", "[no-prices.csv]"),
            Msgs{"no-prices.csv: no such file"});
}

TEST(LoadDatasetErrors, MissingDirectory) {
  core::Diagnostics d;
  EXPECT_FALSE(load_dataset("/nonexistent/dataset", d));
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].to_string(),
            "/nonexistent/dataset: expected a dataset directory holding dataset.yaml, found no such directory");
}

}  // namespace
}  // namespace decarbfund::data
