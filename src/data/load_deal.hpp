#pragma once
// Deal files (data/nl/deals/*.yaml, docs/deals.md) and the phase table (phases.yaml). Every
// problem is reported with file, line and key path (STYLE §2.5), in one pass:
//   data/nl/deals/nobian.yaml:14: government.max_support_eur: expected an amount in EUR from 0 to
//   100000000000, found "lots"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"

namespace decarbfund::data {

/// Reads one deal file. nullopt when any error was found (all of them are in `diags`).
std::optional<model::Deal> load_deal(const std::filesystem::path& path, core::Diagnostics& diags);

/// Reads a deal given as YAML text; `label` names it in messages.
std::optional<model::Deal> load_deal_text(std::string_view text, const std::string& label,
                                          core::Diagnostics& diags);

/// The phase table's file name in a deal directory: not a deal.
inline constexpr std::string_view kPhasesFile = "phases.yaml";

/// The deal files of directory `dir`: every regular *.yaml but phases.yaml, sorted by name
/// (empty when `dir` cannot be read).
std::vector<std::filesystem::path> deal_files_in(const std::filesystem::path& dir);

/// Reads every *.yaml of `dir` except phases.yaml, in file-name order; deal ids must be unique.
std::optional<std::vector<model::Deal>> load_deals(const std::filesystem::path& dir,
                                                   core::Diagnostics& diags);

/// Reads the phase table (realisation probability per phase, each with its basis).
std::optional<model::PhaseRealisation> load_phases(const std::filesystem::path& path,
                                                   core::Diagnostics& diags);
/// The same from the file's text, `label` naming it in diagnostics.
std::optional<model::PhaseRealisation> parse_phases(std::string_view text, const std::string& label,
                                                    core::Diagnostics& diags);

/// Checks a deal against the dataset: its sites exist, each project pattern matches at least one
/// option of one of its sites, infrastructure ids exist. Problems name the deal file and key path.
bool check_deal(const model::Model& model, const model::Deal& deal, core::Diagnostics& diags);

/// The deal files of `dir` with its phases.yaml, read but not yet checked against a dataset, with
/// what reading them found: so they can be read while the dataset loads (runs/run_inputs.cpp).
struct UncheckedDealBook {
  std::string dir;
  std::optional<std::vector<model::Deal>> deals;
  std::optional<model::PhaseRealisation> phases;
  core::Diagnostics diags;
};
UncheckedDealBook read_deal_book(const std::filesystem::path& dir);

/// Checks each deal of `book` against the dataset; throws core::Error carrying every problem
/// (reading's first, then the checks').
model::DealBook check_deal_book_or_throw(const model::Model& model, UncheckedDealBook book);

/// read_deal_book, then check_deal_book_or_throw.
model::DealBook load_deal_book_or_throw(const model::Model& model, const std::filesystem::path& dir);

}  // namespace decarbfund::data
