// The benchmarks' main: the heap set up as `decarbfund` sets it for every verb but `serve`
// (core::prepare_heap_for_a_run), so that a bench measures what the command does. Without it
// glibc gives freed columns back to the kernel and every iteration pays their page faults again:
// BM_OutlookCommand took 16.6 ms instead of 7.3–7.9 (issue 21, ninth stop).

#include <benchmark/benchmark.h>

#include "core/huge_pages.hpp"

int main(int argc, char** argv) {
  decarbfund::core::prepare_heap_for_a_run();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
