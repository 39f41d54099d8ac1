#pragma once
// The package's what-if levers (issue 8, docs/scenarios.md "package"): a deal in another phase
// than its file says (`package.deal_phase`), a budget for the maatwerk deals
// (`package.deal_budget_eur`) and the SME round's budget (`package.sme_budget_eur`). The outlook
// and Monte Carlo read the deal book through these, so both see the same phases and the same
// funded deals; the CLI (cli/run_setup.cpp) and the server check them with the same diagnostics.

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "model/sme_scheme.hpp"
#include "sim/inputs.hpp"

namespace decarbfund::analysis {

/// How one deal of the book enters the outlook under the scenario's levers.
struct DealLeverStatus {
  model::DealPhase phase = model::DealPhase::exploration;       ///< in effect (the lever's, else the file's)
  model::DealPhase file_phase = model::DealPhase::exploration;  ///< as the deal file says
  bool overridden = false;      ///< `package.deal_phase` changed the phase
  double probability = 0;       ///< realisation probability of `phase` (phases.yaml)
  double expected_t = 0;        ///< probability × committed reduction in the target year
  /// max_support_eur ÷ expected_t, the budget's ranking key: 0 for a deal without support,
  /// +∞ for support with no expected tonnes.
  double eur_per_expected_t = 0;
  bool funded = true;
  std::string not_funded;       ///< why not: "budget" or "fund" (its free money); empty when funded
  bool ledger_committed = false;  ///< the fund's ledger books its grant as committed
};

/// The deal book with the levers applied.
struct DealLevers {
  /// The deals with their phase in effect: what sim::apply_deals and Monte Carlo read.
  model::DealBook book;
  std::vector<DealLeverStatus> status;  ///< per deal, in book order
  std::vector<std::size_t> funding_order;  ///< deal indices in the order the budget considers them
  std::optional<double> budget_eur;        ///< package.deal_budget_eur (none = no limit)
  double committed_support_eur = 0;        ///< Σ max_support_eur of the funded deals
  /// The fund's free maatwerk money the deals were limited by (none: no ledger), and
  /// Σ max_support_eur of the funded deals not committed in the ledger (≤ it).
  std::optional<double> fund_free_eur;
  double new_support_eur = 0;
};

/// The lot's books as a limit on the deals (issue 18, docs/budget.md): the maatwerk money still
/// free from the dataset's as-of year to the target year (EUR of the price year), and the deals
/// whose grant the ledger books as committed — those are funded in every run and their money,
/// committed already, is not taken from what is free.
struct FundLimit {
  double free_eur = std::numeric_limits<double>::infinity();
  std::vector<std::string> committed;  ///< deal ids
};

/// The limit of `model`'s ledger (nullopt when the dataset has no ledger).
std::optional<FundLimit> fund_limit(const model::Model& model, int target_year);

/// Checks that every `package.deal_phase` entry names a deal of `deals` (nullptr: the run has no
/// deal files, e.g. --no-deals, and any entry is an error). Throws core::Error with one
/// diagnostic per unknown id: key path package.deal_phase.<id>, the list of deal ids, the id.
void check_deal_levers(const model::Scenario& scenario, const model::DealBook* deals);

/// Applies `scenario`'s deal levers to `deals` (checks them first, as check_deal_levers).
/// Budget selection (greedy, like the SDE++ ranking): deals in ascending order of
/// max_support_eur ÷ (p(phase) × committed reduction in the target year), ties by deal id; each
/// deal is funded whole if its max_support_eur still fits in what is left, else skipped ("budget")
/// and the next one is tried. A deal with zero support is always funded. Without a budget every
/// deal is funded. With `fund`, what is left starts at min(budget, fund->free_eur) and the deals
/// the ledger books as committed are funded first at no cost to it; a deal the fund's free money
/// cannot take is skipped with "fund" as the reason.
DealLevers apply_deal_levers(const model::Scenario& scenario, const model::DealBook& deals,
                             const FundLimit* fund = nullptr);

/// After sim::apply_deals(levers.book): an unfunded deal falls through in every run
/// (deal_realisation 0; Monte Carlo never draws it): no support, no infrastructure priority, no tonnes
/// credited to the package; its options still go ahead if they pay on their own. The company's
/// other announced projects at the deal's sites get no package support either (cap 0): maatwerk
/// money reaches a company through its deal, and without one the budget would leak to projects
/// outside it.
void apply_funding(const model::Model& model, const DealLevers& levers, sim::Inputs& in);

/// `round` with `package.sme_budget_eur` as its budget when the scenario states one. Throws
/// core::Error (key path package.sme_budget_eur) when the round's fenced budgets add up to more.
model::Round apply_sme_budget(const model::Scenario& scenario, const model::Round& round);

}  // namespace decarbfund::analysis
