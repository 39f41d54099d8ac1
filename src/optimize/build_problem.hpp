#pragma once
// From the dataset to the portfolio problem (docs/optimize.md "From the data to the model"):
//   1. the levy-only run (the outlook's middle leg, DESIGN §4.3: the scenario with its package off)
//      says which options the ETS and the levy already make happen: those are not candidates,
//      and what they use of each infrastructure item is not left for supported projects;
//   2. each deal's options that remain become projects, one alternative per decision year (and
//      CO2 store) that lets them operate by the target year, each with its funding gap
//      max(0, threshold − NPV) at the scenario's prices (sim::option_npv, as the simulation's
//      package pays it, response.cpp);
//   3. each eligible SME application of the round becomes an award candidate whose support is
//      min(the round's grant, its funding gap) and whose tonnes are the realised share of its
//      claimed reduction, counted when it operates in the target year; applications that pay
//      without aid are not additional and are left out.

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "model/sme_scheme.hpp"
#include "optimize/portfolio.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::optimize {

/// A deal as the optimiser needs it: which options it names and on what terms.
struct DealInput {
  std::string id;
  std::string company;
  std::vector<model::Index> options;
  double realisation = 1;               ///< probability it delivers by the target year
  double max_support_eur = kUnlimited;  ///< the deal's cap (∞: up to the funding gaps)
  /// Stated payment schedule (year, EUR); its shares are applied from the decision year on.
  /// Empty: support is paid evenly over the construction years (decision year … start − 1).
  std::vector<std::pair<int, double>> payments;
  std::string basis;
  /// A commitment, not a choice (issue 18): the deal is binding (or implemented) or the fund's
  /// ledger books its grant as committed. Supported in every portfolio, decided in
  /// `committed_year` (history: the decision has been taken), paid as its schedule says.
  bool committed = false;
  int committed_year = 0;  ///< year of the commitment (ledger, else the binding event); 0 unknown
  bool in_parts = false;   ///< may be funded in parts (no deal file says so today)
};

/// The fallback when no deal files are given: each company's announced projects (options of
/// kind `project`) as one deal that delivers with certainty and has no cap beyond the gaps.
/// Options listed in `covered` are left out (they belong to a deal file).
std::vector<DealInput> company_deals(const model::Model& model, std::span<const model::Index> covered = {});

/// The deal files (data/nl/deals/*.yaml, docs/deals.md) as optimiser deals: the options their
/// projects name, realisation = the phase's probability (phases.yaml), cap = max_support_eur,
/// the stated payment schedule; then company_deals() for announced projects no file names.
std::vector<DealInput> deal_inputs(const model::Model& model, std::span<const model::Deal> deals,
                                   const model::PhaseRealisation& phases);

/// The SME round whose applications compete for the same budget.
struct SmeInput {
  const model::Round* round = nullptr;  ///< nullptr: no SME candidates
  std::span<const model::Application> applications;
  /// Share of awarded tonnes that materialise and the years from submission to operation
  /// (analysis/sme_allocation.hpp defaults, docs/sme.md "Into the outlook").
  double realisation_rate = 0.8;
  int delay_yr = 3;
};

struct BuildOptions {
  Objective objective = Objective::max_reduction;
  Budget budget;
  double required_t = 0;
  /// First year a supported project may be decided; 0 = the scenario's decision_from_year.
  int first_decision_year = 0;
  /// The dataset's as-of year (issue 18; 0 = none): no new decision and no SME award before it;
  /// what was decided before is history (committed deals).
  int as_of_year = 0;
};

/// The problem and what it was built from, for the report and the rule-based comparison.
struct BuiltProblem {
  Problem problem;
  sim::Inputs inputs;             ///< the scenario's inputs, package off
  sim::Outcome levy_only;         ///< the levy-only run
  std::vector<model::Index> project_option;  ///< [project] option index in the model
  /// [application] expected additional tonnes in the target year if awarded (0: not additional,
  /// or not operating then); what the rule-based rounds are credited with.
  std::vector<double> application_tonnes_t;
};

/// Builds the problem (see the top of this header). Pure: no I/O.
BuiltProblem build_problem(const model::Model& model, const model::Scenario& scenario,
                           std::span<const DealInput> deals, const SmeInput& sme,
                           const BuildOptions& options);

}  // namespace decarbfund::optimize
