// The lot's books (fund/budget_book.cpp, docs/budget.md "Arithmetic"): free = reserved −
// committed; the balance of the years before the as-of year carries to the first open year (a
// shortfall on to the next); the package's need counts only deals the ledger has not committed.

#include "fund/budget_book.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"

namespace decarbfund::fund {
namespace {

model::Model one_instrument(int as_of_year) {
  model::Model m;
  m.info.as_of_year = as_of_year;
  auto& i = m.fund.instruments;
  i.id = {"maatwerk", "veki"};
  i.name = {"maatwerk", "VEKI"};
  i.lot = {"5", "5"};
  i.funder = {"art. 5", "art. 5"};
  i.spends = {model::FundSpender::deals, model::FundSpender::sme};
  i.source = {"test", "test"};
  auto add = [&](std::size_t instrument, int year, model::LedgerKind kind, double eur, std::string deal = "") {
    m.fund.entries.push_back({instrument, year, kind, eur, std::move(deal), "stated", "test", "test:1"});
  };
  for (int y = 2024; y <= 2027; ++y) {
    add(0, y, model::LedgerKind::reserved, 100);
  }
  add(0, 2025, model::LedgerKind::committed, 130, "big");  // 30 beyond 2025's reservation
  add(0, 2025, model::LedgerKind::paid, 20, "big");
  add(1, 2026, model::LedgerKind::reserved, 50);
  return m;
}

TEST(BudgetBook, FreeIsReservedMinusCommitted) {
  const auto m = one_instrument(0);
  const auto b = build_budget_book(m, 2024, 2027);
  EXPECT_DOUBLE_EQ(b.at(0, 2024).free_eur, 100);
  EXPECT_DOUBLE_EQ(b.at(0, 2025).free_eur, -30);
  EXPECT_DOUBLE_EQ(b.at(0, 2025).paid_eur, 20);
  EXPECT_EQ(b.at(0, 2025).deals, std::vector<std::string>{"big"});
  // Without an as-of date every year is open; 2025's over-commitment comes out of 2026.
  EXPECT_DOUBLE_EQ(b.at(0, 2024).open_eur, 100);
  EXPECT_DOUBLE_EQ(b.at(0, 2025).open_eur, 0);
  EXPECT_DOUBLE_EQ(b.at(0, 2026).open_eur, 70);
  EXPECT_DOUBLE_EQ(b.open_until(m.fund.instruments, model::FundSpender::deals, 2027), 270);
}

TEST(BudgetBook, HistorysBalanceCarriesToTheAsOfYear) {
  const auto m = one_instrument(2026);
  const auto b = build_budget_book(m, 2024, 2027);
  EXPECT_TRUE(b.at(0, 2024).history);
  EXPECT_TRUE(b.at(0, 2025).history);
  EXPECT_FALSE(b.at(0, 2026).history);
  EXPECT_DOUBLE_EQ(b.at(0, 2024).open_eur, 0);   // history: nothing to commit in it any more
  EXPECT_DOUBLE_EQ(b.at(0, 2026).open_eur, 170);  // 100 + 2024's 100 − 2025's 30 over
  EXPECT_DOUBLE_EQ(b.at(0, 2027).open_eur, 100);
  EXPECT_DOUBLE_EQ(b.open_in(m.fund.instruments, model::FundSpender::deals, 2026), 170);
  EXPECT_DOUBLE_EQ(b.open_in(m.fund.instruments, model::FundSpender::sme, 2026), 50);
  EXPECT_DOUBLE_EQ(b.open_until(m.fund.instruments, model::FundSpender::deals, 2030), 270);
}

TEST(BudgetBook, AShortfallCarriesOnUntilReservationsCoverIt) {
  auto m = one_instrument(2026);
  m.fund.entries.push_back({0, 2025, model::LedgerKind::committed, 250, "huge", "stated", "test", "test:3"});
  const auto b = build_budget_book(m, 2024, 2027);
  // History: 100 − 0 + 100 − 380 = −180; 2026 covers 100 of it, 2027 the other 80.
  EXPECT_DOUBLE_EQ(b.at(0, 2026).open_eur, 0);
  EXPECT_DOUBLE_EQ(b.at(0, 2027).open_eur, 20);
}

TEST(BudgetBook, RowsOutsideTheRangeFoldIntoItsEnds) {
  auto m = one_instrument(2026);
  m.fund.entries.push_back({0, 2023, model::LedgerKind::committed, 10, "early", "stated", "test", "test:2"});
  const auto b = build_budget_book(m, 2024, 2027);
  EXPECT_DOUBLE_EQ(b.at(0, 2024).committed_eur, 10);
  EXPECT_DOUBLE_EQ(b.at(0, 2024).free_eur, 90);
}

// The shipped books: the binding grants are committed, the rest of the deals is what the
// package needs, and it fits in the maatwerk money open 2026-2030.
TEST(BudgetBook, ShippedPackageNeedCountsOnlyUncommittedDeals) {
  const std::filesystem::path nl = std::filesystem::path(DECARBFUND_SOURCE_DIR) / "data/nl";
  static const auto m = data::load_dataset_or_throw(nl);
  const auto deals = data::load_deal_book_or_throw(m, nl / "deals");
  const auto b = build_budget_book(m);
  const auto need = package_need(m, b, deals.deals, 2030);
  EXPECT_EQ(need.committed, (std::vector<std::string>{"cosun", "nobian", "yara"}));
  double sum = 0;
  for (const auto& [id, eur] : need.uncommitted) {
    EXPECT_NE(id, "nobian");
    sum += eur;
  }
  EXPECT_DOUBLE_EQ(need.uncommitted_eur, sum);
  EXPECT_GT(need.open_eur, 0);
  EXPECT_DOUBLE_EQ(need.on_top_eur, std::max(0.0, need.uncommitted_eur - need.open_eur));
  // Nothing of 2024 or 2025 is open as of November 2026: their balance is in 2026's.
  const auto maatwerk = m.fund.instruments.find("maatwerk");
  EXPECT_DOUBLE_EQ(b.at(maatwerk, 2025).open_eur, 0);
  EXPECT_DOUBLE_EQ(b.at(maatwerk, 2026).open_eur, 1000e6 + 785e6 + 927e6);
  EXPECT_DOUBLE_EQ(b.at(maatwerk, 2024).committed_eur, 215e6);  // Yara (2023) and Nobian
}

}  // namespace
}  // namespace decarbfund::fund
