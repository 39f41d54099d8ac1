#pragma once
// MIDDEN v3 importer (issue 2 §3): turns PBL/TNO's MIDDEN JSON files (midden.json, pcd.json,
// tc.json, cd.json, gpd.json) into the dataset tables midden/sites.csv and midden/options.csv,
// plus a per-plant report of what could not be converted. Deterministic: same input, same bytes.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace decarbfund::data {

/// Something the importer could not convert (or converted with a stated assumption), per plant.
struct MiddenImportNote {
  std::string plant_id;
  std::string configuration_id;  ///< empty when about the plant as a whole
  std::string action;            ///< skipped, assumed or calibration
  std::string reason;
};

/// What an import produced.
struct MiddenImportReport {
  std::size_t plants = 0;        ///< sites written
  std::size_t alternatives = 0;  ///< alternative configurations seen
  std::size_t options = 0;       ///< options written
  double base_emissions_t = 0;   ///< Σ 2020 verified emissions over plants
  std::vector<MiddenImportNote> notes;  ///< skipped or assumed, with reasons
  std::vector<std::string> files_written;
  std::size_t skipped = 0;  ///< alternatives not written as options
  /// Alternatives written as parts of a route option beyond its first (docs/midden-import.md
  /// §3.1): options + skipped + in_routes = alternatives.
  std::size_t in_routes = 0;
  std::size_t routes = 0;  ///< options made of two or more alternatives
  std::map<std::string, std::size_t> skipped_by_reason;  ///< short reason → alternatives
  std::size_t assumed = 0;  ///< assumption notes
};

/// Reads MIDDEN from `midden_dir`, writes `out_dir`/sites.csv, options.csv, import-report.csv and
/// price-index.csv (each atomically); the rules are in docs/midden-import.md. Throws core::Error
/// naming the file and key when the input is malformed.
MiddenImportReport import_midden(const std::filesystem::path& midden_dir,
                                 const std::filesystem::path& out_dir);

}  // namespace decarbfund::data
