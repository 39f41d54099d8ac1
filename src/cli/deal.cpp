// `decarbfund deal assess FILE [--scenario FILE] [--reference FILE] [--data DIR] [--deals DIR | --no-deals]
// [--json FILE] [--csv DIR] [--html FILE] [--xlsx FILE]`: what the advisory committee asks of a draft
// maatwerk deal (issue 4 §4, docs/deals.md), with its own effect in the outlook among the other
// deals (issue 14 §3). Parses, loads, calls runs::assess_deal_run, prints and writes the reports;
// no model logic here.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/deal_assessment.hpp"
#include "cli/lang_option.hpp"
#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "data/load_deal.hpp"
#include "data/load_scenario.hpp"
#include "report/deal_html.hpp"
#include "report/deal_report.hpp"
#include "report/run_info.hpp"
#include "report/xlsx_deal.hpp"
#include "runs/deal_assess_run.hpp"

namespace decarbfund::cli {

namespace {

struct DealArgs : ReportArgs {
  std::string file;
  std::string data;
  std::string scenario;
  std::string reference;
  std::string deals;
  bool no_deals = false;
};

}  // namespace

void add_deal(CLI::App& app, int& status) {
  auto* deal = app.add_subcommand("deal", "Maatwerk deals: assess a draft deal");
  deal->require_subcommand(1);
  auto args = std::make_shared<DealArgs>();
  auto* assess = deal->add_subcommand("assess", "Additionality, support per tonne, funding gap, infrastructure, flags");
  assess->add_option("file", args->file, "deal file (YAML, docs/deals.md)")->required();
  assess->add_option("--data", args->data,
                      "dataset directory (default: $DECARBFUND_DATA, the installed dataset, else ./data/nl)");
  assess->add_option("--scenario", args->scenario,
                     "scenario (prices, levy version): a file or a name (default: belastingplan-2026)");
  assess->add_option("--reference", args->reference,
                     "reference of the own effect's outlook (default: the scenario's target.reference)");
  assess->add_option("--deals", args->deals,
                     "the other deals, with phases.yaml, for the own effect (default: <data>/deals)");
  assess->add_flag("--no-deals", args->no_deals, "no other deals: the own effect is not computed");
  add_json_csv_options(assess, *args);
  assess->add_option("--html", args->html, "also write a self-contained HTML page for the committee to this file");
  assess->add_option("--xlsx", args->xlsx, "also write an Excel workbook (one sheet per table) to this file");
  add_lang_option(assess, args->lang);
  assess->callback([args, &status] {
    args->file = locate_input(args->file, false, "deal");
    args->data = locate_data(args->data, false);
    args->scenario = locate_scenario(args->scenario, false);
    if (!args->reference.empty()) {
      args->reference = locate_scenario(args->reference, false, "reference");
    }
    args->deals = locate_input(args->deals, false, "deals");
    core::Diagnostics diags;
    auto d = data::load_deal(args->file, diags);
    auto scenario = data::load_scenario(args->scenario, diags);
    if (!d || !scenario) {
      throw core::Error(diags);
    }
    const auto dataset = runs::load_dataset_inputs(args->data, args->deals, args->no_deals);
    const auto& model = dataset.model;
    if (!data::check_deal(model, *d, diags)) {
      throw core::Error(diags);
    }
    const auto a = runs::assess_deal_run(dataset, *scenario, args->reference, *d);
    // Render every report before writing any file, so a failure leaves no half set of files.
    std::string html, xlsx;
    if (!args->html.empty() || !args->xlsx.empty()) {
      auto info = report::dataset_run_info(model);
      report::set_scenario(info, *scenario);
      info.more.emplace_back("deal_file", args->file);
      // The deal file is positional: command_option's quoting, without its " --file".
      info.command = "decarbfund deal assess " + report::command_option("file", args->file).substr(8) +
                     report::command_option("scenario", args->scenario) + report::command_option("data", args->data) +
                     report::command_option("reference", args->reference) +
                     report::command_option("deals", args->deals) + (args->no_deals ? " --no-deals" : "") +
                     report::command_option("lang", args->lang == "en" ? "" : args->lang);
      html = args->html.empty() ? "" : report::deal_assessment_html(model, *d, a, info, report_lang(args->lang));
      xlsx = args->xlsx.empty() ? "" : report::deal_assessment_xlsx(model, *d, a, info, report_lang(args->lang));
    }
    const std::string json = args->wants_json() ? report::deal_assessment_json(model, a) : "";
    const auto written = write_reports(*args, json, html, xlsx);
    if (!args->json_to_stdout()) {  // with --json -, stdout is the document alone
      fmt::print("{}", report::deal_assessment_text(model, a));
    }
    print_written(written, false, args->json_to_stdout());
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
