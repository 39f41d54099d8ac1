#include "runs/run_inputs.hpp"

#include <exception>
#include <filesystem>
#include <optional>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "analysis/package_levers.hpp"
#include "analysis/sme_allocation.hpp"
#include "core/diagnostic.hpp"
#include "core/helper_thread.hpp"
#include "data/load_applications.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace decarbfund::runs {

namespace fs = std::filesystem;

namespace {

/// The deal folder to read: `deals_dir`, else the dataset's deals/ if it has one; "" for none
/// (or with no_deals).
std::string deal_folder(const std::string& data_dir, const std::string& deals_dir, bool no_deals) {
  std::string dir = deals_dir;
  if (dir.empty() && fs::is_directory(fs::path(data_dir) / "deals")) {
    dir = (fs::path(data_dir) / "deals").string();
  }
  return no_deals ? std::string() : dir;
}

/// A value read on either thread (this one or the helper), or the error reading it threw.
template <typename T>
struct ReadOrError {
  std::optional<T> value;
  std::exception_ptr error;
  template <typename Read>
  void read(Read&& r) {
    try {
      value = r();
    } catch (...) {
      error = std::current_exception();
    }
  }
  /// The value; rethrows the error.
  T take() {
    if (error) {
      std::rethrow_exception(error);
    }
    return std::move(*value);
  }
};

/// The deals read, checked against the dataset (core::Error on any problem); none when none were
/// read (no deal folder, or no_deals).
std::optional<model::DealBook> check_deals(const model::Model& model, ReadOrError<data::UncheckedDealBook>& deals) {
  if (!deals.error && !deals.value) {
    return std::nullopt;
  }
  return data::check_deal_book_or_throw(model, deals.take());
}

/// The reference scenario of `scenario`: `reference` (a file) or its target.reference.
model::Scenario load_reference(const model::Scenario& scenario, const std::string& reference) {
  const std::string ref_path = reference.empty() ? scenario.target.reference_scenario : reference;
  if (ref_path.empty()) {
    throw core::Error(scenario.file, "target.reference: expected the reference scenario's path "
                                     "(or pass --reference), found nothing");
  }
  return data::load_scenario_or_throw(ref_path);
}

}  // namespace

DatasetInputs load_dataset_inputs(const std::string& data_dir, const std::string& deals_dir, bool no_deals) {
  // The helper thread reads the deal files while this one reads the dataset
  // (core::share_with_helper); the same errors, in the same order, as reading the dataset and then
  // the deals (a dataset error waits for the helper's job to end if it has begun).
  const std::string folder = deal_folder(data_dir, deals_dir, no_deals);
  ReadOrError<data::UncheckedDealBook> deals;
  std::optional<model::Model> model;
  core::share_with_helper(
      folder.empty() ? 0 : 1, [&](std::size_t, bool) { deals.read([&] { return data::read_deal_book(folder); }); },
      [&] { model = data::load_dataset_or_throw(data_dir); });
  DatasetInputs d{std::move(*model), {}};
  d.deals = check_deals(d.model, deals);
  return d;
}

ScenarioPair with_reference(model::Scenario scenario, const std::string& reference, const model::DealBook* deals) {
  auto ref = load_reference(scenario, reference);
  ScenarioPair p{std::move(scenario), std::move(ref)};
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
                        const std::string& deals_dir, bool no_deals, const std::optional<SmeOptions>& sme) {
  // The helper thread reads the deal files and then the scenarios and the SME round while this one
  // reads the dataset; this one reads whichever the helper has not begun by then
  // (core::share_with_helper). Errors come in the order of reading them in turn: dataset, deals,
  // scenarios, SME round (a dataset error waits for the helper's job to end if it has begun).
  const std::string folder = deal_folder(data, deals_dir, no_deals);
  ReadOrError<data::UncheckedDealBook> deals;
  ReadOrError<std::pair<model::Scenario, model::Scenario>> scenarios;  // the scenario and its reference
  ReadOrError<std::optional<analysis::SmeInput>> sme_input;
  std::optional<model::Model> model;
  core::share_with_helper(
      2,  // 0: the scenarios, 1: the deals (the helper takes them first)
      [&](std::size_t job, bool) {
        if (job == 1 && !folder.empty()) {
          deals.read([&] { return data::read_deal_book(folder); });
        } else if (job == 0) {
          scenarios.read([&] {
            auto s = data::load_scenario_or_throw(scenario);
            auto ref = load_reference(s, reference);
            return std::pair(std::move(s), std::move(ref));
          });
          if (sme && scenarios.value) {
            sme_input.read([&] { return load_sme_input(data, *sme, scenarios.value->first); });
          }
        }
      },
      [&] { model = data::load_dataset_or_throw(data); });
  RunSetup r{{std::move(*model), {}}, {}, {}};
  r.dataset.deals = check_deals(r.model(), deals);
  std::tie(r.scenario, r.reference) = scenarios.take();
  analysis::check_deal_levers(r.scenario, r.deal_book());
  if (sme) {
    r.sme = sme_input.take();
  }
  return r;
}

}  // namespace decarbfund::runs
