// Strict reading of application lists (issue 5: "bad application files get clear errors").

#include "data/load_applications.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "data/load_sme.hpp"

namespace decarbfund::data {
namespace {

std::vector<model::Technique> catalogue() {
  core::Diagnostics diags;
  auto t = load_sme_techniques(std::string(DECARBFUND_SOURCE_DIR) + "/data/nl/sme-techniques.csv",
                               diags);
  EXPECT_TRUE(t) << diags.to_string();
  return t.value_or(std::vector<model::Technique>{});
}

const std::string kHeader =
    "application_id,firm_id,firm_size,sector,technique_id,units,eligible_cost_eur,"
    "claimed_reduction_t_per_yr,submitted_at,gas_saving_gj,electricity_delta_mwh,lifetime_yr,"
    "npv_without_aid_eur,payback_without_aid_yr\n";

TEST(LoadApplications, ReadsAGoodFileAndTakesTheTechniquesLifetime) {
  const auto techniques = catalogue();
  const std::string text = kHeader +
                           "A1,F1,small,food,T09,1,1000000,700,2024-04-22T09:00:00,24000,2000,,,\n"
                           "A2,F2,large,food,T12,2,1000000,180,2024-04-23,3333,0,25,-5000,12.5\n";
  core::Diagnostics diags;
  auto apps = parse_applications(text, "apps.csv", techniques, diags);
  ASSERT_TRUE(apps) << diags.to_string();
  ASSERT_EQ(apps->size(), 2u);
  EXPECT_EQ((*apps)[0].theme, model::SmeTheme::electrification);
  EXPECT_DOUBLE_EQ((*apps)[0].lifetime_yr, 20);  // T09's
  EXPECT_TRUE(std::isnan((*apps)[0].npv_without_aid_eur));
  EXPECT_EQ((*apps)[0].submitted_s, 1'713'776'400);  // 2024-04-22T09:00:00
  EXPECT_DOUBLE_EQ((*apps)[1].lifetime_yr, 25);
  EXPECT_DOUBLE_EQ((*apps)[1].npv_without_aid_eur, -5000);
  EXPECT_DOUBLE_EQ((*apps)[1].payback_without_aid_yr, 12.5);
  // Written back, the file reads the same.
  core::Diagnostics again;
  auto round_trip = parse_applications(applications_csv(*apps), "rt.csv", techniques, again);
  ASSERT_TRUE(round_trip) << again.to_string();
  EXPECT_EQ(applications_csv(*round_trip), applications_csv(*apps));
}

TEST(LoadApplications, EveryProblemNamesFileLineAndField) {
  const std::string text =
      kHeader +
      "A1,F1,small,food,T09,1,1000000,700,2024-04-22T09:00:00,24000,2000,,,\n"
      "A2,F2,tiny,food,T99,1,-5,700,2024-02-30T09:00:00,24000,2000,,,\n"
      "A1,F3,small,food,T09,1,1000000,700,2024-04-22T09:00,24000,2000,,,\n"
      "A4,F4,small,food,T09,1,1000000\n"
      "A5,F5,small,food,T09,1,1e6,700,22-04-2024,24000,2000,,,\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_applications(text, "bad.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "bad.csv:5: expected 14 fields as in the header, found 7\n"
            "bad.csv:3: field 'firm_size': expected one of small, medium, large, found \"tiny\"\n"
            "bad.csv:3: field 'technique_id': expected a technique_id of the technique catalogue, "
            "found \"T99\"\n"
            "bad.csv:3: field 'eligible_cost_eur': expected a number in EUR from 0 to 10000000000, "
            "found \"-5\"\n"
            "bad.csv:3: field 'submitted_at': expected a date-time YYYY-MM-DDTHH:MM:SS (or "
            "YYYY-MM-DD), found \"2024-02-30T09:00:00\"\n"
            "bad.csv:4: field 'application_id': expected an id used once (first used on line 2), "
            "found \"A1\"\n"
            "bad.csv:6: field 'submitted_at': expected a date-time YYYY-MM-DDTHH:MM:SS (or "
            "YYYY-MM-DD), found \"22-04-2024\"\n");
}

TEST(LoadApplications, UnknownAndMissingColumnsAreRefused) {
  core::Diagnostics diags;
  EXPECT_FALSE(parse_applications("application_id,firm_id,colour\nA1,F1,red\n", "cols.csv",
                                  catalogue(), diags));
  EXPECT_NE(diags.to_string().find("cols.csv:1: field 'colour': expected one of the columns"),
            std::string::npos)
      << diags.to_string();
  EXPECT_NE(diags.to_string().find("cols.csv:1: field 'technique_id': expected a required column"),
            std::string::npos)
      << diags.to_string();
}

TEST(LoadApplications, MissingFileIsADiagnostic) {
  core::Diagnostics diags;
  EXPECT_FALSE(load_applications("/nonexistent/apps.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(), "/nonexistent/apps.csv: no such file\n");
}

}  // namespace
}  // namespace decarbfund::data
