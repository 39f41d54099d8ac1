// The tables of a JSON document (issue 19, report/json_tables.hpp): what --csv writes and the
// Python package's DataFrames read.

#include "report/json_tables.hpp"

#include <gtest/gtest.h>

namespace decarbfund::report {
namespace {

const Table& table(const std::vector<Table>& tables, const std::string& name) {
  for (const auto& t : tables) {
    if (t.name == name) {
      return t;
    }
  }
  static const Table none;
  ADD_FAILURE() << "no table " << name;
  return none;
}

TEST(JsonTables, ScalarsSeriesAndRecords) {
  const auto tables = json_tables(R"({
    "meta": {"scenario": "x", "seed": 7, "notes": ["a", "b"]},
    "achieved_mt": 3.5,
    "legs": {"levy_mt": -1.25, "extra": null},
    "emissions_t_by_year": {"2020": 10, "2021": 9.5},
    "dpr_price_eur_per_t_by_year": {"general": {"2021": 1}, "waste_incineration": {"2020": 2}},
    "fan": {"years": [2020, 2021], "p50": [10, 9]},
    "package_credits": [{"instrument": "a", "reduction_t": 1, "deal": "d"},
                        {"instrument": "b, c", "reduction_t": 2, "extra": {"x": true}}]
  })");
  ASSERT_EQ(tables.size(), 3u);
  EXPECT_EQ(tables[0].name, "summary");
  EXPECT_EQ(tables[1].name, "by_year");
  const auto& s = table(tables, "summary");
  ASSERT_EQ(s.rows.size(), 6u);
  EXPECT_EQ(std::get<std::string>(s.rows[0][0]), "meta.scenario");
  EXPECT_EQ(std::get<std::int64_t>(s.rows[1][1]), 7);
  EXPECT_EQ(std::get<std::string>(s.rows[2][1]), R"(["a","b"])");
  EXPECT_EQ(std::get<std::string>(s.rows[4][0]), "legs.levy_mt");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(s.rows[5][1]));

  const auto& y = table(tables, "by_year");
  EXPECT_EQ(y.columns, (std::vector<std::string>{"year", "emissions_t", "dpr_price_eur_per_t.general",
                                                 "dpr_price_eur_per_t.waste_incineration", "fan.p50"}));
  ASSERT_EQ(y.rows.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(y.rows[0][0]), 2020);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(y.rows[0][2]));  // general starts in 2021
  EXPECT_EQ(std::get<std::int64_t>(y.rows[1][4]), 9);

  const auto& p = table(tables, "package_credits");
  EXPECT_EQ(p.columns, (std::vector<std::string>{"instrument", "reduction_t", "deal", "extra.x"}));
  EXPECT_EQ(table_csv(p), "instrument,reduction_t,deal,extra.x\na,1,d,\n\"b, c\",2,,true\n");
}

TEST(JsonTables, CsvFilesAndAnArrayDocument) {
  const auto files = csv_files(R"([{"a": 1.5, "b": "say \"hi\""}])");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].first, "summary.csv");
  EXPECT_EQ(files[0].second, "item,value\n");
  EXPECT_EQ(files[1].first, "rows.csv");
  EXPECT_EQ(files[1].second, "a,b\n1.5,\"say \"\"hi\"\"\"\n");
}

}  // namespace
}  // namespace decarbfund::report
