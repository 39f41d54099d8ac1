#pragma once
// The portfolio problem (issue 7; docs/optimize.md): which deals to support and at what level,
// which SME applications to award and in which decision year, so that the expected additional
// reduction in the target year is largest within the budget (or a required reduction is reached
// at least cost), under the yearly commitment and cash limits, the infrastructure left after what
// the ETS and the levy already make happen (grid MW per cluster-year, CO2 storage t/yr, hydrogen
// MW), one option per mutually-exclusive group, support ≤ funding gap and per-deal caps.
//
// This header speaks plain numbers: build_problem.hpp fills a Problem from the dataset, tests
// write small ones by hand, solve_portfolio() builds the matrix and calls COIN-OR CBC (the only
// place CBC appears, STYLE §2.3).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace decarbfund::optimize {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

enum class Objective {
  max_reduction,  ///< max expected additional reduction in the target year within the budget
  min_cost        ///< min support committed to reach `required_t` in the target year
};

/// A limited quantity in one year: an infrastructure item's capacity left after the options the
/// ETS and levy already make happen (the levy-only run of the outlook, DESIGN §4.3).
struct Limit {
  std::string item;   ///< infrastructure id, e.g. "grid_rotterdam_moerdijk"
  std::string label;  ///< for reports, e.g. "grid Rotterdam-Moerdijk"
  std::string unit;   ///< "MW" or "t/yr"
  int year = 0;
  double capacity = 0;  ///< what is left for supported projects
};

/// A maatwerk deal: support it or not. Its projects are the options it names.
struct DealCandidate {
  std::string id;
  std::string company;
  /// Probability that the deal delivers its tonnes by the target year (phase table,
  /// data/nl/deals/phases.yaml); 1 where no deal file exists.
  double realisation = 1;
  double max_support_eur = kUnlimited;  ///< the deal's cap on support (∞ = the funding gaps)
  std::string basis;                    ///< where realisation and cap come from
  /// A commitment, not a choice (issue 18): a binding deal or one whose grant the fund's ledger
  /// books as committed. It is supported in every portfolio and its money, already committed, is
  /// not counted against the budget, commitment, cash or free-money rows.
  bool committed = false;
  /// Whether the deal may be funded in parts (some of its projects); false: all of its candidate
  /// projects or none (docs/optimize.md "Deals are funded whole").
  bool in_parts = false;
};

/// A share of a commitment paid in cash in `year` (shares of one commitment add up to 1).
struct CashShare {
  int year = 0;
  double share = 0;
};

/// One way to carry out a project: decide in `decision_year`, operate from `start_year`.
struct Alternative {
  int decision_year = 0;
  int start_year = 0;
  double gap_eur = 0;  ///< funding gap at this timing: max(0, threshold − NPV without support)
  std::vector<std::pair<std::size_t, double>> uses;  ///< (index into Problem::limits, amount)
  std::vector<CashShare> cash;                       ///< payment schedule of the support
  std::string note;                                  ///< e.g. the CO2 store it uses
};

/// An option a deal names that the ETS and levy alone do not make happen.
struct ProjectCandidate {
  std::string id;  ///< option id
  std::size_t deal = 0;
  double tonnes_t = 0;  ///< reduction in the target year when operating, before realisation
  std::string group;    ///< exclusive group (site + group name); "" = none
  std::vector<Alternative> alternatives;  ///< each starts by the target year
};

/// An eligible SME application: award it or not.
struct SmeCandidate {
  std::string id;
  std::size_t application = 0;  ///< index into the applications given to build_problem
  int year = 0;                 ///< year the award is committed (submission year)
  double grant_eur = 0;         ///< the round's grant formula (rate and caps)
  double gap_eur = 0;           ///< funding gap: max(0, −NPV without aid)
  double cost_eur = 0;          ///< min(grant, gap): support never above the funding gap
  double tonnes_t = 0;          ///< expected reduction in the target year (realisation included)
  std::vector<CashShare> cash;
};

struct Budget {
  double total_eur = kUnlimited;           ///< over all years
  double commit_per_year_eur = kUnlimited;  ///< commitments in any one year
  double cash_per_year_eur = kUnlimited;    ///< payments in any one year
  /// The fund's maatwerk money still free per year (year, EUR; docs/budget.md): new deal support
  /// decided in a year is at most that year's free money, 0 for a year not listed. Empty: no
  /// such limit (a dataset without a ledger).
  std::vector<std::pair<int, double>> deal_free_by_year;
};

/// Something the data rule out before the solver sees it, kept for the report.
struct Excluded {
  std::string id;
  std::string reason;
};

struct Problem {
  Objective objective = Objective::max_reduction;
  int target_year = 2030;
  int as_of_year = 0;     ///< the dataset's as-of year (issue 18): nothing new before it; 0 = none
  double required_t = 0;  ///< min_cost: expected reduction to reach in the target year
  Budget budget;
  std::vector<DealCandidate> deals;
  std::vector<ProjectCandidate> projects;
  std::vector<SmeCandidate> sme;
  std::vector<Limit> limits;
  std::vector<Excluded> excluded;
  std::vector<std::string> notes;  ///< assumptions the builder made, for the report
};

/// Solver settings; the defaults make runs reproducible (one thread, fixed seed).
struct SolverSettings {
  double relative_gap = 1e-4;  ///< stop when (bound − best) / |best| ≤ this
  double time_limit_s = 30;
  int threads = 1;
  int seed = 1;
  bool log = false;
};

enum class Status {
  optimal,     ///< proven within the relative gap
  feasible,    ///< stopped at the time limit with a solution
  infeasible,  ///< no portfolio meets the limits (see conflicts)
  unbounded,   ///< the objective has no bound (see conflicts)
  no_solution  ///< stopped at the time limit before any solution
};
inline constexpr const char* kStatusNames[] = {"optimal", "feasible", "infeasible", "unbounded",
                                               "no_solution"};
inline const char* status_name(Status s) { return kStatusNames[static_cast<int>(s)]; }

struct ChosenProject {
  std::size_t project = 0;
  std::size_t alternative = 0;
  double support_eur = 0;
  double expected_t = 0;  ///< realisation × tonnes
};

/// The value of one more unit of a limit that binds (docs/optimize.md "Shadow prices").
struct ShadowPrice {
  std::string limit;  ///< "budget", "commitments 2026", "cash 2027", a Limit's label and year
  std::string unit;   ///< unit of one more of the limit: "EUR", "MW", "t/yr", "t"
  double used = 0;
  double capacity = 0;
  /// max_reduction: expected t in the target year per unit; min_cost: EUR saved per unit
  /// (for the reduction row: EUR per extra t).
  double value = 0;
  std::string value_unit;  ///< e.g. "t per MW", "t per EUR", "EUR per t"
};

struct Solution {
  Status status = Status::no_solution;
  std::vector<std::string> conflicts;  ///< infeasible/unbounded: what conflicts, in words
  double objective = 0;                ///< in the objective's unit (t or EUR)
  double bound = 0;                    ///< best bound of the search
  double gap = 0;                      ///< relative gap at the end
  double seconds = 0;
  long nodes = 0;
  double reduction_t = 0;  ///< expected additional reduction in the target year
  double cost_eur = 0;     ///< new support committed (committed deals' money is not new)
  double committed_support_eur = 0;  ///< support of the deals that are commitments (ledger)
  std::vector<std::uint8_t> deal_supported;  ///< [deal]
  std::vector<ChosenProject> projects;
  std::vector<std::size_t> sme_awarded;  ///< indices into Problem::sme
  std::vector<std::pair<int, double>> commitments_by_year;  ///< (year, EUR)
  std::vector<std::pair<int, double>> cash_by_year;         ///< (year, EUR)
  std::vector<ShadowPrice> shadow_prices;  ///< binding limits only
};

/// What check_problem() found, in words that name the candidate or limit.
struct ProblemCheck {
  /// Inputs that leave the objective or the support without bound: infinite tonnes (max_reduction
  /// could count without end), infinite funding gaps or costs (support without end).
  std::vector<std::string> unbounded;
  /// Inputs no portfolio can meet, even the empty one: a negative capacity or budget, an infinite
  /// required reduction; and malformed inputs (NaN, indices out of range).
  std::vector<std::string> infeasible;
  bool ok() const { return unbounded.empty() && infeasible.empty(); }
};

/// Checks a problem before any solver sees it.
ProblemCheck check_problem(const Problem& problem);

/// Solves the mixed-integer model with CBC (docs/optimize.md "Model"). Deterministic for given
/// settings. Infeasible or unbounded inputs come back as a status with `conflicts` filled.
Solution solve_portfolio(const Problem& problem, const SolverSettings& settings = {});

}  // namespace decarbfund::optimize
