#include "cli/run_setup.hpp"

#include "cli/lang_option.hpp"

#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/package_levers.hpp"
#include "analysis/sme_allocation.hpp"
#include "core/diagnostic.hpp"
#include "data/load_applications.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "report/run_info.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace decarbfund::cli {

void add_run_options(CLI::App* cmd, RunArgs& a, const char* scenario_help) {
  cmd->add_option("--data", a.data, "dataset directory")->capture_default_str();
  cmd->add_option("--scenario", a.scenario, scenario_help)->capture_default_str();
  cmd->add_option("--reference", a.reference, "reference scenario (default: the scenario's target.reference)");
  cmd->add_option("--deals", a.deals, "directory of maatwerk deal files with phases.yaml (default: <data>/deals)");
  cmd->add_flag("--no-deals", a.no_deals, "run without deal files");
  cmd->add_option("--json", a.json, "write the JSON document to this file");
  cmd->add_option("--html", a.html, "write a self-contained HTML report to this file");
  cmd->add_option("--xlsx", a.xlsx, "write an Excel workbook (one sheet per table) to this file");
  cmd->add_option("--sme-round", a.sme_round, "SME round rules (default: <data>/rounds/veki-2024.yaml when it exists)");
  cmd->add_option("--sme-applications", a.sme_applications,
                  "SME applications CSV (default: a population generated with the scenario's seed)");
  cmd->add_option("--sme-firms", a.sme_firms, "firms in the generated SME population")->capture_default_str();
  cmd->add_flag("--no-sme", a.no_sme, "run without the SME scheme");
  add_lang_option(cmd, a.lang);
  cmd->add_flag("--quiet", a.quiet, "print nothing on success");
}

std::string run_command(const char* verb, const RunArgs& a, const std::string& more) {
  return fmt::format("decarbfund {}", verb) + report::command_option("data", a.data) +
         report::command_option("scenario", a.scenario) + report::command_option("reference", a.reference) +
         report::command_option("deals", a.deals) + (a.no_deals ? " --no-deals" : "") +
         report::command_option("sme-round", a.sme_round) +
         report::command_option("sme-applications", a.sme_applications) +
         report::command_option("sme-firms", std::to_string(a.sme_firms)) + (a.no_sme ? " --no-sme" : "") + more +
         report::command_option("lang", a.lang == "en" ? "" : a.lang);
}

RunSetup load_run_setup(const std::string& data, const std::string& scenario, const std::string& reference,
                        const std::string& deals_dir, bool no_deals) {
  namespace fs = std::filesystem;
  RunSetup r{data::load_dataset_or_throw(data), data::load_scenario_or_throw(scenario), {}, {}};
  const std::string ref_path = reference.empty() ? r.scenario.target.reference_scenario : reference;
  if (ref_path.empty()) {
    throw core::Error(scenario, "target.reference: expected the reference scenario's path "
                                "(or pass --reference), found nothing");
  }
  r.reference = data::load_scenario_or_throw(ref_path);
  std::string dir = deals_dir;
  if (dir.empty() && fs::is_directory(fs::path(data) / "deals")) {
    dir = (fs::path(data) / "deals").string();
  }
  if (!dir.empty() && !no_deals) {
    r.deals = data::load_deal_book_or_throw(r.model, dir);
  }
  // package.deal_phase names deals by id; only now is the deal book known (the server checks the
  // same way, with the same message).
  analysis::check_deal_levers(r.scenario, r.deal_book());
  return r;
}

std::optional<analysis::SmeInput> load_sme_input(const std::string& data, const std::string& sme_round,
                                                 const std::string& sme_applications, std::size_t sme_firms,
                                                 bool no_sme, const model::Scenario& scenario) {
  namespace fs = std::filesystem;
  std::string round_path = sme_round;
  const fs::path default_round = fs::path(data) / "rounds" / "veki-2024.yaml";
  if (round_path.empty() && fs::is_regular_file(default_round)) {
    round_path = default_round.string();
  }
  if (no_sme || round_path.empty()) {
    return std::nullopt;
  }
  core::Diagnostics diags;
  const auto techniques = data::load_sme_techniques(fs::path(data) / "sme-techniques.csv", diags);
  if (!techniques) {
    throw core::Error(diags);
  }
  const auto round = data::load_round(round_path, *techniques, diags);
  std::optional<std::vector<model::Application>> apps;
  std::string source;
  if (!sme_applications.empty()) {
    apps = data::load_applications(sme_applications, *techniques, diags);
    source = sme_applications;
  } else {
    data::GeneratorConfig config;
    config.firms = sme_firms;
    config.seed = scenario.seed;
    apps = data::generate_applications(*techniques, config);
    source = fmt::format("{} generated firms, seed {}", sme_firms, scenario.seed);
  }
  if (!round || !apps) {
    throw core::Error(diags);
  }
  // package.sme_budget_eur replaces the round file's budget (docs/scenarios.md).
  const auto allocation = analysis::allocate_round(analysis::apply_sme_budget(scenario, *round), *apps);
  const auto contribution =
      analysis::sme_contribution(allocation.awards, analysis::kDefaultRealisationRate,
                                 analysis::kDefaultDelayYr, scenario.start_year, scenario.end_year);
  analysis::SmeInput in;
  in.label = fmt::format("{} ({})", fs::path(round_path).stem().string(), source);
  in.budget_used_eur = allocation.summary.budget_used_eur;
  in.awarded = contribution.projects;
  for (int y = scenario.start_year; y <= scenario.end_year; ++y) {
    in.reduction_t_by_year.push_back(contribution.reduction_in(y));
  }
  return in;
}

}  // namespace decarbfund::cli
