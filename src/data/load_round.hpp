#pragma once
// Round rules of the SME scheme (data/nl/rounds/*.yaml, examples/rounds/*.yaml; docs/sme.md
// "Round file"). Strict: unknown keys, missing keys, wrong types and out-of-range values are
// diagnostics naming the file, the line and the key path (e.g. `caps.eur_per_t`).

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "model/sme_scheme.hpp"

namespace decarbfund::data {

/// Parses a round from YAML text. When `techniques` is not empty, every id under
/// eligibility.techniques must be in it.
std::optional<model::Round> parse_round(std::string_view text, const std::string& file,
                                        std::span<const model::Technique> techniques,
                                        core::Diagnostics& diags);

/// Reads a round file and parses it as above; a missing file is a diagnostic.
std::optional<model::Round> load_round(const std::filesystem::path& path,
                                       std::span<const model::Technique> techniques,
                                       core::Diagnostics& diags);

}  // namespace decarbfund::data
