// A deal's own effect for `deal assess` (issue 14 §3) is its line of the outlook: on the tiny
// fixture Oil B's announced project O6 (30 kt/yr from 2026, needing the package) is its whole own
// effect; a draft takes the place of the book's deal with its id, or joins the book; without the
// package there is none. On data/nl every shipped deal's figures are its outlook line's.

#include "analysis/deal_own_effect.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "analysis/outlook.hpp"
#include "fixtures/shipped_fixture.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

using test::tiny;

/// Oil B's deal (O6, EUR 50 m) at phase `phase` in a book of its own.
model::DealBook oil_b_book(model::DealPhase phase) {
  auto book = test::single_deal_book(test::oil_b_deal(phase, 50e6));
  book.phases.probability[static_cast<std::size_t>(model::DealPhase::jloi)] = 0.5;
  book.phases.probability[static_cast<std::size_t>(model::DealPhase::binding)] = 0.8;
  return book;
}

TEST(DealOwnEffect, IsTheDealsLineOfTheOutlook) {
  const auto scenario = test::tiny_scenario();
  const auto book = oil_b_book(model::DealPhase::jloi);
  // A draft of the book's deal (same id, another phase) takes its place: one deal, p = 0.8.
  const auto draft = test::oil_b_deal(model::DealPhase::binding, 50e6);
  const auto e = deal_own_effect(tiny(), scenario, scenario, book, draft);
  EXPECT_EQ(e.other_deals, 0u);
  EXPECT_TRUE(e.package);
  // O6 goes ahead only with the deal (its NPV is negative without support): 30 kt in 2030, all of
  // it its own, both ways round, nothing left to interaction.
  EXPECT_DOUBLE_EQ(e.own_t, 30'000);
  EXPECT_DOUBLE_EQ(e.leave_one_out_t, 30'000);
  EXPECT_DOUBLE_EQ(e.add_one_in_t, 30'000);
  EXPECT_DOUBLE_EQ(e.interaction_t, 0.0);
  EXPECT_DOUBLE_EQ(e.probability, 0.8);
  EXPECT_DOUBLE_EQ(e.expected_t, 24'000);
  EXPECT_DOUBLE_EQ(e.support_eur, 50e6);  // its funding gap is above the cap: the cap
  ASSERT_TRUE(e.eur_per_t);
  EXPECT_DOUBLE_EQ(*e.eur_per_t, 50e6 / 30'000);

  // A deal with another id joins the book.
  auto other = draft;
  other.id = "oil-b-2";
  EXPECT_EQ(deal_own_effect(tiny(), scenario, scenario, book, other).other_deals, 1u);

  // Without the package a deal has no effect.
  auto off = scenario;
  off.package_enabled = false;
  const auto none = deal_own_effect(tiny(), off, off, book, draft);
  EXPECT_FALSE(none.package);
  EXPECT_EQ(none.leave_one_out_t, 0.0);
  EXPECT_FALSE(none.eur_per_t);
}

TEST(DealOwnEffect, ShippedDealsHaveTheirOutlookLines) {
  const auto& model = test::shipped();
  const auto& book = test::shipped_deals();
  const auto [scenario, reference] = test::shipped_scenario("belastingplan-2026");
  const auto o = run_outlook(model, scenario, reference, &book);
  for (const auto& deal : book.deals) {
    SCOPED_TRACE(deal.id);
    const auto e = deal_own_effect(model, scenario, reference, book, deal);
    const auto line = std::find_if(o.package_credits.begin(), o.package_credits.end(),
                                   [&](const InstrumentCredit& c) { return c.deal == deal.id; });
    ASSERT_NE(line, o.package_credits.end());
    EXPECT_EQ(e.other_deals, 11u);
    EXPECT_EQ(e.reference_scenario, "klimaatakkoord");
    EXPECT_EQ(e.leave_one_out_t, line->leave_one_out_t);
    EXPECT_EQ(e.add_one_in_t, line->add_one_in_t);
    EXPECT_EQ(e.own_t, line->reduction_t);
    EXPECT_EQ(e.expected_t, line->expected_t);
  }
}

}  // namespace
}  // namespace decarbfund::analysis
