#pragma once
// What the outlook-like verbs (outlook, montecarlo) load before they run: the dataset, the
// scenario, its reference and the deal book — with the same defaults and messages for each verb.

#include <optional>
#include <string>

#include "analysis/outlook.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace CLI {
class App;
}

namespace decarbfund::cli {

/// The options of every verb that runs the outlook (outlook, montecarlo): what to load, which
/// report files to write, whether to print.
struct RunArgs {
  std::string data = "data/nl";
  std::string scenario = "scenarios/belastingplan-2026.yaml";
  std::string reference;
  std::string deals;  ///< default: <data>/deals when it exists
  bool no_deals = false;
  std::string sme_round;         ///< default: <data>/rounds/veki-2024.yaml when it exists
  std::string sme_applications;  ///< default: a generated population
  std::size_t sme_firms = 5000;
  bool no_sme = false;
  std::string json;
  std::string html;
  std::string xlsx;
  std::string lang = "en";  ///< of the HTML and Excel reports
  bool quiet = false;
};

/// Registers RunArgs' options on `cmd`; `scenario_help` says what the verb reads from the scenario.
void add_run_options(CLI::App* cmd, RunArgs& args, const char* scenario_help);

/// "decarbfund <verb> --data … --no-sme" + `more` (+ " --lang nl"): the command that reproduces a
/// report (its "about" sheet), output options left out so that two runs writing elsewhere give the
/// same bytes.
std::string run_command(const char* verb, const RunArgs& args, const std::string& more = "");

struct RunSetup {
  model::Model model;
  model::Scenario scenario;
  model::Scenario reference;
  std::optional<model::DealBook> deals;  ///< empty with --no-deals or when there are none
  const model::DealBook* deal_book() const { return deals ? &*deals : nullptr; }
};

/// Loads `data`, `scenario` and its reference (`reference`, or the scenario's target.reference),
/// and the deals of `deals_dir` (default: <data>/deals when it exists) unless `no_deals`.
/// Throws core::Error naming the file and key of any problem.
RunSetup load_run_setup(const std::string& data, const std::string& scenario, const std::string& reference,
                        const std::string& deals_dir, bool no_deals);

/// The SME scheme's contribution (issue 5 §5): the round's rules (`round`, default
/// <data>/rounds/veki-2024.yaml when it exists) allocated over the applications CSV
/// `applications`, or over `firms` firms generated with the scenario's seed, turned into expected
/// tonnes per year with the documented realisation rate and delay (docs/sme.md). nullopt with
/// `no_sme` or without a round. Throws core::Error on bad files.
std::optional<analysis::SmeInput> load_sme_input(const std::string& data, const std::string& round,
                                                 const std::string& applications, std::size_t firms,
                                                 bool no_sme, const model::Scenario& scenario);

}  // namespace decarbfund::cli
