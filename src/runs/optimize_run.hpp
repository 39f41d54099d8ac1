#pragma once
// The support portfolio as every front end runs it (`decarbfund optimize`, POST /api/optimize,
// decarbfund.optimize in Python; docs/optimize.md): what to solve, its inputs — read from files
// by the CLI and Python, from what the server read at start-up — and the solved run with its
// report. One definition, so the three give the same document.

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "model/sme_scheme.hpp"
#include "optimize/build_problem.hpp"
#include "optimize/portfolio.hpp"
#include "optimize/portfolio_report.hpp"

namespace decarbfund::runs {

/// EUR 7 bn: the coalition agreement's indication for the reciprocal (maatwerk) arrangements with
/// industry (policy.md §2.7, §8.7); no per-year figure of perceel 5 was found.
inline constexpr double kDefaultOptimizeBudgetEur = 7e9;

/// What to solve (the options of `decarbfund optimize`).
struct OptimizeRequest {
  optimize::Objective objective = optimize::Objective::max_reduction;
  /// Over all years; NaN: kDefaultOptimizeBudgetEur for max-reduction, unlimited for min-cost.
  double budget_eur = std::numeric_limits<double>::quiet_NaN();
  /// min-cost: expected t in the target year; NaN: the scenario's target.package_leg_t.
  double reduction_t = std::numeric_limits<double>::quiet_NaN();
  double commit_per_year_eur = optimize::kUnlimited;
  double cash_per_year_eur = optimize::kUnlimited;
  std::size_t sme_firms = 5000;  ///< generated applications when none are read from a file
  /// Seed of the generated SME population; none: the scenario's seed (one seed default for
  /// every verb, issue 19).
  std::optional<std::uint64_t> seed;
  std::size_t sme_max_applications = 0;  ///< keep only the first N applications (0 = all)
  int first_decision_year = 0;           ///< 0: the scenario's decision_from_year
  double gap = 0.01;                     ///< relative MIP gap to stop at
  double time_limit_s = 30;
};

/// What the portfolio is chosen from.
struct OptimizeInputs {
  std::vector<model::Technique> techniques;
  model::Round round;
  /// Read from a file; empty with `applications_file` empty: generated from the request.
  std::vector<model::Application> applications;
  std::string applications_file;
  std::vector<optimize::DealInput> deals;
  std::vector<model::Round> rule_rounds;  ///< fcfs, ranking, points, phases (those that exist)
};

/// Reads the inputs from files: the SME techniques of `data_dir`, the round (`round`, default
/// <data>/rounds/veki-2024.yaml), the applications CSV (empty: none, generated later), the deal
/// files of `deals_dir` (default <data>/deals when it exists; `no_deals`: each company's announced
/// projects as one deal) and the rule rounds in `rule_rounds_dir`. Throws core::Error.
OptimizeInputs load_optimize_inputs(const model::Model& model, const std::string& data_dir, const std::string& round,
                                    const std::string& applications, const std::string& deals_dir, bool no_deals,
                                    const std::string& rule_rounds_dir);

/// A solved run: the problem, its solution and the report over them (which points at both, so
/// the run is not copied or moved).
struct OptimizeRun {
  optimize::BuiltProblem built;
  optimize::Solution solution;
  optimize::PortfolioReport report;
  double budget_eur = 0;  ///< the budget in effect (after the defaults)
  bool solved() const {
    return solution.status == optimize::Status::optimal || solution.status == optimize::Status::feasible;
  }
};

/// Builds and solves the portfolio of `inputs` under `scenario`, compares the rules when solved.
std::unique_ptr<OptimizeRun> run_optimize(const model::Model& model, const model::Scenario& scenario,
                                          const OptimizeInputs& inputs, const OptimizeRequest& request);

}  // namespace decarbfund::runs
