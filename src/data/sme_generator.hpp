#pragma once
// A synthetic population of industrial SMEs and their applications to one round (docs/sme.md
// "Generator and its calibration"). Every number is a pure function of (seed, firm index,
// variable) through core::uniform, so the same seed gives identical bytes and a larger --firms
// keeps the smaller population as its prefix.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/sme_scheme.hpp"

namespace decarbfund::data {

struct GeneratorConfig {
  std::size_t firms = 0;   ///< industrial firms in the population (most do not apply)
  std::uint64_t seed = 0;
  /// The round's window: VEKI 2024, 22 Apr 2024 – 31 Jan 2025 (data-sources.md §3.2).
  std::string opens = "2024-04-22T09:00:00";
  std::string closes = "2025-01-31T17:00:00";
  /// What the applications ask support for (VEKI: investment; a DEI+ round wants pilot or
  /// demonstration, MOOI research).
  model::ProjectType project_type = model::ProjectType::investment;
};

/// The project type a generated population asks `round` for: the first type it opens
/// (investment for VEKI and NIKI, pilot for DEI+, research for MOOI), so a population generated
/// for a round is not refused wholesale as project_type_not_open.
inline model::ProjectType generated_project_type(const model::Round& round) {
  for (std::size_t t = 0; t < model::kProjectTypeCount; ++t) {
    if (round.eligible_types[t]) {
      return static_cast<model::ProjectType>(t);
    }
  }
  return model::ProjectType::investment;
}

/// Applications of `config.firms` firms, ordered by firm. Techniques come from the catalogue
/// rows with status ok and a positive net reduction; throws core::Error when the catalogue
/// lacks them or the window is not a valid pair of date-times.
std::vector<model::Application> generate_applications(std::span<const model::Technique> techniques,
                                                      const GeneratorConfig& config);

}  // namespace decarbfund::data
