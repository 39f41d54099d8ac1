// The Monte Carlo reports: bit-identical JSON for 1, 2 and 4 threads (DESIGN §5), and the keys and
// charts the docs promise.

#include "report/montecarlo_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::report {
namespace {

using test::levy_scenario;
using test::tiny;

TEST(MonteCarloReport, JsonIsBitIdenticalForOneTwoAndFourThreads) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  const auto s = levy_scenario(300.0, 0.5, "tight");
  analysis::MonteCarloOptions opt;
  opt.draws = 150;
  opt.seed = 11;
  const auto setup = analysis::prepare_montecarlo(tiny(), s, reference, nullptr, opt);
  std::string first;
  for (unsigned threads : {1u, 2u, 4u}) {
    const auto r = analysis::summarise_montecarlo(setup, analysis::run_draws(setup, 0, opt.draws, threads), threads);
    const auto json = montecarlo_json(tiny(), r);
    if (first.empty()) {
      first = json;
    } else {
      EXPECT_EQ(json, first) << threads << " threads";
    }
  }
  const auto j = nlohmann::json::parse(first);
  EXPECT_EQ(j["meta"]["seed"], 11);
  EXPECT_EQ(j["meta"]["draws"], 150);
  EXPECT_EQ(j["meta"]["policy_version"], "tight");
  for (const char* key : {"total", "levy_leg", "package_leg"}) {
    EXPECT_GE(j["p_target_met"][key].get<double>(), 0.0);
    EXPECT_LE(j["p_target_met"][key].get<double>(), 1.0);
  }
  EXPECT_EQ(j["emissions_t"]["years"].size(), 11u);  // 2020 … 2030
  EXPECT_LE(j["achieved_t"]["p5"].get<double>(), j["achieved_t"]["p95"].get<double>());
  EXPECT_FALSE(j["sensitivity"]["tornado"]["bars"].empty());
  EXPECT_EQ(j["sensitivity"]["rank_correlation"]["inputs"].size(), j["uncertain_inputs"].size());
}

TEST(MonteCarloReport, HtmlHasFanChartAndTornado) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  const auto s = levy_scenario(300.0, 0.5, "tight");
  analysis::MonteCarloOptions opt;
  opt.draws = 40;
  const auto setup = analysis::prepare_montecarlo(tiny(), s, reference, nullptr, opt);
  const auto r = analysis::summarise_montecarlo(setup, analysis::run_draws(setup, 0, opt.draws, 2), 2);
  const auto html = montecarlo_html(tiny(), r);
  EXPECT_NE(html.find("<polygon"), std::string::npos) << "fan chart bands";
  EXPECT_NE(html.find("P5–P95"), std::string::npos);
  EXPECT_NE(html.find("input high (P90)"), std::string::npos) << "tornado bars";
  EXPECT_EQ(html.find("<script"), std::string::npos) << "self-contained, no script";
  const auto text = montecarlo_text(tiny(), r);
  EXPECT_NE(text.find("P(met)"), std::string::npos);
}

}  // namespace
}  // namespace decarbfund::report
