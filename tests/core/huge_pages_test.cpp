// core/huge_pages.hpp: a hint only. Whatever the buffer (none, small, unaligned, already
// written), asking for huge pages leaves its contents as they were.
#include "core/huge_pages.hpp"

#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

TEST(HugePages, AHintThatChangesNoContents) {
  prefer_huge_pages(nullptr, 0);
  prefer_huge_pages(nullptr, std::size_t{64} << 20);
  std::vector<std::uint64_t> small(100);
  std::iota(small.begin(), small.end(), 0);
  prefer_huge_pages_for(small);
  EXPECT_EQ(small[99], 99U);
  // 9 MiB, written before and after the hint, at an offset that is not page-aligned.
  std::vector<std::uint64_t> big(std::size_t{9} << 17);
  std::iota(big.begin(), big.end(), 1);
  prefer_huge_pages(reinterpret_cast<char*>(big.data()) + 24, big.size() * sizeof(std::uint64_t) - 24);
  prefer_huge_pages_for(big);
  std::uint64_t expected = 1;
  for (const auto v : big) {
    ASSERT_EQ(v, expected++);
  }
  std::string text;
  text.reserve(std::size_t{5} << 20);
  prefer_huge_pages_for(text);
  text.assign(std::size_t{5} << 20, 'x');
  EXPECT_EQ(text.find_first_not_of('x'), std::string::npos);
}

}  // namespace
}  // namespace decarbfund::core
