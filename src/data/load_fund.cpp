// The lot's books (docs/data-format.md "fund_instruments", "fund_ledger"; docs/budget.md): the
// instruments with the lot that owns each, and the ledger of reserved / committed / paid money.
// Besides types and references, two rules of bookkeeping are checked per instrument, because a
// ledger that breaks them counts a euro twice: over all years, no more is committed than was
// reserved (where the instrument has reservations), and by any year no more is paid than was
// committed by then (cash follows a commitment, Comptabiliteitswet 2016 art. 2.2's
// verplichtingen-kasstelsel).

#include <algorithm>
#include <cmath>

#include "data/dataset_manifest.hpp"

namespace decarbfund::data::detail {

namespace {

constexpr std::string_view kLots[] = {"3", "4", "5", "outside"};

}  // namespace

void load_fund(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& fund = model.fund;
  IdRegistry ids;
  read_table(m, "fund_instruments", diags, [&](TableReader& t, std::size_t r) {
    auto id = t.text(r, "instrument");
    if (!ids.add(t, r, "instrument", id)) {
      return;
    }
    const int lot = t.choice(r, "lot", kLots);
    const int spends = t.choice(r, "spends", model::kFundSpenderNames);
    fund.instruments.id.push_back(id);
    fund.instruments.name.push_back(t.text(r, "name"));
    fund.instruments.lot.push_back(lot >= 0 ? std::string(kLots[lot]) : std::string());
    fund.instruments.funder.push_back(t.text(r, "funder"));
    fund.instruments.spends.push_back(static_cast<model::FundSpender>(std::max(spends, 0)));
    fund.instruments.source.push_back(t.text(r, "source"));
  });
  struct Row {
    std::string file;
    long line = 0;
  };
  std::vector<Row> where;
  read_table(m, "fund_ledger", diags, [&](TableReader& t, std::size_t r) {
    const auto instrument = t.text(r, "instrument");
    const long year = t.integer(r, "year");
    const int kind = t.choice(r, "kind", model::kLedgerKindNames);
    const double amount = t.number(r, "amount_eur");
    const int basis = t.choice(r, "basis", kBasis);
    const auto deal = t.text(r, "deal");
    const auto source = t.text(r, "source");
    const auto i = fund.instruments.find(instrument);
    if (i == fund.instruments.size()) {
      t.error(r, "instrument", "an instrument of fund-instruments.csv", core::quote_found(instrument));
      return;
    }
    if (kind == static_cast<int>(model::LedgerKind::reserved) && !deal.empty()) {
      t.error(r, "deal", "no deal on a reserved row (a reservation is for the instrument, not a grant)",
              core::quote_found(deal));
      return;
    }
    if (kind < 0 || basis < 0 || std::isnan(amount) || year == 0) {
      return;  // already reported
    }
    model::LedgerEntry e;
    e.instrument = i;
    e.year = static_cast<int>(year);
    e.kind = static_cast<model::LedgerKind>(kind);
    e.amount_eur = amount;
    e.deal = deal;
    e.basis = std::string(kBasis[basis]);
    e.source = source;
    e.file = fmt::format("{}:{}", t.file(), t.line(r));
    fund.entries.push_back(std::move(e));
    where.push_back({t.file(), t.line(r)});
  });
  // The two bookkeeping rules, per instrument in year order (rows of one year in file order).
  std::vector<std::size_t> order(fund.entries.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    order[k] = k;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return fund.entries[a].year < fund.entries[b].year;
  });
  for (std::size_t i = 0; i < fund.instruments.size(); ++i) {
    double reserved_all = 0;
    for (const auto& e : fund.entries) {
      if (e.instrument == i && e.kind == model::LedgerKind::reserved) {
        reserved_all += e.amount_eur;
      }
    }
    double committed = 0, paid = 0;
    bool reported_commit = false, reported_paid = false;
    for (const auto k : order) {
      const auto& e = fund.entries[k];
      if (e.instrument != i) {
        continue;
      }
      if (e.kind == model::LedgerKind::committed) {
        committed += e.amount_eur;
        if (reserved_all > 0 && committed > reserved_all * (1 + 1e-9) && !reported_commit) {
          reported_commit = true;
          diags.error(where[k].file, where[k].line, "amount_eur",
                      fmt::format("commitments of {} within its reservations ({} EUR over all years)",
                                  fund.instruments.id[i], csv_number(reserved_all)),
                      fmt::format("{} EUR committed by {}", csv_number(committed), e.year), "fund.over_committed");
        }
      } else if (e.kind == model::LedgerKind::paid) {
        paid += e.amount_eur;
        // Commitments of the same year count: a grant decided and paid in one year.
        double committed_by = 0;
        for (const auto& c : fund.entries) {
          if (c.instrument == i && c.kind == model::LedgerKind::committed && c.year <= e.year) {
            committed_by += c.amount_eur;
          }
        }
        if (paid > committed_by * (1 + 1e-9) && !reported_paid) {
          reported_paid = true;
          diags.error(where[k].file, where[k].line, "amount_eur",
                      fmt::format("payments of {} by {} within what was committed by then ({} EUR)",
                                  fund.instruments.id[i], e.year, csv_number(committed_by)),
                      fmt::format("{} EUR paid", csv_number(paid)), "fund.paid_before_committed");
        }
      }
    }
  }
}

}  // namespace decarbfund::data::detail
