// Every HTML report in Dutch and English (issue 20), on the shipped dataset: no English label
// left in the Dutch outlook, and the chart defects the issue lists, each on the rendered SVG.

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analysis/deal_assessment.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_scenario.hpp"
#include "report/data_labels.hpp"
#include "report/deal_html.hpp"
#include "report/outlook_report.hpp"
#include "report/string_table.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {
namespace {

namespace fs = std::filesystem;

fs::path source(const char* rel) { return fs::path(DECARBFUND_SOURCE_DIR) / rel; }

const model::Model& nl_model() {
  static const model::Model m = data::load_dataset_or_throw(source("data/nl"));
  return m;
}

/// The outlook `decarbfund outlook` prints: Belastingplan 2026 with the deals and an SME line.
const analysis::Outlook& outlook() {
  static const analysis::Outlook o = [] {
    const auto& model = nl_model();
    const auto s = data::load_scenario_or_throw(source("scenarios/belastingplan-2026.yaml"));
    const auto r = data::load_scenario_or_throw(source("scenarios/klimaatakkoord.yaml"));
    static const auto deals = data::load_deal_book_or_throw(model, source("data/nl/deals"));
    analysis::SmeInput sme;
    sme.label = "veki-2024 (5000 generated firms, seed 20261128)";
    sme.reduction_t_by_year.assign(static_cast<std::size_t>(s.end_year - s.start_year + 1), 100000.0);
    sme.budget_used_eur = 130e6;
    return analysis::run_outlook(model, s, r, &deals, &sme);
  }();
  return o;
}

/// The text of a page as a reader sees it: tags dropped, the few entities we write decoded.
std::string visible_text(const std::string& html) {
  std::string s = std::regex_replace(html, std::regex("<[^>]*>"), " ");
  for (const auto& [entity, c] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
    for (auto at = s.find(entity); at != std::string::npos; at = s.find(entity, at + 1)) {
      s.replace(at, std::string(entity).size(), c);
    }
  }
  return s;
}

/// The outlook page's label list: the English texts of the keys it draws on, split at their
/// placeholders, where Dutch says something else.
std::vector<std::string> outlook_labels() {
  const Localizer nl(Lang::nl);
  std::vector<std::string> labels;
  for (const auto& e : strings_en()) {
    const std::string key(e.key);
    const bool used = key.starts_with("outlook.") || key.starts_with("common.") || key.starts_with("unit.") ||
                      key.starts_with("levers.") || key.starts_with("phrase.");
    if (!used || nl(key) == e.text) {
      continue;
    }
    const std::string text(e.text);
    std::size_t from = 0;
    while (from <= text.size()) {
      const auto to = std::min(text.find("{}", from), text.size());
      std::string part = text.substr(from, to - from);
      part = std::regex_replace(part, std::regex("^[\\s(:;,·.]+|[\\s):;,·.]+$"), "");
      // Fragments of a few letters ("Mt", "of") say nothing a Dutch page could not also hold.
      if (part.size() >= 5 && nl(key).find(part) == std::string::npos) {
        labels.push_back(part);
      }
      from = to + 2;
    }
  }
  return labels;
}

TEST(ReportLanguages, DutchOutlookHasNoEnglishLabelLeft) {
  const auto html = outlook_html(nl_model(), outlook(), Lang::nl);
  EXPECT_NE(html.find(R"(<html lang="nl">)"), std::string::npos);
  const auto text = visible_text(html);
  const auto labels = outlook_labels();
  EXPECT_GT(labels.size(), 60u);
  for (const auto& label : labels) {
    EXPECT_EQ(text.find(label), std::string::npos) << "English left in the Dutch outlook: \"" << label << "\"";
  }
  // Domain terms as the Dutch sources use them.
  for (const char* term : {"heffing", "dispensatierechten", "maatwerkafspraak", "perceel"}) {
    EXPECT_NE(text.find(term), std::string::npos) << term;
  }
  // Numbers as Dutch writes them: the 5.9 Mt target and Tata Steel's EUR 2,000 m.
  EXPECT_NE(html.find("<th>5,90</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>2.000,0</td>"), std::string::npos);
}

TEST(ReportLanguages, EnglishOutlookSaysTheSameInEnglish) {
  const auto html = outlook_html(nl_model(), outlook(), Lang::en);
  EXPECT_NE(html.find(R"(<html lang="en">)"), std::string::npos);
  EXPECT_NE(html.find("<h2>Emissions path against the target</h2>"), std::string::npos);
  EXPECT_NE(html.find("<th>5.90</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>2,000.0</td>"), std::string::npos);
}

TEST(ReportLanguages, WaterfallHasNoZeroBarsAndWholeLabels) {
  // Issue 20: the outlook waterfall cut its labels and showed ten "−0.00" bars.
  for (const Lang lang : {Lang::en, Lang::nl}) {
    const auto html = outlook_html(nl_model(), outlook(), lang);
    const auto start =
        html.find("<svg", html.find(lang == Lang::en ? "From reference to achieved" : "Van referentie naar"));
    const auto svg = html.substr(start, html.find("</svg>", start) - start);
    for (const char* zero : {"-0.00", "+0.00", "−0.00", "-0,00", "+0,00", ">0.00<", ">0,00<"}) {
      EXPECT_EQ(svg.find(zero), std::string::npos) << zero;
    }
    EXPECT_EQ(svg.find("…"), std::string::npos) << "no label is cut";
    EXPECT_NE(visible_text(svg).find("Tata Steel Nederland (jloi)"), std::string::npos);
    EXPECT_NE(html.find(lang == Lang::en ? "package lines of under 0.005 Mt" : "pakketregels van elk minder dan 0,005 Mt"),
              std::string::npos)
        << "the lines left out are named";
  }
}

TEST(ReportLanguages, ShortAxesLabelEveryYear) {
  // Issue 20: the optimiser's charts had a single x-axis label ("2025").
  const Localizer en(Lang::en);
  const auto line =
      svg_line_chart({{"cash", "#000", {2024, 2025, 2026, 2027, 2028, 2029}, {1, 2, 3, 4, 5, 6}}}, "EUR m", en, "t");
  for (int y = 2024; y <= 2029; ++y) {
    EXPECT_NE(line.find(">" + std::to_string(y) + "</text>"), std::string::npos) << y;
  }
  // Yearly amounts are bars: one rect per year and series, every year labelled, one year too.
  const auto bars =
      svg_bar_chart({"2024", "2025", "2026"}, {{"commitments", "#4a6fa5", {33.7, 550.4, 0}}}, "EUR m", en, "spend");
  EXPECT_EQ(bars.find("<polyline"), std::string::npos);
  EXPECT_NE(bars.find("<title>commitments 2025: 550.4</title>"), std::string::npos);
  for (const char* y : {">2024</text>", ">2025</text>", ">2026</text>"}) {
    EXPECT_NE(bars.find(y), std::string::npos) << y;
  }
  const auto one = svg_bar_chart({"2030"}, {{"reduction", "#000", {5000}}}, "kt CO2/yr", en, "one year");
  EXPECT_NE(one.find(">2030</text>"), std::string::npos);
  EXPECT_NE(one.find("<rect"), std::string::npos);
}

TEST(ReportLanguages, EveryDealPageHasItsTonnesByYear) {
  // Issue 20: Tata Steel's and Nobian's pages promised a chart and had none; Yara's had one tick.
  const auto& model = nl_model();
  const auto scenario = data::load_scenario_or_throw(source("scenarios/belastingplan-2026.yaml"));
  for (const auto& [file, years] : std::vector<std::pair<std::string, std::vector<int>>>{
           {"tata-steel", {2030}}, {"nobian", {2030}}, {"yara", {2026, 2027, 2028, 2029, 2030}}}) {
    core::Diagnostics diags;
    const auto deal = data::load_deal(source("data/nl/deals") / (file + ".yaml"), diags);
    ASSERT_TRUE(deal) << diags.to_string();
    const auto a = analysis::assess_deal(model, scenario, *deal);
    for (const Lang lang : {Lang::en, Lang::nl}) {
      const auto html = deal_assessment_html(model, *deal, a, RunInfo{}, lang);
      const auto start = html.find("<svg");
      ASSERT_NE(start, std::string::npos) << file;
      const auto svg = html.substr(start, html.find("</svg>", start) - start);
      for (const int y : years) {
        EXPECT_NE(svg.find(">" + std::to_string(y) + "</text>"), std::string::npos) << file << " " << y;
      }
      EXPECT_NE(svg.find("<rect"), std::string::npos) << file;
    }
  }
}

TEST(ReportLanguages, TextsOfOtherRoomsAreSaidInTheLanguage) {
  // Issue 20: "21851250 GJ/yr" without separators; the analysis' English in a Dutch page.
  const Localizer en(Lang::en), nl(Lang::nl);
  const std::string lock_in = "X-TATA-DRP-EAF: raises natural gas use by 21851250 GJ/yr for 25 years";
  EXPECT_EQ(translate_phrases(lock_in, en), "X-TATA-DRP-EAF: raises natural gas use by 21,851,250 GJ/yr for 25 years");
  EXPECT_EQ(translate_phrases(lock_in, nl),
            "X-TATA-DRP-EAF: verhoogt het aardgasgebruik met 21.851.250 GJ/jaar gedurende 25 jaar");
  EXPECT_EQ(translate_phrases("needs 123.4 EUR/t over the lifetime against a cap of 300 EUR/t", nl),
            "vraagt 123,4 EUR/t over de levensduur tegen een plafond van 300 EUR/t");
  // A seed, a version and an id keep their digits.
  EXPECT_EQ(translate_phrases("veki-2024 (5000 generated firms, seed 20261128)", nl),
            "veki-2024 (5000 gegenereerde bedrijven, seed 20261128)");
  EXPECT_EQ(translate_phrases("decarbfund 0.1.0, option M12345", en), "decarbfund 0.1.0, option M12345");
}

}  // namespace
}  // namespace decarbfund::report
