// `decarbfund optimize`: the portfolio that buys the most expected tonnes in the target year
// within the budget and limits, or reaches a reduction at least cost (issue 7; docs/optimize.md).
// Parses arguments, loads, calls optimize::build_problem / solve_portfolio / compare_rules,
// prints and writes the report. Exit 2 when the inputs are infeasible or unbounded.

#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/lang_option.hpp"
#include "cli/verbs.hpp"
#include "cli/written_files.hpp"
#include "core/atomic_file.hpp"
#include "data/load_applications.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"
#include "optimize/build_problem.hpp"
#include "optimize/portfolio.hpp"
#include "optimize/portfolio_report.hpp"
#include "optimize/rule_allocation.hpp"
#include "report/portfolio_html.hpp"
#include "report/portfolio_tables.hpp"
#include "report/report_files.hpp"
#include "report/xlsx_portfolio.hpp"

namespace decarbfund::cli {

namespace {

/// EUR 7 bn: the coalition agreement's indication for the reciprocal (maatwerk) arrangements with
/// industry (policy.md §2.7, §8.7); no per-year figure of perceel 5 was found.
constexpr double kDefaultBudgetEur = 7e9;

struct OptimizeArgs {
  std::string objective = "max-reduction";
  double budget = std::numeric_limits<double>::quiet_NaN();
  double reduction = std::numeric_limits<double>::quiet_NaN();
  double commit_per_year = std::numeric_limits<double>::infinity();
  double cash_per_year = std::numeric_limits<double>::infinity();
  std::string scenario = "scenarios/belastingplan-2026.yaml";
  std::string data = "data/nl";
  std::string applications;
  std::size_t firms = 5000;
  std::uint64_t seed = 1;
  std::size_t max_applications = 0;
  std::string round;
  std::string deals;
  bool no_deals = false;
  std::string rule_rounds = "examples/rounds";
  int first_decision_year = 0;
  double gap = 0.01;
  double time_limit = 30;
  std::string json;
  std::string xlsx;
  std::string html;
  std::string lang = "en";
  bool quiet = false;
};

template <typename T>
T or_throw(std::optional<T> v, const core::Diagnostics& diags) {
  if (!v) {
    throw core::Error(diags);
  }
  return std::move(*v);
}

}  // namespace

void add_optimize(CLI::App& app, int& status) {
  auto args = std::make_shared<OptimizeArgs>();
  auto* cmd = app.add_subcommand("optimize", "The support portfolio that buys the most expected tonnes (CBC MIP)");
  cmd->add_option("--objective", args->objective, "max-reduction or min-cost")
      ->capture_default_str()
      ->check(CLI::IsMember({"max-reduction", "min-cost"}));
  cmd->add_option("--budget", args->budget, "budget over all years, EUR (default 7e9 for max-reduction)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--reduction", args->reduction,
                  "min-cost: expected reduction to reach in the target year, t (default: the scenario's package leg)");
  cmd->add_option("--commit-per-year", args->commit_per_year, "limit on commitments in any one year, EUR")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cash-per-year", args->cash_per_year, "limit on payments in any one year, EUR")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--scenario", args->scenario, "scenario YAML")->capture_default_str();
  cmd->add_option("--data", args->data, "dataset directory")->capture_default_str();
  cmd->add_option("--applications", args->applications,
                  "SME applications CSV (default: generated, --firms and --seed)");
  cmd->add_option("--firms", args->firms, "firms to generate applications for when --applications is absent")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "generator seed")->capture_default_str();
  cmd->add_option("--max-applications", args->max_applications, "keep only the first N applications (0 = all)");
  cmd->add_option("--deals", args->deals, "deal files directory with phases.yaml (default: DATA/deals)");
  cmd->add_flag("--no-deals", args->no_deals,
                "ignore deal files: each company's announced projects as one deal, realisation 1, no cap");
  cmd->add_option("--round", args->round, "SME round rules (default: DATA/rounds/veki-2024.yaml)");
  cmd->add_option("--rule-rounds", args->rule_rounds,
                  "directory with fcfs/ranking/points/phases.yaml for the rule comparison")
      ->capture_default_str();
  cmd->add_option("--first-decision-year", args->first_decision_year,
                  "first year a supported project may be decided (default: the scenario's decision_from_year)");
  cmd->add_option("--gap", args->gap, "relative MIP gap to stop at")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--time-limit", args->time_limit, "solver time limit, s")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--json", args->json, "write the JSON document to this file");
  cmd->add_option("--xlsx", args->xlsx, "write an Excel workbook (one sheet per table) to this file");
  cmd->add_option("--html", args->html, "write a self-contained HTML report to this file");
  add_lang_option(cmd, args->lang);
  cmd->add_flag("--quiet", args->quiet, "print nothing on success");
  cmd->callback([args, &status] {
    const std::filesystem::path data_dir(args->data);
    const auto model = data::load_dataset_or_throw(args->data);
    core::Diagnostics diags;
    const auto scenario = or_throw(data::load_scenario(args->scenario, diags), diags);
    const auto techniques = or_throw(data::load_sme_techniques(data_dir / "sme-techniques.csv", diags), diags);
    const std::string round_path = args->round.empty() ? (data_dir / "rounds" / "veki-2024.yaml").string() : args->round;
    const auto round = or_throw(data::load_round(round_path, techniques, diags), diags);
    std::vector<model::Application> applications;
    std::string applications_from;
    if (!args->applications.empty()) {
      applications = or_throw(data::load_applications(args->applications, techniques, diags), diags);
      applications_from = args->applications;
    } else {
      data::GeneratorConfig config;
      config.firms = args->firms;
      config.seed = args->seed;
      config.opens = round.opens;
      config.closes = round.closes;
      applications = data::generate_applications(techniques, config);
      applications_from = fmt::format("generated: {} firms, seed {}", args->firms, args->seed);
    }
    if (args->max_applications > 0 && applications.size() > args->max_applications) {
      applications.resize(args->max_applications);
    }
    std::vector<model::Round> rule_rounds;
    for (const char* rule : {"fcfs", "ranking", "points", "phases"}) {
      const auto path = std::filesystem::path(args->rule_rounds) / (std::string(rule) + ".yaml");
      if (std::filesystem::exists(path)) {
        rule_rounds.push_back(or_throw(data::load_round(path, techniques, diags), diags));
      }
    }

    optimize::BuildOptions options;
    options.objective = args->objective == "min-cost" ? optimize::Objective::min_cost : optimize::Objective::max_reduction;
    options.budget.total_eur = !std::isnan(args->budget)                                ? args->budget
                               : options.objective == optimize::Objective::max_reduction ? kDefaultBudgetEur
                                                                                         : optimize::kUnlimited;
    options.budget.commit_per_year_eur = args->commit_per_year;
    options.budget.cash_per_year_eur = args->cash_per_year;
    options.required_t = std::isnan(args->reduction) ? scenario.target.package_leg_t : args->reduction;
    options.first_decision_year = args->first_decision_year;
    std::vector<optimize::DealInput> deals;
    const std::filesystem::path deals_dir = args->deals.empty() ? data_dir / "deals" : std::filesystem::path(args->deals);
    if (!args->no_deals && (!args->deals.empty() || std::filesystem::exists(deals_dir))) {
      auto files = or_throw(data::load_deals(deals_dir, diags), diags);
      const auto phases = or_throw(data::load_phases(deals_dir / "phases.yaml", diags), diags);
      bool ok = true;
      for (const auto& deal : files) {
        ok = data::check_deal(model, deal, diags) && ok;
      }
      if (!ok) {
        throw core::Error(diags);
      }
      deals = optimize::deal_inputs(model, files, phases);
    } else {
      deals = optimize::company_deals(model);
    }
    optimize::SmeInput sme;
    sme.round = &round;
    sme.applications = applications;
    auto built = optimize::build_problem(model, scenario, deals, sme, options);
    built.problem.notes.push_back("SME applications: " + applications_from);

    optimize::SolverSettings settings;
    settings.relative_gap = args->gap;
    settings.time_limit_s = args->time_limit;
    const auto solution = optimize::solve_portfolio(built.problem, settings);

    optimize::PortfolioReport report;
    report.scenario = scenario.name;
    report.dataset = model.info.name;
    report.dataset_version = model.info.version;
    report.price_year = model.info.price_year;
    report.scenario_file = scenario.file;
    report.scenario_chain = scenario.chain;
    report.policy_version = scenario.levy.version;
    if (args->applications.empty()) {
      report.seed = args->seed;
    }
    report.built = &built;
    report.solution = &solution;
    report.relative_gap = args->gap;
    const bool solved = solution.status == optimize::Status::optimal || solution.status == optimize::Status::feasible;
    if (solved) {
      report.rule_budget_eur = std::isfinite(options.budget.total_eur) ? options.budget.total_eur : solution.cost_eur;
      report.rules = optimize::compare_rules(built, sme, rule_rounds, report.rule_budget_eur);
    }
    // Render every report before writing any file, so a failure leaves no half set of files.
    const std::string json = args->json.empty() ? "" : optimize::portfolio_json(report);
    std::string xlsx, html;
    if (!args->xlsx.empty() || !args->html.empty()) {
      auto info = report::portfolio_run_info(report);
      info.command = "decarbfund optimize" + report::command_option("objective", args->objective) +
                     report::command_option("budget", std::isnan(args->budget) ? "" : fmt::format("{}", args->budget)) +
                     report::command_option("reduction", std::isnan(args->reduction) ? "" : fmt::format("{}", args->reduction)) +
                     report::command_option("commit-per-year", std::isinf(args->commit_per_year) ? "" : fmt::format("{}", args->commit_per_year)) +
                     report::command_option("cash-per-year", std::isinf(args->cash_per_year) ? "" : fmt::format("{}", args->cash_per_year)) +
                     report::command_option("scenario", args->scenario) + report::command_option("data", args->data) +
                     report::command_option("applications", args->applications) +
                     (args->applications.empty() ? report::command_option("firms", std::to_string(args->firms)) +
                                                       report::command_option("seed", std::to_string(args->seed))
                                                 : std::string()) +
                     (args->max_applications > 0 ? report::command_option("max-applications", std::to_string(args->max_applications)) : "") +
                     report::command_option("deals", args->deals) + (args->no_deals ? " --no-deals" : "") +
                     report::command_option("round", args->round) + report::command_option("rule-rounds", args->rule_rounds) +
                     (args->first_decision_year != 0 ? report::command_option("first-decision-year", std::to_string(args->first_decision_year)) : "") +
                     report::command_option("gap", fmt::format("{}", args->gap)) +
                     report::command_option("time-limit", fmt::format("{}", args->time_limit)) +
                     report::command_option("lang", args->lang == "en" ? "" : args->lang);
      xlsx = args->xlsx.empty() ? "" : report::portfolio_xlsx(report, info, report_lang(args->lang));
      html = args->html.empty() ? "" : report::portfolio_html(report, info, report_lang(args->lang));
    }
    const auto written = report::write_report_files({{args->json, json}, {args->xlsx, xlsx}, {args->html, html}});
    if (!solved) {
      std::fprintf(stderr, "error: the portfolio problem is %s:\n", optimize::status_name(solution.status));
      for (const auto& c : solution.conflicts) {
        std::fprintf(stderr, "  %s\n", c.c_str());
      }
      status = solution.status == optimize::Status::no_solution ? kExitInternal : kExitBadInput;
      return;
    }
    if (!args->quiet) {
      fmt::print("{}", optimize::portfolio_text(report));
      print_written(written, false);
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
