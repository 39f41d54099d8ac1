// The Monte Carlo reports: bit-identical JSON for 1, 2 and 4 threads (DESIGN §5), and the keys and
// charts the docs promise.

#include "report/montecarlo_report.hpp"

#include <tuple>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/tiny_fixture.hpp"
#include "report/html_page.hpp"

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

/// A run of 40 draws on the tiny fixture ("tight" levy against a reference without the package);
/// the setup lives as long as the test binary, as the result points at it.
analysis::MonteCarloResult small_run() {
  static const analysis::MonteCarloSetup setup = [] {
    auto reference = levy_scenario(0.0, 2.0, "reference");
    reference.package_enabled = false;
    analysis::MonteCarloOptions opt;
    opt.draws = 40;
    return analysis::prepare_montecarlo(tiny(), levy_scenario(300.0, 0.5, "tight"), reference, nullptr, opt);
  }();
  return analysis::summarise_montecarlo(setup, analysis::run_draws(setup, 0, 40, 2), 2);
}

TEST(MonteCarloReport, SaysHowManyInputsTheTornadoRanAndListsTheOthers) {
  // --tornado-top (issue 21): inputs beyond the top N by |rho| are named as not run, never dropped;
  // with every input run the document keeps its keys (and bytes) as before.
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  analysis::MonteCarloOptions opt;
  opt.draws = 40;
  opt.tornado_top = 2;
  const auto setup = analysis::prepare_montecarlo(tiny(), levy_scenario(300.0, 0.5, "tight"), reference, nullptr, opt);
  const auto n = setup.inputs.size();
  ASSERT_GT(n, 2u);
  const auto r = analysis::summarise_montecarlo(setup, analysis::run_draws(setup, 0, 40, 2), 2);
  const auto j = nlohmann::json::parse(montecarlo_json(tiny(), r));
  const auto& t = j["sensitivity"]["tornado"];
  EXPECT_EQ(t["bars"].size(), 2u);
  EXPECT_EQ(t["inputs_run"], 2);
  ASSERT_EQ(t["not_run"].size(), n - 2);
  EXPECT_EQ(t["not_run"][0], j["sensitivity"]["rank_correlation"]["inputs"][2]["input"]);
  EXPECT_EQ(t["selection"], "the 2 inputs with the largest |rho| in rank_correlation, of " + std::to_string(n) +
                                " (--tornado-top 2; 0 runs every input)");
  EXPECT_NE(montecarlo_text(tiny(), r).find("  (2 of " + std::to_string(n) +
                                            " inputs run: those with the largest |rank correlation|, --tornado-top 2; " +
                                            std::to_string(n - 2) + " not run, listed in the JSON)\n"),
            std::string::npos);
  EXPECT_NE(montecarlo_html(tiny(), r, Lang::en).find("The tornado ran 2 of " + std::to_string(n) + " inputs"),
            std::string::npos);
  const auto all = nlohmann::json::parse(montecarlo_json(tiny(), small_run()));
  EXPECT_FALSE(all["sensitivity"]["tornado"].contains("not_run"));
  EXPECT_FALSE(all["sensitivity"]["tornado"].contains("selection"));
}

TEST(MonteCarloReport, HtmlHasFanChartAndTornado) {
  const auto r = small_run();
  const auto html = montecarlo_html(tiny(), r);
  EXPECT_NE(html.find("<polygon"), std::string::npos) << "fan chart bands";
  EXPECT_NE(html.find("P5–P95"), std::string::npos);
  EXPECT_NE(html.find("input at its P90 (a deal: delivers)"), std::string::npos) << "tornado bars";
  EXPECT_EQ(html.find("<script"), std::string::npos) << "self-contained, no script";
  const auto text = montecarlo_text(tiny(), r);
  EXPECT_NE(text.find("P(met)"), std::string::npos);
}

TEST(MonteCarloReport, HeadlineAndTableRoundTheChanceAlike) {
  // Issue 20: the headline said "P(target met) 0 %" while its table said 0.2 %.
  auto r = small_run();
  r.p_total = 0.002;
  r.p_levy_leg = 0.0004;
  for (const auto& [lang, total, levy] :
       {std::tuple{Lang::en, "0.2 %", "< 0.1 %"}, std::tuple{Lang::nl, "0,2 %", "< 0,1 %"}}) {
    const auto html = montecarlo_html(tiny(), r, lang);
    EXPECT_NE(html.find(std::string("<span class=p>") + total + "</span>"), std::string::npos) << html;
    EXPECT_NE(html.find(std::string("<td>") + total + "</td></tr>"), std::string::npos) << "the table's total row";
    EXPECT_NE(html.find("&lt; " + std::string(levy).substr(2)), std::string::npos) << "below 0.1 % says so";
  }
}

TEST(MonteCarloReport, TornadoNamesItsSidesAndKeepsLongNamesWhole) {
  // Issue 20: the tornado did not say which side is P10 and which P90, and cut input names
  // ("X-TATA-DRP-EAF (Tata Steel Europe Ltd.) (y").
  const std::string name = "permit delay of X-TATA-DRP-EAF (Tata Steel Europe Ltd.) (years)";
  const auto svg = svg_tornado({{name, 1.0, 3.0}, {"price path ets_eur_per_t (multiplier)", 0.5, 2.5}}, 2.0, "Mt achieved",
                               Localizer(Lang::en), "tornado");
  EXPECT_NE(svg.find("input at its P10 (a deal: falls through)</text>"), std::string::npos) << "legend, P10 side";
  EXPECT_NE(svg.find("input at its P90 (a deal: delivers)</text>"), std::string::npos) << "legend, P90 side";
  EXPECT_NE(svg.find("#d9822b"), std::string::npos);
  EXPECT_NE(svg.find("#4a6fa5"), std::string::npos);
  EXPECT_NE(svg.find("<title>" + html_escape(name) + "</title>"), std::string::npos) << "the whole name";
  EXPECT_NE(svg.find("(years)"), std::string::npos) << "the unit is not cut off";
  EXPECT_EQ(svg.find("…"), std::string::npos);
  EXPECT_NE(svg.find(R"(role="img" aria-label="tornado")"), std::string::npos);
}

}  // namespace
}  // namespace decarbfund::report
