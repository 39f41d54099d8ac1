// The report string tables (string_table.hpp): one per language, with the same keys, the same
// placeholders per key and workbook sheet names Excel accepts — so adding a label means a line
// in each table, and a missing one fails here rather than in a user's report.

#include "report/string_table.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "report/localizer.hpp"

namespace decarbfund::report {
namespace {

std::map<std::string, std::string> as_map(Lang lang) {
  std::map<std::string, std::string> m;
  for (const auto& e : string_table(lang)) {
    EXPECT_TRUE(m.emplace(std::string(e.key), std::string(e.text)).second)
        << "key twice in " << lang_code(lang) << ": " << e.key;
  }
  return m;
}

std::size_t placeholders(const std::string& s) {
  std::size_t n = 0;
  for (auto at = s.find("{}"); at != std::string::npos; at = s.find("{}", at + 2)) {
    ++n;
  }
  return n;
}

TEST(StringTable, EveryKeyIsInBothLanguages) {
  const auto en = as_map(Lang::en);
  const auto nl = as_map(Lang::nl);
  EXPECT_GT(en.size(), 400u);
  for (const auto& [key, text] : en) {
    EXPECT_TRUE(nl.count(key)) << "missing in strings_nl.cpp: " << key;
    EXPECT_FALSE(text.empty()) << key;
  }
  for (const auto& [key, text] : nl) {
    EXPECT_TRUE(en.count(key)) << "missing in strings_en.cpp: " << key;
    EXPECT_FALSE(text.empty()) << key;
  }
}

TEST(StringTable, PlaceholdersMatchAcrossLanguages) {
  const auto en = as_map(Lang::en);
  const auto nl = as_map(Lang::nl);
  for (const auto& [key, text] : en) {
    if (nl.count(key)) {
      EXPECT_EQ(placeholders(text), placeholders(nl.at(key))) << key << ": \"" << text << "\" vs \"" << nl.at(key) << "\"";
    }
  }
}

TEST(StringTable, SheetNamesAreValidInExcel) {
  for (const Lang lang : {Lang::en, Lang::nl}) {
    std::set<std::string> names;
    for (const auto& [key, text] : as_map(lang)) {
      if (key.starts_with("sheet.")) {
        EXPECT_LE(text.size(), 31u) << key;
        EXPECT_EQ(text.find_first_of("[]:*?/\\"), std::string::npos) << key;
      }
    }
  }
}

TEST(Localizer, AMissingKeyIsAProgrammingErrorNamingIt) {
  try {
    (void)Localizer(Lang::nl)("no.such_key");
    FAIL();
  } catch (const std::out_of_range& e) {
    EXPECT_STREQ(e.what(), "no report text for key 'no.such_key' in language nl");
  }
  EXPECT_EQ(Localizer(Lang::nl).find("no.such_key"), "");
}

TEST(Localizer, NumbersAsEachLanguageWritesThem) {
  const Localizer en(Lang::en), nl(Lang::nl);
  EXPECT_EQ(en.num(1234.5, 1), "1,234.5");
  EXPECT_EQ(nl.num(1234.5, 1), "1.234,5");
  EXPECT_EQ(en.num(21851250, 0), "21,851,250");
  EXPECT_EQ(nl.num(-3301353.160000004, 2), "-3.301.353,16");
  EXPECT_EQ(en.num(999.996, 2), "1,000.00");
  EXPECT_EQ(en.num(12, 0), "12");
  EXPECT_EQ(en.num(NAN, 1), "–");
}

TEST(Localizer, ZeroHasNoSign) {
  // Issue 20: the waterfall showed ten "−0.00" bars.
  const Localizer en(Lang::en), nl(Lang::nl);
  EXPECT_EQ(en.num(-0.001, 2), "0.00");
  EXPECT_EQ(en.signed_num(-0.001, 2), "0.00");
  EXPECT_EQ(en.signed_num(0.001, 2), "0.00");
  EXPECT_EQ(nl.signed_num(1.289, 2), "+1,29");
  EXPECT_EQ(nl.signed_num(-5, 2), "-5,00");
}

TEST(Localizer, OneRoundingRuleForChances) {
  const Localizer en(Lang::en), nl(Lang::nl);
  EXPECT_EQ(en.percent(0), "0 %");
  EXPECT_EQ(en.percent(0.0004), "< 0.1 %");
  EXPECT_EQ(nl.percent(0.0004), "< 0,1 %");
  EXPECT_EQ(en.percent(0.002), "0.2 %");
  EXPECT_EQ(nl.percent(0.2705), "27,1 %");
  EXPECT_EQ(en.percent(0.9996), "> 99.9 %");
  EXPECT_EQ(en.percent(1), "100 %");
}

}  // namespace
}  // namespace decarbfund::report
