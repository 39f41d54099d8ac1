#pragma once
// What produced a report (issue 8: "every report says which dataset, scenario, policy version and
// seed produced it"): the "about" sheet of every workbook and the metadata line of the HTML
// reports added with it. Filled from the same fields the JSON documents' `meta` blocks print
// (model.info, the outlook's and the Monte Carlo set-up's scenario fields), plus what only the CLI
// knows: the scenario's base chain and the command.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/montecarlo.hpp"
#include "analysis/outlook.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "core/version.hpp"
#include "report/localizer.hpp"

namespace decarbfund::report {

class Workbook;

/// The generator as the JSON documents name it.
inline constexpr const char* kGenerator = core::kGenerator;

struct RunInfo {
  std::string dataset;
  std::string dataset_version;
  int price_year = 0;  ///< EUR of this year in every money column (0: not applicable)
  std::string scenario;
  std::string scenario_file;
  std::vector<std::string> scenario_chain;  ///< files from the root base to the scenario
  std::string policy_version;               ///< the scenario's levy version
  std::string reference_scenario;
  std::string reference_policy_version;
  /// World keys the reference file set differently; its run took the scenario's (one world).
  std::vector<std::string> reference_world_replaced;
  std::optional<std::uint64_t> seed;
  /// The command that reproduces the report, output options left out (so that two runs writing to
  /// different files give the same bytes).
  std::string command;
  /// Verb-specific lines (draws, deals directory, registry file …), in order.
  std::vector<std::pair<std::string, std::string>> more;
  /// The workbook's creation time (Workbook's constructor): a date the run's data carry, never the
  /// clock.
  std::string created_utc;
};

/// The workbook's creation time for a dataset version: its month when it reads "YYYY.MM"
/// (data/nl: "2026.11" → "2026-11-01T00:00:00Z"), else "" (1980-01-01).
std::string dataset_created_utc(const std::string& dataset_version);

/// The dataset's part, with created_utc from its version.
RunInfo dataset_run_info(const model::Model& model);

/// As outlook_json's `meta`; the package levers' line in `lang` (in English as the JSON says it).
RunInfo outlook_run_info(const model::Model& model, const analysis::Outlook& outlook, Lang lang = Lang::en);

/// As montecarlo_json's `meta` (draws and deals directory in `more`).
RunInfo montecarlo_run_info(const model::Model& model, const analysis::MonteCarloResult& result, Lang lang = Lang::en);

/// Scenario fields from a loaded scenario (for verbs without an outlook, e.g. optimize).
void set_scenario(RunInfo& info, const model::Scenario& scenario);

/// " --name value" for a command line (value quoted when it holds a space or a quote), or "" when
/// `value` is empty: how the verbs spell RunInfo::command.
std::string command_option(const char* name, const std::string& value);

/// Adds the "about" sheet (item, value): every field that is set, then `more`; items named in
/// the report's language (the "about.*" keys: in English, the JSON `meta` keys).
void add_about_sheet(Workbook& workbook, const RunInfo& info, const Localizer& tr = Localizer());

/// One line for an HTML report: "dataset nl 2026.11 · scenario … · seed 7 · decarbfund 0.1.0",
/// HTML-escaped, without a wrapping element.
std::string run_info_html(const RunInfo& info, const Localizer& tr = Localizer());

}  // namespace decarbfund::report
