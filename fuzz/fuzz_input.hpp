#pragma once
// What every fuzz target shares: the input as text, and diagnostics turned into text (so their
// formatting is fuzzed too). A target must never crash, leak, overflow or trip UBSan on any input;
// a core::Error or a RequestError is an answer, not a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/load_sme.hpp"

namespace decarbfund::fuzz {

/// The shipped SME technique catalogue, read once (round and application readers check ids
/// against it).
inline const std::vector<model::Technique>& shipped_techniques() {
  static const auto techniques = [] {
    core::Diagnostics d;
    return data::load_sme_techniques(DECARBFUND_SOURCE_DIR "/data/nl/sme-techniques.csv", d).value();
  }();
  return techniques;
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void render(const core::Diagnostics& diags) {
  for (const auto& d : diags.all()) {
    (void)d.to_string();
  }
}

}  // namespace decarbfund::fuzz
