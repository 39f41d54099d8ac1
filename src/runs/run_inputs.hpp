#pragma once
// What the outlook-like runs (outlook, montecarlo, compare) load before they run — the dataset
// with its deal book, the scenario with its reference, the SME scheme — with the same defaults
// and messages for every front end: the CLI verbs, the Python package and (for the SME scheme)
// the server, so that all of them give the same documents (issue 19).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analysis/outlook.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "model/sme_scheme.hpp"

namespace decarbfund::runs {

/// Firms in the generated SME population an outlook counts when no applications file is given.
inline constexpr std::size_t kDefaultSmeFirms = 5000;

/// A dataset and the deal book the outlook runs with.
struct DatasetInputs {
  model::Model model;
  std::optional<model::DealBook> deals;  ///< empty with no_deals or when there are none
  const model::DealBook* deal_book() const { return deals ? &*deals : nullptr; }
};

/// Loads the dataset `data_dir` and the deals of `deals_dir` (default: <data>/deals when it
/// exists) unless `no_deals`. Throws core::Error naming the file and key of any problem.
DatasetInputs load_dataset_inputs(const std::string& data_dir, const std::string& deals_dir, bool no_deals);

/// A scenario and the reference its target is measured against.
struct ScenarioPair {
  model::Scenario scenario;
  model::Scenario reference;
};

/// Adds the reference to a loaded scenario: `reference` (a file) or the scenario's
/// target.reference, and checks the scenario's deal levers against `deals` (nullptr: no deal
/// files). Throws core::Error.
ScenarioPair with_reference(model::Scenario scenario, const std::string& reference, const model::DealBook* deals);

/// Loads the scenario file `scenario` and its reference (with_reference).
ScenarioPair load_scenario_pair(const std::string& scenario, const std::string& reference,
                                const model::DealBook* deals);

/// The SME scheme's inputs of an outlook (issue 5 §5, docs/sme.md).
struct SmeOptions {
  std::string round;         ///< round rules; empty: <data>/rounds/veki-2024.yaml when it exists
  std::string applications;  ///< applications CSV; empty: a population generated with the scenario's seed
  std::size_t firms = kDefaultSmeFirms;  ///< firms in the generated population
  bool off = false;          ///< run without the SME scheme
};

/// The SME scheme's contribution: the round's rules allocated over the applications, turned into
/// expected tonnes per year with the documented realisation rate and delay (docs/sme.md), the
/// round's budget replaced by the scenario's package.sme_budget_eur. nullopt with `options.off`
/// or without a round. Throws core::Error on bad files.
std::optional<analysis::SmeInput> load_sme_input(const std::string& data_dir, const SmeOptions& options,
                                                 const model::Scenario& scenario);

/// The SME population an outlook generates: `firms` firms with the scenario's seed.
/// `type`: what they ask for (data::generated_project_type of the round).
std::vector<model::Application> outlook_applications(const std::vector<model::Technique>& techniques,
                                                     std::size_t firms, const model::Scenario& scenario,
                                                     model::ProjectType type = model::ProjectType::investment);

/// The SME contribution of `round` over `applications` under `scenario` (what load_sme_input
/// computes once the files are read; the server calls it on the rounds it read at start-up).
/// `label` names the round and the applications' source in the reports.
analysis::SmeInput sme_input(const model::Round& round, const std::vector<model::Application>& applications,
                             std::string label, const model::Scenario& scenario);

/// Everything an outlook-like run loads, in one (the CLI verbs' shape).
struct RunSetup {
  DatasetInputs dataset;
  model::Scenario scenario;
  model::Scenario reference;
  std::optional<analysis::SmeInput> sme;  ///< load_sme_input's, when asked for
  const model::Model& model() const { return dataset.model; }
  const model::DealBook* deal_book() const { return dataset.deal_book(); }
};

/// load_dataset_inputs, then load_scenario_pair, then with `sme` load_sme_input; the errors in that
/// order.
RunSetup load_run_setup(const std::string& data, const std::string& scenario, const std::string& reference,
                        const std::string& deals_dir, bool no_deals, const std::optional<SmeOptions>& sme = {});

}  // namespace decarbfund::runs
