// `decarbfund emitters [--data DIR] [--deals DIR | --no-deals] [--scenario FILE] [--top N]
// [--json FILE] [--csv DIR]`: the largest emitting companies with their deal status (issue 17 §6,
// docs/deals.md "Who's who"). Parses, loads, calls analysis::rank_emitters, prints; no model logic.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/emitters.hpp"
#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "data/load_scenario.hpp"
#include "report/emitters_report.hpp"
#include "runs/run_inputs.hpp"

namespace decarbfund::cli {

namespace {

struct EmittersArgs : ReportArgs {
  std::string data;
  std::string deals;
  std::string scenario;
  bool no_deals = false;
  std::size_t top = 20;
};

}  // namespace

void add_emitters(CLI::App& app, int& status) {
  auto args = std::make_shared<EmittersArgs>();
  auto* cmd = app.add_subcommand("emitters", "Companies ranked by emissions, with their maatwerk deal and its tonnes");
  cmd->add_option("--data", args->data,
                  "dataset directory (default: $DECARBFUND_DATA, the installed dataset, else ./data/nl)");
  cmd->add_option("--deals", args->deals, "deal files (default: <data>/deals)");
  cmd->add_flag("--no-deals", args->no_deals, "ignore the deal files: every company shows as without a deal");
  cmd->add_option("--scenario", args->scenario,
                  "scenario whose target the committed tonnes are a share of (default: belastingplan-2026)");
  cmd->add_option("--top", args->top, "how many companies to list, largest first (0: all)")->capture_default_str();
  add_json_csv_options(cmd, *args);
  cmd->callback([args, &status] {
    args->data = locate_data(args->data, args->json_to_stdout());
    args->scenario = locate_scenario(args->scenario, args->json_to_stdout());
    args->deals = locate_input(args->deals, args->json_to_stdout(), "deals");
    core::Diagnostics diags;
    auto scenario = data::load_scenario(args->scenario, diags);
    if (!scenario) {
      throw core::Error(diags);
    }
    const auto dataset = runs::load_dataset_inputs(args->data, args->deals, args->no_deals);
    const auto ranking = analysis::rank_emitters(dataset.model, dataset.deal_book(), scenario->target, args->top);
    const std::string json = args->wants_json() ? report::emitters_json(dataset.model, ranking) : "";
    const auto written = write_reports(*args, json);
    if (!args->json_to_stdout()) {
      fmt::print("{}", report::emitters_text(dataset.model, ranking));
    }
    print_written(written, true, args->json_to_stdout());
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
