// `decarbfund compare A B` (issue 19): the scenarios' outlooks side by side, printed and written
// as JSON, HTML and XLSX; each scenario's numbers are its own outlook's.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace decarbfund::test {
namespace {

namespace fs = std::filesystem;

nlohmann::json outlook(const std::string& scenario) {
  const auto r = run_cli("outlook --scenario " + scenario + " --json -");
  EXPECT_EQ(r.status, 0);
  return nlohmann::json::parse(r.out);
}

TEST(CompareCli, PrintsAndWritesTheComparison) {
  const fs::path dir = fs::path(::testing::TempDir()) / "compare-cli";
  fs::create_directories(dir);
  const auto r = run_cli("compare scenarios/coalition-2023.yaml scenarios/belastingplan-2026.yaml --json " +
                         (dir / "c.json").string() + " --html " + (dir / "c.html").string() + " --xlsx " +
                         (dir / "c.xlsx").string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("decarbfund compare — dataset nl"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("coalition-2023"), std::string::npos);
  EXPECT_NE(r.out.find("B − A"), std::string::npos);
  EXPECT_NE(r.out.find("Levy revenue net of refunds"), std::string::npos);
  EXPECT_NE(r.out.find("Tata Steel Nederland"), std::string::npos);
  EXPECT_NE(r.out.find("wrote " + (dir / "c.xlsx").string()), std::string::npos);
  const auto j = nlohmann::json::parse(std::ifstream(dir / "c.json"));
  EXPECT_EQ(j["meta"]["scenarios"], nlohmann::json({"coalition-2023", "belastingplan-2026"}));
  // Each side is that scenario's own outlook.
  const auto a = outlook("scenarios/coalition-2023.yaml");
  const auto b = outlook("scenarios/belastingplan-2026.yaml");
  EXPECT_EQ(j["target"][0]["achieved_mt"], a["achieved_mt"]);
  EXPECT_EQ(j["target"][1]["levy_mt"], b["legs"]["levy_mt"]);
  EXPECT_EQ(j["emissions_t_by_year"]["belastingplan-2026"], b["emissions_t_by_year"]);
  EXPECT_EQ(j["levy_revenue_eur_by_year"]["coalition-2023"], a["levy_revenue_eur_by_year"]);
  std::ifstream html(dir / "c.html");
  const std::string page((std::istreambuf_iterator<char>(html)), std::istreambuf_iterator<char>());
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("reference (coalition-2023)"), std::string::npos);  // overlaid paths, with the reference
  EXPECT_GT(fs::file_size(dir / "c.xlsx"), 2000u);
}

TEST(CompareCli, NeedsTwoScenarios) {
  const auto r = run_cli("compare coalition-2023", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("expected two or more scenarios to compare, found 1"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace decarbfund::test
