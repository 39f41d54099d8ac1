#pragma once
// Scenario files (scenarios/*.yaml, docs/scenarios.md): a scenario may name a `base:` scenario
// (a path relative to its own file) and override only what it changes. The loader reads the
// chain root first and applies each file as a sparse override: maps merge per key and per year,
// scalars replace. Every problem is reported with file, line and key path (STYLE §2.5):
//   scenarios/x.yaml:12: policy.levy.tariff_eur_per_t.ets_industrial[2031]: expected a number in
//   EUR/t from 0 to 10000, found "tbd"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "model/scenario.hpp"

namespace decarbfund::data {

/// Reads a scenario and its base chain into the resolved, dense model::Scenario. Returns nullopt
/// when any error was found; all of them are in `diags` (a missing file, a missing base file and
/// a base cycle included, like read_csv: a diagnostic, not an exception).
std::optional<model::Scenario> load_scenario(const std::filesystem::path& path,
                                             core::Diagnostics& diags);

/// load_scenario(), throwing core::Error with every problem instead.
model::Scenario load_scenario_or_throw(const std::filesystem::path& path);

/// Reads a scenario given as text (YAML, or JSON, which is YAML too), e.g. a diff posted to the
/// server. `label` names it in messages; a `base:` in it is resolved against `base_dir` (the
/// caller decides which names it accepts: no file paths from requests).
std::optional<model::Scenario> load_scenario_text(std::string_view text, const std::string& label,
                                                  const std::filesystem::path& base_dir,
                                                  core::Diagnostics& diags);

}  // namespace decarbfund::data
