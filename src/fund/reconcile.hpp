#pragma once
// The projects the lot shares with lots 3 and 4 or outside funders, reconciled (issue 18 item 3,
// docs/budget.md "Shared projects", docs/outlook.md "Whose tonnes"): per project, the euros each
// lot pays and the tonnes each lot's books count, with the rule's verdict on which lot the tonnes
// belong to, and every double count found.
//
// The rule: a project's tonnes (t CO2/yr by 2030) are credited to exactly one payer — the one
// whose decisive money is largest (Σ of its rows with decisive = yes); a tie goes to the lower
// article (3, then 4, then 5, then outside), since infrastructure comes before production and
// production before use. When that payer is outside the fund, no lot is credited. Euros are
// credited to the lot that pays them (the instrument's lot, checked at load).
//
// A double count is: the project's tonnes claimed on two rows (two lots, or one lot twice); tonnes
// claimed by a payer the rule does not credit; one instrument booked twice for a project; an
// instrument's shared projects booking more than its reservations in the ledger; a claim whose
// deal is not loaded.

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/deal.hpp"
#include "model/model.hpp"

namespace decarbfund::fund {

/// The payers in the rule's tie-break order; indices into the per-lot arrays below.
inline constexpr std::array<std::string_view, 4> kPayers = {"3", "4", "5", "outside"};

/// Index of `payer` in kPayers (kPayers.size() when unknown).
std::size_t payer_index(std::string_view payer);

/// One shared project, summed over its rows.
struct SharedProject {
  std::string id;
  std::string name;
  std::array<double, 4> eur{};     ///< EUR (nominal) per payer
  std::array<double, 4> tonnes{};  ///< t CO2/yr by 2030 each payer's books count
  double total_eur = 0;
  double total_t = 0;              ///< Σ tonnes: the project's tonnes once, or more when counted twice
  int rule_payer = -1;             ///< index of kPayers the rule credits (-1: no decisive payer)
  int claimed_by = -1;             ///< index of kPayers claiming the tonnes (-1: none)
  std::string tonnes_from;         ///< "tonnes_t" or "deal <id>"
  std::vector<std::string> deals;  ///< deal ids behind the project
  std::vector<std::string> infra;  ///< infrastructure items it pays for or uses
  std::vector<std::string> files;  ///< file:line of its rows
};

/// A tonne or a euro counted twice.
struct DoubleCount {
  std::string project;  ///< "" for an instrument-wide finding
  std::string where;    ///< file:line of the row concerned
  std::string message;
};

struct Reconciliation {
  std::vector<SharedProject> projects;  ///< in file order of their first row
  std::array<double, 4> eur{};          ///< Σ over the projects, per payer
  std::array<double, 4> tonnes{};
  std::vector<DoubleCount> double_counts;
  bool ok() const { return double_counts.empty(); }
};

/// A deal's committed reduction in the latest year up to 2030, t CO2/yr (0 when it commits none by then).
double committed_tonnes_2030(const model::Deal& deal);

/// Reconciles model.fund.shared; `deals` give the tonnes of claiming rows that name a deal and
/// no tonnes_t (the deal's committed reduction in the latest year up to 2030).
Reconciliation reconcile_shared(const model::Model& model, std::span<const model::Deal> deals);

}  // namespace decarbfund::fund
