// Fuzzes the deal file reader (data/load_deal.hpp): any text gives a deal or diagnostics.

#include "data/load_deal.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  core::Diagnostics diags;
  (void)data::load_deal_text(fuzz::text(data, size), "fuzz.yaml", diags);
  fuzz::render(diags);
  return 0;
}
