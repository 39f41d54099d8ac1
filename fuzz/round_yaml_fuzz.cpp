// Fuzzes the SME round reader (data/load_round.hpp) against the shipped technique catalogue.

#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  static const auto techniques = [] {
    core::Diagnostics d;
    return data::load_sme_techniques(DECARBFUND_SOURCE_DIR "/data/nl/sme-techniques.csv", d).value();
  }();
  core::Diagnostics diags;
  (void)data::parse_round(fuzz::text(data, size), "fuzz.yaml", techniques, diags);
  fuzz::render(diags);
  return 0;
}
