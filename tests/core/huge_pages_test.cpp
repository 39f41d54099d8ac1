// core/huge_pages.hpp: a hint only. Whatever the buffer (none, small, unaligned, already
// written), asking for huge pages leaves its contents as they were; the heap as main() sets it up
// (prepare_heap_for_a_run), and the helper thread's, carry the advice.
#include "core/huge_pages.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>
#endif

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

/// The mapping that holds `at`: its size and whether it carries the huge-page advice (VmFlags
/// "hg" in /proc/self/smaps).
struct Mapping {
  std::uintptr_t bytes = 0;
  bool advised = false;
};
Mapping mapping_of(const void* at) {
  const auto a = reinterpret_cast<std::uintptr_t>(at);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  Mapping m;
  bool here = false;
  while (std::getline(smaps, line)) {
    // A mapping's first line starts with its address range ("55d6…-55d6… rw-p …"), its fields
    // with a name and a colon.
    const std::string first = line.substr(0, line.find(' '));
    const auto dash = first.find('-');
    if (dash != std::string::npos && first.find_first_not_of("0123456789abcdef-") == std::string::npos) {
      const std::uintptr_t lo = std::stoull(first.substr(0, dash), nullptr, 16);
      const std::uintptr_t hi = std::stoull(first.substr(dash + 1), nullptr, 16);
      here = lo <= a && a < hi;
      m.bytes = here ? hi - lo : m.bytes;
    } else if (here && line.rfind("VmFlags:", 0) == 0) {
      m.advised = (line + ' ').find(" hg ") != std::string::npos;
      return m;
    }
  }
  return {};
}

/// The heap as main() sets it up for a verb that runs and ends (prepare_heap_for_a_run).
class MainsHeap : public ::testing::Test {
 protected:
  void SetUp() override {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer's allocator is not glibc's heap";
#elif defined(__linux__) && defined(__GLIBC__)
    if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled")) {
      GTEST_SKIP() << "no transparent huge pages in this kernel";
    }
    prepare_heap_for_a_run();
#else
    GTEST_SKIP() << "Linux with glibc only";
#endif
  }
  void TearDown() override {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    mallopt(M_TOP_PAD, 128 << 10);  // glibc's default again (the other settings stay)
#endif
  }
};

TEST_F(MainsHeap, TheHeapsTopIsAdvised) {
  // The heap's free top, grown to 32 MiB, carries the huge-page advice.
#if defined(__GLIBC__)
  const std::size_t top = mallinfo2().keepcost;
  EXPECT_GE(top, std::size_t{32} << 20);
  EXPECT_TRUE(mapping_of(static_cast<char*>(sbrk(0)) - top / 2).advised) << "the heap's top is not advised";
#endif
}

TEST_F(MainsHeap, TheHelpersHeapIsAdvised) {
  // What the helper thread does as it starts (core/helper_thread.cpp): its own heap (a glibc
  // arena of its own) carries the advice too, once the process asked for it.
  Mapping m;
  std::thread([&] {
    prefer_huge_thread_heap_pages();
    std::vector<char> block(std::size_t{1} << 20, 'x');
    m = mapping_of(block.data() + block.size() / 2);  // its start may lie in the page below the boundary
    EXPECT_EQ(block.back(), 'x');
  }).join();
  // glibc hands a new thread the heap of one that has ended, if there is one: made before the top
  // pad was raised, it may be too small to hold a whole 2 MiB block past its records.
  if (m.bytes < (std::uintptr_t{8} << 20)) {
    GTEST_SKIP() << "the thread was given a heap of " << m.bytes << " bytes";
  }
  EXPECT_TRUE(m.advised) << "the thread's heap is not advised for huge pages";
}

}  // namespace
}  // namespace decarbfund::core
