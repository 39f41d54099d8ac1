// The reconciliation of the projects shared with lots 3 and 4 (fund/reconcile.cpp, docs/budget.md
// "Shared projects"): over data/nl every project's tonnes are credited once, to the lot the rule
// names, and the sums per payer equal the projects' totals; a tonne claimed by two lots, a claim
// against the rule, an instrument booked twice or beyond its reservations is a double count.

#include "fund/reconcile.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"

namespace decarbfund::fund {
namespace {

namespace fs = std::filesystem;
const fs::path kNl = fs::path(DECARBFUND_SOURCE_DIR) / "data/nl";

const model::Model& nl() {
  static const auto m = data::load_dataset_or_throw(kNl);
  return m;
}

const std::vector<model::Deal>& nl_deals() {
  static const auto book = data::load_deal_book_or_throw(nl(), kNl / "deals");
  return book.deals;
}

const SharedProject& project(const Reconciliation& r, std::string_view id) {
  for (const auto& p : r.projects) {
    if (p.id == id) {
      return p;
    }
  }
  throw std::runtime_error("no project " + std::string(id));
}

TEST(Reconcile, ShippedProjectsAreCreditedOnceAndSumUp) {
  const auto r = reconcile_shared(nl(), nl_deals());
  ASSERT_TRUE(r.ok()) << r.double_counts.front().message;
  ASSERT_GE(r.projects.size(), 6u);
  std::array<double, 4> eur{}, tonnes{};
  for (const auto& p : r.projects) {
    // At most one payer holds the tonnes, and it is the one the rule names.
    int holders = 0;
    double sum_eur = 0, sum_t = 0;
    for (std::size_t q = 0; q < kPayers.size(); ++q) {
      holders += p.tonnes[q] > 0 ? 1 : 0;
      sum_eur += p.eur[q];
      sum_t += p.tonnes[q];
      eur[q] += p.eur[q];
      tonnes[q] += p.tonnes[q];
    }
    EXPECT_LE(holders, 1) << p.id;
    if (p.claimed_by >= 0) {
      EXPECT_EQ(p.claimed_by, p.rule_payer) << p.id;
      EXPECT_DOUBLE_EQ(p.tonnes[static_cast<std::size_t>(p.claimed_by)], p.total_t) << p.id;
    }
    EXPECT_DOUBLE_EQ(sum_eur, p.total_eur) << p.id;
    EXPECT_DOUBLE_EQ(sum_t, p.total_t) << p.id;
  }
  for (std::size_t q = 0; q < kPayers.size(); ++q) {
    EXPECT_DOUBLE_EQ(eur[q], r.eur[q]) << kPayers[q];
    EXPECT_DOUBLE_EQ(tonnes[q], r.tonnes[q]) << kPayers[q];
  }
  // Every lot-3 and lot-4 instrument of the ledger appears in a shared project.
  const auto& inst = nl().fund.instruments;
  for (std::size_t i = 0; i < inst.size(); ++i) {
    if (inst.lot[i] == "3" || inst.lot[i] == "4") {
      bool seen = false;
      for (const auto& row : nl().fund.shared) {
        seen = seen || row.instrument == inst.id[i];
      }
      EXPECT_TRUE(seen) << inst.id[i];
    }
  }
  // Deal projects take their tonnes from the deal files, through the deal loader.
  const auto& nobian = project(r, "nobian_eop");
  EXPECT_EQ(nobian.tonnes_from, "deal nobian");
  EXPECT_DOUBLE_EQ(nobian.tonnes[payer_index("5")], 500000);
  EXPECT_DOUBLE_EQ(project(r, "yara_ccs").total_t, 800000);  // committed from 2026
  EXPECT_EQ(project(r, "aramis").rule_payer, static_cast<int>(payer_index("3")));
  EXPECT_EQ(project(r, "hydrogen_network").claimed_by, -1);  // enabling: no tonnes of its own
}

/// A model with two instruments (lot 4 and lot 5) and the given shared rows.
model::Model with_rows(std::vector<model::SharedFunding> rows) {
  model::Model m;
  auto& i = m.fund.instruments;
  i.id = {"h2", "maatwerk"};
  i.name = i.id;
  i.lot = {"4", "5"};
  i.funder = {"art. 4", "art. 5"};
  i.spends = {model::FundSpender::scheme, model::FundSpender::deals};
  i.source = {"test", "test"};
  m.fund.entries.push_back({0, 2025, model::LedgerKind::reserved, 100e6, "", "stated", "test", "fund-ledger.csv:2"});
  m.fund.shared = std::move(rows);
  return m;
}

model::SharedFunding row(std::string payer, std::string instrument, double eur, bool decisive, bool claims,
                         double tonnes, int line) {
  model::SharedFunding f;
  f.project = "steel";
  f.name = "steel";
  f.payer = std::move(payer);
  f.instrument = std::move(instrument);
  f.amount_eur = eur * 1e6;  // EUR m in the calls
  f.decisive = decisive;
  f.claims_tonnes = claims;
  f.tonnes_t = tonnes;
  f.basis = "stated";
  f.file = "shared.csv:" + std::to_string(line);
  return f;
}

TEST(Reconcile, TonnesClaimedByTwoLotsAreADoubleCount) {
  const auto m = with_rows({row("4", "h2", 60, true, true, 1000, 2), row("5", "maatwerk", 80, true, true, 1000, 3)});
  const auto r = reconcile_shared(m, {});
  ASSERT_EQ(r.double_counts.size(), 2u);
  EXPECT_EQ(r.double_counts[0].message,
            "steel: tonnes credited twice, claimed by lot 4 (shared.csv:2) and lot 5 (shared.csv:3)");
  EXPECT_EQ(r.double_counts[1].message,
            "steel: lot 4 claims the tonnes but the rule credits lot 5 (the largest decisive payer, EUR 80.0 m)");
  EXPECT_DOUBLE_EQ(r.projects[0].total_t, 2000);  // what the two books add up to
}

TEST(Reconcile, TheLargestDecisivePayerIsCreditedTiesToTheLowerArticle) {
  // Lot 5 pays more but is not decisive: lot 4's decisive money decides.
  auto r = reconcile_shared(
      with_rows({row("4", "h2", 60, true, true, 1000, 2), row("5", "maatwerk", 80, false, false, -1, 3)}), {});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.projects[0].rule_payer, static_cast<int>(payer_index("4")));
  EXPECT_DOUBLE_EQ(r.tonnes[payer_index("4")], 1000);
  EXPECT_DOUBLE_EQ(r.eur[payer_index("5")], 80e6);
  // Equal decisive money: lot 4 (the lower article) is credited, so lot 5's claim is refused.
  r = reconcile_shared(
      with_rows({row("4", "h2", 70, true, false, -1, 2), row("5", "maatwerk", 70, true, true, 1000, 3)}), {});
  ASSERT_EQ(r.double_counts.size(), 1u);
  EXPECT_EQ(r.double_counts[0].where, "shared.csv:3");
}

TEST(Reconcile, AEuroBookedTwiceOrBeyondItsReservationIsADoubleCount) {
  auto r = reconcile_shared(
      with_rows({row("4", "h2", 40, true, true, 10, 2), row("4", "h2", 40, true, false, -1, 3)}), {});
  ASSERT_EQ(r.double_counts.size(), 1u);
  EXPECT_EQ(r.double_counts[0].message,
            "steel: instrument h2 booked twice (also shared.csv:2): a euro counted twice");
  r = reconcile_shared(with_rows({row("4", "h2", 150, true, true, 10, 2)}), {});
  ASSERT_EQ(r.double_counts.size(), 1u);
  EXPECT_EQ(r.double_counts[0].message,
            "instrument h2 (lot 4): shared projects book EUR 150.0 m, more than its reservations of EUR 100.0 m in the ledger");
}

TEST(Reconcile, AClaimOnAnUnloadedDealIsRefused) {
  auto f = row("5", "maatwerk", 10, true, true, -1, 2);
  f.deal = "ghost";
  const auto r = reconcile_shared(with_rows({f}), {});
  ASSERT_EQ(r.double_counts.size(), 1u);
  EXPECT_EQ(r.double_counts[0].message,
            "steel: claims the tonnes of deal ghost, which is not loaded (--deals), and gives no tonnes_t");
}

}  // namespace
}  // namespace decarbfund::fund
