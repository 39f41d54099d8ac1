// core::find_json_nesting_excess: the depth is counted outside strings only, and the first
// bracket over the limit is named with its line.

#include "core/json_nesting.hpp"

#include <string>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

TEST(JsonNesting, CountsBracketsOutsideStrings) {
  EXPECT_FALSE(find_json_nesting_excess(R"({"a": [1, {"b": 2}]})", 3));
  EXPECT_TRUE(find_json_nesting_excess(R"({"a": [1, {"b": 2}]})", 2));
  EXPECT_FALSE(find_json_nesting_excess(R"({"a": "[[[[[[[[\"[[[["})", 1));
  EXPECT_FALSE(find_json_nesting_excess(R"([[]] [[]] [[]])", 2));  // siblings do not add up
}

TEST(JsonNesting, NamesTheFirstBracketTooDeepAndItsLine) {
  const std::string deep = "{\n\"a\":\n" + std::string(1'000'000, '[');
  const auto e = find_json_nesting_excess(deep, 16);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->offset, 7u + 15u);
  EXPECT_EQ(e->line, 3);
}

TEST(JsonNesting, ClosersNeverMakeItShallowerThanZero) {
  EXPECT_TRUE(find_json_nesting_excess("]]]]]][[[", 2));
}

}  // namespace
}  // namespace decarbfund::core
