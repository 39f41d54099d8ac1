// The firm response's rules of issue 13 on the tiny fixture (docs/model.md "Committed projects",
// "Infrastructure ledgers", "Re-choice"): a project past FID takes its infrastructure before any
// decision — a deal's only where the package is on and the deal delivers — and waits for a delayed
// store; capacity contracted to a site is its alone; a blocked option leaves its group open for the
// next option of the group.

#include "sim/response.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::sim {
namespace {

using test::tiny;

/// The tiny fixture with a biting flat levy and an ETS price at which every capture pays: the
/// store (350 kt/yr from 2026) is what limits the two captures, S1's O2 (300 kt) and the
/// incinerator's O5 (100 kt).
Inputs paying(const model::Scenario& scenario = test::tiny_scenario()) {
  auto s = scenario;
  test::set_flat_levy(s, 400.0, 0.1);
  auto in = resolve_inputs(tiny(), s);
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 400.0);
  return in;
}

Outcome run(const Inputs& in) {
  Workspace ws(tiny(), in);
  simulate(tiny(), in, ws);
  return ws.outcome();
}

TEST(Response, CommittedProjectTakesTheStoreFirst) {
  const auto& m = tiny();
  const auto o2 = m.find_option("O2");
  const auto o5 = m.find_option("O5");
  const auto store = m.find_infrastructure("store");
  // In the merit order O2 (cheaper per tonne) takes 300 kt of the 350 and O5 finds no room.
  auto in = paying();
  auto out = run(in);
  ASSERT_GE(out.option_decided[o2], 0);
  ASSERT_EQ(out.option_blocked_by[o5], store);
  // O5 past FID from 2027: it takes its 100 kt before any decision, and O2 no longer fits.
  in.option_committed_start[o5] = in.year_index(2027);
  out = run(in);
  EXPECT_EQ(out.option_instrument[o5], Instrument::committed);
  EXPECT_EQ(out.option_start[o5], in.year_index(2027));
  EXPECT_EQ(out.option_decided[o2], -1);
  EXPECT_EQ(out.option_blocked_by[o2], store);
  // A deal's committed project runs only where the package is on and the deal delivers.
  in.option_deal[o5] = 0;
  in.deal_realisation = {1.0};
  in.deal_probability = {0.8};
  EXPECT_EQ(run(in).option_instrument[o5], Instrument::committed);
  in.deal_realisation = {0.0};
  EXPECT_NE(run(in).option_instrument[o5], Instrument::committed);
  in.deal_realisation = {1.0};
  in.package_enabled = false;
  EXPECT_NE(run(in).option_instrument[o5], Instrument::committed);
}

TEST(Response, CommittedProjectWaitsForADelayedStore) {
  auto scenario = test::tiny_scenario();
  scenario.infrastructure_delay_yr["store"] = 3;  // opens in 2029 instead of 2026
  auto in = paying(scenario);
  const auto o5 = tiny().find_option("O5");
  in.option_committed_start[o5] = in.year_index(2027);
  const auto out = run(in);
  EXPECT_EQ(out.option_instrument[o5], Instrument::committed);
  EXPECT_EQ(out.option_start[o5], in.year_index(2029));
}

TEST(Response, ContractedCapacityIsTheHoldersAlone) {
  const auto& m = tiny();
  const auto o2 = m.find_option("O2");
  const auto o5 = m.find_option("O5");
  const auto store = m.find_infrastructure("store");
  // The incinerator S3 holds 100 kt/yr of the store from 2026: 250 kt stay open, too little for
  // O2's 300 kt however early it decides; O5 uses its contract.
  auto in = paying();
  in.contracts.push_back({store, m.find_site("S3"), 100'000, 2026, 2040, "test", model::kNone});
  update_contract_capacity(in);
  const auto out = run(in);
  EXPECT_EQ(out.option_decided[o2], -1);
  EXPECT_EQ(out.option_blocked_by[o2], store);
  EXPECT_GE(out.option_decided[o5], 0);
  // A deal's reservation is capacity on top of the item's, for the deal's options only: a
  // 300 kt reservation for a deal holding O2 lets both captures in.
  in.option_deal[o2] = 0;
  in.deal_realisation = {1.0};
  in.deal_probability = {1.0};
  in.contracts.push_back({store, model::kNone, 300'000, 2026, 2040, "deal test", 0});
  update_contract_capacity(in);
  const auto both = run(in);
  EXPECT_GE(both.option_decided[o2], 0);
  EXPECT_GE(both.option_decided[o5], 0);
  EXPECT_DOUBLE_EQ(both.infrastructure_used[store * static_cast<std::size_t>(in.years()) + 10], 400'000);
}

// An option needs room in every year it relies on an item: up to the horizon, or to the year
// before the item closes (response.cpp keeps the least open room over those years per start year).
TEST(Response, AnOptionNeedsRoomInEveryYearItReliesOn) {
  const auto& m = tiny();
  const auto o2 = m.find_option("O2");  // 300 kt of the store's 350
  const auto o5 = m.find_option("O5");  // 100 kt
  const auto store = m.find_infrastructure("store");
  auto in = paying();
  const int years = in.years();
  const auto cell = [&](int y) { return store * static_cast<std::size_t>(years) + static_cast<std::size_t>(y); };
  ASSERT_GE(run(in).option_decided[o2], 0);
  // 250 kt in the horizon's last year alone: O2 would overrun it then, so it never goes ahead.
  in.infrastructure_capacity[cell(years - 1)] = 250'000;
  update_contract_capacity(in);
  auto out = run(in);
  EXPECT_EQ(out.option_decided[o2], -1);
  EXPECT_EQ(out.option_blocked_by[o2], store);
  EXPECT_GE(out.option_decided[o5], 0);
  // The store closes three years before the horizon ends: nothing relies on it after, so that
  // last year's dip no longer matters and O2 goes ahead again.
  for (int y = years - 3; y < years; ++y) {
    in.infrastructure_capacity[cell(y)] = 0;
  }
  update_contract_capacity(in);
  out = run(in);
  EXPECT_GE(out.option_decided[o2], 0);
  EXPECT_LT(out.option_start[o2], years - 3);
}

TEST(Response, BlockedOptionLeavesItsGroupToTheNext) {
  const auto& m = tiny();
  const auto o3 = m.find_option("O3");  // heat pump, 10.4 MW of the port grid
  const auto o4 = m.find_option("O4");  // hydrogen burner, same group, hydrogen from 2030
  auto in = paying();
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 1000.0);
  // With room the heat pump, the cheaper tonne, takes the group and the burner never comes.
  auto out = run(in);
  ASSERT_GE(out.option_decided[o3], 0);
  ASSERT_EQ(out.option_decided[o4], -1);
  // No grid at the port: the heat pump is blocked, the group stays open and the burner takes it.
  const auto grid = m.find_infrastructure("grid_port");
  for (int y = 0; y < in.years(); ++y) {
    in.infrastructure_capacity[grid * static_cast<std::size_t>(in.years()) + static_cast<std::size_t>(y)] = 0;
  }
  update_contract_capacity(in);
  out = run(in);
  EXPECT_EQ(out.option_decided[o3], -1);
  EXPECT_EQ(out.option_blocked_by[o3], grid);
  EXPECT_GE(out.option_decided[o4], 0);
  EXPECT_EQ(out.option_start[o4], in.year_index(2030));
}

}  // namespace
}  // namespace decarbfund::sim
