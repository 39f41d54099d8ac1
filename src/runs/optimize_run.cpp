#include "runs/optimize_run.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "data/load_applications.hpp"
#include "data/load_deal.hpp"
#include "fund/budget_book.hpp"
#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"
#include "optimize/rule_allocation.hpp"

namespace decarbfund::runs {

namespace {

namespace fs = std::filesystem;

template <typename T>
T or_throw(std::optional<T> v, const core::Diagnostics& diags) {
  if (!v) {
    throw core::Error(diags);
  }
  return std::move(*v);
}

}  // namespace

OptimizeInputs load_optimize_inputs(const model::Model& model, const std::string& data_dir, const std::string& round,
                                    const std::string& applications, const std::string& deals_dir, bool no_deals,
                                    const std::string& rule_rounds_dir) {
  const fs::path data(data_dir);
  core::Diagnostics diags;
  OptimizeInputs in;
  in.techniques = or_throw(data::load_sme_techniques(data / "sme-techniques.csv", diags), diags);
  const std::string round_path = round.empty() ? (data / "rounds" / "veki-2024.yaml").string() : round;
  in.round = or_throw(data::load_round(round_path, in.techniques, diags), diags);
  if (!applications.empty()) {
    in.applications = or_throw(data::load_applications(applications, in.techniques, diags), diags);
    in.applications_file = applications;
  }
  for (const char* rule : {"fcfs", "ranking", "points", "phases"}) {
    const auto path = fs::path(rule_rounds_dir) / (std::string(rule) + ".yaml");
    if (!rule_rounds_dir.empty() && fs::exists(path)) {
      in.rule_rounds.push_back(or_throw(data::load_round(path, in.techniques, diags), diags));
    }
  }
  const fs::path dir = deals_dir.empty() ? data / "deals" : fs::path(deals_dir);
  if (!no_deals && (!deals_dir.empty() || fs::exists(dir))) {
    auto files = or_throw(data::load_deals(dir, diags), diags);
    const auto phases = or_throw(data::load_phases(dir / "phases.yaml", diags), diags);
    bool ok = true;
    for (const auto& deal : files) {
      ok = data::check_deal(model, deal, diags) && ok;
    }
    if (!ok) {
      throw core::Error(diags);
    }
    in.deals = optimize::deal_inputs(model, files, phases);
  } else {
    in.deals = optimize::company_deals(model);
  }
  return in;
}

std::unique_ptr<OptimizeRun> run_optimize(const model::Model& model, const model::Scenario& scenario,
                                          const OptimizeInputs& inputs, const OptimizeRequest& request) {
  std::vector<model::Application> applications = inputs.applications;
  std::string applications_from = inputs.applications_file;
  const std::uint64_t seed = request.seed.value_or(scenario.seed);
  if (inputs.applications_file.empty()) {
    data::GeneratorConfig config;
    config.firms = request.sme_firms;
    config.seed = seed;
    config.opens = inputs.round.opens;
    config.closes = inputs.round.closes;
    applications = data::generate_applications(inputs.techniques, config);
    applications_from = fmt::format("generated: {} firms, seed {}", request.sme_firms, seed);
  }
  if (request.sme_max_applications > 0 && applications.size() > request.sme_max_applications) {
    applications.resize(request.sme_max_applications);
  }

  optimize::BuildOptions options;
  options.objective = request.objective;
  options.budget.total_eur = !std::isnan(request.budget_eur)                             ? request.budget_eur
                             : options.objective == optimize::Objective::max_reduction ? kDefaultOptimizeBudgetEur
                                                                                       : optimize::kUnlimited;
  options.budget.commit_per_year_eur = request.commit_per_year_eur;
  options.budget.cash_per_year_eur = request.cash_per_year_eur;
  options.required_t = std::isnan(request.reduction_t) ? scenario.target.package_leg_t : request.reduction_t;
  options.first_decision_year = request.first_decision_year;
  // The fund's books (issue 18, docs/budget.md): nothing new before the as-of year, and new deal
  // support per year within the maatwerk money still free, as EUR of the price year.
  options.as_of_year = model.info.as_of_year;
  if (!model.fund.empty()) {
    const auto book = fund::build_budget_book(model);
    for (int y = book.first_year; y <= book.last_year; ++y) {
      options.budget.deal_free_by_year.emplace_back(
          y, model.real_eur(book.open_in(model.fund.instruments, model::FundSpender::deals, y), y));
    }
  }

  auto run = std::make_unique<OptimizeRun>();
  run->budget_eur = options.budget.total_eur;
  optimize::SmeInput sme;
  sme.round = &inputs.round;
  sme.applications = applications;
  run->built = optimize::build_problem(model, scenario, inputs.deals, sme, options);
  run->built.problem.notes.push_back("SME applications: " + applications_from);

  optimize::SolverSettings settings;
  settings.relative_gap = request.gap;
  settings.time_limit_s = request.time_limit_s;
  run->solution = optimize::solve_portfolio(run->built.problem, settings);

  auto& report = run->report;
  report.scenario = scenario.name;
  report.dataset = model.info.name;
  report.dataset_version = model.info.version;
  report.price_year = model.info.price_year;
  report.scenario_file = scenario.file;
  report.scenario_chain = scenario.chain;
  report.policy_version = scenario.levy.version;
  if (inputs.applications_file.empty()) {
    report.seed = seed;
  }
  report.built = &run->built;
  report.solution = &run->solution;
  report.relative_gap = request.gap;
  if (run->solved()) {
    report.rule_budget_eur = std::isfinite(options.budget.total_eur) ? options.budget.total_eur : run->solution.cost_eur;
    report.rules = optimize::compare_rules(run->built, sme, inputs.rule_rounds, report.rule_budget_eur);
  }
  return run;
}

}  // namespace decarbfund::runs
