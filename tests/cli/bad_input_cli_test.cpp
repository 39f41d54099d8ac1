// Bad inputs of issue 15 through the binary: each is exit 2 with its message (file:line where the
// file has lines), never exit 3 ("internal error") or a crash.

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace decarbfund {
namespace {

using test::kSource;

TEST(BadInputCli, ADealWithAMalformedHistoryIsExitTwo) {
  const auto r = test::run_cli("deal assess tests/data/bad/deal-malformed-history.yaml", true);
  EXPECT_EQ(r.status, 2);
  // What the binary chose for the user comes first (issue 19), then the problem.
  EXPECT_EQ(r.out, "decarbfund: dataset data/nl (in the current folder)\n"
                   "decarbfund: scenario scenarios/belastingplan-2026.yaml (default, in the current folder)\n"
                   "error: tests/data/bad/deal-malformed-history.yaml:9: history[0]: expected a mapping (key: value "
                   "lines), found \"signed a JLoI in June 2025\"\n");
}

TEST(BadInputCli, ARoundWithoutSizeBonusIsExitTwo) {
  const auto dir = std::filesystem::temp_directory_path() / "decarbfund-bad-round";
  std::filesystem::create_directories(dir);
  ASSERT_EQ(test::run_cli("sme generate --firms 50 --seed 1 --out " + (dir / "apps.csv").string()).status, 0);
  const auto r = test::run_cli("sme allocate --round tests/data/bad/round-without-size-bonus.yaml --applications " +
                                   (dir / "apps.csv").string() + " --out " + (dir / "awards.csv").string(),
                               true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "decarbfund: dataset data/nl (in the current folder)\n"  // its technique catalogue
                   "error: tests/data/bad/round-without-size-bonus.yaml:17: rates.size_bonus: expected a mapping "
                   "with small, medium and large, found nothing\n1 error(s); no award file written\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "awards.csv"));
  std::filesystem::remove_all(dir);
}

// import-midden segfaulted on deeply nested JSON.
TEST(BadInputCli, DeeplyNestedMiddenJsonIsExitTwo) {
  const auto dir = std::filesystem::temp_directory_path() / "decarbfund-deep-midden";
  std::filesystem::create_directories(dir);
  for (const char* f : {"gpd.json", "pcd.json", "tc.json", "cd.json"}) {
    std::ofstream(dir / f) << "[]\n";
  }
  std::ofstream(dir / "midden.json") << std::string(200'000, '[') << "\n";
  const auto r = test::run_cli("import-midden " + dir.string() + " --out " + (dir / "out").string(), true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + (dir / "midden.json").string() +
                       ":1: expected JSON nested at most 8 levels deep, found deeper nesting\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace decarbfund
