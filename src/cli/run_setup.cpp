#include "cli/run_setup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/locate_inputs.hpp"
#include "report/run_info.hpp"

namespace decarbfund::cli {

void add_run_options(CLI::App* cmd, RunArgs& a, const char* scenario_help) {
  cmd->add_option("--data", a.data,
                  "dataset directory (default: $DECARBFUND_DATA, the installed dataset, else ./data/nl)");
  if (scenario_help != nullptr) {
    cmd->add_option("--scenario", a.scenario,
                    fmt::format("{}: a file, or the name of one in the scenarios folder (default: belastingplan-2026)",
                                scenario_help));
  }
  cmd->add_option("--reference", a.reference, "reference scenario (default: the scenario's target.reference)");
  cmd->add_option("--deals", a.deals, "directory of maatwerk deal files with phases.yaml (default: <data>/deals)");
  cmd->add_flag("--no-deals", a.no_deals, "run without deal files");
  add_json_csv_options(cmd, a);
  add_html_xlsx_options(cmd, a);
  cmd->add_option("--sme-round", a.sme_round, "SME round rules (default: <data>/rounds/veki-2024.yaml when it exists)");
  cmd->add_option("--sme-applications", a.sme_applications,
                  "SME applications CSV (default: a population generated with the scenario's seed)");
  cmd->add_option("--sme-firms", a.sme_firms, "firms in the generated SME population")->capture_default_str();
  cmd->add_flag("--no-sme", a.no_sme, "run without the SME scheme");
  cmd->add_flag("--quiet", a.quiet, "print nothing on success");
}

std::string run_command(const char* verb, const RunArgs& a, const std::string& more) {
  return fmt::format("decarbfund {}", verb) + report::command_option("data", a.data) +
         report::command_option("scenario", a.scenario) + report::command_option("reference", a.reference) +
         report::command_option("deals", a.deals) + (a.no_deals ? " --no-deals" : "") +
         report::command_option("sme-round", a.sme_round) +
         report::command_option("sme-applications", a.sme_applications) +
         report::command_option("sme-firms", std::to_string(a.sme_firms)) + (a.no_sme ? " --no-sme" : "") + more +
         report::command_option("lang", a.lang == "en" ? "" : a.lang);
}

runs::RunSetup load_run_setup(RunArgs& a) {
  // With --json - stdout is the document; the lines saying what was chosen go to stderr anyway.
  a.data = locate_data(a.data, a.quiet);
  a.scenario = locate_scenario(a.scenario, a.quiet);
  if (!a.reference.empty()) {
    a.reference = locate_scenario(a.reference, a.quiet, "reference");
  }
  a.deals = locate_input(a.deals, a.quiet, "deals");
  a.sme_round = locate_input(a.sme_round, a.quiet, "SME round");
  return runs::load_run_setup(a.data, a.scenario, a.reference, a.deals, a.no_deals, sme_options(a));
}

runs::SmeOptions sme_options(const RunArgs& a) {
  return {a.sme_round, a.sme_applications, a.sme_firms, a.no_sme};
}

}  // namespace decarbfund::cli
