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
    "application_id,firm_id,employees,turnover_eur,balance_sheet_eur,firm_size,sector,technique_id,project_type,"
    "consortium_parties,consortium_smes,requested_grant_eur,units,eligible_cost_eur,"
    "claimed_reduction_t_per_yr,submitted_at,gas_saving_gj,electricity_delta_mwh,lifetime_yr,"
    "npv_without_aid_eur,payback_without_aid_yr\n";

TEST(LoadApplications, ReadsAGoodFileAndTakesTheTechniquesLifetime) {
  const auto techniques = catalogue();
  const std::string text = kHeader +
                           "A1,F1,20,3000000,2000000,small,food,T09,investment,,,,1,1000000,700,2024-04-22T09:00:00,24000,2000,,,\n"
                           "A2,F2,800,400000000,300000000,large,food,T12,investment,,,,2,1000000,180,2024-04-23,3333,0,25,-5000,12.5\n";
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
      "A1,F1,20,3000000,2000000,small,food,T09,investment,,,,1,1000000,700,2024-04-22T09:00:00,24000,2000,,,\n"
      "A2,F2,20,3000000,2000000,tiny,food,T99,investment,,,,1,-5,700,2024-02-30T09:00:00,24000,2000,,,\n"
      "A1,F3,20,3000000,2000000,small,food,T09,investment,,,,1,1000000,700,2024-04-22T09:00,24000,2000,,,\n"
      "A4,F4,20,3000000,2000000,small,food\n"
      "A5,F5,20,3000000,2000000,small,food,T09,investment,,,,1,1e6,700,22-04-2024,24000,2000,,,\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_applications(text, "bad.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "bad.csv:5: expected 21 fields as in the header, found 7\n"
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

TEST(LoadApplications, EveryRepeatOfAnIdNamesItsFirstLine) {
  // Duplicates are found by sorting, not hashing (issue 21): each repeat, in file order, still
  // names the line the id was first used on, and an id's third use is not compared to its second.
  const std::string row = ",F1,20,3000000,2000000,small,food,T09,investment,,,,1,1000000,700,2024-04-22T09:00:00,24000,2000,,,\n";
  const std::string text = kHeader + "B7" + row + "A1" + row + "B7" + row + "A1" + row + "B7" + row;
  core::Diagnostics diags;
  EXPECT_FALSE(parse_applications(text, "dup.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "dup.csv:4: field 'application_id': expected an id used once (first used on line 2), found \"B7\"\n"
            "dup.csv:5: field 'application_id': expected an id used once (first used on line 3), found \"A1\"\n"
            "dup.csv:6: field 'application_id': expected an id used once (first used on line 2), found \"B7\"\n");
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

TEST(LoadApplications, FirmSizeComesFromTheEuFigures) {
  // 2003/361/EC Annex I art. 2: 49 staff and EUR 10 m turnover is small; 120 staff with EUR 80 m
  // turnover but a EUR 43 m balance sheet is medium; 250 staff is large whatever the euros.
  const std::string text = kHeader +
                           "A1,F1,49,10000000,50000000,,food,T09,investment,,,,1,1e6,700,2024-04-22,24000,2000,,,\n"
                           "A2,F2,120,80000000,43000000,medium,food,T09,demonstration,,,,1,1e6,700,2024-04-22,24000,2000,,,\n"
                           "A3,F3,250,1000000,1000000,,food,T09,research,4,2,150000,1,1e6,700,2024-04-22,24000,2000,,,\n";
  core::Diagnostics diags;
  auto apps = parse_applications(text, "apps.csv", catalogue(), diags);
  ASSERT_TRUE(apps) << diags.to_string();
  EXPECT_EQ((*apps)[0].firm_size, model::FirmSize::small);
  EXPECT_EQ((*apps)[0].consortium_parties, 1);  // empty: the applicant alone
  EXPECT_EQ((*apps)[0].consortium_smes, 1);     // … an SME
  EXPECT_TRUE(std::isnan((*apps)[0].requested_grant_eur));
  EXPECT_EQ((*apps)[1].firm_size, model::FirmSize::medium);
  EXPECT_EQ((*apps)[1].project_type, model::ProjectType::demonstration);
  EXPECT_EQ((*apps)[2].firm_size, model::FirmSize::large);
  EXPECT_EQ((*apps)[2].consortium_parties, 4);
  EXPECT_EQ((*apps)[2].consortium_smes, 2);
  EXPECT_DOUBLE_EQ((*apps)[2].requested_grant_eur, 150'000);
}

TEST(LoadApplications, BadFirmFiguresAndConsortiaNameLineAndField) {
  const std::string text = kHeader +
                           "A1,F1,,3000000,2000000,,food,T09,investment,,,,1,1e6,700,2024-04-22,24000,2000,,,\n"
                           "A2,F2,300,3000000,2000000,small,food,T09,investment,,,,1,1e6,700,2024-04-22,24000,2000,,,\n"
                           "A3,F3,20,-1,2000000,,food,T09,study,3,4,,1,1e6,700,2024-04-22,24000,2000,,,\n"
                           "A4,F4,20,3000000,2000000,,food,T09,research,0,0,,1,1e6,700,2024-04-22,24000,2000,,,\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_applications(text, "bad.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "bad.csv:2: field 'employees': expected a number in AWU, found nothing\n"
            "bad.csv:3: field 'firm_size': expected large as the EU SME definition gives for 300 staff, turnover "
            "EUR 3000000, balance sheet EUR 2000000 (or an empty firm_size), found \"small\"\n"
            "bad.csv:4: field 'turnover_eur': expected a number in EUR from 0 to 10000000000000, found \"-1\"\n"
            "bad.csv:4: field 'project_type': expected one of investment, pilot, demonstration, research, found "
            "\"study\"\n"
            "bad.csv:4: field 'consortium_smes': expected at most consortium_parties (3) SMEs, found \"4\"\n"
            "bad.csv:5: field 'consortium_parties': expected a whole number from 1 to 1000, found \"0\"\n");
}

TEST(LoadApplications, AnOldFileWithoutFirmFiguresSaysWhatToAdd) {
  const std::string old =
      "application_id,firm_id,firm_size,sector,technique_id,units,eligible_cost_eur,claimed_reduction_t_per_yr,"
      "submitted_at,gas_saving_gj,electricity_delta_mwh,lifetime_yr,npv_without_aid_eur,payback_without_aid_yr\n"
      "A1,F1,small,food,T09,1,1000000,700,2024-04-22T09:00:00,24000,2000,,,\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_applications(old, "old.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "old.csv:1: field 'employees': expected a required column, found none\n"
            "old.csv:1: field 'turnover_eur': expected a required column, found none\n"
            "old.csv:1: field 'balance_sheet_eur': expected a required column, found none\n"
            "old.csv:1: field 'project_type': expected a required column, found none\n"
            "old.csv:1: warning: field 'employees': expected the columns employees, turnover_eur and "
            "balance_sheet_eur (and project_type), found none (firm_size is now derived from them by the EU SME "
            "definition; docs/sme.md \"Application file\")\n");
}

TEST(LoadApplications, MissingFileIsADiagnostic) {
  core::Diagnostics diags;
  EXPECT_FALSE(load_applications("/nonexistent/apps.csv", catalogue(), diags));
  EXPECT_EQ(diags.to_string(), "/nonexistent/apps.csv: no such file\n");
}

}  // namespace
}  // namespace decarbfund::data
