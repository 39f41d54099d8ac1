// Fuzzes the SME application list reader (data/load_applications.hpp) against the shipped
// technique catalogue.

#include "data/load_applications.hpp"
#include "data/load_sme.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  static const auto techniques = [] {
    core::Diagnostics d;
    return data::load_sme_techniques(DECARBFUND_SOURCE_DIR "/data/nl/sme-techniques.csv", d).value();
  }();
  core::Diagnostics diags;
  (void)data::parse_applications(fuzz::text(data, size), "fuzz.csv", techniques, diags);
  fuzz::render(diags);
  return 0;
}
