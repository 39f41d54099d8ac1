#include "report/workbook.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "report/run_info.hpp"
#include "report/xlsx_reader.hpp"

namespace decarbfund::report {
namespace {

TEST(Workbook, HeaderNumbersAndEmptyCellsForNonFinite) {
  Workbook wb("2026-11-01T00:00:00Z");
  auto& s = wb.add_sheet("by_year", {"year", "emissions (t CO2)", "note"});
  s.number(2030).number(1.5e6).text("a < b & c");
  s.next();
  s.number(2031).number(NAN).text("");
  s.next();
  s.number(2032).number(INFINITY).blank();
  s.next();
  const test::Xlsx x(wb.render());
  ASSERT_EQ(x.sheets, std::vector<std::string>{"by_year"});
  EXPECT_EQ(x.at("by_year", "B1"), "emissions (t CO2)");
  EXPECT_EQ(x.number("by_year", "A2"), 2030);
  EXPECT_EQ(x.number("by_year", "B2"), 1.5e6);
  EXPECT_EQ(x.at("by_year", "C2"), "a < b & c");
  EXPECT_EQ(x.at("by_year", "B3"), "");  // NaN: JSON's null, an empty cell
  EXPECT_EQ(x.at("by_year", "B4"), "");  // infinity ("unlimited")
  EXPECT_EQ(x.number("by_year", "A4"), 2032);
}

TEST(Workbook, HeaderIsBoldAndFrozen) {
  Workbook wb("");
  wb.add_sheet("t", {"a (EUR)"}).number(1).next();
  const auto parts = test::unzip(wb.render());
  const auto& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"), std::string::npos)
      << sheet;
  EXPECT_NE(parts.at("xl/styles.xml").find("<b/>"), std::string::npos);
}

TEST(Workbook, NumbersShowSeparatorsAndTheDecimalsTheirUnitNeeds) {
  // Issue 20: the workbooks used General format (3301353.160000004), dates as text, no filters.
  Workbook wb("2026-11-01T00:00:00Z");
  auto& s = wb.add_sheet("t", {"year", "reduction (t CO2)", "price (EUR/t)", "p (share of draws)", "recorded_at (UTC)"});
  s.number(2030).number(3301353.160000004).number(12.345).number(0.0025).date("2026-03-01T12:30:05Z");
  s.next();
  s.number(2031).number(1).number(2).number(1).date("not a date");
  s.next();
  auto& items = wb.add_sheet("summary", {"item", "value", "unit"});
  items.item("achieved", 3301353.16, "t CO2");
  items.item("target_year", 2030, "year");
  const auto parts = test::unzip(wb.render());
  const auto& styles = parts.at("xl/styles.xml");
  for (const char* code : {"#,##0", "#,##0.00", "0.00%", "yyyy-mm-dd hh:mm:ss"}) {
    EXPECT_NE(styles.find(std::string("formatCode=\"") + code + "\""), std::string::npos) << code << "\n" << styles;
  }
  const auto& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(<autoFilter ref="A1:E3"/>)"), std::string::npos) << sheet;
  EXPECT_NE(parts.at("xl/worksheets/sheet2.xml").find("<autoFilter"), std::string::npos);
  // The date is a number (an Excel serial day), the bad one stays text.
  const test::Xlsx x(wb.render());
  EXPECT_NEAR(x.number("t", "E2"), 46082.521, 1e-3);
  EXPECT_EQ(x.at("t", "E3"), "not a date");
  EXPECT_EQ(x.number("t", "B2"), 3301353.160000004);  // the value itself is kept
  // Each number cell carries a style (s="N"); a year's has no separator ("0").
  EXPECT_EQ(sheet.find(R"(<c r="B2" t="n">)"), std::string::npos);
  EXPECT_NE(sheet.find(R"(<c r="B2" s=")"), std::string::npos) << sheet;
}

TEST(Workbook, UnitsChooseTheFormat) {
  EXPECT_EQ(format_for_unit("t CO2"), CellFormat::whole);
  EXPECT_EQ(format_for_unit("EUR"), CellFormat::whole);
  EXPECT_EQ(format_for_unit("EUR/t"), CellFormat::decimal2);
  EXPECT_EQ(format_for_unit("share of draws"), CellFormat::share);
  EXPECT_EQ(format_for_unit("aandeel van de trekkingen"), CellFormat::share);
  EXPECT_EQ(format_for_unit("year"), CellFormat::plain);
  EXPECT_EQ(format_for_unit("jaar"), CellFormat::plain);
  EXPECT_EQ(format_for_unit("EUR of this year"), CellFormat::plain);
  EXPECT_EQ(format_for_unit("1/0"), CellFormat::plain);
  EXPECT_EQ(format_for_unit("count"), CellFormat::whole);
  EXPECT_EQ(format_for_unit("aantal"), CellFormat::whole);
  EXPECT_EQ(format_for_unit("MW"), CellFormat::decimal1);
  EXPECT_EQ(format_for_unit("something"), CellFormat::automatic);
}

TEST(Workbook, CreationTimeIsTheGivenOneSoBytesRepeat) {
  const auto render = [](const std::string& created) {
    Workbook wb(created);
    wb.add_sheet("s", {"x"}).number(1).next();
    return wb.render();
  };
  const auto a = render("2026-11-01T00:00:00Z");
  // Zip entries carry a time with 2 s resolution: render again in another 2 s slot.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(a, render("2026-11-01T00:00:00Z"));
  EXPECT_NE(a, render("2026-12-01T00:00:00Z"));
  EXPECT_NE(test::unzip(a).at("docProps/core.xml").find("2026-11-01T00:00:00Z"), std::string::npos);
  EXPECT_NE(test::unzip(render("")).at("docProps/core.xml").find("1980-01-01T00:00:00Z"), std::string::npos);
}

TEST(Workbook, SheetNamesFollowExcelsRules) {
  Workbook wb("");
  EXPECT_THROW(wb.add_sheet("a/b", {"x"}), std::invalid_argument);
  EXPECT_THROW(wb.add_sheet(std::string(32, 'a'), {"x"}), std::invalid_argument);
  wb.add_sheet("a", {"x"});
  EXPECT_THROW(wb.add_sheet("a", {"y"}), std::invalid_argument);
}

TEST(RunInfo, CreationDateFromTheDatasetVersion) {
  EXPECT_EQ(dataset_created_utc("2026.11"), "2026-11-01T00:00:00Z");
  EXPECT_EQ(dataset_created_utc("2026.11b"), "");
  EXPECT_EQ(dataset_created_utc("tiny"), "");
}

TEST(RunInfo, CommandOptionsQuoteWhatTheShellWouldSplit) {
  EXPECT_EQ(command_option("data", ""), "");
  EXPECT_EQ(command_option("data", "data/nl"), " --data data/nl");
  EXPECT_EQ(command_option("data", "my data/it's"), R"( --data 'my data/it'\''s')");
}

}  // namespace
}  // namespace decarbfund::report
