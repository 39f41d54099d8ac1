// The package levers in the outlook reports (docs/outlook.md): the JSON's meta.package_levers
// block and per-deal funded / phase_in_file fields, the text and HTML header line — and none of
// them when the scenario sets no lever, so such documents read as before.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analysis/outlook.hpp"
#include "fixtures/tiny_fixture.hpp"
#include "report/outlook_report.hpp"

namespace decarbfund::report {
namespace {

using json = nlohmann::json;

using test::tiny;

model::Scenario scenario() {
  auto s = test::tiny_scenario();
  s.file = "test.yaml";
  return s;
}

/// O6 (Oil B's announced project) as a deal at JLoI with EUR 50 M maximum support.
model::DealBook book() {
  auto d = test::oil_b_deal(model::DealPhase::jloi, 50e6);
  d.committed_reduction_t[2028] = 30'000;
  auto b = test::single_deal_book(d);
  b.phases.probability[static_cast<std::size_t>(model::DealPhase::jloi)] = 0.5;
  b.phases.probability[static_cast<std::size_t>(model::DealPhase::binding)] = 0.8;
  return b;
}

TEST(OutlookLevers, NoLeverNoNewKeys) {
  const auto deals = book();
  const auto o = analysis::run_outlook(tiny(), scenario(), scenario(), &deals);
  const auto text = outlook_json(tiny(), o);
  EXPECT_EQ(text.find("package_levers"), std::string::npos);
  EXPECT_EQ(text.find("\"funded\""), std::string::npos);
  EXPECT_EQ(text.find("phase_in_file"), std::string::npos);
  EXPECT_EQ(package_levers_text(o.levers), "");
  EXPECT_EQ(outlook_text(tiny(), o).find("package levers"), std::string::npos);
}

TEST(OutlookLevers, HeaderAndDealLinesSayWhatTheLeversDid) {
  const auto deals = book();
  auto s = scenario();
  s.deal_phase["oil-b"] = {model::DealPhase::binding, "test.yaml", 3};
  s.deal_budget_eur = 10e6;  // below the deal's 50 M
  s.sme_budget_eur = 1e8;
  const auto o = analysis::run_outlook(tiny(), s, scenario(), &deals);
  const auto j = json::parse(outlook_json(tiny(), o));
  EXPECT_EQ(j["meta"]["package_levers"], json::parse(R"({
    "deal_phase": {"oil-b": {"phase": "binding", "phase_in_file": "jloi"}},
    "deal_budget_eur": 10000000.0, "deal_max_support_funded_eur": 0.0, "deals_not_funded": ["oil-b"],
    "sme_budget_eur": 100000000.0})"));
  json line;
  for (const auto& c : j["package_credits"]) {
    if (c.contains("deal") && c["deal"] == "oil-b") {
      line = c;
    }
  }
  EXPECT_EQ(line["phase"], "binding");
  EXPECT_EQ(line["phase_in_file"], "jloi");
  EXPECT_EQ(line["funded"], false);
  EXPECT_EQ(line["not_funded"], "budget");
  EXPECT_EQ(line["reduction_t"], 0.0);
  EXPECT_EQ(line["support_eur"], 0.0);
  EXPECT_EQ(line["instrument"], "maatwerk deal: Oil B (binding; file: jloi), not funded (budget)");
  const std::string header =
      "package levers: deal phase oil-b binding (file: jloi); deal budget EUR 10.0 m (committed 0.0 m; "
      "not funded: oil-b); SME round budget EUR 100.0 m";
  EXPECT_EQ(package_levers_text(o.levers), header);
  EXPECT_NE(outlook_text(tiny(), o).find("\n" + header + "\n"), std::string::npos);
  EXPECT_NE(outlook_html(tiny(), o).find("<p><small>" + header + "</small></p>"), std::string::npos);
}

}  // namespace
}  // namespace decarbfund::report
