#pragma once
// The lot's measures in the MJP's shape (issue 18 item 4, docs/budget.md "Reports in the fund's
// formats"): per instrument its lot, budget, commitments and payments over the years shown, the
// tonnes expected in 2030 and a status. The verdiepingstabel's per-year figures are the book's
// lines themselves (BudgetBook::at).

#include <span>
#include <string>
#include <vector>

#include "fund/budget_book.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"

namespace decarbfund::fund {

/// One row of the measure list.
struct Measure {
  std::size_t instrument = 0;  ///< row of model::FundInstruments
  double reserved_eur = 0;     ///< Σ over the book's years, nominal
  double committed_eur = 0;
  double paid_eur = 0;
  /// t CO2/yr expected in 2030: the committed reduction by 2030 of the deals the ledger books as
  /// committed on the instrument, plus the tonnes of shared projects credited to it without a
  /// deal (fund-shared-projects.csv); < 0 when neither says anything (not estimated).
  double tonnes_2030 = -1;
  std::string status;  ///< "committed", "reserved" or "no figures"
};

/// The measures in the order of fund-instruments.csv.
std::vector<Measure> measure_list(const model::Model& model, const BudgetBook& book, std::span<const model::Deal> deals);

}  // namespace decarbfund::fund
