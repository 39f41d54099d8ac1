#pragma once
// A company's levy statement: the calculation behind `decarbfund levy` (docs/levy.md). Each row
// is one installation's year with optional overrides of the scenario's parameters; the result
// applies levy_year() per row and carry-back across each installation's rows (policy.md §1.3,
// §1.7). The CLI parses and prints; everything it shows is computed here.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/policy.hpp"
#include "model/year_series.hpp"
#include "sim/levy.hpp"

namespace decarbfund::sim {

/// One installation-year as a company states it.
struct LevyStatementRow {
  std::string installation;
  int year = 0;
  model::LevyCategory category = model::LevyCategory::ets_industrial;
  double emissions_t = 0;
  std::optional<double> dpr_basis_t;      ///< Σ benchmark × activity level; DPR = RF × basis
  std::optional<double> dpr_allocated_t;  ///< DPRs as deposited by NEa (replaces RF × basis)
  std::optional<double> tariff_eur_per_t;               ///< overrides the scenario's T_t
  std::optional<double> ets_reference_price_eur_per_t;  ///< overrides P_ETS,t
  std::optional<double> reduction_factor;               ///< overrides RF_t
  double dpr_bought_t = 0;
  double dpr_sold_t = 0;
};

/// The result of one row: the parameters used and the account.
struct LevyStatementLine {
  double tariff_eur_per_t = 0;
  double ets_reference_price_eur_per_t = 0;  ///< 0 for non-ETS categories (not deducted)
  double reduction_factor = 0;               ///< RF used (0 when dpr_allocated_t was given)
  LevyYear account;
};

/// A row the statement could not compute as asked (the CLI turns it into a diagnostic).
struct LevyStatementIssue {
  std::size_t row = 0;
  std::string field;
  std::string expected;
  std::string found;
};

struct LevyStatementTotals {
  double emissions_t = 0;
  double dpr_allocated_t = 0;
  double base_t = 0;
  double levy_eur = 0;                ///< Σ base × rate
  double minimum_price_levy_eur = 0;  ///< Σ minimum-price term (§8.5)
  double refund_eur = 0;              ///< Σ carry-back refunds
  double net_levy_eur = 0;            ///< levy + minimum-price levy − refunds
};

struct LevyStatement {
  std::vector<LevyStatementLine> lines;  ///< one per input row, same order
  LevyStatementTotals totals;
  std::vector<LevyStatementIssue> issues;  ///< empty when every row was computed as asked
};

/// Computes the statement. P_ETS,t comes from the row, else the policy, else `ets_price_path`
/// at t − 1 (the scenario's ETS price, DESIGN §4.1); an ETS row with none of these is an issue.
/// Rows of one installation are set off oldest year first when policy.carry_back is on; two rows
/// for the same installation and year, and sales above the surplus, are issues.
LevyStatement compute_levy_statement(const model::LevyPolicy& policy,
                                     std::span<const LevyStatementRow> rows,
                                     const model::YearSeries* ets_price_path = nullptr);

}  // namespace decarbfund::sim
