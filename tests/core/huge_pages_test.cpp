// core/huge_pages.hpp: a hint only. Whatever the buffer (none, small, unaligned, already
// written), asking for huge pages leaves its contents as they were.
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

TEST(HugePages, TheHeapsTopIsAdvised) {
  // What main() does for a verb that runs and ends: the heap's free top, grown to 32 MiB, carries
  // the huge-page advice (VmFlags "hg" on a [heap] mapping in /proc/self/smaps).
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's allocator is not glibc's heap";
#elif defined(__linux__) && defined(__GLIBC__)
  if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled")) {
    GTEST_SKIP() << "no transparent huge pages in this kernel";
  }
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 32 << 20);
  prefer_huge_heap_pages(std::size_t{32} << 20);
  EXPECT_GE(mallinfo2().keepcost, std::size_t{32} << 20);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool in_heap = false, advised = false;
  while (std::getline(smaps, line)) {
    // A mapping's first line starts with its address range ("55d6…-55d6… rw-p …"), its fields
    // with a name and a colon.
    const std::string first = line.substr(0, line.find(' '));
    if (first.find('-') != std::string::npos && first.find_first_not_of("0123456789abcdef-") == std::string::npos) {
      in_heap = line.size() >= 6 && line.compare(line.size() - 6, 6, "[heap]") == 0;
    } else if (in_heap && line.rfind("VmFlags:", 0) == 0) {
      advised = advised || (line + ' ').find(" hg ") != std::string::npos;
    }
  }
  EXPECT_TRUE(advised) << "no [heap] mapping advised for huge pages";
  mallopt(M_TOP_PAD, 128 << 10);  // glibc's default again (the mmap threshold stays raised)
#else
  GTEST_SKIP() << "Linux with glibc only";
#endif
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

TEST(HugePages, TheHelpersHeapIsAdvisedOnceTheProcessAsked) {
  // What the helper thread does as it starts (core/helper_thread.cpp): its own heap (a glibc arena
  // of its own) carries the advice too, once main() asked for it for the main heap.
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's allocator is not glibc's heap";
#elif defined(__linux__) && defined(__GLIBC__)
  if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled")) {
    GTEST_SKIP() << "no transparent huge pages in this kernel";
  }
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 32 << 20);
  prefer_huge_heap_pages(std::size_t{32} << 20);
  Mapping m;
  std::thread([&] {
    prefer_huge_thread_heap_pages();
    std::vector<char> block(std::size_t{1} << 20, 'x');
    m = mapping_of(block.data() + block.size() / 2);  // its start may lie in the page below the boundary
    EXPECT_EQ(block.back(), 'x');
  }).join();
  mallopt(M_TOP_PAD, 128 << 10);
  // glibc hands a new thread the heap of one that has ended, if there is one: made before the top
  // pad was raised, it may be too small to hold a whole 2 MiB block past its records.
  if (m.bytes < (std::uintptr_t{8} << 20)) {
    GTEST_SKIP() << "the thread was given a heap of " << m.bytes << " bytes";
  }
  EXPECT_TRUE(m.advised) << "the thread's heap is not advised for huge pages";
#else
  GTEST_SKIP() << "Linux with glibc only";
#endif
}

}  // namespace
}  // namespace decarbfund::core
