// `decarbfund montecarlo --xlsx/--html` as a user runs it: the workbook's sheets, a header with its
// unit and P(target met) as the JSON document of the same run says it; the same seed gives the
// same bytes; a missing directory is exit 2 naming the file, and no file of the run is left.

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"
#include "report/xlsx_reader.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

test::Run run(const std::string& args) { return test::run_cli(args, true); }

TEST(MonteCarloXlsxCli, WorkbookHoldsTheJsonNumbersAndRepeatsByteForByte) {
  const std::string dir = ::testing::TempDir();
  const std::string common = "montecarlo --draws 40 --seed 3 --quiet";
  const auto a = run(common + " --threads 2 --json " + dir + "/mcx.json --xlsx " + dir + "/mcx1.xlsx --html " + dir + "/mcx1.html");
  ASSERT_EQ(a.status, 0) << a.out;
  const auto b = run(common + " --threads 1 --xlsx " + dir + "/mcx2.xlsx --html " + dir + "/mcx2.html");
  ASSERT_EQ(b.status, 0) << b.out;
  const auto bytes = core::read_file(dir + "/mcx1.xlsx");
  EXPECT_EQ(bytes, core::read_file(dir + "/mcx2.xlsx"));
  EXPECT_EQ(core::read_file(dir + "/mcx1.html"), core::read_file(dir + "/mcx2.html"));

  const auto j = nlohmann::json::parse(core::read_file(dir + "/mcx.json"));
  const test::Xlsx x(bytes);
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"summary", "legs", "budget_outlay", "fan_chart", "tornado",
                                                "rank_correlation", "inputs", "about"}));
  EXPECT_EQ(x.at("legs", "D1"), "p_target_met (share of draws)");
  const int total = x.row_of("legs", "total");
  ASSERT_GT(total, 0);
  EXPECT_DOUBLE_EQ(x.number("legs", "D" + std::to_string(total)), j["p_target_met"]["total"].get<double>());
  const double p50 = j["achieved_t"]["p50"].get<double>();
  EXPECT_NEAR(x.number("legs", "I" + std::to_string(total)), p50, 1e-9 * std::abs(p50));  // mean p5 p10 p25 p50
  EXPECT_EQ(x.at("legs", "I1"), "p50 (t CO2)");
  // Fan chart: one row per year, the first year's median as the JSON has it.
  EXPECT_EQ(x.number("fan_chart", "A2"), j["emissions_t"]["years"][0].get<double>());
  const double fan = j["emissions_t"]["p50"][0].get<double>();
  EXPECT_NEAR(x.number("fan_chart", "F2"), fan, 1e-9 * fan);
  // Tornado: the widest bar first, as in the JSON.
  EXPECT_EQ(x.at("tornado", "A2"), j["sensitivity"]["tornado"]["bars"][0]["input"].get<std::string>());
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "seed"))), "3");
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "policy_version"))), "belastingplan-2026");
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "draws"))), "40");
  EXPECT_NE(x.at("about", "B" + std::to_string(x.row_of("about", "scenario_chain"))).find("belastingplan-2026.yaml"),
            std::string::npos);
}

TEST(MonteCarloXlsxCli, MissingDirectoryIsExitTwoAndLeavesNoFile) {
  const std::string dir = ::testing::TempDir() + "/mcx-bad";
  fs::create_directories(dir);
  const auto r = run("montecarlo --draws 5 --seed 3 --quiet --json " + dir + "/ok.json --xlsx /nonexistent-dir/mc.xlsx");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-dir/mc.xlsx"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_empty(dir));  // not even the JSON of the same run
  EXPECT_FALSE(fs::exists("/nonexistent-dir"));
}

}  // namespace
}  // namespace decarbfund
