#include "report/xlsx_outlook.hpp"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"

namespace decarbfund::report {
namespace {

namespace fs = std::filesystem;

analysis::Outlook outlook_of(const model::Model& model) {
  core::Diagnostics diags;
  const auto s = data::load_scenario(fs::path(DECARBFUND_SOURCE_DIR) / "scenarios/belastingplan-2026.yaml", diags);
  const auto r = data::load_scenario(fs::path(DECARBFUND_SOURCE_DIR) / "scenarios/klimaatakkoord.yaml", diags);
  EXPECT_TRUE(s && r) << diags.to_string();
  return analysis::run_outlook(model, *s, *r);
}

TEST(XlsxOutlook, WritesOneSheetPerTable) {
  const auto model = data::load_dataset_or_throw(fs::path(DECARBFUND_SOURCE_DIR) / "data/nl");
  const auto o = outlook_of(model);
  const auto path = fs::temp_directory_path() / ("decarbfund-outlook-" + std::to_string(::getpid()) + ".xlsx");
  write_outlook_xlsx(model, o, path);
  const std::string bytes = core::read_file(path);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // an XLSX is a zip; member names are stored uncompressed
  for (int i = 1; i <= 8; ++i) {
    EXPECT_NE(bytes.find("xl/worksheets/sheet" + std::to_string(i) + ".xml"), std::string::npos) << i;
  }
  EXPECT_EQ(bytes.find("xl/worksheets/sheet9.xml"), std::string::npos);
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
  fs::remove(path);
}

TEST(XlsxOutlook, AnUnwritablePathIsAnErrorNamingIt) {
  const auto model = data::load_dataset_or_throw(fs::path(DECARBFUND_SOURCE_DIR) / "data/nl");
  const auto o = outlook_of(model);
  try {
    write_outlook_xlsx(model, o, "/nonexistent-dir/out.xlsx");
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.diagnostics().at(0).file, "/nonexistent-dir/out.xlsx");
  }
}

}  // namespace
}  // namespace decarbfund::report
