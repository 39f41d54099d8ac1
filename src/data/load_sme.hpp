#pragma once
// The SME technique catalogue (data/nl/sme-techniques.csv; docs/sme.md "Catalogue").

#include <filesystem>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "data/csv_reader.hpp"
#include "model/sme_scheme.hpp"

namespace decarbfund::data {

/// The catalogue's columns (schema as data, STYLE §2.2).
std::span<const ColumnSpec> sme_technique_columns();

/// Reads and checks the catalogue: unique ids, known themes, a usable row (status ok/partial)
/// has investment, energy effects, reduction and lifetime; every row a source. Problems are
/// gathered in `diags`; nullopt when there were errors.
std::optional<std::vector<model::Technique>> load_sme_techniques(const std::filesystem::path& path,
                                                                 core::Diagnostics& diags);

/// Same, from text already in memory (`file` names it in messages).
std::optional<std::vector<model::Technique>> parse_sme_techniques(std::string_view text,
                                                                  const std::string& file,
                                                                  core::Diagnostics& diags);

/// The index of technique `id`, or -1.
int find_technique(std::span<const model::Technique> techniques, std::string_view id);

}  // namespace decarbfund::data
