#pragma once
// Application lists for an SME round (applications.csv; docs/sme.md "Application file"): read
// strictly — every problem names file, line and field — and written by the generator.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/csv_reader.hpp"
#include "model/sme_scheme.hpp"

namespace decarbfund::data {

/// The application file's columns (schema as data).
std::span<const ColumnSpec> application_columns();

/// Parses an application list and resolves each technique against the catalogue: unknown
/// technique, negative cost, bad date, duplicate id, ragged rows and unknown columns are errors;
/// all are gathered in one pass. An empty lifetime_yr takes the technique's lifetime.
std::optional<std::vector<model::Application>> parse_applications(
    std::string_view text, const std::string& file, std::span<const model::Technique> techniques,
    core::Diagnostics& diags);

/// Reads a file and parses it as above; a missing file is a diagnostic.
std::optional<std::vector<model::Application>> load_applications(
    const std::filesystem::path& path, std::span<const model::Technique> techniques,
    core::Diagnostics& diags);

/// The CSV text of an application list, columns as application_columns(), byte-for-byte
/// deterministic (csv_number formatting).
std::string applications_csv(std::span<const model::Application> applications);

}  // namespace decarbfund::data
