// `decarbfund hindcast` as a user runs it: the JSON document's keys, the HTML page, the outlook's
// header line, and a bad scenario refused.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace decarbfund::test {
namespace {

TEST(HindcastCli, JsonOnStdoutHasYearsChecksSitesAndProvenance) {
  const auto r = run_cli("hindcast --json -");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"meta", "years", "checks", "largest_sites", "sectors", "clusters"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["meta"]["dataset"], "nl");
  EXPECT_EQ(j["meta"]["scenario"], "belastingplan-2026");
  EXPECT_EQ(j["meta"]["decision_from_year"], 2021);
  EXPECT_TRUE(j["meta"].contains("seed"));
  EXPECT_TRUE(j["meta"].contains("price_year"));
  int compared = 0;
  for (const auto& y : j["years"]) {
    if (!y["published_t"].is_null()) {
      ++compared;
      EXPECT_LE(std::abs(y["model_error"].get<double>()), 0.03) << y["year"];
    }
  }
  EXPECT_EQ(compared, 4);  // 2021–2024
  EXPECT_EQ(j["largest_sites"].size(), 20u);
}

TEST(HindcastCli, HtmlIsWrittenInDutch) {
  const std::string out = ::testing::TempDir() + "hindcast.html";
  const auto r = run_cli("hindcast --quiet --lang nl --html " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  std::ifstream in(out);
  const std::string html((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(html.find("<html lang=\"nl\""), std::string::npos);
  EXPECT_NE(html.find("Terugblik"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

TEST(HindcastCli, TheOutlookHeaderSaysHowWellTheLastPublishedYearWasReproduced) {
  const auto r = run_cli("outlook");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("hindcast: NEa industry 2024 published 37.00 Mt, model "), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(run_cli("outlook --json -").out);
  EXPECT_EQ(j["meta"]["hindcast"]["year"], 2024);
  EXPECT_LE(std::abs(j["meta"]["hindcast"]["error"].get<double>()), 0.03);
}

TEST(HindcastCli, AMissingScenarioIsABadInputAndWritesNothing) {
  const std::string out = ::testing::TempDir() + "hindcast-bad.json";
  std::filesystem::remove(out);
  const auto r = run_cli("hindcast --scenario no-such-file.yaml --json " + out, true);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("no-such-file"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace decarbfund::test
