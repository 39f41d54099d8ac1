// `decarbfund registry obligation` and `registry production` as docs/deals.md shows them (issue 17
// §2, §4): on the shipped Nobian deal, a grid connection reported late is listed by `registry
// status` with the company milestones it moves; an unknown obligation is exit 2 naming it; a
// production index shows next to the absolute reduction.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

TEST(RegistryCli, ALateStateObligationAndAProductionIndex) {
  const fs::path dir = fs::temp_directory_path() / "decarbfund-registry-obligation-cli";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "deals.db").string();
  ASSERT_EQ(test::run_cli("registry init " + db).status, 0);
  ASSERT_EQ(test::run_cli("registry import " + db + " data/nl/deals/nobian.yaml --actor rvo").status, 0);

  auto r = test::run_cli("registry obligation " + db +
                             " nobian grid-delfzijl --status late --date 2028-06-01 --expected 2029-12-31 --actor kgg",
                         true);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "nobian: obligation grid-delfzijl late on 2028-06-01, expected 2029-12-31\n");
  // The other two connections are met on time, the permits and the first tranche too: only
  // Delfzijl is late (365 days), and the grid contract and operation move by it.
  for (const char* id : {"grid-hengelo", "grid-botlek"}) {
    ASSERT_EQ(test::run_cli("registry obligation " + db + " nobian " + id + " --status met --date 2028-10-01 --actor kgg")
                  .status,
              0);
  }
  for (const char* id : {"permits", "support-first-tranche"}) {
    ASSERT_EQ(test::run_cli("registry obligation " + db + " nobian " + id + " --status met --date 2026-06-01 --actor kgg")
                  .status,
              0);
  }
  r = test::run_cli("registry status " + db + " nobian --year 2028", true);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("  nobian state infrastructure grid-delfzijl due 2028-12-31: reported late, expected 2029-12-31 "
                       "(365 days late) — grid connection at Delfzijl"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  nobian company milestone grid due 2027-12-31 moves to 2028-12-30 (late state obligation "
                       "grid-delfzijl)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  nobian company milestone operation due 2030-01-01 moves to 2031-01-01"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  nobian company milestone fid due 2025-12-31: overdue"), std::string::npos) << r.out;

  r = test::run_cli("registry obligation " + db + " nobian grid-eemshaven --status met --date 2028-10-01 --actor kgg", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + db + ": deal 'nobian': obligation: expected one of the state's obligations in the deal: "
                                    "grid-botlek, grid-delfzijl, grid-hengelo, permits, support-first-tranche, found "
                                    "\"grid-eemshaven\"\n");

  ASSERT_EQ(test::run_cli("registry monitor " + db + " nobian 2030 --emissions 344441 --actor nea").status, 0);
  ASSERT_EQ(test::run_cli("registry production " + db + " nobian 2030 --index 0.5 --actor cbs").status, 0);
  r = test::run_cli("registry status " + db + " nobian", true);
  EXPECT_NE(r.out.find("  nobian production 0.5 × baseline in 2030: reduction 344441 t absolute, 0 t at the baseline's "
                       "production (+344441 t from production); judged on absolute"),
            std::string::npos)
      << r.out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace decarbfund
