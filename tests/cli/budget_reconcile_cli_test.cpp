// `decarbfund budget --reconcile` as a user runs it: over data/nl it lists every shared project
// and finds no double count; its JSON's sums per payer equal the projects'; a dataset whose lot 4
// also claims Nobian's tonnes is refused with exit 2, a message naming the project and both lots,
// and no file written.

#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

TEST(BudgetReconcileCli, ShippedDatasetReconcilesAndTheJsonSumsUp) {
  const std::string dir = ::testing::TempDir();
  const auto r = test::run_cli("budget --reconcile --json " + dir + "/rec.json");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("no tonne credited to two lots, no euro booked in two lots"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(core::read_file(dir + "/rec.json"));
  EXPECT_TRUE(j["double_counts"].empty());
  double lot5_eur = 0, lot5_t = 0;
  for (const auto& p : j["projects"]) {
    lot5_eur += p["lot5_eur"].get<double>();
    lot5_t += p["lot5_t"].get<double>();
  }
  for (const auto& p : j["payers"]) {
    if (p["payer"] == "5") {
      EXPECT_DOUBLE_EQ(p["eur"].get<double>(), lot5_eur);
      EXPECT_DOUBLE_EQ(p["tonnes_t"].get<double>(), lot5_t);
    }
  }
}

TEST(BudgetReconcileCli, ADoubleCountIsRefusedAndNothingIsWritten) {
  const fs::path data = fs::temp_directory_path() / ("decarbfund_reconcile_" + std::to_string(::getpid()));
  fs::remove_all(data);
  fs::copy(fs::path(test::kSource) / "data/nl", data, fs::copy_options::recursive);
  // Lot 4 books hydrogen money for Nobian's project and counts its tonnes too.
  auto text = core::read_file(data / "fund-shared-projects.csv");
  text += "nobian_eop,Nobian's EoP,4,h2_production,50000000,no,yes,500000,,,estimate,a test double count\n";
  core::write_file_atomically(data / "fund-shared-projects.csv", text);
  const fs::path out = data / "rec.json";
  const auto r = test::run_cli("budget --reconcile --data " + data.string() + " --json " + out.string(), true);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("fund-shared-projects.csv:13: nobian_eop: tonnes credited twice, claimed by lot 5 ("),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(") and lot 4 ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error: budget --reconcile: 1 double count(s) in the shared projects; nothing written"),
            std::string::npos)
      << r.out;
  EXPECT_FALSE(fs::exists(out));
  fs::remove_all(data);
}

}  // namespace
}  // namespace decarbfund
