// Strict CSV reading: each kind of malformed input gives one exact message and never a crash.

#include "data/csv_reader.hpp"

#include <sys/mman.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>

#include <gtest/gtest.h>

namespace decarbfund::data {
namespace {

std::string first_error(std::string_view text) {
  core::Diagnostics d;
  auto t = parse_csv(text, "x.csv", d);
  return d.all().empty() ? "" : d.all().front().to_string();
}

TEST(CsvReader, ParsesQuotedFieldsCommasNewlinesAndCrLf) {
  core::Diagnostics d;
  auto t = parse_csv("\xEF\xBB\xBF# comment\na,b\r\n\"x, y\",\"two\nlines\"\r\n3,\"q\"\"q\"\n", "x.csv", d);
  ASSERT_TRUE(t);
  EXPECT_FALSE(d.has_errors());
  ASSERT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t->header_line, 2);
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->cell(0, 0), "x, y");
  EXPECT_EQ(t->cell(0, 1), "two\nlines");
  EXPECT_EQ(t->line(0), 3);
  EXPECT_EQ(t->line(1), 5);
  EXPECT_EQ(t->cell(1, 0), "3");
  EXPECT_EQ(t->cell(1, 1), "q\"q");
}

TEST(CsvReader, RaggedRowsAreLeftOutAndEachReportedInLineOrder) {
  core::Diagnostics d;
  auto t = parse_csv("a,b\n1\n\"x\",2\n3,4,5\n6,\"y\"\"\"\n", "x.csv", d);
  ASSERT_TRUE(t);
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].to_string(), "x.csv:2: expected 2 fields as in the header, found 1");
  EXPECT_EQ(d.all()[1].to_string(), "x.csv:4: expected 2 fields as in the header, found 3");
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->line(0), 3);
  EXPECT_EQ(t->cell(0, 0), "x");
  EXPECT_EQ(t->cell(1, 1), "y\"");
  EXPECT_EQ(t->line(1), 5);
}

TEST(CsvReader, CopiedTableKeepsItsCells) {
  core::Diagnostics d;
  std::optional<CsvTable> copy;
  {
    std::string text = "a,b\n\"q\",plain\n";
    auto t = parse_csv(text, "x.csv", d);
    ASSERT_TRUE(t);
    copy = *t;
    text.assign(text.size(), '#');  // the table owns its text
  }
  EXPECT_EQ(copy->cell(0, 0), "q");
  EXPECT_EQ(copy->cell(0, 1), "plain");
}

TEST(CsvReader, AddedRowsNeedOneFieldPerColumn) {
  CsvTable t;
  t.header = {"a", "b"};
  const std::vector<std::string> two{"1", "two"};
  const std::vector<std::string> one{"1"};
  EXPECT_TRUE(t.add_row(1, two));
  EXPECT_FALSE(t.add_row(2, one));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.cell(0, 1), "two");
  EXPECT_EQ(t.line(0), 1);
}

TEST(CsvReader, RaggedRowNamesLineAndCounts) {
  EXPECT_EQ(first_error("a,b\n1,2\n3\n"), "x.csv:3: expected 2 fields as in the header, found 1");
}

TEST(CsvReader, UnterminatedQuote) {
  EXPECT_EQ(first_error("a,b\n1,\"open\n"),
            "x.csv:2: expected a closing quote for the field opened here, found end of file");
}

TEST(CsvReader, QuoteInsideUnquotedField) {
  EXPECT_EQ(first_error("a\nab\"c\n"), "x.csv:2: expected a quote only at the start of a field, found \"ab\\\"\"");
}

TEST(CsvReader, TextAfterClosingQuote) {
  EXPECT_EQ(first_error("a\n\"ab\"c\n"), "x.csv:2: expected ',' or end of line after a closing quote, found \"c\"");
}

TEST(CsvReader, InvalidUtf8) {
  EXPECT_EQ(first_error("a\nval\xE9\n"), "x.csv:2: expected UTF-8 text, found an invalid byte 0xe9");
}

TEST(CsvReader, NulByte) {
  EXPECT_EQ(first_error(std::string_view("a\nx\0y\n", 6)), "x.csv:2: expected text, found a NUL byte");
}

TEST(CsvReader, EmptyFile) {
  EXPECT_EQ(first_error(""), "x.csv:1: expected a header row naming the columns, found an empty file");
}

TEST(CsvReader, ViewedTableReadsTheCallersTextAfterTheByteOrderMark) {
  core::Diagnostics d;
  const std::string text = "\xEF\xBB\xBF" "a,b\n\"q\"\"\",plain\n";
  auto t = parse_csv_view(text, "x.csv", d);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t->cell(0, 0), "q\"");
  EXPECT_EQ(t->cell(0, 1), "plain");
  EXPECT_EQ(t->cell(0, 1).data(), text.data() + text.find("plain"));  // a view, not a copy
}

TEST(CsvReader, TextPastTheCellOffsetsIsRefused) {
  // Cell offsets are 31 bits. The size is refused before a byte is read, so an untouched mapping
  // of that size stands in for the text.
  const std::size_t size = kMaxCsvBytes + 1;
  void* pages = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(pages, MAP_FAILED);
  core::Diagnostics d;
  EXPECT_FALSE(parse_csv(std::string_view(static_cast<const char*>(pages), size), "big.csv", d));
  munmap(pages, size);
  EXPECT_EQ(d.to_string(), "big.csv:1: expected CSV text of at most 2147483647 bytes, found 2147483648 bytes\n");
  EXPECT_EQ(d.all().front().code, "csv.too_large");
}

TEST(CsvReader, NumbersAreStrict) {
  EXPECT_EQ(parse_number("1.5e3"), 1500.0);
  EXPECT_EQ(parse_number("-0.25"), -0.25);
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("NaN"));
  EXPECT_FALSE(parse_number("inf"));
  EXPECT_FALSE(parse_number("-inf"));
  EXPECT_FALSE(parse_number("1e400"));
  EXPECT_FALSE(parse_number("2e15"));
  EXPECT_FALSE(parse_number("0x10"));
  EXPECT_FALSE(parse_number("+1"));
  EXPECT_FALSE(parse_number(" 1"));
  EXPECT_FALSE(parse_number("1 "));
  EXPECT_FALSE(parse_number("1,5"));
  EXPECT_FALSE(parse_number(""));
}

TEST(CsvReader, PlainDecimalsReadAsFromChars) {
  // Plain decimals of up to 15 digits take a shortcut past from_chars; it must give the same
  // double (the award file depends on it), with 16 digits and more going the long way.
  std::mt19937_64 rng(21);
  for (int n = 0; n < 200'000; ++n) {
    const int digits = 1 + static_cast<int>(rng() % 17);
    const int decimals = static_cast<int>(rng() % static_cast<std::uint64_t>(digits));
    std::string text = rng() % 4 == 0 ? "-" : "";
    for (int d = 0; d < digits; ++d) {
      text += d == digits - decimals && decimals > 0 ? "." : "";
      text += static_cast<char>('0' + rng() % 10);
    }
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    const auto parsed = parse_number(text);
    if (std::fabs(expected) > 1e15) {
      EXPECT_FALSE(parsed) << text;
      continue;
    }
    ASSERT_TRUE(parsed) << text;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(*parsed), std::bit_cast<std::uint64_t>(expected)) << text;
  }
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse_number("-0")), std::bit_cast<std::uint64_t>(-0.0));
  EXPECT_EQ(parse_number("999999999999999"), 999'999'999'999'999.0);
  EXPECT_EQ(parse_number("0.1"), 0.1);
  EXPECT_EQ(parse_number("5."), 5.0);   // from_chars' reading, as before
  EXPECT_EQ(parse_number(".5"), 0.5);
  EXPECT_FALSE(parse_number("-"));
  EXPECT_FALSE(parse_number("1.2.3"));
  EXPECT_FALSE(parse_number("1-2"));
}

constexpr ColumnSpec kSchema[] = {
    {"id", ColumnType::text, true, 0, 0, "", "an id"},
    {"mass_t", ColumnType::number, true, 0, 100, "t", "mass"},
    {"year", ColumnType::integer, false, 2000, 2100, "year", "year"},
};

TEST(TableReader, ReportsMissingAndUnknownColumns) {
  core::Diagnostics d;
  auto t = parse_csv("id,colour\nx,red\n", "x.csv", d);
  TableReader r(*t, kSchema, d);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].to_string(),
            "x.csv:1: field 'colour': expected one of the columns id, mass_t, year, found an unknown column");
  EXPECT_EQ(d.all()[1].to_string(), "x.csv:1: field 'mass_t': expected a required column, found none");
}

TEST(TableReader, ChecksValuesWithUnitsAndBounds) {
  core::Diagnostics d;
  auto t = parse_csv("id,mass_t,year\nx,NaN,\ny,101,1999\nz,5,20x5\n", "x.csv", d);
  TableReader r(*t, kSchema, d);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isnan(r.number(0, "mass_t")));
  EXPECT_EQ(r.integer(0, "year", 7), 7);
  r.number(1, "mass_t");
  r.integer(1, "year");
  r.integer(2, "year");
  EXPECT_EQ(r.number(2, "mass_t"), 5.0);
  ASSERT_EQ(d.all().size(), 4u);
  EXPECT_EQ(d.all()[0].to_string(),
            "x.csv:2: field 'mass_t': expected a finite decimal number in t (at most 1e15), found \"NaN\"");
  EXPECT_EQ(d.all()[1].to_string(), "x.csv:3: field 'mass_t': expected a number in t from 0 to 100, found \"101\"");
  EXPECT_EQ(d.all()[2].to_string(), "x.csv:3: field 'year': expected a whole number from 2000 to 2100, found \"1999\"");
  EXPECT_EQ(d.all()[3].to_string(), "x.csv:4: field 'year': expected a whole number, found \"20x5\"");
}

TEST(TableReader, ColumnLookedUpOnceReadsAsByName) {
  core::Diagnostics d;
  auto t = parse_csv("id,mass_t\nx,NaN\n,7\n", "x.csv", d);
  TableReader r(*t, kSchema, d);
  ASSERT_TRUE(r.ok());
  const auto id = r.column("id"), mass = r.column("mass_t"), year = r.column("year"), colour = r.column("colour");
  EXPECT_EQ(r.text(0, id), "x");
  EXPECT_TRUE(std::isnan(r.number(0, mass)));
  EXPECT_EQ(r.text(1, id), "");
  EXPECT_EQ(r.number(1, mass), 7.0);
  EXPECT_EQ(r.integer(1, year, 2030), 2030);  // in the schema, not in the file
  EXPECT_EQ(r.raw(1, colour), "");           // outside the schema
  EXPECT_EQ(d.to_string(),
            "x.csv:2: field 'mass_t': expected a finite decimal number in t (at most 1e15), found \"NaN\"\n"
            "x.csv:3: field 'id': expected an id, found nothing\n");
}

/// write_csv_decimal's output as a string.
std::string csv_decimal(double steps, int decimals) {
  char buffer[kMaxCsvNumberChars];
  return std::string(buffer, write_csv_decimal(buffer, steps, decimals));
}

TEST(CsvWriter, DecimalsPrintAsTheShortestFormOfTheRoundedValue) {
  // write_csv_decimal prints a whole number of steps from the integer; it must give the bytes
  // csv_number gives for steps / 10^decimals (the award file is compared byte for byte).
  std::mt19937_64 rng(21);
  std::uniform_int_distribution<int> digits(1, 15);
  for (int n = 0; n < 200'000; ++n) {
    const int decimals = n % 5;
    const double bound = std::pow(10.0, digits(rng)) - 1;
    const double steps = std::round(std::uniform_real_distribution<double>(-bound, bound)(rng));
    const std::string out = csv_decimal(steps, decimals);
    ASSERT_EQ(out, csv_number(steps / std::pow(10.0, decimals))) << steps << " steps of 1e-" << decimals;
  }
  for (const double steps : {0.0, -0.0, 1.0, -1.0, 10.0, 99'999.0, -100'000.0, 999'999'999'999'999.0, 1e15, -1e15,
                             2.5e17, 1e300}) {
    for (int decimals = 0; decimals <= 4; ++decimals) {
      const std::string out = csv_decimal(steps, decimals);
      EXPECT_EQ(out, csv_number(steps / std::pow(10.0, decimals))) << steps << " steps of 1e-" << decimals;
    }
  }
  EXPECT_EQ(csv_decimal(-1250, 3), "-1.25");
}

TEST(CsvWriter, EscapesAndFormatsDeterministically) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_number(1200), "1200");
  EXPECT_EQ(csv_number(-0.0), "0");
  EXPECT_EQ(csv_number(0.15), "0.15");
  EXPECT_EQ(csv_number(1.0 / 3.0), "0.3333333333333333");
}

}  // namespace
}  // namespace decarbfund::data
