#pragma once
// The lot's budget per instrument and year (issue 18, docs/budget.md): reserved, committed,
// paid and still free, with the as-of date splitting history from the years still open. The
// outlook and the optimiser read the maatwerk money that is free from here; `decarbfund budget`
// prints it.
//
// Rules (docs/budget.md "Arithmetic"):
//   free(i, y)   = reserved(i, y) − committed(i, y)
//   a year before the as-of year is history: its commitments and payments are facts, and its
//   balance (free money, or a commitment beyond the year's reservation) carries to the first open
//   year, since a begrotingsfonds keeps what it has not spent (CW 2016 art. 2.11);
//   open(i, y)   = free(i, y) + what carries into y, at least 0 (a shortfall carries on).
//   Without an as-of date every year is open.

#include <span>
#include <string>
#include <vector>

#include "model/deal.hpp"
#include "model/model.hpp"

namespace decarbfund::fund {

/// One instrument in one year.
struct BudgetLine {
  std::size_t instrument = 0;  ///< row of model::FundInstruments
  int year = 0;
  double reserved_eur = 0;
  double committed_eur = 0;
  double paid_eur = 0;
  double free_eur = 0;   ///< reserved − committed (negative: committed beyond the year's reservation)
  double open_eur = 0;   ///< what is still free to commit: 0 in history; with history's balance
  bool history = false;  ///< before the as-of year
  std::vector<std::string> deals;    ///< deals committed or paid this year
  std::vector<std::string> sources;  ///< "basis: source" of each row behind the line
};

/// The books over [first_year, last_year], instrument-major.
struct BudgetBook {
  std::string as_of;     ///< the dataset's as-of date ("" = not stated)
  int as_of_year = 0;
  int first_year = 0;
  int last_year = 0;
  std::vector<BudgetLine> lines;  ///< [instrument × year]
  const BudgetLine& at(std::size_t instrument, int year) const {
    return lines[instrument * static_cast<std::size_t>(last_year - first_year + 1) +
                 static_cast<std::size_t>(year - first_year)];
  }
  /// Σ open_eur of the instruments `spender` spends, in `year` (0 outside the range).
  double open_in(const model::FundInstruments& inst, model::FundSpender spender, int year) const;
  /// Σ open_eur of the instruments `spender` spends over the open years up to `to_year`.
  double open_until(const model::FundInstruments& inst, model::FundSpender spender, int to_year) const;
};

/// Builds the books from the dataset's ledger (empty lines when it has none). Rows outside the
/// range are folded into the range's ends, so nothing in the ledger goes uncounted: a 2023 grant
/// is a commitment of the first year (and history when the as-of year is later).
BudgetBook build_budget_book(const model::Model& model, int first_year = 2024, int last_year = 2030);

/// What the outlook's package asks of the maatwerk money on top of what is committed: the deals
/// of the book not booked as committed in the ledger, with their support.
struct PackageNeed {
  std::vector<std::string> committed;          ///< deal ids booked in the ledger
  std::vector<std::pair<std::string, double>> uncommitted;  ///< (deal id, max_support_eur)
  double uncommitted_eur = 0;  ///< Σ of the above
  double open_eur = 0;         ///< maatwerk money still open from the as-of year to the target year
  double on_top_eur = 0;       ///< max(0, uncommitted − open): what the package would need on top
};

/// The package's need against the open maatwerk money through `target_year`.
PackageNeed package_need(const model::Model& model, const BudgetBook& book, std::span<const model::Deal> deals,
                         int target_year);

/// Whether the ledger books `deal` as committed (a committed row naming it).
bool is_committed_in_ledger(const model::FundLedger& ledger, std::string_view deal);

}  // namespace decarbfund::fund
