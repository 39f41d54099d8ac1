// Fuzzes the scenario reader on text (what the server receives as a posted diff): any input must
// give a scenario or diagnostics, never a crash or a sanitizer report. A `base:` resolves against
// the shipped scenarios/ directory.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/load_scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  core::Diagnostics diags;
  auto s = data::load_scenario_text(text, "fuzz.yaml", DECARBFUND_SOURCE_DIR "/scenarios", diags);
  for (const auto& d : diags.all()) {
    (void)d.to_string();
  }
  return s ? 1 : 0;
}
