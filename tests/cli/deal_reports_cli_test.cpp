// `decarbfund deal assess --html/--xlsx` as a committee secretary runs it on a shipped deal
// (Yara's EUR 30 m CCS grant): the page and the workbook hold the numbers of the JSON document of
// the same run; the page is self-contained; two runs give the same bytes; the deal's own effect is
// the outlook's line in every format; a missing directory is exit 2 naming the file, with no file
// of the run left.

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"
#include "report/localizer.hpp"
#include "report/xlsx_reader.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

test::Run run(const std::string& args) { return test::run_cli(args, true); }

const std::string kYara = "deal assess data/nl/deals/yara.yaml";

TEST(DealReportsCli, PageAndWorkbookHoldTheJsonNumbers) {
  const std::string dir = ::testing::TempDir();
  // With --json -, stdout stays the document alone (no "wrote" line), so it parses.
  const auto a = test::run_cli(kYara + " --json - --html " + dir + "/yara1.html --xlsx " + dir + "/yara1.xlsx");
  ASSERT_EQ(a.status, 0) << a.out;
  const auto j = nlohmann::json::parse(a.out);
  const auto b = run(kYara + " --html " + dir + "/yara2.html --xlsx " + dir + "/yara2.xlsx");
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_NE(b.out.find("wrote " + dir + "/yara2.html\n"), std::string::npos) << b.out;
  const auto html = core::read_file(dir + "/yara1.html");
  const report::Localizer en(report::Lang::en);  // the page writes numbers as English does: 800,000
  EXPECT_EQ(html, core::read_file(dir + "/yara2.html"));
  const auto bytes = core::read_file(dir + "/yara1.xlsx");
  EXPECT_EQ(bytes, core::read_file(dir + "/yara2.xlsx"));

  // EUR 30 m over 0.8 Mt/yr × 15 years = 12 Mt: EUR 2.50 per tonne over the lifetime.
  const double lifetime = j["eur_per_t_lifetime"].get<double>();
  EXPECT_NEAR(lifetime, 2.5, 1e-4);  // 800001 t/yr modelled against 800000 stated
  const int target = j["target_year"].get<int>();
  const double additional = j["additional_t_by_year"][std::to_string(target)].get<double>();
  ASSERT_GT(additional, 0);
  ASSERT_FALSE(j["flags"].empty());

  // The page: self-contained, the deal, the same numbers, each flag with what it means.
  for (const char* remote : {"src=\"http", "href=\"http", "url(http", "<script", "@import"}) {
    EXPECT_EQ(html.find(remote), std::string::npos) << remote;
  }
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<h1>Deal assessment: Yara Sluiskil (yara)</h1>"), std::string::npos);
  EXPECT_NE(html.find("<td class=l>early_support</td>"), std::string::npos);
  EXPECT_NE(html.find("M017 (Yara Sluiskil BKG 1), M018"), std::string::npos);
  EXPECT_NE(html.find("<td>support per t over the lifetime</td><td>2.50</td><td class=l>EUR/t</td>"), std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>additional reduction in {}</td><td>{}</td>", target, en.num(additional, 0))),
            std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>support (maximum)</td><td>{:.1f}</td>", j["support_eur"].get<double>() / 1e6)),
            std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>funding gap</td><td>{:.1f}</td>", j["funding_gap_eur"].get<double>() / 1e6)),
            std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>infrastructure-dependent share</td><td>{:.1f}</td>",
                                  100 * j["infrastructure_dependent_share"].get<double>())),
            std::string::npos);
  const auto& ratio = j["aid_to_gap_ratio"];
  EXPECT_NE(html.find(fmt::format("<td>aid-to-gap ratio</td><td>{}</td>",
                                  ratio.is_null() ? std::string("n/a (no gap)") : fmt::format("{:.2f}", ratio.get<double>()))),
            std::string::npos);
  for (const auto& f : j["flags"]) {
    const auto code = f.get<std::string>();
    const std::string cell = "<td class=flag>" + code + "</td><td class=l>";
    const auto at = html.find(cell);
    ASSERT_NE(at, std::string::npos) << code;
    EXPECT_NE(html[at + cell.size()], '<') << code << ": no explanation";
  }
  // The chart's and the table's rows: the target year with the projects' and additional tonnes.
  EXPECT_NE(html.find(fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>800,000</td></tr>", target,
                                  en.num(j["reduction_t_by_year"][std::to_string(target)].get<double>(), 0), en.num(additional, 0))),
            std::string::npos);
  EXPECT_NE(html.find("committed</text>"), std::string::npos);  // the file's commitment is a series
  EXPECT_NE(html.find("policy_version belastingplan-2026"), std::string::npos);
  EXPECT_NE(html.find("dataset nl"), std::string::npos);

  // The workbook: sheets, units in the headers, values equal to the JSON's.
  const test::Xlsx x(bytes);
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"summary", "tonnes_by_year", "projects", "infrastructure", "flags",
                                                "notes", "about"}));
  EXPECT_EQ(x.at("summary", "C1"), "unit");
  const auto summary_row = [&x](const char* item) { return std::to_string(x.row_of("summary", item)); };
  EXPECT_DOUBLE_EQ(x.number("summary", "B" + summary_row("eur_per_t_lifetime")), lifetime);
  EXPECT_EQ(x.at("summary", "C" + summary_row("eur_per_t_lifetime")), "EUR/t");
  for (const char* key : {"support_eur", "eur_per_t_target_year", "funding_gap_eur", "npv_without_support_eur",
                          "lifetime_t", "infrastructure_dependent_share", "committed_target_year_t"}) {
    EXPECT_DOUBLE_EQ(x.number("summary", "B" + summary_row(key)), j[key].get<double>()) << key;
  }
  if (ratio.is_null()) {
    EXPECT_EQ(x.at("summary", "B" + summary_row("aid_to_gap_ratio")), "");
  } else {
    EXPECT_DOUBLE_EQ(x.number("summary", "B" + summary_row("aid_to_gap_ratio")), ratio.get<double>());
  }
  EXPECT_EQ(x.at("summary", "B" + summary_row("phase")), "early_support");
  EXPECT_EQ(x.at("tonnes_by_year", "C1"), "additional (t CO2/yr)");
  const std::string tr = std::to_string(x.row_of("tonnes_by_year", std::to_string(target)));
  ASSERT_NE(tr, "0");
  EXPECT_DOUBLE_EQ(x.number("tonnes_by_year", "C" + tr), additional);
  EXPECT_DOUBLE_EQ(x.number("tonnes_by_year", "D" + tr), 800000);
  EXPECT_EQ(x.at("flags", "A" + std::to_string(j["flags"].size() + 1)), j["flags"].back().get<std::string>());
  EXPECT_EQ(x.at("flags", "A" + std::to_string(j["flags"].size() + 2)), "");
  EXPECT_FALSE(x.at("flags", "B2").empty());
  EXPECT_EQ(x.at("projects", "A2"), j["options"][0]["option"].get<std::string>());
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "policy_version"))), "belastingplan-2026");
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "deal_file"))), "data/nl/deals/yara.yaml");
}

TEST(DealReportsCli, OwnEffectIsTheOutlooksDealLineInEveryFormat) {
  // Issue 14 §3: `deal assess` shows the deal's own effect — leave one out, add one in, the
  // interaction that remains, expected tonnes, support per tonne — as the outlook's line of the
  // same deal (same scenario, reference and deal book) has it. Royal Cosun: its options' 61 kt
  // in 2030 are more than its own effect of 40 kt (the rest others would have made).
  const std::string dir = ::testing::TempDir();
  const auto a = test::run_cli("deal assess data/nl/deals/cosun.yaml --json - --html " + dir + "/cosun.html --xlsx " +
                               dir + "/cosun.xlsx");
  ASSERT_EQ(a.status, 0) << a.out;
  const auto e = nlohmann::json::parse(a.out)["own_effect"];
  const auto o = test::run_cli("outlook --quiet --no-sme --json -");
  ASSERT_EQ(o.status, 0);
  const auto outlook = nlohmann::json::parse(o.out);
  nlohmann::json line;
  for (const auto& c : outlook["package_credits"]) {
    if (c.value("deal", "") == "cosun") {
      line = c;
    }
  }
  ASSERT_FALSE(line.is_null());
  EXPECT_EQ(e["reference_scenario"], "klimaatakkoord");
  EXPECT_EQ(e["other_deals"], 11);
  EXPECT_EQ(e["leave_one_out_t"], line["leave_one_out_t"]);
  EXPECT_EQ(e["add_one_in_t"], line["add_one_in_t"]);
  EXPECT_EQ(e["own_t"], line["reduction_t"]);
  EXPECT_EQ(e["expected_t"], line["expected_t"]);
  EXPECT_EQ(e["support_eur_per_t_own_effect"], line["support_eur_per_t_own_effect"]);
  const double loo = e["leave_one_out_t"].get<double>();
  EXPECT_GT(loo, 30'000);
  EXPECT_NEAR(e["interaction_t"].get<double>(), e["own_t"].get<double>() - loo, 1e-6);
  EXPECT_GT(e["interaction_t"].get<double>(), 10'000);

  // Text, page and workbook show the same figures.
  const auto text = run("deal assess data/nl/deals/cosun.yaml");
  EXPECT_NE(text.out.find(fmt::format("  {:<58} {:>7.3f}\n", "leave one out: emissions higher without it", loo / 1e6)),
            std::string::npos)
      << text.out;
  const report::Localizer en(report::Lang::en);
  const auto html = core::read_file(dir + "/cosun.html");
  EXPECT_NE(html.find(fmt::format("<td>leave one out: emissions higher without it</td><td>{}</td>", en.num(loo, 0))),
            std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>add one in: below the levy-only run as the only deal</td><td>{}</td>",
                                  en.num(e["add_one_in_t"].get<double>(), 0))),
            std::string::npos);
  const test::Xlsx x(core::read_file(dir + "/cosun.xlsx"));
  for (const char* key : {"own_t", "leave_one_out_t", "add_one_in_t", "interaction_t", "expected_t"}) {
    const auto row = x.row_of("summary", std::string("own_effect.") + key);
    ASSERT_GT(row, 0) << key;
    EXPECT_DOUBLE_EQ(x.number("summary", "B" + std::to_string(row)), e[key].get<double>()) << key;
  }

  // Without other deals (no phase table) it is not computed, and each format says so.
  const auto none = test::run_cli("deal assess data/nl/deals/cosun.yaml --no-deals --json -");
  ASSERT_EQ(none.status, 0);
  EXPECT_TRUE(nlohmann::json::parse(none.out)["own_effect"].is_null());
  EXPECT_NE(run("deal assess data/nl/deals/cosun.yaml --no-deals").out.find("Own effect in 2030: not computed"),
            std::string::npos);
}

TEST(DealReportsCli, MissingDirectoryIsExitTwoAndLeavesNoFile) {
  const std::string dir = ::testing::TempDir() + "/deal-bad";
  fs::create_directories(dir);
  const auto r = run(kYara + " --html " + dir + "/ok.html --xlsx /nonexistent-dir/d.xlsx");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-dir/d.xlsx"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace
}  // namespace decarbfund
