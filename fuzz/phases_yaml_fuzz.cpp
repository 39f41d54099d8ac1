// Fuzzes the phase table reader (phases.yaml, data/load_deal.hpp).

#include "data/load_deal.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  core::Diagnostics diags;
  (void)data::parse_phases(fuzz::text(data, size), "phases.yaml", diags);
  fuzz::render(diags);
  return 0;
}
