#include "core/huge_pages.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace decarbfund::core {

void prefer_huge_pages(void* data, std::size_t bytes) noexcept {
#if defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  if (data == nullptr || bytes < 2 * kHugePage) {
    return;
  }
  // The whole huge pages inside the buffer: madvise takes page-aligned ranges, and only an
  // aligned 2 MiB block can be one huge page.
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHugePage - 1);
  if (last > first) {
    // Best effort: EINVAL (a kernel without THP) or ENOMEM change nothing but the speed.
    (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
#else
  (void)data;
  (void)bytes;
#endif
}

void prefer_huge_heap_pages(std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(__GLIBC__)
  // A block larger than the heap's free top (keepcost) makes malloc grow the heap by it and the top
  // pad; freed, it goes back to the top, which the trim threshold keeps. (Through a volatile
  // pointer: a malloc freed unused may be left out by the compiler.)
  void* volatile probe = std::malloc(mallinfo2().keepcost + std::min<std::size_t>(bytes, std::size_t{1} << 20));
  std::free(probe);
  // The free top, now at least `bytes` where the heap grew by brk.
  auto* const end = static_cast<char*>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;
  if (end != reinterpret_cast<char*>(-1) && top >= bytes) {
    prefer_huge_pages(end - top, top);
  }
#else
  (void)bytes;
#endif
}

}  // namespace decarbfund::core
