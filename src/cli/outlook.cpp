// `decarbfund outlook`: the 2030 outlook on a dataset and scenario (issue 3 §4). Parses
// arguments, loads, calls analysis::run_outlook, prints and writes the reports.

#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/outlook.hpp"
#include "cli/lang_option.hpp"
#include "cli/run_setup.hpp"
#include "cli/verbs.hpp"
#include "report/outlook_report.hpp"
#include "report/xlsx_outlook.hpp"

namespace decarbfund::cli {

void add_outlook(CLI::App& app, int& status) {
  auto args = std::make_shared<RunArgs>();
  auto draws = std::make_shared<std::uint32_t>(0);
  auto* cmd = app.add_subcommand("outlook", "The target-year outlook: legs, gap, sites, levy, bottlenecks");
  add_run_options(cmd, *args, "scenario YAML");
  cmd->add_option("--draws", *draws,
                  "also P(target met) from N Monte Carlo draws with the scenario's seed (default 0: none; "
                  "decarbfund montecarlo gives the whole distribution)")
      ->check(CLI::Range(0u, 100000u));
  cmd->callback([args, draws, &status] {
    const auto setup = load_run_setup(*args);
    const auto& model = setup.model();
    const auto& sme = setup.sme;
    auto outlook =
        analysis::run_outlook(model, setup.scenario, setup.reference, setup.deal_book(), sme ? &*sme : nullptr);
    analysis::estimate_p_target_met(model, setup.scenario, setup.reference, setup.deal_book(), sme ? &*sme : nullptr,
                                    *draws, outlook);
    // Render everything before writing anything, so that a failure leaves no half set of files.
    const std::string json = args->wants_json() ? report::outlook_json(model, outlook) : "";
    const std::string html = args->html.empty() ? "" : report::outlook_html(model, outlook, cli::report_lang(args->lang));
    std::string xlsx;
    if (!args->xlsx.empty()) {
      auto info = report::outlook_run_info(model, outlook, cli::report_lang(args->lang));
      info.scenario_chain = setup.scenario.chain;
      info.command = run_command("outlook", *args, *draws > 0 ? fmt::format(" --draws {}", *draws) : "");
      xlsx = report::outlook_xlsx(model, outlook, info, cli::report_lang(args->lang));
    }
    const auto written = write_reports(*args, json, html, xlsx);
    if (!args->quiet && !args->json_to_stdout()) {
      fmt::print("{}", report::outlook_text(model, outlook));
    }
    if (!args->quiet) {
      print_written(written, true, args->json_to_stdout());
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
