#include "fund/budget_book.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace decarbfund::fund {

double BudgetBook::open_in(const model::FundInstruments& inst, model::FundSpender spender, int year) const {
  if (lines.empty() || year < first_year || year > last_year) {
    return 0;
  }
  double sum = 0;
  for (std::size_t i = 0; i < inst.size(); ++i) {
    if (inst.spends[i] == spender) {
      sum += at(i, year).open_eur;
    }
  }
  return sum;
}

double BudgetBook::open_until(const model::FundInstruments& inst, model::FundSpender spender, int to_year) const {
  double sum = 0;
  for (int y = first_year; y <= std::min(to_year, last_year); ++y) {
    sum += open_in(inst, spender, y);
  }
  return sum;
}

BudgetBook build_budget_book(const model::Model& model, int first_year, int last_year) {
  BudgetBook b;
  b.as_of = model.info.as_of;
  b.as_of_year = model.info.as_of_year;
  b.first_year = first_year;
  b.last_year = last_year;
  const auto& ledger = model.fund;
  const auto years = static_cast<std::size_t>(last_year - first_year + 1);
  b.lines.resize(ledger.instruments.size() * years);
  for (std::size_t i = 0; i < ledger.instruments.size(); ++i) {
    for (std::size_t k = 0; k < years; ++k) {
      auto& l = b.lines[i * years + k];
      l.instrument = i;
      l.year = first_year + static_cast<int>(k);
      l.history = b.as_of_year != 0 && l.year < b.as_of_year;
    }
  }
  for (const auto& e : ledger.entries) {
    const int year = std::clamp(e.year, first_year, last_year);
    auto& l = b.lines[e.instrument * years + static_cast<std::size_t>(year - first_year)];
    switch (e.kind) {
      case model::LedgerKind::reserved: l.reserved_eur += e.amount_eur; break;
      case model::LedgerKind::committed: l.committed_eur += e.amount_eur; break;
      case model::LedgerKind::paid: l.paid_eur += e.amount_eur; break;
    }
    if (!e.deal.empty() && std::find(l.deals.begin(), l.deals.end(), e.deal) == l.deals.end()) {
      l.deals.push_back(e.deal);
    }
    l.sources.push_back(fmt::format("{} {} {} ({}): {}", e.year, model::kLedgerKindNames[static_cast<int>(e.kind)],
                                    e.deal.empty() ? "" : e.deal, e.basis, e.source));
  }
  for (std::size_t i = 0; i < ledger.instruments.size(); ++i) {
    // The fund is a begrotingsfonds: what a year leaves unspent stays in it (CW 2016 art. 2.11),
    // so history's balance — free money, or a commitment beyond the year's reservation — carries
    // to the first open year, and a shortfall on to the next.
    double carry = 0;
    for (std::size_t k = 0; k < years; ++k) {
      auto& l = b.lines[i * years + k];
      l.free_eur = l.reserved_eur - l.committed_eur;
      if (l.history) {
        carry += l.free_eur;
        continue;
      }
      const double open = l.free_eur + carry;
      l.open_eur = std::max(0.0, open);
      carry = std::min(0.0, open);
    }
  }
  return b;
}

bool is_committed_in_ledger(const model::FundLedger& ledger, std::string_view deal) {
  return std::any_of(ledger.entries.begin(), ledger.entries.end(), [&](const model::LedgerEntry& e) {
    return e.kind == model::LedgerKind::committed && e.deal == deal;
  });
}

PackageNeed package_need(const model::Model& model, const BudgetBook& book, std::span<const model::Deal> deals,
                         int target_year) {
  PackageNeed n;
  for (const auto& d : deals) {
    if (is_committed_in_ledger(model.fund, d.id)) {
      n.committed.push_back(d.id);
    } else if (d.max_support_eur > 0 && d.phase != model::DealPhase::stopped) {
      n.uncommitted.emplace_back(d.id, d.max_support_eur);
      n.uncommitted_eur += d.max_support_eur;
    }
  }
  // Ledger money is nominal EUR of its year; deal support is EUR of the dataset's price year.
  for (int y = book.first_year; y <= std::min(target_year, book.last_year); ++y) {
    n.open_eur += model.real_eur(book.open_in(model.fund.instruments, model::FundSpender::deals, y), y);
  }
  n.on_top_eur = std::max(0.0, n.uncommitted_eur - n.open_eur);
  return n;
}

}  // namespace decarbfund::fund
