// Runs `decarbfund sme generate|allocate` (DECARBFUND_BINARY): determinism through the binary,
// the summary JSON, and no award file at all when an input is bad (issue 5 "Done when").

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include <nlohmann/json.hpp>

namespace decarbfund {
namespace {

using test::kSource;
using test::Run;

Run run(const std::string& args, bool merge_stderr = false) { return test::run_cli(args, merge_stderr); }

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SmeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("decarbfund-sme-cli-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(SmeCli, GenerateIsDeterministicThroughTheBinary) {
  ASSERT_EQ(run("sme generate --firms 2000 --seed 5 --out " + path("a.csv")).status, 0);
  ASSERT_EQ(run("sme generate --firms 2000 --seed 5 --out " + path("b.csv")).status, 0);
  const auto a = slurp(path("a.csv"));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, slurp(path("b.csv")));
}

TEST_F(SmeCli, AllocateWritesAwardsAndPrintsTheSummary) {
  ASSERT_EQ(run("sme generate --firms 3000 --seed 1 --out " + path("apps.csv")).status, 0);
  const auto r = run("sme allocate --round data/nl/rounds/veki-2024.yaml --applications " +
                     path("apps.csv") + " --out " + path("awards.csv") + " --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"applications", "eligible", "awarded", "budget_used_eur",
                          "reduction_t_per_yr", "eur_per_t", "free_rider_share"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_LE(j["budget_used_eur"].get<double>(), 130'000'000.0);
  EXPECT_GT(j["awarded"].get<int>(), 0);
  const auto awards = slurp(path("awards.csv"));
  EXPECT_EQ(awards.rfind("application_id,firm_id,firm_size,technique_id,theme,project_type,status,reason", 0), 0u);
  // Issue 16 §4: the summary splits SMEs from large firms, and the parts add up.
  const auto& split = j["by_firm_size"];
  EXPECT_EQ(split["sme"]["awarded"].get<long>() + split["large"]["awarded"].get<long>(), j["awarded"].get<long>());
  EXPECT_DOUBLE_EQ(split["sme"]["budget_used_eur"].get<double>() + split["large"]["budget_used_eur"].get<double>(),
                   j["budget_used_eur"].get<double>());
  // One line per application plus the header.
  const auto lines = static_cast<long>(std::count(awards.begin(), awards.end(), '\n'));
  EXPECT_EQ(lines, j["applications"].get<long>() + 1);
}

// Issue 16 §3: `sme allocate` runs the NIKI example on its shipped bids; the text summary names
// the instrument, splits SMEs from large firms and lists the estimated parameters.
TEST_F(SmeCli, NikiExampleRunsAndSplitsSmeFromLarge) {
  const auto r = run("sme allocate --round examples/rounds/niki.yaml --applications "
                     "examples/rounds/niki-applications.csv --out " + path("awards.csv"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("round example-niki (niki, ranking)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  budget_used_eur              236000000\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    budget_used_eur              9000000      227000000\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("estimated (no published figure; reasons in the round file): budget_eur,"), std::string::npos)
      << r.out;
}

TEST_F(SmeCli, DeiAndMooiRunOnGeneratedApplications) {
  ASSERT_EQ(run("sme generate --firms 3000 --seed 1 --project-type demonstration --out " + path("dei.csv")).status, 0);
  ASSERT_EQ(run("sme generate --firms 3000 --seed 1 --project-type research --out " + path("mooi.csv")).status, 0);
  for (const auto& [round, apps] : {std::pair{"dei", "dei.csv"}, std::pair{"mooi", "mooi.csv"}}) {
    const auto r = run(std::string("sme allocate --round examples/rounds/") + round + ".yaml --applications " +
                       path(apps) + " --out " + path("awards.csv") + " --json -");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["instrument"], round);
    EXPECT_GT(j["awarded"].get<int>(), 0) << round;
    EXPECT_EQ(j["rejected"]["project_type_not_open"].get<int>(), 0) << round;
  }
}

TEST_F(SmeCli, BadApplicationFileLeavesNoAwardFile) {
  {
    std::ofstream bad(path("bad.csv"));
    bad << "application_id,firm_id,employees,turnover_eur,balance_sheet_eur,sector,technique_id,project_type,"
           "units,eligible_cost_eur,claimed_reduction_t_per_yr,submitted_at,gas_saving_gj,electricity_delta_mwh,"
           "lifetime_yr,npv_without_aid_eur,payback_without_aid_yr\n"
           "A1,F1,20,3000000,2000000,food,T09,investment,1,-1000,700,2024-04-22T09:00:00,24000,2000,,,\n";
  }
  const auto r = run("sme allocate --round data/nl/rounds/veki-2024.yaml --applications " +
                         path("bad.csv") + " --out " + path("awards.csv"),
                     true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(path("bad.csv") + ":2: field 'eligible_cost_eur': expected a number in EUR "
                       "from 0 to 10000000000, found \"-1000\""),
            std::string::npos)
      << r.out;
  EXPECT_FALSE(std::filesystem::exists(path("awards.csv")));
  EXPECT_FALSE(std::filesystem::exists(path("awards.csv.tmp")));
}

TEST_F(SmeCli, BadRoundLeavesAnOldAwardFileUntouched) {
  {
    std::ofstream old(path("awards.csv"));
    old << "previous\n";
  }
  ASSERT_EQ(run("sme generate --firms 500 --seed 1 --out " + path("apps.csv")).status, 0);
  {
    std::ofstream round(path("round.yaml"));
    round << "id: r\nbudget_eur: -1\n";
  }
  const auto r = run("sme allocate --round " + path("round.yaml") + " --applications " +
                         path("apps.csv") + " --out " + path("awards.csv"),
                     true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("budget_eur: expected a number in EUR from 0 to 1000000000000, found \"-1\""),
            std::string::npos)
      << r.out;
  EXPECT_EQ(slurp(path("awards.csv")), "previous\n");
}

}  // namespace
}  // namespace decarbfund
