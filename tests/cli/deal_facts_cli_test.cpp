// Issue 17 at the command line: `registry import DB DIR` takes the deal folder as it ships
// (phases.yaml is the phase table, not a deal), a phase table named on its own is refused by
// name, and `decarbfund emitters` lists the largest companies with their deal status.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

TEST(RegistryImportCli, TheShippedDealFolderImportsWhole) {
  const fs::path dir = fs::temp_directory_path() / "decarbfund-import-dir";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "deals.db").string();
  ASSERT_EQ(test::run_cli("registry init " + db).status, 0);
  auto r = test::run_cli("registry import " + db + " data/nl/deals --actor rvo", true);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "imported 12 deal(s) into " + db + "\n");
  // Air Liquide's 1.05 Mt fits its sites now that the Pergen CHP (M178) is one of them: with zero
  // emissions monitored and its milestone met it is on track (on 0.96 Mt it was at_risk).
  ASSERT_EQ(test::run_cli("registry milestone " + db + " air-liquide jloi --date 2026-06-01 --progress 100 --actor rvo")
                .status,
            0);
  ASSERT_EQ(test::run_cli("registry monitor " + db + " air-liquide 2030 --emissions 0 --actor nea").status, 0);
  r = test::run_cli("registry status " + db + " air-liquide --year 2030 --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\"on_track\""), std::string::npos) << r.out;

  const std::string db2 = (dir / "other.db").string();
  ASSERT_EQ(test::run_cli("registry init " + db2).status, 0);
  r = test::run_cli("registry import " + db2 + " data/nl/deals/phases.yaml --actor rvo", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: data/nl/deals/phases.yaml: expected a deal file, found the phase table (phases.yaml is not "
                   "a deal; give the directory)\n");
  fs::remove_all(dir);
}

TEST(EmittersCli, TheTwentyLargestWithTheirDeals) {
  auto r = test::run_cli("emitters --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  const auto& rows = j.at("emitters");
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_GT(j.at("companies_total").get<int>(), 20);
  // Largest first; Tata Steel's deal counts the Velsen/IJmond plants that burn its gases.
  for (std::size_t k = 1; k < rows.size(); ++k) {
    EXPECT_GE(rows[k - 1].at("emissions_t").get<double>(), rows[k].at("emissions_t").get<double>());
  }
  EXPECT_EQ(rows[0].at("deal"), "tata-steel");
  EXPECT_EQ(rows[0].at("sites"), nlohmann::json::array({"M006", "M007", "M008", "M295"}));
  EXPECT_NEAR(rows[0].at("share_of_target").get<double>(), 5.0 / 5.9, 1e-9);
  bool exxon_without_deal = false;
  for (const auto& row : rows) {
    const auto company = row.at("company").get<std::string>();
    EXPECT_EQ(company.back() == ' ', false) << company;
    if (company.find("ESSO") != std::string::npos) {
      exxon_without_deal = row.at("deal").is_null() && row.at("phase").is_null();
    }
  }
  EXPECT_TRUE(exxon_without_deal) << r.out;

  r = test::run_cli("emitters --top 3");
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("   1  Tata Steel Nederland"), std::string::npos) << r.out;
  r = test::run_cli("emitters --top 0 --no-deals --json -");
  const auto all = nlohmann::json::parse(r.out);
  EXPECT_EQ(all.at("emitters").size(), all.at("companies_total").get<std::size_t>());
  EXPECT_TRUE(all.at("emitters")[0].at("deal").is_null());
}

}  // namespace
}  // namespace decarbfund
