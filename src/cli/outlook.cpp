// `decarbfund outlook`: the 2030 outlook on a dataset and scenario (issue 3 §4). Parses
// arguments, loads, calls analysis::run_outlook, prints and writes the reports.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/outlook.hpp"
#include "cli/run_setup.hpp"
#include "cli/verbs.hpp"
#include "cli/written_files.hpp"
#include "core/atomic_file.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_scenario.hpp"
#include "report/outlook_report.hpp"
#include "report/report_files.hpp"
#include "report/xlsx_outlook.hpp"
#include "analysis/sme_allocation.hpp"
#include "data/load_applications.hpp"
#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace decarbfund::cli {

namespace {

struct OutlookArgs {
  std::string data = "data/nl";
  std::string scenario = "scenarios/belastingplan-2026.yaml";
  std::string reference;
  std::string json;
  std::string html;
  std::string xlsx;
  std::string deals;  ///< default: <data>/deals when it exists
  bool no_deals = false;
  std::string sme_round;         ///< default: <data>/rounds/veki-2024.yaml when it exists
  std::string sme_applications;  ///< default: a generated population
  std::size_t sme_firms = 5000;
  bool no_sme = false;
  bool quiet = false;
};


}  // namespace

void add_outlook(CLI::App& app, int& status) {
  auto args = std::make_shared<OutlookArgs>();
  auto* cmd = app.add_subcommand("outlook", "The target-year outlook: legs, gap, sites, levy, bottlenecks");
  cmd->add_option("--data", args->data, "dataset directory")->capture_default_str();
  cmd->add_option("--scenario", args->scenario, "scenario YAML")->capture_default_str();
  cmd->add_option("--reference", args->reference,
                  "reference scenario (default: the scenario's target.reference)");
  cmd->add_option("--json", args->json, "write the JSON document to this file");
  cmd->add_option("--html", args->html, "write a self-contained HTML report to this file");
  cmd->add_option("--xlsx", args->xlsx, "write an Excel workbook (one sheet per table) to this file");
  cmd->add_option("--deals", args->deals, "directory of maatwerk deal files with phases.yaml (default: <data>/deals)");
  cmd->add_flag("--no-deals", args->no_deals, "run without deal files");
  cmd->add_option("--sme-round", args->sme_round,
                  "SME round rules (default: <data>/rounds/veki-2024.yaml when it exists)");
  cmd->add_option("--sme-applications", args->sme_applications,
                  "SME applications CSV (default: a population generated with the scenario's seed)");
  cmd->add_option("--sme-firms", args->sme_firms, "firms in the generated SME population")->capture_default_str();
  cmd->add_flag("--no-sme", args->no_sme, "run without the SME scheme");
  cmd->add_flag("--quiet", args->quiet, "print nothing on success");
  cmd->callback([args, &status] {
    const auto setup_inputs =
        load_run_setup(args->data, args->scenario, args->reference, args->deals, args->no_deals);
    const auto& model = setup_inputs.model;
    const auto& scenario = setup_inputs.scenario;
    const auto& reference = setup_inputs.reference;
    const auto* deals = setup_inputs.deal_book();
    const auto sme = load_sme_input(args->data, args->sme_round, args->sme_applications, args->sme_firms, args->no_sme, scenario);
    const auto outlook =
        analysis::run_outlook(model, scenario, reference, deals, sme ? &*sme : nullptr);
    // Render everything before writing anything, so that a failure leaves no half set of files.
    const std::string json = args->json.empty() ? "" : report::outlook_json(model, outlook);
    const std::string html = args->html.empty() ? "" : report::outlook_html(model, outlook);
    std::string xlsx;
    if (!args->xlsx.empty()) {
      auto info = report::outlook_run_info(model, outlook);
      info.scenario_chain = scenario.chain;
      info.command = "decarbfund outlook" + report::command_option("data", args->data) +
                     report::command_option("scenario", args->scenario) +
                     report::command_option("reference", args->reference) +
                     report::command_option("deals", args->deals) + (args->no_deals ? " --no-deals" : "") +
                     report::command_option("sme-round", args->sme_round) +
                     report::command_option("sme-applications", args->sme_applications) +
                     report::command_option("sme-firms", std::to_string(args->sme_firms)) +
                     (args->no_sme ? " --no-sme" : "");
      xlsx = report::outlook_xlsx(model, outlook, info);
    }
    const auto written = report::write_report_files({{args->json, json}, {args->html, html}, {args->xlsx, xlsx}});
    if (!args->quiet) {
      fmt::print("{}", report::outlook_text(model, outlook));
      print_written(written, true);
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
