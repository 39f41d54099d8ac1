// `decarbfund compare A B [...]`: scenarios side by side (issue 19; docs/outlook.md "Comparing
// scenarios"). Each scenario runs the outlook on one dataset and deal book, against its own
// reference (or --reference for all); report/compare_report.hpp puts their documents side by side.

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/outlook.hpp"
#include "cli/lang_option.hpp"
#include "cli/locate_inputs.hpp"
#include "cli/run_setup.hpp"
#include "cli/verbs.hpp"
#include "core/diagnostic.hpp"
#include "report/compare_report.hpp"
#include "report/outlook_report.hpp"
#include "report/run_info.hpp"

namespace decarbfund::cli {

namespace {

struct CompareArgs : RunArgs {
  std::vector<std::string> scenarios;
};

}  // namespace

void add_compare(CLI::App& app, int& status) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand("compare", "Scenarios side by side: target, legs, emissions and levy by year, deals");
  cmd->add_option("scenarios", args->scenarios,
                  "two or more scenarios: files, or names of ones in the scenarios folder (e.g. coalition-2023)")
      ->required();
  add_run_options(cmd, *args, nullptr);
  cmd->callback([args, &status] {
    auto& a = *args;
    if (a.scenarios.size() < 2) {
      core::Diagnostic d;
      d.code = "compare.scenarios";
      d.field = "scenarios";
      d.expected = "two or more scenarios to compare";
      d.found = fmt::format("{}", a.scenarios.size());
      throw core::Error(d);
    }
    a.data = locate_data(a.data, a.quiet);
    a.deals = locate_input(a.deals, a.quiet, "deals");
    a.sme_round = locate_input(a.sme_round, a.quiet, "SME round");
    if (!a.reference.empty()) {
      a.reference = locate_scenario(a.reference, a.quiet, "reference");
    }
    const auto dataset = runs::load_dataset_inputs(a.data, a.deals, a.no_deals);
    const auto& model = dataset.model;
    std::vector<std::string> documents;
    std::string names;
    for (auto& s : a.scenarios) {
      s = locate_scenario(s, a.quiet);
      names += report::command_option("scenario", s).substr(11);  // " VALUE", quoted as needed
      const auto pair = runs::load_scenario_pair(s, a.reference, dataset.deal_book());
      const auto sme = runs::load_sme_input(a.data, sme_options(a), pair.scenario);
      const auto outlook =
          analysis::run_outlook(model, pair.scenario, pair.reference, dataset.deal_book(), sme ? &*sme : nullptr);
      documents.push_back(report::outlook_json(model, outlook));
    }
    // Render every report before writing any file.
    const std::string json = report::compare_json(documents);
    auto info = report::dataset_run_info(model);
    info.command = run_command("compare", a) + names;
    const std::string html = a.html.empty() ? "" : report::compare_html(json, info, report_lang(a.lang));
    const std::string xlsx = a.xlsx.empty() ? "" : report::compare_xlsx(json, info);
    const auto written = write_reports(a, a.wants_json() ? json : "", html, xlsx);
    if (!a.quiet && !a.json_to_stdout()) {
      fmt::print("{}", report::compare_text(json));
    }
    if (!a.quiet) {
      print_written(written, true, a.json_to_stdout());
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
