#include "core/huge_pages.hpp"

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace decarbfund::core {

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

/// What prefer_huge_heap_pages() asked for, once it worked (0: never, or not with glibc's malloc).
std::atomic<std::size_t> heap_bytes{0};
/// The blocks skip_to_huge_page() allocated; kept so that they are not leaks.
std::atomic<void*> skipped_main{nullptr};
std::atomic<void*> skipped_helper{nullptr};

std::uintptr_t round_down(std::uintptr_t a) { return a & ~(kHugePage - 1); }
std::uintptr_t round_up(std::uintptr_t a) { return round_down(a + kHugePage - 1); }

/// The heap's next allocations come from `free_from` on. A huge page can back a 2 MiB block only
/// while none of its 4 KiB pages has been written, and the block that holds `free_from` also holds
/// the allocator's own records (and, on the main heap, whatever start-up allocated): filled up, it
/// took one fault per 4 KiB, ~470 of an outlook's faults on each of its two threads (issue 21). So
/// one block, never written and never freed, takes the rest of it but a page, and the next
/// allocations begin at the 2 MiB boundary. It costs address space, not memory.
void skip_to_huge_page(std::uintptr_t free_from, std::atomic<void*>& keep) {
  const std::uintptr_t boundary = round_up(free_from);
  constexpr std::uintptr_t kSlack = 4096;  // the allocator's headers: the block ends before the boundary
  if (boundary - free_from > 2 * kSlack && keep.load() == nullptr) {
    keep.store(std::malloc(boundary - free_from - kSlack));
  }
}

}  // namespace

void prefer_huge_pages(void* data, std::size_t bytes) noexcept {
#if defined(MADV_HUGEPAGE)
  if (data == nullptr || bytes < 2 * kHugePage) {
    return;
  }
  // The whole huge pages inside the buffer: madvise takes page-aligned ranges, and only an
  // aligned 2 MiB block can be one huge page.
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = round_up(begin);
  const std::uintptr_t last = round_down(begin + bytes);
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
  // The heap's free top (keepcost) ends at the break: its allocations start at the next 2 MiB
  // boundary from here on.
  // (No free top: not glibc's heap, e.g. under AddressSanitizer.)
  if (auto* const end = static_cast<char*>(sbrk(0)); end != reinterpret_cast<char*>(-1) && mallinfo2().keepcost > 0) {
    skip_to_huge_page(reinterpret_cast<std::uintptr_t>(end - mallinfo2().keepcost), skipped_main);
  }
  // A block larger than the free top makes malloc grow the heap by it and the top pad; freed, it
  // goes back to the top, which the trim threshold keeps. (Through a volatile pointer: a malloc
  // freed unused may be left out by the compiler.)
  void* volatile probe = std::malloc(mallinfo2().keepcost + std::min<std::size_t>(bytes, std::size_t{1} << 20));
  std::free(probe);
  // The free top, now at least `bytes` where the heap grew by brk.
  auto* const end = static_cast<char*>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;
  if (end != reinterpret_cast<char*>(-1) && top >= bytes) {
    prefer_huge_pages(end - top, top);
    heap_bytes.store(bytes);
  }
#else
  (void)bytes;
#endif
}

void prepare_heap_for_a_run() noexcept {
#if defined(__GLIBC__)
  constexpr int kHeapTop = 32 << 20;  // the top pad, and what is advised at once
  mallopt(M_MMAP_THRESHOLD, kHeapTop);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, kHeapTop);
  prefer_huge_heap_pages(kHeapTop);
#endif
}

void prefer_huge_thread_heap_pages() noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(__GLIBC__)
  const std::size_t bytes = heap_bytes.load();
  if (bytes == 0) {
    return;
  }
  // glibc gives a thread's first allocation a heap of its own (an arena): an aligned mapping made
  // writable to the top pad (M_TOP_PAD, as the main thread set it), its allocations from its start
  // up. The mapping that holds a first small block is that heap.
  void* const probe = std::malloc(64);
  const auto at = reinterpret_cast<std::uintptr_t>(probe);
  std::uintptr_t lo = 0;
  std::uintptr_t hi = 0;
  if (std::FILE* maps = std::fopen("/proc/self/maps", "re"); maps != nullptr) {
    char line[512];
    while (std::fgets(line, sizeof line, maps) != nullptr) {
      std::uintptr_t a = 0;
      std::uintptr_t b = 0;
      if (std::sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &a, &b) == 2 && a <= at && at < b) {
        lo = a;
        hi = b;
        break;
      }
    }
    std::fclose(maps);
  }
  // Its whole 2 MiB blocks from the first block on, as far as the top pad reaches.
  const std::uintptr_t end = std::min<std::uintptr_t>(hi, round_up(at) + bytes);
  if (lo != 0 && round_down(end) >= round_up(at) + 2 * kHugePage) {
    prefer_huge_pages(probe, end - at);
    skip_to_huge_page(at, skipped_helper);
  }
  std::free(probe);
#endif
}

}  // namespace decarbfund::core
