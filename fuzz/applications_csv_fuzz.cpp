// Fuzzes the SME application list reader (data/load_applications.hpp) against the shipped
// technique catalogue.

#include "data/load_applications.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  core::Diagnostics diags;
  (void)data::parse_applications(fuzz::text(data, size), "fuzz.csv", fuzz::shipped_techniques(), diags);
  fuzz::render(diags);
  return 0;
}
