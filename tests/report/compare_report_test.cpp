// `decarbfund compare` (issue 19, report/compare_report.hpp): outlook documents side by side.

#include "report/compare_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"

namespace decarbfund::report {
namespace {

using json = nlohmann::json;

std::string outlook(const std::string& name, double achieved, double tata_expected, const std::string& phase) {
  json j;
  j["meta"] = {{"dataset", "nl"}, {"dataset_version", "2026.11"}, {"price_year", 2023}, {"scenario", name},
               {"policy_version", name}, {"reference_scenario", "ref"}, {"seed", 1}};
  j["target_year"] = 2030;
  j["required_mt"] = 5.9;
  j["achieved_mt"] = achieved;
  j["gap_mt"] = 5.9 - achieved;
  j["legs"] = {{"levy_mt", 1.0}, {"package_mt", achieved - 1.0}, {"new_leg_mt", 0.25}};
  j["emissions_t_by_year"] = {{"2029", 41e6}, {"2030", 40e6 - achieved * 1e6}};
  j["levy_revenue_eur_by_year"] = {{"2030", 5e8}};
  j["package_credits"] = {{{"instrument", "maatwerk deal: Tata Steel Nederland (" + phase + ")"},
                           {"deal", "tata-steel"},
                           {"phase", phase},
                           {"reduction_t", 5e6},
                           {"expected_t", tata_expected}},
                          {{"instrument", "SME scheme: veki-2024 (5000 generated firms, seed 1)"},
                           {"reduction_t", 1e5},
                           {"expected_t", 1e5}}};
  return j.dump();
}

TEST(CompareReport, DocumentsSideBySide) {
  const auto doc = json::parse(compare_json({outlook("a", 3.0, 2.5e6, "jloi"), outlook("b", 6.0, 4e6, "binding"),
                                             outlook("a", 1.0, 0, "eop")}));
  EXPECT_EQ(doc["meta"]["scenarios"], json({"a", "b", "a (2)"}));
  ASSERT_EQ(doc["target"].size(), 3u);
  EXPECT_EQ(doc["target"][1]["scenario"], "b");
  EXPECT_EQ(doc["target"][1]["achieved_mt"], 6.0);
  EXPECT_EQ(doc["target"][1]["new_leg_mt"], 0.25);  // a leg the outlook gains is compared too
  EXPECT_EQ(doc["target"][0]["target_met"], false);
  EXPECT_EQ(doc["target"][1]["target_met"], true);
  EXPECT_EQ(doc["emissions_t_by_year"]["b"]["2030"], 34e6);
  EXPECT_EQ(doc["package_credits"].size(), 6u);
  EXPECT_EQ(doc["package_credits"][2]["scenario"], "b");
}

TEST(CompareReport, TextHasTheTargetTableSeriesAndDealLines) {
  const auto text = compare_text(compare_json({outlook("a", 3.0, 2.5e6, "jloi"), outlook("b", 6.0, 4e6, "binding")}));
  EXPECT_NE(text.find("B − A"), std::string::npos) << text;
  EXPECT_NE(text.find("  achieved (expected)                        3.00         6.00       3.00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("new_leg_mt"), std::string::npos);
  EXPECT_NE(text.find("Tata Steel Nederland"), std::string::npos);
  EXPECT_NE(text.find("binding"), std::string::npos);
  EXPECT_NE(text.find("MISSED"), std::string::npos);
  const auto html = compare_html(compare_json({outlook("a", 3.0, 2.5e6, "jloi"), outlook("b", 6.0, 4e6, "binding")}), {});
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

TEST(CompareReport, ADocumentThatIsNotAnOutlookIsRefused) {
  EXPECT_THROW(compare_json({"{}", outlook("a", 1, 0, "eop")}), core::Error);
  EXPECT_THROW(compare_json({"not json"}), core::Error);
}

}  // namespace
}  // namespace decarbfund::report
