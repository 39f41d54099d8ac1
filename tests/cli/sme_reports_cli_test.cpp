// `decarbfund sme allocate --html/--xlsx --compare` (issue 20): the round's allocation rules side
// by side, in English and Dutch, the same bytes for the same inputs, the submission times as
// real dates, and nothing written when an output directory is missing.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"
#include "report/xlsx_reader.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

class SmeReportsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("decarbfund-sme-reports-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_EQ(test::run_cli("sme generate --firms 3000 --seed 1 --out " + path("apps.csv")).status, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  std::string allocate(const std::string& more) const {
    return "sme allocate --round data/nl/rounds/veki-2024.yaml --applications " + path("apps.csv") +
           " --compare examples/rounds/ranking.yaml --compare examples/rounds/points.yaml --compare "
           "examples/rounds/phases.yaml " +
           more;
  }
  fs::path dir_;
};

TEST_F(SmeReportsCli, ComparesTheRulesInBothLanguages) {
  const auto en =
      test::run_cli(allocate("--out " + path("a.csv") + " --html " + path("en.html") + " --xlsx " + path("en.xlsx")));
  ASSERT_EQ(en.status, 0) << en.out;
  EXPECT_NE(en.out.find("wrote " + path("en.html")), std::string::npos) << en.out;
  const auto again =
      test::run_cli(allocate("--out " + path("b.csv") + " --html " + path("en2.html") + " --xlsx " + path("en2.xlsx")));
  ASSERT_EQ(again.status, 0);
  EXPECT_EQ(core::read_file(path("en.html")), core::read_file(path("en2.html")));
  EXPECT_EQ(core::read_file(path("en.xlsx")), core::read_file(path("en2.xlsx")));
  const auto nl = test::run_cli(
      allocate("--out " + path("c.csv") + " --lang nl --html " + path("nl.html") + " --xlsx " + path("nl.xlsx")));
  ASSERT_EQ(nl.status, 0) << nl.out;

  const auto html = core::read_file(path("en.html"));
  EXPECT_NE(html.find(R"(<html lang="en">)"), std::string::npos);
  EXPECT_NE(html.find("<h1>SME round veki-2024: allocation rules compared</h1>"), std::string::npos);
  for (const char* rule :
       {"veki-2024 (fcfs)", "example-ranking (ranking)", "example-points (points)", "example-phases (phases)"}) {
    EXPECT_NE(html.find(std::string("<th>") + rule + "</th>"), std::string::npos) << rule;
  }
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const auto dutch = core::read_file(path("nl.html"));
  EXPECT_NE(dutch.find(R"(<html lang="nl">)"), std::string::npos);
  EXPECT_NE(dutch.find("toewijzingsregels vergeleken"), std::string::npos);
  EXPECT_NE(dutch.find("budget uitgeput"), std::string::npos);

  const test::Xlsx x(core::read_file(path("en.xlsx")));
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"rules", "rejections", "themes", "awards", "about"}));
  EXPECT_EQ(x.at("rules", "B2"), "fcfs");
  EXPECT_EQ(x.at("rules", "B5"), "phases");
  EXPECT_EQ(x.at("awards", "F1"), "submitted_at (date)");
  // A submission time is an Excel date (a serial day in 2024), not text.
  const double day = x.number("awards", "F2");
  EXPECT_GT(day, 45292.0);  // 2024-01-01
  EXPECT_LT(day, 45688.0);  // 2025-02-01
  const test::Xlsx y(core::read_file(path("nl.xlsx")));
  EXPECT_EQ(y.sheets, (std::vector<std::string>{"regels", "afwijzingen", "thema's", "toekenningen", "over"}));
}

TEST_F(SmeReportsCli, AMissingDirectoryWritesNothing) {
  const auto r = test::run_cli(allocate("--out " + path("a.csv") + " --html /nonexistent-dir/r.html"), true);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-dir/r.html"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(path("a.csv")));
}

TEST_F(SmeReportsCli, LangTakesNlOrEn) {
  const auto r = test::run_cli(allocate("--out " + path("a.csv") + " --lang de"), true);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("--lang"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace decarbfund
