// Tests of the MIDDEN v3 importer (src/data/midden_import.cpp, midden_convert.cpp, midden_units.cpp,
// price_index.cpp). The import tests read MIDDEN from $MIDDEN_DIR or
// DECARBFUND_SOURCE_DIR/../shared/data/midden and skip when neither exists.

#include "data/midden_import.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "data/csv_reader.hpp"
#include "data/midden_units.hpp"
#include "data/price_index.hpp"
#include "data/schema.hpp"

namespace decarbfund::data {
namespace {

namespace fs = std::filesystem;

fs::path midden_dir() {
  if (const char* env = std::getenv("MIDDEN_DIR"); env != nullptr && fs::exists(env)) {
    return env;
  }
  const fs::path shared = fs::path(DECARBFUND_SOURCE_DIR) / ".." / "shared" / "data" / "midden";
  if (fs::exists(shared / "pcd.json")) {
    return shared;
  }
  return {};
}

#define REQUIRE_MIDDEN(dir)                                                                 \
  const fs::path dir = midden_dir();                                                        \
  if (dir.empty()) {                                                                        \
    GTEST_SKIP() << "MIDDEN v3 JSON not found: set MIDDEN_DIR or place it in "              \
                    "../shared/data/midden (https://github.com/pbl-nl/MIDDEN, commit e404e16)"; \
  }

fs::path temp_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() /
                     ("decarbfund_midden_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

/// options.csv (or sites.csv) as rows by their first column.
std::map<std::string, std::map<std::string, std::string>> read_rows(const fs::path& file) {
  core::Diagnostics diags;
  const auto table = read_csv(file, diags);
  EXPECT_TRUE(table.has_value()) << diags.to_string();
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (std::size_t row = 0; row < table->size(); ++row) {
    auto& r = rows[std::string(table->cell(row, 0))];
    for (std::size_t i = 0; i < table->header.size(); ++i) {
      r[table->header[i]] = table->cell(row, i);
    }
  }
  return rows;
}

double num(const std::string& s) { return std::stod(s); }

// One import shared by the tests below (the import takes about a second).
struct Imported {
  fs::path out;
  MiddenImportReport report;
};
const Imported& imported() {
  static const Imported once = [] {
    Imported i;
    i.out = temp_dir("shared");
    i.report = import_midden(midden_dir(), i.out);
    return i;
  }();
  return once;
}

TEST(PriceIndex, ChainedFromCbsAnnualChanges) {
  // CBS 83131NED: index(y) = index(y−1) × (1 + change(y)/100), 2015 = 100.
  const auto cpi = cpi_nl();
  ASSERT_EQ(cpi.front().year, 2007);
  ASSERT_EQ(cpi.back().year, 2023);
  for (std::size_t i = 1; i < cpi.size(); ++i) {
    EXPECT_NEAR(cpi[i].index, cpi[i - 1].index * (1 + cpi[i].change_pct / 100), 0.011)
        << cpi[i].year;
  }
  EXPECT_DOUBLE_EQ(*cpi_nl_index(2015), 100.0);
  // Published level 2022 = 121.43 (CBS 83136NED); the chain is within 0.05 %.
  EXPECT_NEAR(*cpi_nl_index(2022) / 121.43, 1.0, 5e-4);
  EXPECT_FALSE(cpi_nl_index(2006).has_value());
}

TEST(PriceIndex, ConvertsMeurKeurEurToEur2023) {
  EXPECT_NEAR(*to_eur_price_year(1, "MEUR2017"), 1e6 * 126.06 / 101.70, 1e-6);
  EXPECT_NEAR(*to_eur_price_year(2, "kEUR2015"), 2e3 * 126.06 / 100.0, 1e-9);
  EXPECT_NEAR(*to_eur_price_year(3, "EUR2023"), 3.0, 1e-12);
  EXPECT_FALSE(to_eur_price_year(1, "USD2017").has_value());
  EXPECT_FALSE(to_eur_price_year(1, "MEUR2030").has_value());
  EXPECT_FALSE(to_eur_price_year(1, "").has_value());
}

TEST(MiddenUnits, ParsesLeadingTokens) {
  using detail::Dimension;
  EXPECT_EQ(detail::parse_unit("kt molten glass/yr")->token, "kt");
  EXPECT_EQ(detail::parse_unit("ktCO2 captured/year ")->token, "kt");
  EXPECT_EQ(detail::parse_unit("tonne dried brick per year")->dimension, Dimension::mass);
  EXPECT_EQ(detail::parse_unit("t corrugated board/yr")->to_base, 1);
  EXPECT_EQ(detail::parse_unit("Mt-crude steel/yr")->to_base, 1e6);
  EXPECT_EQ(detail::parse_unit("MWth")->dimension, Dimension::power);
  EXPECT_EQ(detail::parse_unit("hl beer/yr")->dimension, Dimension::volume);
  EXPECT_FALSE(detail::parse_unit("barrels/day").has_value());
  // 1 MW for a year at full load: 8760 h × 3.6 GJ/MWh = 31 536 GJ = 0.031536 PJ.
  EXPECT_NEAR(*detail::convert_yearly(1, "MWth", "PJ"), 0.031536, 1e-12);
  EXPECT_NEAR(*detail::convert_yearly(500, "tonne/year", "kt"), 0.5, 1e-12);
  EXPECT_FALSE(detail::convert_yearly(1, "MWth", "kt").has_value());
  EXPECT_NEAR(*detail::energy_gj(2, "TJ"), 2000, 1e-9);
  EXPECT_FALSE(detail::energy_gj(2, "kt").has_value());
}

TEST(MiddenImport, AllPlantsBecomeSitesWithMiddenTotal) {
  REQUIRE_MIDDEN(dir);
  const auto& imp = imported();
  // Σ 2020_nea_emissions_[tCO2e] computed straight from midden.json ("-" counts as absent).
  const auto doc = nlohmann::json::parse(core::read_file(dir / "midden.json"));
  double expected = 0;
  for (const auto& p : doc) {
    if (p["2020_nea_emissions_[tCO2e]"].is_number()) {
      expected += p["2020_nea_emissions_[tCO2e]"].get<double>();
    }
  }
  EXPECT_EQ(imp.report.plants, 273u);
  EXPECT_EQ(imp.report.base_emissions_t, expected);
  EXPECT_EQ(expected, 48'292'877);  // ≈ 48.3 Mt (MIDDEN README)
  const auto sites = read_rows(imp.out / "sites.csv");
  ASSERT_EQ(sites.size(), 273u);
  double sum = 0;
  // DPR basis (docs/midden-import.md §2): the NEa's ratio of emissions to benchmark level per
  // refinery where stated (BP 1.28, Shell 1.26, Zeeland Refinery 1.17), the mean of the three for the
  // other refineries, and for every other site the one ratio that makes the whole 1.138 (NEa 2021).
  // The Vattenfall plants at Velsen make electricity and are outside the levy (no DPR basis).
  const std::map<std::string, double> stated = {{"M189", 1.28}, {"M186", 1.26}, {"M190", 1.17}};
  double in_levy = 0, basis = 0, rest_ratio = 0;
  for (const auto& [id, r] : sites) {
    const double e = num(r.at("emissions_t"));
    sum += e;
    if (id == "M007" || id == "M008") {
      EXPECT_EQ(r.at("levy_category"), "none") << id;
      EXPECT_EQ(num(r.at("dpr_basis_t")), 0) << id;
      continue;
    }
    EXPECT_EQ(r.at("levy_category"), "ets_industrial") << id;
    EXPECT_EQ(r.at("ets"), "yes") << id;
    in_levy += e;
    basis += num(r.at("dpr_basis_t"));
    if (const auto it = stated.find(id); it != stated.end()) {
      EXPECT_NEAR(num(r.at("dpr_basis_t")), e / it->second, 0.05) << id;
    } else if (r.at("nace") == "19.20") {
      EXPECT_NEAR(num(r.at("dpr_basis_t")), e / ((1.28 + 1.26 + 1.17) / 3), 0.05) << id;
    } else if (e > 1e5) {
      const double ratio = e / num(r.at("dpr_basis_t"));
      if (rest_ratio == 0) {
        rest_ratio = ratio;
      }
      EXPECT_NEAR(ratio, rest_ratio, 1e-5) << id;
    }
  }
  EXPECT_NEAR(in_levy / basis, 1.138, 1e-5);
  EXPECT_EQ(sum, expected);
  const auto& m001 = sites.at("M001");
  EXPECT_EQ(m001.at("name"), "Ardagh Glass Dongen");
  EXPECT_EQ(m001.at("company"), "Ardagh Group S.A.");
  EXPECT_EQ(m001.at("cluster"), "other");
  EXPECT_EQ(m001.at("nace"), "23.13");
  EXPECT_EQ(m001.at("emissions_t"), "88762");
  EXPECT_EQ(sites.at("M033").at("emissions_t"), "0");  // "-" in midden.json, reported as assumed
}

TEST(MiddenImport, EveryAlternativeIsWrittenOrReported) {
  REQUIRE_MIDDEN(dir);
  const auto& imp = imported();
  // 850 configurations whose name is not "Base"/"base". (853 have configuration_indicator 0:
  // three of them are named "Base" and are read as base configurations, each noted.)
  EXPECT_EQ(imp.report.alternatives, 850u);
  EXPECT_EQ(imp.report.options + imp.report.skipped + imp.report.in_routes, imp.report.alternatives);
  const auto options = read_rows(imp.out / "options.csv");
  EXPECT_EQ(options.size(), imp.report.options);
  core::Diagnostics diags;
  const auto report = read_csv(imp.out / "import-report.csv", diags);
  ASSERT_TRUE(report.has_value());
  std::size_t skipped = 0, calibration = 0;
  for (std::size_t row = 0; row < report->size(); ++row) {
    const std::string action(report->cell(row, 2));
    EXPECT_TRUE(action == "skipped" || action == "assumed" || action == "calibration") << action;
    if (action == "skipped") {
      ++skipped;
      const std::string option(report->cell(row, 1));
      for (const auto& [id, o] : options) {
        EXPECT_EQ(("+" + id + "+").find("+" + option + "+"), std::string::npos) << option;
      }
    }
    calibration += action == "calibration" ? 1 : 0;
  }
  EXPECT_EQ(skipped, imp.report.skipped);
  EXPECT_EQ(calibration, 273u);  // one calibration row per plant
  EXPECT_EQ(imp.report.skipped_by_reason.at("no_investment"), 150u);
}

TEST(MiddenImport, GlassFurnaceOptionMatchesCardByHand) {
  REQUIRE_MIDDEN(dir);
  const auto options = read_rows(imported().out / "options.csv");
  // M001 Ardagh Glass Dongen, PCD0005: OPTIMELT TCR Plus (TC0012) replaces the base furnace with
  // batch/cullet preheater PCD0001 (TC0002), 333 kt molten glass/yr at utilisation 0.9:
  //   activity = 333 × 0.9 = 299.7 kt glass/yr (card values are per 1 kt)
  //   CO2: (0.200 − 0.215) kt/kt × 299.7 kt = −4.4955 kt = −4495.5 t
  //   gas: (3000 − 3230) GJ/kt × 299.7 = −68 931 GJ; electricity (210 − 329) × 299.7 = −35 664.3 GJ
  //   capex: 0.19 MEUR2017/kt × 333 kt = 63.27 MEUR2017 × 126.06/101.70 = 78 424 938 EUR2023
  //   limits 0.18 / 0.20 MEUR2017/kt → 74 297 310 / 82 552 566
  //   O&M: (0.0057 − 0.00452) MEUR2017/kt × 333 = 0.39294 MEUR2017 → 487 060 EUR2023
  const auto& o = options.at("PCD0005");
  EXPECT_EQ(o.at("site_id"), "M001");
  EXPECT_EQ(o.at("kind"), "replace");
  EXPECT_EQ(o.at("exclusive_group"), "M001/Container glass melting");
  EXPECT_EQ(o.at("technology_id"), "TC0012");
  EXPECT_EQ(num(o.at("delta_emissions_t")), -4495.5);
  EXPECT_EQ(num(o.at("delta_gas_gj")), -68931);
  EXPECT_EQ(num(o.at("delta_electricity_gj")), -35664.3);
  const double to2023 = 126.06 / 101.70;
  EXPECT_NEAR(num(o.at("capex_eur")), 0.19 * 333 * 1e6 * to2023, 0.5);
  EXPECT_NEAR(num(o.at("capex_low_eur")), 0.18 * 333 * 1e6 * to2023, 0.5);
  EXPECT_NEAR(num(o.at("capex_high_eur")), 0.20 * 333 * 1e6 * to2023, 0.5);
  EXPECT_NEAR(num(o.at("fixed_om_eur")), (0.0057 - 0.00452) * 333 * 1e6 * to2023, 0.5);
  EXPECT_EQ(o.at("full_load_hours"), "7884");  // 0.9 × 8760
  EXPECT_EQ(o.at("grid_need_mw"), "0");        // electricity falls
  EXPECT_EQ(o.at("lifetime_yr"), "17");
  EXPECT_EQ(o.at("trl"), "7");
  EXPECT_EQ(o.at("earliest_year"), "2027");  // TRL 7 rule
  EXPECT_EQ(o.at("price_year"), "2023");
  EXPECT_EQ(o.at("basis"), "derived");
  EXPECT_EQ(o.at("source"),
            "MIDDEN v3 pcd.json/tc.json PCD0005 TC0012 (replaces TC0002); bases PCD0001 (PBL/TNO, "
            "commit e404e16)");
  // M001's base configurations state less than its verified emissions (ratio 0.819): cards that
  // cover part of a plant are not scaled up, so the card values stand.
  EXPECT_EQ(o.at("acts_on"), "section");
  EXPECT_EQ(o.at("section_emissions_t"), "64435.5");  // PCD0001 × 1 (the melting section's base)
}

TEST(MiddenImport, RouteOfOneSectionIsOneOption) {
  REQUIRE_MIDDEN(dir);
  const auto options = read_rows(imported().out / "options.csv");
  // M006 (Tata Steel) "TGR and CCS": sinter plant PCD0046, coke plant PCD0047 and TGR blast
  // furnace PCD0048 in the section "Crude steel production" are one investment; alone, the coke
  // plant (−790 kt on its card) took the section's group (issue 13). One option, acting on the
  // section, whose reduction is the three together and at most the section's emissions.
  EXPECT_EQ(options.count("PCD0047"), 0u);
  const auto& tgr = options.at("PCD0046+PCD0047+PCD0048");
  EXPECT_EQ(tgr.at("exclusive_group"), "M006/Crude steel production");
  EXPECT_EQ(tgr.at("acts_on"), "section");
  EXPECT_LT(num(tgr.at("delta_emissions_t")), 0);
  EXPECT_LE(-num(tgr.at("delta_emissions_t")), num(tgr.at("section_emissions_t")));
  // Two captures of the same stream (gaseous or liquefied transport) are alternatives, not parts.
  EXPECT_EQ(options.count("PCD0130"), 1u);
  EXPECT_EQ(options.count("PCD0133"), 1u);
  EXPECT_EQ(options.at("PCD0130").at("exclusive_group"), options.at("PCD0133").at("exclusive_group"));
}

TEST(MiddenImport, OptionsAreCalibratedToVerifiedEmissions) {
  REQUIRE_MIDDEN(dir);
  const auto& imp = imported();
  const auto options = read_rows(imp.out / "options.csv");
  const auto sites = read_rows(imp.out / "sites.csv");
  // M202 SABIC Olefins 3&4: its base configurations state 2.26 × its verified 0.748 Mt, so its
  // options' emissions are scaled by 1 / 2.26 and none cuts more than the site emits.
  for (const auto& [id, o] : options) {
    const double cut = -num(o.at("delta_emissions_t"));
    const double site_e = num(sites.at(o.at("site_id")).at("emissions_t"));
    EXPECT_GT(site_e, 0) << id << ": options at sites without emissions are skipped";
    EXPECT_LE(cut, num(o.at("section_emissions_t")) + 0.1) << id;
    EXPECT_LE(num(o.at("section_emissions_t")), site_e + 0.1) << id;
  }
  EXPECT_GT(imp.report.skipped_by_reason.at("site_without_emissions"), 0u);
  // PCD1132 (biomass steam gasification, M177): its 14.2 kt of solid biomass is priced at the
  // IPCC default 15.6 GJ/t, not left out (it took Air Products' group at −180 EUR/t before).
  EXPECT_GT(num(options.at("PCD1132").at("delta_biomass_gj")), 14.2 * 1000 * 15.6 * 0.9);
}

TEST(MiddenImport, CcsAddOnRemovesCapturedCo2) {
  REQUIRE_MIDDEN(dir);
  const auto options = read_rows(imported().out / "options.csv");
  // M001 PCD0006: post-combustion CCS (TC0017), 70 kt CO2 (compressed)/yr × 0.9 = 63 kt/yr.
  // Card per kt captured: CO2 in 1.02 kt (from the stack), own emissions 0.176 kt, gas 2750 GJ,
  // electricity 1830 GJ, out 1.0 kt compressed CO2.
  //   delta = 0.176 × 63 − 1.02 × 63 = 11.088 − 64.26 kt = −53 172 t; stored 63 000 t
  //   gas +173 250 GJ; electricity +115 290 GJ → grid 115 290 / 3.6 / 7884 h = 4.0620 MW
  //   capex 0.174 MEUR2017 × 70 = 12.18 MEUR2017 → 15 097 451 EUR2023
  const auto& o = options.at("PCD0006");
  EXPECT_EQ(o.at("kind"), "add_on");
  EXPECT_EQ(num(o.at("delta_emissions_t")), -53172);
  EXPECT_EQ(num(o.at("co2_stored_t")), 63000);
  EXPECT_EQ(num(o.at("delta_gas_gj")), 173250);
  EXPECT_EQ(num(o.at("delta_electricity_gj")), 115290);
  EXPECT_NEAR(num(o.at("grid_need_mw")), 115290 / 3.6 / 7884, 1e-4);
  EXPECT_NEAR(num(o.at("capex_eur")), 0.174 * 70 * 1e6 * 126.06 / 101.70, 0.5);
  EXPECT_EQ(o.at("lead_time_yr"), "4");  // CCS rule
}

TEST(MiddenImport, CompressedCo2DoesNotShipToNorthernLights) {
  REQUIRE_MIDDEN(dir);
  const auto options = read_rows(imported().out / "options.csv");
  // Yara Sluiskil M019 (Zeeland): the same high-concentration capture for gaseous transport
  // (PCD0132, TC0480, compressed CO2 CD0159) and for liquid transport (PCD0135, TC0481, liquid
  // CO2 CD0511, 30 % more power for the liquefaction). Northern Lights takes CO2 by ship only, so
  // only the liquid one may use it (issue 13: Yara's leave-one-out, docs/midden-import.md §5).
  EXPECT_EQ(options.at("PCD0132").at("co2_store"), "aramis");
  EXPECT_EQ(options.at("PCD0135").at("co2_store"), "aramis;northern_lights");
  EXPECT_LT(num(options.at("PCD0132").at("grid_need_mw")), num(options.at("PCD0135").at("grid_need_mw")));
  // Where no store serves the cluster ("Other", M001) none is named, whatever the form.
  EXPECT_EQ(options.at("PCD0006").at("co2_store"), "");
}

TEST(MiddenImport, KeurAndEurCardsAreScaled) {
  REQUIRE_MIDDEN(dir);
  const auto options = read_rows(imported().out / "options.csv");
  // M186 PCD1218: HF alkylation with electrified furnaces (TC0388), 54.6 kEUR2017 per kt
  // alkylate/yr (limits 42.5 / 60.7) × 300 kt/yr = 16.38 MEUR2017 → EUR2023 by 126.06/101.70.
  const auto& k = options.at("PCD1218");
  EXPECT_NEAR(num(k.at("capex_eur")), 54.6e3 * 300 * 126.06 / 101.70, 0.5);
  EXPECT_NEAR(num(k.at("capex_low_eur")), 42.5e3 * 300 * 126.06 / 101.70, 0.5);
  EXPECT_EQ(k.at("trl"), "3");
  EXPECT_EQ(k.at("earliest_year"), "2035");
  // M051 PCD0399: whey powder drying with zeolite (TC0140), 19 200 EUR2018 per kt × 55.6 kt.
  const auto& e = options.at("PCD0399");
  EXPECT_NEAR(num(e.at("capex_eur")), 19200 * 55.6 * 126.06 / 103.43, 0.5);
}

TEST(MiddenImport, CalibrationRatioPerPlant) {
  REQUIRE_MIDDEN(dir);
  core::Diagnostics diags;
  const auto report = read_csv(imported().out / "import-report.csv", diags);
  ASSERT_TRUE(report.has_value());
  std::string m001;
  for (std::size_t row = 0; row < report->size(); ++row) {
    if (report->cell(row, 0) == "M001" && report->cell(row, 2) == "calibration") {
      m001 = report->cell(row, 3);
    }
  }
  // Base PCD0001 (TC0002): 0.215 kt/kt × 299.7 kt = 64 435.5 t; PCD0002 (TC0009) adds 8 289 t;
  // 72 724.5 / 88 762 = 0.819.
  EXPECT_EQ(m001.rfind("ratio=0.819; base configurations 72724.5 t CO2-eq/yr vs verified 2020 "
                       "88762 t",
                       0),
            0u)
      << m001;
}

TEST(MiddenImport, OutputsPassTheSchema) {
  REQUIRE_MIDDEN(dir);
  for (const char* key : {"sites", "options"}) {
    const TableSpec* spec = find_table(key);
    core::Diagnostics diags;
    const auto table = read_csv(imported().out / (std::string(key) + ".csv"), diags);
    ASSERT_TRUE(table.has_value()) << diags.to_string();
    ASSERT_EQ(table->header.size(), spec->columns.size()) << key;
    for (std::size_t i = 0; i < spec->columns.size(); ++i) {
      EXPECT_EQ(table->header[i], spec->columns[i].name) << key;  // schema order
    }
    TableReader reader(*table, spec->columns, diags);
    ASSERT_TRUE(reader.ok()) << diags.to_string();
    for (std::size_t r = 0; r < reader.size(); ++r) {
      for (const auto& col : spec->columns) {
        switch (col.type) {
          case ColumnType::number: reader.number(r, col.name); break;
          case ColumnType::integer: reader.integer(r, col.name); break;
          case ColumnType::text: reader.text(r, col.name); break;
        }
      }
    }
    EXPECT_FALSE(diags.has_errors()) << diags.to_string().substr(0, 2000);
  }
}

TEST(MiddenImport, RunningTwiceGivesIdenticalBytes) {
  REQUIRE_MIDDEN(dir);
  const fs::path a = temp_dir("a");
  const fs::path b = temp_dir("b");
  import_midden(dir, a);
  import_midden(dir, b);
  for (const char* f : {"sites.csv", "options.csv", "import-report.csv", "price-index.csv"}) {
    const std::string x = core::read_file(a / f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_EQ(x, core::read_file(b / f)) << f;
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

// Issue 2: the committed data/nl/midden tables are what the importer makes of MIDDEN v3, byte for
// byte — so a reader can regenerate and check every derived number.
TEST(MiddenImport, ReproducesTheCommittedTablesByteForByte) {
  REQUIRE_MIDDEN(dir);
  const fs::path out = temp_dir("committed");
  import_midden(dir, out);
  const fs::path committed = fs::path(DECARBFUND_SOURCE_DIR) / "data" / "nl" / "midden";
  for (const char* f : {"sites.csv", "options.csv", "import-report.csv", "price-index.csv"}) {
    EXPECT_EQ(core::read_file(out / f), core::read_file(committed / f))
        << f << " differs from data/nl/midden: rerun `decarbfund import-midden` and review the diff";
  }
  fs::remove_all(out);
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

TEST(MiddenImport, MalformedJsonNamesTheFile) {
  const fs::path in = temp_dir("bad_json");
  write(in / "midden.json", "[]");
  write(in / "gpd.json", "[]");
  write(in / "pcd.json", "[\n  {\"configuration_id\": \"PCD0001\",\n   \"plant_id\": ]");
  write(in / "tc.json", "[]");
  write(in / "cd.json", "[]");
  try {
    import_midden(in, in / "out");
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    const auto& d = e.diagnostics().at(0);
    EXPECT_EQ(d.file, (in / "pcd.json").string());
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.expected, "valid JSON");
    EXPECT_NE(d.to_string().find("pcd.json:3: expected valid JSON, found"), std::string::npos)
        << d.to_string();
  }
  EXPECT_FALSE(fs::exists(in / "out" / "sites.csv"));
  fs::remove_all(in);
}

TEST(MiddenImport, WrongValueTypeNamesElementAndKey) {
  const fs::path in = temp_dir("bad_value");
  write(in / "midden.json",
        R"([{"plant_id": "M001", "plant_name": "X", "nea_name": "X", "nea_id": "NL-1",
            "2020_nea_emissions_[tCO2e]": 1, "latitude": "north", "longitude": 5.0,
            "NACE": 23.13, "sbi_2008": 23130, "NACE_mainsector": "S", "NACE_name": "N",
            "cluster_name": "Other"}])");
  for (const char* f : {"gpd.json", "pcd.json", "tc.json", "cd.json"}) {
    write(in / f, "[]");
  }
  try {
    import_midden(in, in / "out");
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.diagnostics().at(0).to_string(),
              (in / "midden.json").string() +
                  ": [0].latitude: field 'latitude': expected a number, found \"\\\"north\\\"\"");
  }
  fs::remove_all(in);
}

TEST(MiddenImport, MissingFileIsAnError) {
  const fs::path in = temp_dir("missing");
  EXPECT_THROW(import_midden(in, in / "out"), core::Error);
  fs::remove_all(in);
}

}  // namespace
}  // namespace decarbfund::data
