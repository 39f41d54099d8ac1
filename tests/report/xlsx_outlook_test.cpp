#include "report/xlsx_outlook.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"
#include "report/xlsx_reader.hpp"

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

TEST(XlsxOutlook, WritesOneSheetPerTableAndWhatProducedIt) {
  const auto model = data::load_dataset_or_throw(fs::path(DECARBFUND_SOURCE_DIR) / "data/nl");
  const auto o = outlook_of(model);
  auto info = outlook_run_info(model, o);
  info.command = "decarbfund outlook";
  const std::string bytes = outlook_xlsx(model, o, info);
  const test::Xlsx x(bytes);
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"summary", "by_year", "package_credits", "package_by_funder", "sites",
                                                "bottlenecks", "options_adopted", "macc", "about"}));
  EXPECT_EQ(x.at("by_year", "B1"), "emissions (t CO2)");
  const int achieved = x.row_of("summary", "achieved");
  ASSERT_GT(achieved, 0);
  EXPECT_NEAR(x.number("summary", "B" + std::to_string(achieved)), o.achieved_t, 1e-6 * std::abs(o.achieved_t));
  EXPECT_EQ(x.at("summary", "C" + std::to_string(achieved)), "t CO2");
  const int policy = x.row_of("about", "policy_version");
  ASSERT_GT(policy, 0);
  EXPECT_EQ(x.at("about", "B" + std::to_string(policy)), "belastingplan-2026");
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "seed"))), std::to_string(o.seed));
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "dataset_version"))), model.info.version);
  // Rendered twice, the same bytes: the creation time comes from the dataset version, not the clock.
  EXPECT_EQ(outlook_xlsx(model, o, info), bytes);
}

}  // namespace
}  // namespace decarbfund::report
