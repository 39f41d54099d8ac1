// Fuzzes the MIDDEN reader (data/midden_records.hpp): the input holds the five files' texts
// separated by the byte 0x1e (record separator); a missing file is an empty array.

#include <array>
#include <string>

#include "data/midden_records.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  std::array<std::string, data::detail::kMiddenFiles.size()> texts;
  texts.fill("[]");
  auto rest = fuzz::text(data, size);
  for (std::size_t k = 0; k < texts.size() && !rest.empty(); ++k) {
    const auto cut = rest.find('\x1e');
    texts[k] = std::string(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  try {
    (void)data::detail::parse_midden(texts, "/fuzz-midden");
  } catch (const core::Error& e) {
    for (const auto& d : e.diagnostics()) {
      (void)d.to_string();
    }
  }
  return 0;
}
