// `decarbfund optimize --xlsx/--html` as a user runs it: sheets, headers with units, the objective
// and the tonnes as the JSON document of the same run says them; a self-contained page; the same
// bytes twice; a missing directory is exit 2 naming the file, with no file of the run left.

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"
#include "report/localizer.hpp"
#include "report/xlsx_reader.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

test::Run run(const std::string& args) { return test::run_cli(args, true); }

const std::string kArgs = "optimize --budget 300e6 --firms 1000 --quiet";

TEST(OptimizeReportsCli, PageAndWorkbookInDutch) {
  const std::string dir = ::testing::TempDir();
  const auto r = run(kArgs + " --lang nl --xlsx " + dir + "/opt-nl.xlsx --html " + dir + "/opt-nl.html");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto html = core::read_file(dir + "/opt-nl.html");
  EXPECT_NE(html.find(R"(<html lang="nl">)"), std::string::npos);
  EXPECT_NE(html.find("<h1>Steunportefeuille 2030: belastingplan-2026</h1>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Uitgaven per jaar</h2>"), std::string::npos);
  const test::Xlsx x(core::read_file(dir + "/opt-nl.xlsx"));
  EXPECT_EQ(x.sheets.front(), "samenvatting");
  EXPECT_EQ(x.sheets.back(), "over");
}

TEST(OptimizeReportsCli, WorkbookAndPageHoldTheJsonNumbers) {
  const std::string dir = ::testing::TempDir();
  const auto a = run(kArgs + " --json " + dir + "/opt.json --xlsx " + dir + "/opt1.xlsx --html " + dir + "/opt1.html");
  ASSERT_EQ(a.status, 0) << a.out;
  const auto b = run(kArgs + " --xlsx " + dir + "/opt2.xlsx --html " + dir + "/opt2.html");
  ASSERT_EQ(b.status, 0) << b.out;
  const auto bytes = core::read_file(dir + "/opt1.xlsx");
  EXPECT_EQ(bytes, core::read_file(dir + "/opt2.xlsx"));
  const auto html = core::read_file(dir + "/opt1.html");
  EXPECT_EQ(html, core::read_file(dir + "/opt2.html"));

  const auto j = nlohmann::json::parse(core::read_file(dir + "/opt.json"));
  EXPECT_EQ(j["meta"]["policy_version"], "belastingplan-2026");
  EXPECT_EQ(j["meta"]["seed"], 20261128);  // the scenario's seed, as every verb's (issue 19)
  const test::Xlsx x(bytes);
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"summary", "deals", "projects", "sme_awards", "by_year", "infrastructure",
                                                "shadow_prices", "rules", "notes", "about"}));
  const double reduction = j["reduction_t"].get<double>();
  ASSERT_GT(reduction, 0);
  const auto summary = [&x](const char* item) { return x.number("summary", "B" + std::to_string(x.row_of("summary", item))); };
  EXPECT_NEAR(summary("objective_value"), j["solver"]["objective"].get<double>(), 1e-9 * reduction);
  EXPECT_NEAR(summary("reduction"), reduction, 1e-9 * reduction);
  EXPECT_NEAR(summary("cost"), j["cost_eur"].get<double>(), 1e-3);
  EXPECT_EQ(x.at("projects", "H1"), "expected (t CO2)");
  ASSERT_FALSE(j["projects"].empty());
  EXPECT_EQ(x.at("projects", "A2"), j["projects"][0]["option"].get<std::string>());
  EXPECT_NEAR(x.number("projects", "H2"), j["projects"][0]["expected_t"].get<double>(), 1e-6);
  // As of November 2026 the generated VEKI 2024 applications are history (issue 18): no awards.
  if (!j["sme_awards"].empty()) {
    EXPECT_EQ(static_cast<std::size_t>(x.row_of("sme_awards", j["sme_awards"].back()["application"].get<std::string>())),
              j["sme_awards"].size() + 1);
  }
  // Commitments by year add up to the cost.
  double committed = 0;
  for (int r = 2; !x.at("by_year", "A" + std::to_string(r)).empty(); ++r) {
    committed += x.number("by_year", "B" + std::to_string(r));
  }
  EXPECT_NEAR(committed, j["cost_eur"].get<double>(), 1.0);
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "policy_version"))), "belastingplan-2026");

  // The page: self-contained, the same numbers.
  for (const char* remote : {"src=\"http", "href=\"http", "url(http", "<script"}) {
    EXPECT_EQ(html.find(remote), std::string::npos) << remote;
  }
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>{} t</td>", report::Localizer(report::Lang::en).num(reduction, 0))), std::string::npos);
  EXPECT_NE(html.find(j["projects"][0]["option"].get<std::string>()), std::string::npos);
  EXPECT_NE(html.find("policy_version belastingplan-2026"), std::string::npos);
}

TEST(OptimizeReportsCli, MissingDirectoryIsExitTwoAndLeavesNoFile) {
  const std::string dir = ::testing::TempDir() + "/opt-bad";
  fs::create_directories(dir);
  const auto r = run(kArgs + " --json " + dir + "/ok.json --html " + dir + "/ok.html --xlsx /nonexistent-dir/o.xlsx");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-dir/o.xlsx"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace
}  // namespace decarbfund
