// Fuzzes the SME round reader (data/load_round.hpp) against the shipped technique catalogue.

#include "data/load_round.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  core::Diagnostics diags;
  (void)data::parse_round(fuzz::text(data, size), "fuzz.yaml", fuzz::shipped_techniques(), diags);
  fuzz::render(diags);
  return 0;
}
