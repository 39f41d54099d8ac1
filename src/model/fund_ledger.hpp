#pragma once
// The lot's own books (issue 18, docs/budget.md): the instruments Klimaatfonds perceel 5 pays
// through (fund-instruments.csv) and, per instrument and year, what the fund reserved, what was
// committed (verplichtingen) and what was paid (uitgaven) (fund-ledger.csv). Loaded by the data
// room (model.hpp holds it in Model::fund); the arithmetic (free, history before the as-of year) is in src/fund/.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>


namespace decarbfund::model {

/// Which part of the model spends an instrument's money: the maatwerk deals (outlook, optimiser),
/// the SME round, or a scheme the model does not simulate (NIKI, the electrification scheme).
enum class FundSpender : std::uint8_t { deals, sme, scheme };
inline constexpr std::string_view kFundSpenderNames[] = {"deals", "sme", "scheme"};

/// A ledger row's kind: reservation in the fund (MJP/begroting), commitment (verplichting: a grant
/// decision or a signed deal), payment (uitgave: cash out).
enum class LedgerKind : std::uint8_t { reserved, committed, paid };
inline constexpr std::string_view kLedgerKindNames[] = {"reserved", "committed", "paid"};

/// fund-instruments.csv: one row per instrument.
struct FundInstruments {
  std::vector<std::string> id;     ///< e.g. "maatwerk", "niki", "veki"
  std::vector<std::string> name;
  std::vector<std::string> lot;    ///< "5", "4", "3" (Klimaatfonds article) or "outside"
  std::vector<std::string> funder; ///< the budget that pays (e.g. "Klimaatfonds art. 5 via KGG")
  std::vector<FundSpender> spends;
  std::vector<std::string> source;
  std::size_t size() const { return id.size(); }
  /// Row of `instrument`, or size() when unknown.
  std::size_t find(std::string_view instrument) const {
    for (std::size_t i = 0; i < size(); ++i) {
      if (id[i] == instrument) {
        return i;
      }
    }
    return size();
  }
};

/// One fund-ledger.csv row: nominal EUR of `year`.
struct LedgerEntry {
  std::size_t instrument = 0;  ///< row of FundInstruments
  int year = 0;
  LedgerKind kind = LedgerKind::reserved;
  double amount_eur = 0;
  std::string deal;   ///< the deal whose grant this is ("" = not a deal)
  std::string basis;  ///< stated, derived or estimate
  std::string source;
  std::string file;   ///< where the row is, for reports: "fund-ledger.csv:12"
};

/// One fund-shared-projects.csv row: what one payer pays for a project shared between lots (or
/// with an outside funder), and whether that payer's books count the project's tonnes.
struct SharedFunding {
  std::string project;
  std::string name;
  std::string payer;        ///< "3", "4", "5" or "outside"
  std::string instrument;   ///< an instrument id, or "" (outside money)
  double amount_eur = 0;    ///< nominal EUR
  bool decisive = false;    ///< the project would not go ahead without this money
  bool claims_tonnes = false;
  double tonnes_t = -1;     ///< t CO2/yr by 2030; < 0 = not given (the deal's committed reduction)
  std::string deal;
  std::string infra;
  std::string basis;
  std::string source;
  std::string file;         ///< "fund-shared-projects.csv:4"
};

/// The lot's books as loaded; empty when the dataset has no ledger.
struct FundLedger {
  FundInstruments instruments;
  std::vector<LedgerEntry> entries;
  std::vector<SharedFunding> shared;  ///< fund-shared-projects.csv, in file order
  bool empty() const { return instruments.size() == 0; }
};

}  // namespace decarbfund::model
