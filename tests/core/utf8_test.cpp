// core::find_invalid_utf8 against RFC 3629: what is valid passes whole, and the first byte of
// each kind of invalid sequence is found.

#include "core/utf8.hpp"

#include <string>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

constexpr auto npos = std::string_view::npos;

TEST(Utf8, ValidTextPasses) {
  EXPECT_EQ(find_invalid_utf8(""), npos);
  EXPECT_EQ(find_invalid_utf8("Tata Steel IJmuiden, €, CO₂, 𝄞"), npos);
  EXPECT_EQ(find_invalid_utf8("\xF4\x8F\xBF\xBF"), npos);  // U+10FFFF, the last code point
}

TEST(Utf8, EachKindOfInvalidSequenceIsFound) {
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);              // never a UTF-8 byte
  EXPECT_EQ(find_invalid_utf8("a\xC3"), 1u);               // truncated
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);            // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);        // overlong, three bytes
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);       // a surrogate (U+D800)
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);    // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xE2\x82"), 0u);            // € cut short
  EXPECT_EQ(find_invalid_utf8("\xE2\x28\xA1"), 0u);        // bad continuation
}

// The scan takes eight ASCII bytes at a time: a bad byte is found at every offset within and
// after those words, and a valid sequence across a word's edge passes.
TEST(Utf8, EveryOffsetOfLongAsciiText) {
  for (std::size_t at = 0; at < 24; ++at) {
    std::string text(24, 'a');
    text[at] = '\xFF';
    EXPECT_EQ(find_invalid_utf8(text), at) << at;
    std::string valid(24, 'a');
    valid.replace(at, 2, "\xC3\xA9");  // é
    EXPECT_EQ(find_invalid_utf8(valid.substr(0, 24)), at == 23 ? 23u : npos) << at;
  }
}

}  // namespace
}  // namespace decarbfund::core
