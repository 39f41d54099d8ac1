#pragma once
// Loading a dataset directory (docs/data-format.md) into the in-memory model::Model, checking
// types, units, ranges, references and duplicates in one pass (issue 2 §5).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "model/model.hpp"

namespace decarbfund::data {

/// Loads `dir` (which holds dataset.yaml). Every problem is added to `diags`; returns nullopt when
/// any error was found, so a half-valid model is never handed out.
std::optional<model::Model> load_dataset(const std::filesystem::path& dir, core::Diagnostics& diags);

/// Loads `dir` or throws core::Error carrying every diagnostic.
model::Model load_dataset_or_throw(const std::filesystem::path& dir);

namespace detail {
/// Checks dataset.yaml's text alone (`dir` resolves its table paths, which are not read): the
/// fuzz target's entry. Problems go to `diags`.
bool parse_manifest_text(std::string_view text, const std::string& file, const std::filesystem::path& dir,
                         core::Diagnostics& diags);
}  // namespace detail

}  // namespace decarbfund::data
