// Runs `decarbfund levy` (DECARBFUND_BINARY) on examples/levy-example.csv and on bad input, and
// checks the policy.md §1 worked examples in its JSON and the messages of its errors.

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include <nlohmann/json.hpp>

namespace decarbfund {
namespace {

using test::kSource;
using test::Run;

Run run(const std::string& args, bool merge_stderr = false, const std::string& cwd = kSource) {
  return test::run_cli(args, merge_stderr, cwd);
}

long long cents(const nlohmann::json& v) { return std::llround(v.get<double>() * 100.0); }

nlohmann::json row(const nlohmann::json& j, const std::string& installation, int year) {
  for (const auto& r : j["rows"]) {
    if (r["installation"] == installation && r["year"] == year) {
      return r;
    }
  }
  ADD_FAILURE() << "no row " << installation << " " << year;
  return {};
}

TEST(LevyCli, ExampleReproducesPolicyExamples) {
  const auto r = run("levy --input " + kSource + "/examples/levy-example.csv --scenario " + kSource +
                     "/scenarios/belastingplan-2026.yaml --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["meta"]["scenario"], "belastingplan-2026");
  EXPECT_EQ(j["meta"]["policy_version"], "belastingplan-2026");

  // NEa: 1000 t, 800 DPR → levy on 200 t (policy.md §1.3); 2025 tariff 87.90.
  const auto nea = row(j, "nea-200t", 2025);
  EXPECT_EQ(nea["base_t"].get<double>(), 200.0);
  EXPECT_EQ(cents(nea["levy_eur"]), 1'758'000);

  // NEa carry-back (policy.md §1.7): 10 of year 1's 20 t refunded; with 10 bought, all 20.
  EXPECT_EQ(row(j, "carry-back-a", 2023)["base_refunded_t"].get<double>(), 10.0);
  EXPECT_EQ(cents(row(j, "carry-back-a", 2024)["refund_eur"]), 55'940);  // 10 × 55.94
  EXPECT_EQ(row(j, "carry-back-b", 2023)["base_refunded_t"].get<double>(), 20.0);
  EXPECT_EQ(cents(row(j, "carry-back-b", 2024)["refund_eur"]), 111'880);  // 20 × 55.94

  // ETS rate 2021 = 30.48 − 26.73 = 3.75; 2022 = 0 (policy.md §8.2).
  EXPECT_EQ(cents(row(j, "ets-2021", 2021)["rate_eur_per_t"]), 375);
  EXPECT_EQ(cents(row(j, "ets-2021", 2021)["levy_eur"]), 75'000);
  EXPECT_EQ(row(j, "ets-2022", 2022)["rate_eur_per_t"].get<double>(), 0.0);
  EXPECT_EQ(row(j, "ets-2022", 2022)["levy_eur"].get<double>(), 0.0);

  // Installation X (policy.md §1.10): 634,200 DPR, base 65,800 t, EUR 1,177,820.
  const auto x = row(j, "installation-x", 2025);
  EXPECT_EQ(x["dpr_allocated_t"].get<double>(), 634'200.0);
  EXPECT_EQ(x["base_t"].get<double>(), 65'800.0);
  EXPECT_EQ(cents(x["levy_eur"]), 117'782'000);

  EXPECT_EQ(cents(j["totals"]["refund_eur"]), 167'820);
  EXPECT_EQ(cents(j["totals"]["net_levy_eur"]),
            cents(j["totals"]["levy_eur"]) - cents(j["totals"]["refund_eur"]));
}

TEST(LevyCli, TableOutputShowsTotals) {
  const auto r = run("levy --input " + kSource + "/examples/levy-example.csv --scenario " + kSource +
                     "/scenarios/belastingplan-2026.yaml");
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("scenario belastingplan-2026 (policy belastingplan-2026)"), std::string::npos);
  EXPECT_NE(r.out.find("net                EUR       1196709.40"), std::string::npos) << r.out;
}

TEST(LevyCli, BadInputNamesFileLineAndField) {
  const std::string file = kSource + "/tests/data/bad/levy-bad.csv";
  const auto r = run("levy --input " + file + " --scenario " + kSource +
                         "/scenarios/belastingplan-2026.yaml",
                     true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + file +
                       ":2: field 'emissions_t': expected a number in t CO2-eq from 0 to "
                       "1000000000, found \"-5\"\n"
                       "error: " + file +
                       ":3: field 'category': expected one of ets, ets_industrial, waste, "
                       "waste_incineration, n2o, found \"steel\"\n"
                       "2 error(s); no levy computed\n");
}

TEST(LevyCli, SaleAboveSurplusIsRejected) {
  const std::string file = kSource + "/tests/data/bad/levy-sold-above-surplus.csv";
  const auto r = run("levy --input " + file + " --scenario " + kSource +
                         "/scenarios/belastingplan-2026.yaml",
                     true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + file +
                       ":2: field 'dpr_sold_t': expected at most the surplus max(0, DPR 70 + "
                       "bought 0 − emissions 60) = 10 t (only a surplus can be sold, policy.md "
                       "§1.7), found \"25\"\n"
                       "1 error(s); no levy computed\n");
}

// Without --scenario, the default scenario is found as every verb finds it (runs/locate.hpp): here
// in ./scenarios; from a folder without one and no installed share folder, the message names
// every place looked.
TEST(LevyCli, DefaultScenarioFromCurrentDirectory) {
  const auto r = run("levy --json - --input examples/levy-example.csv");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["meta"]["scenario_file"],
            "scenarios/belastingplan-2026.yaml");
  const auto elsewhere = run("levy --data " + kSource + "/data/nl --input " + kSource + "/examples/levy-example.csv",
                             true, kSource + "/docs");
  EXPECT_EQ(elsewhere.status, 2);
  EXPECT_EQ(elsewhere.out,
            "error: belastingplan-2026: field '--scenario': expected a scenario file, or the name of one in a "
            "scenarios folder, found nothing (looked in $DECARBFUND_SCENARIOS (not set), no installed share folder, "
            "scenarios/belastingplan-2026.yaml)\n");
}

// Issue 19: an ETS row without a reference price takes the scenario's ETS price path of the year
// before (as the outlook does) and says so, instead of asking for the column.
TEST(LevyCli, MissingReferencePriceFallsBackToThePricePathAndSaysSo) {
  const std::string file = ::testing::TempDir() + "/levy-2027.csv";
  std::ofstream(file) << "installation,year,category,emissions_t,dpr_basis_t\nplant,2027,ets,700000,600000\n";
  const auto r = run("levy --input " + file + " --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto row = nlohmann::json::parse(r.out)["rows"][0];
  EXPECT_EQ(row["ets_reference_price_source"], "ets_price_path");
  EXPECT_GT(row["ets_reference_price_eur_per_t"].get<double>(), 0.0);
  const auto text = run("levy --input " + file);
  ASSERT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("ETS reference prices the input does not give:\n  plant 2027: "), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("the ETS price of 2026 on the scenario's path (dataset nl prices.csv"), std::string::npos);
}

// Issue 15: a 100 MB input needed 13 GB and died of std::bad_alloc. Files above the readers' cap
// (16 MiB) get "file too large" before anything is read.
TEST(LevyCli, HundredMegabyteInputIsTooLargeNotACrash) {
  const std::string file = ::testing::TempDir() + "/levy-100mb.csv";
  {
    std::ofstream out(file, std::ios::trunc);
    out << "installation,year,category,emissions_t,dpr_basis_t\n";
  }
  std::filesystem::resize_file(file, 100'000'000);  // sparse: costs no disk
  const auto r = run("levy --input " + file + " --scenario " + kSource + "/scenarios/belastingplan-2026.yaml", true);
  std::filesystem::remove(file);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + file + ": expected a file of at most 16777216 bytes, found file too large (100000000 "
                                      "bytes)\n1 error(s); no levy computed\n");
}

TEST(LevyCli, MissingScenarioFile) {
  const auto r = run("levy --input " + kSource + "/examples/levy-example.csv --scenario " + kSource +
                         "/scenarios/no-such.yaml",
                     true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + kSource +
                       "/scenarios/no-such.yaml: expected a readable scenario file, found no such "
                       "file\n1 error(s); no levy computed\n");
}

}  // namespace
}  // namespace decarbfund
