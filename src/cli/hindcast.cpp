// `decarbfund hindcast`: the model over the years that already happened, against what NEa and the
// budget published (issue 12; docs/model.md "Hindcast"). Parses arguments, loads, calls
// analysis::run_hindcast, prints and writes the reports.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/hindcast.hpp"
#include "cli/lang_option.hpp"
#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"
#include "report/hindcast_report.hpp"

namespace decarbfund::cli {

namespace {

struct HindcastArgs : ReportArgs {
  std::string data;
  std::string scenario;
  bool quiet = false;
};

}  // namespace

void add_hindcast(CLI::App& app, int& status) {
  auto args = std::make_shared<HindcastArgs>();
  auto* cmd = app.add_subcommand(
      "hindcast", "The model from the base year to the last published year, against NEa's totals and the levy's record");
  cmd->add_option("--data", args->data, "dataset folder (default: located, see docs/python.md)");
  cmd->add_option("--scenario", args->scenario,
                  "scenario whose world and levy policy the run takes (default: belastingplan-2026); its package "
                  "is off and firms decide from the year after the base year");
  add_json_csv_options(cmd, *args);
  cmd->add_option("--html", args->html, "write the HTML report to FILE");
  add_lang_option(cmd, args->lang);
  cmd->add_flag("--quiet", args->quiet, "print nothing but errors");
  cmd->callback([args, &status] {
    args->data = locate_data(args->data, args->quiet);
    args->scenario = locate_scenario(args->scenario, args->quiet);
    const auto model = data::load_dataset_or_throw(args->data);
    const auto scenario = data::load_scenario_or_throw(args->scenario);
    const auto hindcast = analysis::run_hindcast(model, scenario);
    // Render everything before writing anything (a failure leaves no half set of files).
    const std::string json = args->wants_json() ? report::hindcast_json(model, hindcast) : "";
    const std::string html = args->html.empty() ? "" : report::hindcast_html(model, hindcast, report_lang(args->lang));
    const auto written = write_reports(*args, json, html);
    if (!args->quiet && !args->json_to_stdout()) {
      fmt::print("{}", report::hindcast_text(model, hindcast));
    }
    if (!args->quiet) {
      print_written(written, true, args->json_to_stdout());
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
