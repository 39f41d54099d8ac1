#include "report/report_files.hpp"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"

namespace decarbfund::report {
namespace {

namespace fs = std::filesystem;

TEST(ReportFiles, AMissingDirectoryWritesNothingAndNamesTheFile) {
  const fs::path dir = fs::path(::testing::TempDir()) / "report-files";
  fs::remove_all(dir);
  fs::create_directories(dir);
  try {
    write_report_files({{(dir / "a.json").string(), "{}"}, {"", "skipped"}, {"/nonexistent-dir/b.xlsx", "PK"}});
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.diagnostics().at(0).file, "/nonexistent-dir/b.xlsx");
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir does not exist"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(ReportFiles, WritesEveryFileWhole) {
  const fs::path dir = fs::path(::testing::TempDir()) / "report-files-ok";
  fs::create_directories(dir);
  write_report_files({{(dir / "a.json").string(), "{}\n"}, {(dir / "b.html").string(), "<p>"}});
  EXPECT_EQ(core::read_file(dir / "a.json"), "{}\n");
  EXPECT_EQ(core::read_file(dir / "b.html"), "<p>");
  EXPECT_FALSE(fs::exists(dir / "a.json.tmp"));
}

TEST(ReportFiles, ADirectoryAsTheFileIsAnError) {
  EXPECT_THROW(write_report_files({{::testing::TempDir(), "x"}}), core::Error);
}

}  // namespace
}  // namespace decarbfund::report
