// `decarbfund budget --xlsx/--html` as a user runs it: the workbook opens with the MJP-style
// measure list, the verdiepingstabel and the about sheet; every money and tonne header carries its
// unit; the figures equal the JSON document's of the same run; the about sheet lists the as-of
// date and the estimated figures; a bad output path is exit 2 and leaves no file of the run.

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

TEST(BudgetFormatsCli, WorkbookHoldsTheJsonFiguresWithUnits) {
  const std::string dir = ::testing::TempDir();
  const auto r = test::run_cli("budget --json " + dir + "/bf.json --xlsx " + dir + "/bf.xlsx --html " + dir + "/bf.html");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(core::read_file(dir + "/bf.json"));
  const test::Xlsx x(core::read_file(dir + "/bf.xlsx"));
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"measures", "verdiepingstabel", "about"}));
  EXPECT_EQ(x.at("measures", "D1"), "budget 2024-2030 (EUR m (nominal))");
  EXPECT_EQ(x.at("measures", "E1"), "committed 2024-2030 (EUR m (nominal))");
  EXPECT_EQ(x.at("measures", "G1"), "expected reduction 2030 (t CO2/yr)");
  EXPECT_EQ(x.at("verdiepingstabel", "D1"), "2024 (EUR m (nominal))");
  EXPECT_EQ(x.at("verdiepingstabel", "J1"), "2030 (EUR m (nominal))");
  // Every measure's figures as the JSON says them.
  for (const auto& m : j["measures"]) {
    const auto id = m["instrument"].get<std::string>();
    const int row = x.row_of("measures", id);
    ASSERT_GT(row, 0) << id;
    const auto at = [&](const char* col) { return x.number("measures", col + std::to_string(row)); };
    EXPECT_NEAR(at("D"), m["reserved_eur"].get<double>() / 1e6, 1e-9) << id;
    EXPECT_NEAR(at("E"), m["committed_eur"].get<double>() / 1e6, 1e-9) << id;
    EXPECT_NEAR(at("F"), m["paid_eur"].get<double>() / 1e6, 1e-9) << id;
    if (!m["expected_reduction_2030_t"].is_null()) {
      EXPECT_NEAR(at("G"), m["expected_reduction_2030_t"].get<double>(), 1e-6) << id;
    }
  }
  // The maatwerk row's tonnes: Yara 0.8 Mt + Nobian 0.5 Mt + Cosun 0.167 Mt, the committed deals.
  EXPECT_NEAR(x.number("measures", "G" + std::to_string(x.row_of("measures", "maatwerk"))), 1467000, 1e-6);
  // The verdiepingstabel's maatwerk verplichtingen per year equal the JSON's lines.
  const int vrow = x.row_of("verdiepingstabel", "maatwerk");
  ASSERT_GT(vrow, 0);
  EXPECT_EQ(x.at("verdiepingstabel", "C" + std::to_string(vrow)), "verplichtingen (committed)");
  const std::string cols = "DEFGHIJ";
  for (const auto& l : j["lines"]) {
    if (l["instrument"] != "maatwerk") {
      continue;
    }
    const int y = l["year"].get<int>();
    const std::string cell = std::string(1, cols.at(static_cast<std::size_t>(y - 2024))) + std::to_string(vrow);
    EXPECT_NEAR(x.number("verdiepingstabel", cell), l["committed_eur"].get<double>() / 1e6, 1e-9) << y;
    const std::string paid = std::string(1, cols.at(static_cast<std::size_t>(y - 2024))) + std::to_string(vrow + 1);
    EXPECT_NEAR(x.number("verdiepingstabel", paid), l["paid_eur"].get<double>() / 1e6, 1e-9) << y;
  }
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "as of"))), "2026-11-30");
  EXPECT_GT(x.row_of("about", "estimate data/nl/fund-ledger.csv:2"), 0);
  const auto html = core::read_file(dir + "/bf.html");
  EXPECT_NE(html.find("<th>expected reduction 2030 (t CO2/yr)</th>"), std::string::npos);
  EXPECT_NE(html.find("Verdiepingstabel"), std::string::npos);
}

TEST(BudgetFormatsCli, ABadPathIsExit2AndLeavesNoFile) {
  const fs::path dir = fs::path(::testing::TempDir()) / "budget_bad_path";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto r = test::run_cli("budget --json " + (dir / "b.json").string() + " --html " + (dir / "b.html").string() +
                                   " --xlsx " + (dir / "missing/b.xlsx").string(),
                               true);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("missing/b.xlsx: cannot write: directory"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace decarbfund
