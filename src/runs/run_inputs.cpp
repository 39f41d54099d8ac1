#include "runs/run_inputs.hpp"

#include <filesystem>
#include <utility>

#include <fmt/format.h>

#include "analysis/package_levers.hpp"
#include "analysis/sme_allocation.hpp"
#include "core/diagnostic.hpp"
#include "data/load_applications.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace decarbfund::runs {

namespace fs = std::filesystem;

DatasetInputs load_dataset_inputs(const std::string& data_dir, const std::string& deals_dir, bool no_deals) {
  DatasetInputs d{data::load_dataset_or_throw(data_dir), {}};
  std::string dir = deals_dir;
  if (dir.empty() && fs::is_directory(fs::path(data_dir) / "deals")) {
    dir = (fs::path(data_dir) / "deals").string();
  }
  if (!dir.empty() && !no_deals) {
    d.deals = data::load_deal_book_or_throw(d.model, dir);
  }
  return d;
}

ScenarioPair with_reference(model::Scenario scenario, const std::string& reference, const model::DealBook* deals) {
  const std::string ref_path = reference.empty() ? scenario.target.reference_scenario : reference;
  if (ref_path.empty()) {
    throw core::Error(scenario.file, "target.reference: expected the reference scenario's path "
                                     "(or pass --reference), found nothing");
  }
  ScenarioPair p{std::move(scenario), data::load_scenario_or_throw(ref_path)};
  // package.deal_phase names deals by id; only now is the deal book known (the server checks the
  // same way, with the same message).
  analysis::check_deal_levers(p.scenario, deals);
  return p;
}

ScenarioPair load_scenario_pair(const std::string& scenario, const std::string& reference,
                                const model::DealBook* deals) {
  return with_reference(data::load_scenario_or_throw(scenario), reference, deals);
}

std::vector<model::Application> outlook_applications(const std::vector<model::Technique>& techniques,
                                                     std::size_t firms, const model::Scenario& scenario,
                                                     model::ProjectType type) {
  data::GeneratorConfig config;
  config.firms = firms;
  config.seed = scenario.seed;
  config.project_type = type;
  return data::generate_applications(techniques, config);
}

analysis::SmeInput sme_input(const model::Round& round, const std::vector<model::Application>& applications,
                             std::string label, const model::Scenario& scenario) {
  // package.sme_budget_eur replaces the round file's budget (docs/scenarios.md).
  const auto allocation = analysis::allocate_round(analysis::apply_sme_budget(scenario, round), applications);
  const auto contribution =
      analysis::sme_contribution(allocation.awards, analysis::kDefaultRealisationRate,
                                 analysis::kDefaultDelayYr, scenario.start_year, scenario.end_year);
  analysis::SmeInput in;
  in.label = std::move(label);
  in.budget_used_eur = allocation.summary.budget_used_eur;
  in.awarded = contribution.projects;
  for (int y = scenario.start_year; y <= scenario.end_year; ++y) {
    in.reduction_t_by_year.push_back(contribution.reduction_in(y));
  }
  return in;
}

std::optional<analysis::SmeInput> load_sme_input(const std::string& data_dir, const SmeOptions& options,
                                                 const model::Scenario& scenario) {
  std::string round_path = options.round;
  const fs::path default_round = fs::path(data_dir) / "rounds" / "veki-2024.yaml";
  if (round_path.empty() && fs::is_regular_file(default_round)) {
    round_path = default_round.string();
  }
  if (options.off || round_path.empty()) {
    return std::nullopt;
  }
  core::Diagnostics diags;
  const auto techniques = data::load_sme_techniques(fs::path(data_dir) / "sme-techniques.csv", diags);
  if (!techniques) {
    throw core::Error(diags);
  }
  const auto round = data::load_round(round_path, *techniques, diags);
  std::optional<std::vector<model::Application>> apps;
  std::string source;
  if (!options.applications.empty()) {
    apps = data::load_applications(options.applications, *techniques, diags);
    source = options.applications;
  } else if (round) {
    apps = outlook_applications(*techniques, options.firms, scenario, data::generated_project_type(*round));
    source = fmt::format("{} generated firms, seed {}", options.firms, scenario.seed);
  }
  if (!round || !apps) {
    throw core::Error(diags);
  }
  return sme_input(*round, *apps, fmt::format("{} ({})", fs::path(round_path).stem().string(), source), scenario);
}

RunSetup load_run_setup(const std::string& data, const std::string& scenario, const std::string& reference,
                        const std::string& deals_dir, bool no_deals) {
  RunSetup r{load_dataset_inputs(data, deals_dir, no_deals), {}, {}};
  auto pair = load_scenario_pair(scenario, reference, r.deal_book());
  r.scenario = std::move(pair.scenario);
  r.reference = std::move(pair.reference);
  return r;
}

}  // namespace decarbfund::runs
