// check_problem(): inputs that make the portfolio model unbounded or infeasible whatever the
// solver does, reported in words before CBC sees them (issue 7 "infeasible and unbounded inputs
// reported clearly"). A solver would only say "infeasible" or "unbounded"; this names the culprit.

#include <cmath>

#include <fmt/format.h>

#include "optimize/portfolio.hpp"

namespace decarbfund::optimize {

namespace {

/// A quantity the model multiplies into its rows: it must be a finite, non-negative number.
/// +∞ leaves the objective or the support without bound; NaN or a negative value is malformed.
void check_amount(ProblemCheck& check, double value, const std::string& what, const std::string& unit,
                  bool infinite_is_unbounded) {
  if (std::isnan(value)) {
    check.infeasible.push_back(fmt::format("{}: expected a number in {}, found NaN", what, unit));
  } else if (std::isinf(value) && value > 0) {
    (infinite_is_unbounded ? check.unbounded : check.infeasible)
        .push_back(fmt::format("{}: expected a finite amount in {}, found infinity", what, unit));
  } else if (value < 0) {
    check.infeasible.push_back(
        fmt::format("{}: expected a non-negative amount in {}, found {}", what, unit, value));
  }
}

}  // namespace

ProblemCheck check_problem(const Problem& p) {
  ProblemCheck check;
  // Budgets may be unlimited (+∞); a negative one is met by no portfolio, not even the empty one.
  const auto budget = [&](double v, const char* what) {
    if (std::isnan(v) || v < 0) {
      check.infeasible.push_back(fmt::format(
          "{}: expected a non-negative amount in EUR, found {}: no portfolio, not even the empty one, "
          "stays within it",
          what, v));
    }
  };
  budget(p.budget.total_eur, "budget");
  budget(p.budget.commit_per_year_eur, "commitments per year");
  budget(p.budget.cash_per_year_eur, "cash per year");
  if (p.objective == Objective::min_cost && !std::isfinite(p.required_t)) {
    check.infeasible.push_back(
        fmt::format("required reduction: expected a finite amount in t, found {}", p.required_t));
  }
  for (const auto& l : p.limits) {
    if (std::isnan(l.capacity) || l.capacity < 0) {
      check.infeasible.push_back(fmt::format(
          "limit {} {}: capacity {} {} is negative: no portfolio, not even the empty one, fits",
          l.label, l.year, l.capacity, l.unit));
    }
  }
  for (const auto& d : p.deals) {
    if (std::isnan(d.realisation) || d.realisation < 0 || d.realisation > 1) {
      check.infeasible.push_back(fmt::format("deal {}: realisation: expected a probability in [0, 1], found {}",
                                             d.id, d.realisation));
    }
    if (std::isnan(d.max_support_eur) || d.max_support_eur < 0) {
      check.infeasible.push_back(fmt::format("deal {}: max_support_eur: expected a non-negative amount, found {}",
                                             d.id, d.max_support_eur));
    }
  }
  for (const auto& pr : p.projects) {
    if (pr.deal >= p.deals.size()) {
      check.infeasible.push_back(fmt::format("project {}: deal index {} out of range ({} deals)", pr.id,
                                             pr.deal, p.deals.size()));
    }
    check_amount(check, pr.tonnes_t, fmt::format("project {}: tonnes", pr.id), "t", true);
    for (const auto& a : pr.alternatives) {
      const auto what = fmt::format("project {} decided {}", pr.id, a.decision_year);
      check_amount(check, a.gap_eur, what + ": funding gap", "EUR", true);
      for (const auto& [limit, amount] : a.uses) {
        if (limit >= p.limits.size()) {
          check.infeasible.push_back(fmt::format("{}: limit index {} out of range ({} limits)", what, limit,
                                                 p.limits.size()));
        } else {
          check_amount(check, amount, what + ": use of " + p.limits[limit].label, p.limits[limit].unit, false);
        }
      }
    }
  }
  for (const auto& s : p.sme) {
    check_amount(check, s.tonnes_t, fmt::format("application {}: tonnes", s.id), "t", true);
    check_amount(check, s.cost_eur, fmt::format("application {}: support", s.id), "EUR", true);
  }
  return check;
}

}  // namespace decarbfund::optimize
