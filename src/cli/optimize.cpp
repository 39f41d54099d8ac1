// `decarbfund optimize`: the portfolio that buys the most expected tonnes in the target year
// within the budget and limits, or reaches a reduction at least cost (issue 7; docs/optimize.md).
// Parses arguments, locates and loads the inputs, calls runs::run_optimize, prints and writes
// the report. Exit 2 when the inputs are infeasible or unbounded.

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/lang_option.hpp"
#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"
#include "optimize/portfolio_report.hpp"
#include "report/portfolio_html.hpp"
#include "report/portfolio_tables.hpp"
#include "report/xlsx_portfolio.hpp"
#include "runs/optimize_run.hpp"

namespace decarbfund::cli {

namespace {

struct OptimizeArgs : ReportArgs {
  std::string objective = "max-reduction";
  runs::OptimizeRequest request;
  std::string scenario;
  std::string data;
  std::string sme_applications;
  std::string sme_round;
  std::string deals;
  bool no_deals = false;
  std::string rule_rounds = "examples/rounds";
  bool quiet = false;
};

/// An old option name kept for scripts (issue 19 "one option name per concept"): hidden from the
/// help, says which name to use.
template <typename T>
void deprecated_alias(CLI::App* cmd, const std::string& old_name, const std::string& new_name, T& target) {
  cmd->add_option(old_name, target)
      ->group("")
      ->each([old_name, new_name](const std::string&) {
        fmt::print(stderr, "decarbfund: {} is deprecated; use {}\n", old_name, new_name);
      });
}

std::string command_line(const OptimizeArgs& a) {
  const auto& r = a.request;
  const auto number = [](double v) { return std::isnan(v) || std::isinf(v) ? std::string() : fmt::format("{}", v); };
  return "decarbfund optimize" + report::command_option("objective", a.objective) +
         report::command_option("budget", number(r.budget_eur)) +
         report::command_option("reduction", number(r.reduction_t)) +
         report::command_option("commit-per-year", number(r.commit_per_year_eur)) +
         report::command_option("cash-per-year", number(r.cash_per_year_eur)) +
         report::command_option("scenario", a.scenario) + report::command_option("data", a.data) +
         report::command_option("sme-applications", a.sme_applications) +
         (a.sme_applications.empty() ? report::command_option("sme-firms", std::to_string(r.sme_firms)) +
                                           report::command_option("seed", r.seed ? std::to_string(*r.seed) : "")
                                     : std::string()) +
         (r.sme_max_applications > 0
              ? report::command_option("sme-max-applications", std::to_string(r.sme_max_applications))
              : "") +
         report::command_option("deals", a.deals) + (a.no_deals ? " --no-deals" : "") +
         report::command_option("sme-round", a.sme_round) + report::command_option("rule-rounds", a.rule_rounds) +
         (r.first_decision_year != 0
              ? report::command_option("first-decision-year", std::to_string(r.first_decision_year))
              : "") +
         report::command_option("gap", fmt::format("{}", r.gap)) +
         report::command_option("time-limit", fmt::format("{}", r.time_limit_s)) +
         report::command_option("lang", a.lang == "en" ? "" : a.lang);
}

}  // namespace

void add_optimize(CLI::App& app, int& status) {
  auto args = std::make_shared<OptimizeArgs>();
  auto& r = args->request;
  auto* cmd = app.add_subcommand("optimize", "The support portfolio that buys the most expected tonnes (CBC MIP)");
  cmd->add_option("--objective", args->objective, "max-reduction or min-cost")
      ->capture_default_str()
      ->check(CLI::IsMember({"max-reduction", "min-cost"}));
  cmd->add_option("--budget", r.budget_eur, "budget over all years, EUR (default 7e9 for max-reduction)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--reduction", r.reduction_t,
                  "min-cost: expected reduction to reach in the target year, t (default: the scenario's package leg)");
  cmd->add_option("--commit-per-year", r.commit_per_year_eur, "limit on commitments in any one year, EUR")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cash-per-year", r.cash_per_year_eur, "limit on payments in any one year, EUR")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--scenario", args->scenario,
                  "scenario: a file, or the name of one in the scenarios folder (default: belastingplan-2026)");
  cmd->add_option("--data", args->data,
                  "dataset directory (default: $DECARBFUND_DATA, the installed dataset, else ./data/nl)");
  cmd->add_option("--sme-applications", args->sme_applications,
                  "SME applications CSV (default: generated, --sme-firms and --seed)");
  cmd->add_option("--sme-firms", r.sme_firms, "firms to generate SME applications for when --sme-applications is absent")
      ->capture_default_str();
  cmd->add_option("--seed", r.seed, "seed of the generated SME population (default: the scenario's seed)");
  cmd->add_option("--sme-max-applications", r.sme_max_applications, "keep only the first N SME applications (0 = all)");
  cmd->add_option("--deals", args->deals, "deal files directory with phases.yaml (default: DATA/deals)");
  cmd->add_flag("--no-deals", args->no_deals,
                "ignore deal files: each company's announced projects as one deal, realisation 1, no cap");
  cmd->add_option("--sme-round", args->sme_round, "SME round rules (default: DATA/rounds/veki-2024.yaml)");
  cmd->add_option("--rule-rounds", args->rule_rounds,
                  "directory with fcfs/ranking/points/phases.yaml for the rule comparison")
      ->capture_default_str();
  cmd->add_option("--first-decision-year", r.first_decision_year,
                  "first year a supported project may be decided (default: the scenario's decision_from_year)");
  cmd->add_option("--gap", r.gap, "relative MIP gap to stop at")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--time-limit", r.time_limit_s, "solver time limit, s")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_json_csv_options(cmd, *args);
  add_html_xlsx_options(cmd, *args);
  cmd->add_flag("--quiet", args->quiet, "print nothing on success");
  deprecated_alias(cmd, "--applications", "--sme-applications", args->sme_applications);
  deprecated_alias(cmd, "--firms", "--sme-firms", r.sme_firms);
  deprecated_alias(cmd, "--round", "--sme-round", args->sme_round);
  deprecated_alias(cmd, "--max-applications", "--sme-max-applications", r.sme_max_applications);
  cmd->callback([args, &status] {
    auto& a = *args;
    a.request.objective = a.objective == "min-cost" ? optimize::Objective::min_cost : optimize::Objective::max_reduction;
    a.data = locate_data(a.data, a.quiet);
    a.scenario = locate_scenario(a.scenario, a.quiet);
    a.rule_rounds = locate_input(a.rule_rounds, a.quiet, "rule rounds");
    a.deals = locate_input(a.deals, a.quiet, "deals");
    a.sme_round = locate_input(a.sme_round, a.quiet, "SME round");
    const auto model = data::load_dataset_or_throw(a.data);
    const auto scenario = data::load_scenario_or_throw(a.scenario);
    const auto inputs =
        runs::load_optimize_inputs(model, a.data, a.sme_round, a.sme_applications, a.deals, a.no_deals, a.rule_rounds);
    const auto run = runs::run_optimize(model, scenario, inputs, a.request);
    // Render every report before writing any file, so a failure leaves no half set of files.
    const std::string json = a.wants_json() ? optimize::portfolio_json(run->report) : "";
    std::string xlsx, html;
    if (!a.xlsx.empty() || !a.html.empty()) {
      auto info = report::portfolio_run_info(run->report);
      info.command = command_line(a);
      xlsx = a.xlsx.empty() ? "" : report::portfolio_xlsx(run->report, info, report_lang(a.lang));
      html = a.html.empty() ? "" : report::portfolio_html(run->report, info, report_lang(a.lang));
    }
    const auto written = write_reports(a, json, html, xlsx);
    if (!run->solved()) {
      std::fprintf(stderr, "error: the portfolio problem is %s:\n", optimize::status_name(run->solution.status));
      for (const auto& c : run->solution.conflicts) {
        std::fprintf(stderr, "  %s\n", c.c_str());
      }
      status = run->solution.status == optimize::Status::no_solution ? kExitInternal : kExitBadInput;
      return;
    }
    if (!a.quiet) {
      if (!a.json_to_stdout()) {
        fmt::print("{}", optimize::portfolio_text(run->report));
      }
      print_written(written, false, a.json_to_stdout());
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
