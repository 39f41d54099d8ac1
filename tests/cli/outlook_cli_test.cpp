// `decarbfund outlook` and `decarbfund validate` on the embedded dataset, as a user runs them:
// the JSON document's keys and provenance, the legs adding up, the historical levy being close to
// nothing, Belastingplan 2026's levy leg below the coalition's, and bad input.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace decarbfund::test {
namespace {

nlohmann::json outlook(const std::string& scenario) {
  const std::string out = ::testing::TempDir() + "outlook-" + scenario + ".json";
  const auto r = run_cli("outlook --quiet --scenario scenarios/" + scenario + ".yaml --json " + out);
  EXPECT_EQ(r.status, 0) << r.out;
  std::ifstream in(out);
  return nlohmann::json::parse(in);
}

TEST(OutlookCli, JsonHasTheDocumentedKeysAndProvenance) {
  const auto j = outlook("belastingplan-2026");
  for (const char* key : {"target_year", "required_mt", "achieved_mt", "gap_mt", "legs",
                          "emissions_t_by_year", "levy_revenue_eur_by_year", "meta"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["target_year"], 2030);
  EXPECT_DOUBLE_EQ(j["required_mt"].get<double>(), 5.9);
  EXPECT_EQ(j["meta"]["dataset"], "nl");
  EXPECT_EQ(j["meta"]["scenario"], "belastingplan-2026");
  EXPECT_EQ(j["meta"]["policy_version"], "belastingplan-2026");
  EXPECT_TRUE(j["meta"].contains("seed"));
  EXPECT_NEAR(j["legs"]["levy_mt"].get<double>() + j["legs"]["package_mt"].get<double>(),
              j["achieved_mt"].get<double>(), 1e-9);
  EXPECT_NEAR(j["required_mt"].get<double>() - j["achieved_mt"].get<double>(), j["gap_mt"].get<double>(), 1e-9);
}

TEST(OutlookCli, PackageLegHoldsTheSmeSchemeAndEachDeal) {
  // Issue 5 §5: the SME scheme's expected tonnes are a line of the package leg; issue 4: a line
  // per deal. The lines add up to the leg as it is when every deal delivers (the full run), and
  // their expected tonnes to the headline's expected leg (issue 14).
  const auto j = outlook("belastingplan-2026");
  double sum = 0, expected = 0;
  bool sme = false;
  bool nobian = false;
  for (const auto& c : j["package_credits"]) {
    sum += c["reduction_t"].get<double>();
    expected += c["expected_t"].get<double>();
    const auto name = c["instrument"].get<std::string>();
    sme = sme || (name.starts_with("SME scheme: veki-2024") && c["reduction_t"].get<double>() > 0);
    nobian = nobian || name.find("Nobian") != std::string::npos;
  }
  EXPECT_TRUE(sme);
  EXPECT_TRUE(nobian);
  EXPECT_NEAR(sum / 1e6, j["legs"]["package_if_every_deal_delivers_mt"].get<double>(), 1e-6);
  // The expected column (issue 14) adds up to the headline's expected leg.
  EXPECT_NEAR(expected / 1e6, j["legs"]["package_mt"].get<double>(), 1e-6);
  EXPECT_LT(j["legs"]["package_mt"].get<double>(), j["legs"]["package_if_every_deal_delivers_mt"].get<double>());
  // Without the SME scheme the leg is smaller by exactly its line.
  const std::string out = ::testing::TempDir() + "outlook-nosme.json";
  ASSERT_EQ(run_cli("outlook --quiet --no-sme --json " + out).status, 0);
  std::ifstream in(out);
  const auto without = nlohmann::json::parse(in);
  EXPECT_LT(without["legs"]["package_mt"].get<double>(), j["legs"]["package_mt"].get<double>());
}

/// The world keys that the world tests change, in a scenario file's YAML: a higher ETS path,
/// lower chemicals production, Aramis two years later (docs/scenarios.md "World and policy").
constexpr const char* kWorldChange =
    "prices:\n  ets_eur_per_t: {2026: 150, 2027: 160, 2028: 170, 2029: 185, 2030: 200}\n"
    "activity:\n  chemicals: {2027: 0.8, 2028: 0.8, 2029: 0.8, 2030: 0.8}\n"
    "infrastructure_delay_yr: {aramis: 2}\n";

/// `outlook --json -` of scenarios/<base>.yaml with kWorldChange laid over it.
nlohmann::json outlook_in_changed_world(const std::string& base) {
  const std::string file = ::testing::TempDir() + "world-" + base + ".yaml";
  std::ofstream(file) << "name: " << base << "-world\nbase: " << kSource << "/scenarios/" << base << ".yaml\n"
                      << kWorldChange;
  const auto r = run_cli("outlook --quiet --no-sme --json - --scenario " + file);
  EXPECT_EQ(r.status, 0) << r.out;
  return nlohmann::json::parse(r.out);
}

TEST(OutlookCli, WorldKeysMoveTheReferenceAndLeaveTheLegsToPolicy) {
  // One world, two policies (issue 14): the reference run takes the scenario's world. The
  // reference's own policy in a changed world achieves exactly nothing, its three runs alike;
  // a policy scenario in the same changed world has that very reference path, so its legs are
  // measured against the reference in its own world and change only through policy.
  const auto world = outlook_in_changed_world("klimaatakkoord");
  EXPECT_EQ(world["achieved_mt"].get<double>(), 0.0);
  EXPECT_EQ(world["legs"]["levy_mt"].get<double>(), 0.0);
  EXPECT_EQ(world["legs"]["package_mt"].get<double>(), 0.0);
  EXPECT_EQ(world["reference_emissions_t_by_year"], world["levy_only_emissions_t_by_year"]);
  EXPECT_EQ(world["reference_emissions_t_by_year"], world["emissions_t_by_year"]);
  EXPECT_EQ(world["meta"]["reference_world_replaced"],
            nlohmann::json({"activity.chemicals", "infrastructure_delay_yr.aramis", "prices.ets_eur_per_t"}));
  // The change is real: the reference path itself moves.
  const auto r = run_cli("outlook --quiet --no-sme --json - --scenario scenarios/klimaatakkoord.yaml");
  ASSERT_EQ(r.status, 0);
  const auto unchanged = nlohmann::json::parse(r.out);
  EXPECT_NE(world["reference_emissions_t_by_year"]["2030"], unchanged["reference_emissions_t_by_year"]["2030"]);
  EXPECT_TRUE(unchanged["meta"]["reference_world_replaced"].empty());

  const auto policy = outlook_in_changed_world("belastingplan-2026");
  EXPECT_EQ(policy["reference_emissions_t_by_year"], world["reference_emissions_t_by_year"]);
  EXPECT_EQ(policy["meta"]["reference_world_replaced"], world["meta"]["reference_world_replaced"]);
}

TEST(OutlookCli, LevyCollectedCloseToNothingUpTo2024) {
  // policy.md §1.1: about EUR 60k paid in total by mid-2025; the ETS reference price was above the
  // tariff in 2022, and DPRs exceeded emissions in the first years.
  const auto j = outlook("coalition-2023");
  double total = 0;
  for (const char* y : {"2021", "2022", "2023", "2024"}) {
    total += j["levy_revenue_eur_by_year"][y].get<double>();
  }
  EXPECT_LT(total, 1e6);
  EXPECT_EQ(j["levy_revenue_eur_by_year"]["2022"].get<double>(), 0.0);
}

TEST(OutlookCli, Belastingplan2026LevyLegBelowCoalition2023) {
  const auto coalition = outlook("coalition-2023");
  const auto bp2026 = outlook("belastingplan-2026");
  EXPECT_LT(bp2026["legs"]["levy_mt"].get<double>(), coalition["legs"]["levy_mt"].get<double>());
}

TEST(OutlookCli, HtmlReportIsSelfContained) {
  const std::string out = ::testing::TempDir() + "outlook.html";
  ASSERT_EQ(run_cli("outlook --quiet --html " + out).status, 0);
  std::ifstream in(out);
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Emissions path against the target"), std::string::npos);
  EXPECT_NE(html.find("National MACC"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos) << "must open without network";
  EXPECT_EQ(html.find("<script src"), std::string::npos);
}

TEST(OutlookCli, BadScenarioExitsTwoAndWritesNothing) {
  const std::string dir = ::testing::TempDir();
  {
    std::ofstream bad(dir + "bad.yaml");
    bad << "base: " << kSource << "/scenarios/coalition-2023.yaml\nprices:\n  ets_eur_per_t: {2030: tbd}\n";
  }
  const std::string json = dir + "never.json";
  std::filesystem::remove(json);
  const auto r = run_cli("outlook --scenario " + dir + "bad.yaml --json " + json, true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("bad.yaml:3: prices.ets_eur_per_t[2030]"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(json));
}

TEST(ValidateCli, EmbeddedDatasetSummary) {
  const auto r = run_cli("validate data/nl --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sites"], 276);  // 273 MIDDEN plants + 2 incinerator rows + AnQore
  // 587 MIDDEN options (routes of named configurations bundled, docs/midden-import.md) plus the
  // announced projects of additions/options.csv.
  EXPECT_GT(j["options"].get<int>(), 600);
  // MIDDEN's 2020 total (48,292,877 t) plus the additions' base figures.
  EXPECT_NEAR(j["base_year_emissions_t"].get<double>(), 51.13e6, 0.01e6);
}

TEST(ValidateCli, BadDatasetExitsTwoNamingFileLineField) {
  const auto r = run_cli("validate tests/fixtures/does-not-exist", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("tests/fixtures/does-not-exist: expected a dataset directory"), std::string::npos) << r.out;
}

TEST(OutlookCli, DrawsGiveTheChanceOfMeetingTheTargetAsMonteCarloDoes) {
  // `outlook --draws N` and `montecarlo --draws N` make the same draws (the scenario's seed).
  const auto o = nlohmann::json::parse(run_cli("outlook --draws 24 --json -").out);
  ASSERT_TRUE(o["p_target_met"].is_number()) << o["p_target_met"];
  EXPECT_EQ(o["p_target_met_draws"], 24);
  const auto mc = nlohmann::json::parse(run_cli("montecarlo --draws 24 --threads 1 --json -").out);
  EXPECT_DOUBLE_EQ(o["p_target_met"].get<double>(), mc["p_target_met"]["total"].get<double>());
  const auto text = run_cli("outlook --draws 24").out;
  EXPECT_NE(text.find("P(target met)"), std::string::npos) << text;
  const auto none = nlohmann::json::parse(run_cli("outlook --json -").out);
  EXPECT_TRUE(none["p_target_met"].is_null());
}

TEST(ValidateCli, OptionsStackingPastASiteExitTwoNamingSiteAndOptions) {
  // Issue 13: a dataset whose options could remove more than a site emits is refused, with the
  // option row, the site, the sections and the options (tests/data/check_potential_test.cpp has
  // the fixture's every message).
  const auto r = run_cli("validate tests/data/bad/stacked-options", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("tests/data/bad/stacked-options/options.csv:2: field 'section_emissions_t': expected "
                       "sections of site S1 adding up to at most its 1000000 t/yr, found 1300000 t/yr over 2 "
                       "sections: S1/steam 600000 t/yr (O1); S1/furnace 700000 t/yr (O2)"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace decarbfund::test
