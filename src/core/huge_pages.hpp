#pragma once
// Large buffers filled once, page by page (a 12 MB CSV file read in, its cells, 100,000
// applications and awards, a 13 MB award file written out): on Linux, backed by transparent huge
// pages where the kernel allows them. Each 4 KiB page is otherwise a page fault when first
// written; `sme allocate` on 100,000 applications took 25,000 of them, a third of its CPU time
// (issue 21). Only a hint: without THP ("never" in /sys/kernel/mm/transparent_hugepage/enabled)
// or on another system nothing changes, and no result depends on it.

#include <cstddef>

namespace decarbfund::core {

/// Asks for huge pages for the whole 2 MiB blocks inside [data, data + bytes) (madvise
/// MADV_HUGEPAGE). Call it on storage just reserved and not yet written: pages already touched
/// keep their size. Does nothing below 4 MiB, where a buffer holds at most one whole block.
void prefer_huge_pages(void* data, std::size_t bytes) noexcept;

/// Grows the heap's free top to at least `bytes` now, where the next allocations come from, starts
/// them at a 2 MiB boundary and asks for huge pages for it, as glibc's malloc does itself under
/// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (which only the environment can set, before start-up).
/// For a process that runs and ends: what it first touches of the heap costs one page fault per
/// 2 MiB rather than per 4 KiB (issue 21: on this project's VM a fault costs ~11 µs). Call it at
/// start-up, after mallopt(M_TOP_PAD, ≥ bytes) and an M_MMAP_THRESHOLD over 1 MiB. Only the main
/// thread's heap (glibc's main arena); with another allocator or system nothing happens.
void prefer_huge_heap_pages(std::size_t bytes) noexcept;

/// The same for the calling thread's heap (its glibc arena), once the process asked for it with
/// prefer_huge_heap_pages(); otherwise nothing. The helper thread calls it as it starts
/// (core/helper_thread.hpp): an outlook's helper took ~440 faults fewer. Call it before the thread
/// allocates anything else; only the first thread to call it has its allocations start at a
/// boundary, every caller's heap is advised.
void prefer_huge_thread_heap_pages() noexcept;

/// What a process that runs and ends (every verb but `serve`, and bench/) does at start, with
/// glibc's malloc. glibc gives blocks over 128 KiB back to the kernel when they are freed (mmap,
/// and trimming the heap's top) and takes fresh pages, each a page fault, at the next allocation;
/// a run allocates and frees its workspaces' and outcomes' columns again and again, so they are
/// kept for reuse (issue 21: an outlook's faults 2,100 → 1,750). The heap's top is then grown to
/// 32 MiB and advised for huge pages (prefer_huge_heap_pages), as is the helper thread's heap:
/// on the VM of issue 21's seventh stop a 4 KiB fault took ~11 µs. One arena for all threads
/// (M_ARENA_MAX 1) was tried instead for the helper, and slowed Monte Carlo by 5 %.
void prepare_heap_for_a_run() noexcept;

/// prefer_huge_pages() over a container's reserved storage (std::string, std::vector).
template <class Container>
void prefer_huge_pages_for(Container& c) noexcept {
  prefer_huge_pages(c.data(), c.capacity() * sizeof(typename Container::value_type));
}

}  // namespace decarbfund::core
