// `decarbfund import-midden` as docs/midden-import.md shows it: the MIDDEN JSON is not in the
// repository, so the page's output block cannot be a checked example (tests/docs); this test runs
// the import where the JSON is ($MIDDEN_DIR or ../shared/data/midden) and checks that the page
// shows every line it prints, so the page's counts follow the importer. Skipped without the JSON.

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"

namespace decarbfund::test {
namespace {

namespace fs = std::filesystem;

TEST(ImportMiddenCli, DocsShowWhatItPrints) {
  fs::path midden = fs::path(kSource) / ".." / "shared" / "data" / "midden";
  if (const char* env = std::getenv("MIDDEN_DIR"); env != nullptr) {
    midden = env;
  }
  if (!fs::exists(midden / "pcd.json")) {
    GTEST_SKIP() << "MIDDEN v3 JSON not found: set MIDDEN_DIR or place it in ../shared/data/midden";
  }
  const std::string out = ::testing::TempDir() + "midden-docs";
  const auto r = run_cli("import-midden " + midden.string() + " --out " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  const auto page = core::read_file(kSource + "/docs/midden-import.md");
  std::istringstream lines(r.out);
  int checked = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("wrote ", 0) == 0) {
      continue;  // where this run wrote, not a number of the import
    }
    EXPECT_NE(page.find("\n" + line + "\n"), std::string::npos) << "docs/midden-import.md lacks: " << line;
    ++checked;
  }
  EXPECT_GE(checked, 8);
  fs::remove_all(out);
}

}  // namespace
}  // namespace decarbfund::test
