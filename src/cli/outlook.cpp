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
#include "cli/lang_option.hpp"
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

void add_outlook(CLI::App& app, int& status) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("outlook", "The target-year outlook: legs, gap, sites, levy, bottlenecks");
  add_run_options(cmd, *args, "scenario YAML");
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
    const std::string html = args->html.empty() ? "" : report::outlook_html(model, outlook, cli::report_lang(args->lang));
    std::string xlsx;
    if (!args->xlsx.empty()) {
      auto info = report::outlook_run_info(model, outlook, cli::report_lang(args->lang));
      info.scenario_chain = scenario.chain;
      info.command = run_command("outlook", *args);
      xlsx = report::outlook_xlsx(model, outlook, info, cli::report_lang(args->lang));
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
