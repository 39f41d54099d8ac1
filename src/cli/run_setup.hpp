#pragma once
// The options of the verbs that run the outlook (outlook, montecarlo, compare) and what they load
// before they run (runs/run_inputs.hpp) — with the same defaults and messages for each verb.

#include <string>

#include "cli/report_outputs.hpp"
#include "runs/run_inputs.hpp"

namespace CLI {
class App;
}

namespace decarbfund::cli {

/// The options of every verb that runs the outlook: what to load, which report files to write,
/// whether to print.
struct RunArgs : ReportArgs {
  std::string data;      ///< default: located (runs/locate.hpp)
  std::string scenario;  ///< default: the default scenario, located
  std::string reference;
  std::string deals;  ///< default: <data>/deals when it exists
  bool no_deals = false;
  std::string sme_round;         ///< default: <data>/rounds/veki-2024.yaml when it exists
  std::string sme_applications;  ///< default: a generated population
  std::size_t sme_firms = runs::kDefaultSmeFirms;
  bool no_sme = false;
  bool quiet = false;
};

/// Registers RunArgs' options on `cmd` (the scenario option only when `scenario_help` is given;
/// compare takes its scenarios as arguments).
void add_run_options(CLI::App* cmd, RunArgs& args, const char* scenario_help);

/// "decarbfund <verb> --data … --no-sme" + `more` (+ " --lang nl"): the command that reproduces a
/// report (its "about" sheet), output options left out so that two runs writing elsewhere give the
/// same bytes.
std::string run_command(const char* verb, const RunArgs& args, const std::string& more = "");

/// Locates the dataset, the scenario, the reference and the deals and SME files (stored back in
/// `args`, so reports name what was read) and loads them. Throws core::Error.
runs::RunSetup load_run_setup(RunArgs& args);

/// The SME options of `args`.
runs::SmeOptions sme_options(const RunArgs& args);

}  // namespace decarbfund::cli
