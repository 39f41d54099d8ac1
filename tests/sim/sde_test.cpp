// SDE++ in simulate() (src/sim/sde.cpp, docs/model.md "SDE++"): the subsidy formula on hand-worked
// numbers, the offer an option gets, the cap, the ranking on subsidy intensity under a budget, and
// SDE++ off against on. On the tiny fixture with prices set by hand.

#include "sim/sde.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "fixtures/tiny_fixture.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {
namespace {

using test::tiny;

TEST(Sde, SubsidyFormulaHandWorked) {
  // p = min(cap, max(0, base − max(correction, floor))), policy.md §3.2:
  // base 120, correction 80, floor 50, cap 300: 120 − 80 = 40.
  EXPECT_DOUBLE_EQ(sde_subsidy_per_t(120, 80, 50, 300), 40.0);
  // The market value falls to 30, below the floor 50: the state pays 120 − 50 = 70, not 90.
  EXPECT_DOUBLE_EQ(sde_subsidy_per_t(120, 30, 50, 300), 70.0);
  // A gap of 500 − 80 = 420 above the cap: 300.
  EXPECT_DOUBLE_EQ(sde_subsidy_per_t(500, 80, 50, 300), 300.0);
  // The market value above the base amount: nothing that year.
  EXPECT_DOUBLE_EQ(sde_subsidy_per_t(60, 80, 50, 300), 0.0);
}

/// The tiny fixture's inputs with SDE++ on: one round in 2024 (year index 4) with `budget`, a
/// category "ccs" (15 yr, floor 2/3, cap 300) and one "heat" (12 yr, inside the fences: 400),
/// flat prices ETS 80 EUR/t, electricity 20 EUR/GJ, gas 10 EUR/GJ, CO2 transport and storage
/// 30 EUR/t, no levy, every site at its base production.
Inputs sde_inputs(double budget) {
  auto in = resolve_inputs(tiny(), test::tiny_scenario());
  auto flat = [](std::vector<double>& v, double x) { std::fill(v.begin(), v.end(), x); };
  flat(in.prices.ets_eur_per_t, 80);
  flat(in.prices.electricity_eur_per_gj, 20);
  flat(in.prices.gas_eur_per_gj, 10);
  flat(in.prices.co2_transport_storage_eur_per_t, 30);
  flat(in.site_activity, 1.0);
  auto& s = in.sde;
  s.enabled = true;
  const auto years = static_cast<std::size_t>(in.years());
  s.round_budget_eur.assign(years, 0.0);
  s.round_cap_eur_per_t.assign(years, 300.0);
  s.round_fence_cap_eur_per_t.assign(years, 400.0);
  s.round_budget_eur[static_cast<std::size_t>(in.year_index(2024))] = budget;
  s.term_yr = {15, 12};
  s.floor_share = {2.0 / 3.0, 2.0 / 3.0};
  s.in_fence = {0, 1};
  s.max_base_eur_per_t = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  s.option_category.assign(tiny().options.size(), model::kNone);
  s.option_category[tiny().find_option("O2")] = 0;  // capture at S1 (ETS)
  return in;
}

TEST(Sde, OfferOnTheCaptureHandWorked) {
  const auto& m = tiny();
  const auto in = sde_inputs(1e12);
  const Workspace ws(m, in);
  const auto o2 = m.find_option("O2");
  const int y = in.year_index(2024), start = in.year_index(2027);
  const auto offer = sde_offer(m, in, ws, o2, y, start);
  ASSERT_EQ(offer.option, o2);
  // O2: capex 200 M EUR, O&M 5 M EUR/yr, +100,000 GJ electricity, 300,000 t stored, −300,000 t/yr.
  // Base = (capex × CRF(8 %, 15 yr) + O&M + energy + storage) ÷ tonnes
  //      = (200e6 × 0.116830 + 5e6 + 100,000 × 20 + 300,000 × 30) ÷ 300,000
  //      = (23.366e6 + 5e6 + 2e6 + 9e6) ÷ 300,000 = 131.22 EUR/t.
  EXPECT_NEAR(offer.base_eur_per_t, 131.22, 0.01);
  // Correction: the ETS price its tonnes save (S1 is in the ETS), 80; floor 2/3 × 80 = 53.33.
  EXPECT_NEAR(offer.correction_eur_per_t, 80.0, 1e-9);
  EXPECT_NEAR(offer.floor_eur_per_t, 53.333, 0.001);
  // Intensity 131.22 − 80 = 51.22 EUR/t, below the cap 300.
  EXPECT_NEAR(offer.intensity_eur_per_t, 51.22, 0.01);
  EXPECT_EQ(offer.term_yr, 15);
  // Obligation (what the budget counts): (base − floor) × tonnes/yr × term
  //   = 77.886 × 300,000 × 15 = 350.49 M EUR.
  EXPECT_NEAR(offer.obligation_eur / 1e6, 350.49, 0.01);
}

TEST(Sde, CapLimitsTheSubsidy) {
  const auto& m = tiny();
  auto in = sde_inputs(1e12);
  std::fill(in.sde.round_cap_eur_per_t.begin(), in.sde.round_cap_eur_per_t.end(), 30.0);
  const Workspace ws(m, in);
  const auto o2 = m.find_option("O2");
  const auto offer = sde_offer(m, in, ws, o2, in.year_index(2024), in.year_index(2027));
  // The gap 51.22 EUR/t is paid up to the cap 30; the obligation counts the cap:
  // 30 × 300,000 × 15 = 135 M EUR.
  EXPECT_DOUBLE_EQ(offer.intensity_eur_per_t, 30.0);
  EXPECT_NEAR(offer.obligation_eur / 1e6, 135.0, 1e-6);
  // In the fenced heat category the cap is 400 and the term 12 years: base =
  // (200e6 × CRF(8 %, 12 yr) 0.132695 + 16e6) ÷ 300,000 = 141.80, intensity 141.80 − 80 = 61.80.
  in.sde.option_category[o2] = 1;
  EXPECT_NEAR(sde_offer(m, in, ws, o2, in.year_index(2024), in.year_index(2027)).intensity_eur_per_t, 61.80, 0.01);
}

TEST(Sde, NoRoundOrNoCategoryNoOffer) {
  const auto& m = tiny();
  auto in = sde_inputs(1e12);
  const Workspace ws(m, in);
  const auto o2 = m.find_option("O2");
  EXPECT_EQ(sde_offer(m, in, ws, o2, in.year_index(2025), in.year_index(2028)).option, model::kNone);
  EXPECT_EQ(sde_offer(m, in, ws, m.find_option("O1"), in.year_index(2024), in.year_index(2026)).option,
            model::kNone);
  in.sde.enabled = false;
  EXPECT_EQ(sde_offer(m, in, ws, o2, in.year_index(2024), in.year_index(2027)).option, model::kNone);
  // A CO2 price above the base amount: no gap, no application.
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 200.0);
  in.sde.enabled = true;
  EXPECT_EQ(sde_offer(m, in, ws, o2, in.year_index(2024), in.year_index(2027)).option, model::kNone);
}

TEST(Sde, OnPaysTheCaptureThatOffDoesNot) {
  const auto& m = tiny();
  const auto o2 = m.find_option("O2");
  auto in = sde_inputs(1e12);
  Workspace ws(m, in);
  simulate(m, in, ws);
  const auto& on = ws.outcome();
  // With SDE++ the capture's first 15 years are paid (base amount over the term); after them
  // ETS 80 covers its operating cost of 53.3 EUR/t: it goes ahead, attributed to SDE++.
  ASSERT_GE(on.option_decided[o2], 0);
  EXPECT_EQ(on.option_instrument[o2], Instrument::sde);
  EXPECT_EQ(on.option_decided[o2], in.year_index(2024));
  EXPECT_NEAR(on.option_sde_obligation_eur[o2] / 1e6, 350.49, 0.01);
  EXPECT_DOUBLE_EQ(on.sde_committed_eur[static_cast<std::size_t>(in.year_index(2024))], on.option_sde_obligation_eur[o2]);
  // Expected payments: 51.22 EUR/t (flat prices keep the correction at 80, above the floor) ×
  // 300,000 t × (0.5 ramp-up year + 14 full years) = 222.8 M EUR.
  EXPECT_NEAR(on.option_sde_eur[o2] / 1e6, 51.2197 * 0.3 * 14.5, 0.05);
  in.sde.enabled = false;
  Workspace off_ws(m, in);
  simulate(m, in, off_ws);
  const auto& off = off_ws.outcome();
  EXPECT_EQ(off.option_decided[o2], -1);
  EXPECT_DOUBLE_EQ(off.option_sde_obligation_eur[o2], 0.0);
  const auto t = static_cast<std::size_t>(in.year_index(2030));
  EXPECT_NEAR(off.total_emissions_t[t] - on.total_emissions_t[t], 300'000.0, 1.0);
}

TEST(Sde, SmallBudgetFundsOnlyTheLowestIntensity) {
  const auto& m = tiny();
  const auto o1 = m.find_option("O1"), o2 = m.find_option("O2"), o5 = m.find_option("O5");
  auto in = sde_inputs(1e12);
  in.sde.option_category[o1] = 1;  // the e-boiler at S1 (ETS), fenced: 143 EUR/t
  // The port grid at 300 MW from the start, so the e-boiler's 125 MW fits in 2026 (a project
  // without grid room does not apply; the fixture has 100 MW until 2028).
  const auto grid = m.find_infrastructure("grid_port");
  for (int y = 0; y < in.years(); ++y) {
    in.infrastructure_capacity[static_cast<std::size_t>(grid) * static_cast<std::size_t>(in.years()) +
                               static_cast<std::size_t>(y)] = 300.0;
  }
  update_contract_capacity(in);
  in.sde.option_category[o5] = 0;  // capture at the incinerator: not in the ETS, no ETS correction
  const int y = in.year_index(2024);
  // The offers as the round sees them: O2 51 EUR/t, O1 143, O5 148 (its whole cost: an
  // incinerator saves no ETS price).
  const Workspace fresh(m, in);
  std::vector<SdeOffer> offers;
  for (auto [i, start] : {std::pair{o2, in.year_index(2027)}, {o1, in.year_index(2026)}, {o5, in.year_index(2027)}}) {
    offers.push_back(sde_offer(m, in, fresh, i, y, start));
    ASSERT_EQ(offers.back().option, i);
  }
  std::sort(offers.begin(), offers.end(),
            [](const SdeOffer& a, const SdeOffer& b) { return a.intensity_eur_per_t < b.intensity_eur_per_t; });
  ASSERT_EQ(offers[0].option, o2);
  ASSERT_EQ(offers[1].option, o1);
  ASSERT_LT(offers[1].intensity_eur_per_t, offers[2].intensity_eur_per_t);
  // A budget of all three: each gets an award.
  Workspace ws(m, in);
  simulate(m, in, ws);
  for (const auto& o : offers) {
    EXPECT_EQ(ws.sde_award_year_[o.option], y) << m.options.id[o.option];
  }
  // A budget that holds the cheapest's obligation only: the round closes after it.
  in.sde.round_budget_eur[static_cast<std::size_t>(y)] = offers[0].obligation_eur * 1.001;
  Workspace small(m, in);
  simulate(m, in, small);
  EXPECT_EQ(small.sde_award_year_[offers[0].option], y) << m.options.id[offers[0].option];
  EXPECT_EQ(small.sde_award_year_[offers[1].option], -1) << m.options.id[offers[1].option];
  EXPECT_EQ(small.sde_award_year_[offers[2].option], -1) << m.options.id[offers[2].option];
  // Just below it: nothing at all (the ranking does not skip to a smaller project).
  in.sde.round_budget_eur[static_cast<std::size_t>(y)] = offers[0].obligation_eur * 0.999;
  Workspace none(m, in);
  simulate(m, in, none);
  for (const auto& o : offers) {
    EXPECT_EQ(none.sde_award_year_[o.option], -1) << m.options.id[o.option];
  }
}

TEST(Sde, PackagePaysOnlyWhatSdeLeavesOfADealsGap) {
  // Stacking (docs/model.md "SDE++"): a delivering deal's project gets SDE++ first and the
  // package's support covers only the funding gap left after it, never the same euros twice.
  const auto& m = tiny();
  const auto o2 = m.find_option("O2");
  const auto support_and_instrument = [&](bool sde, double cap) {
    auto in = sde_inputs(1e12);
    in.sde.enabled = sde;
    std::fill(in.sde.round_cap_eur_per_t.begin(), in.sde.round_cap_eur_per_t.end(), cap);
    in.package_enabled = true;
    in.option_deal[o2] = 0;
    in.deal_realisation = {1.0};
    in.deal_probability = {1.0};
    in.option_max_support_eur[o2] = std::numeric_limits<double>::infinity();
    Workspace ws(m, in);
    simulate(m, in, ws);
    return std::pair{ws.outcome().option_support_eur[o2], ws.outcome().option_instrument[o2]};
  };
  const auto [without, without_instrument] = support_and_instrument(false, 300);
  const auto [full_sde, full_instrument] = support_and_instrument(true, 300);
  const auto [capped, capped_instrument] = support_and_instrument(true, 30);
  // Without SDE++ the package pays the whole gap; with it, nothing (SDE++ covers it); with SDE++
  // capped at 30 EUR/t (of a 51 EUR/t gap) the package pays the rest, less than the whole gap.
  EXPECT_GT(without, 0.0);
  EXPECT_EQ(without_instrument, Instrument::package);
  EXPECT_DOUBLE_EQ(full_sde, 0.0);
  EXPECT_EQ(full_instrument, Instrument::sde);
  EXPECT_GT(capped, 0.0);
  EXPECT_LT(capped, without);
  EXPECT_EQ(capped_instrument, Instrument::package);
}

}  // namespace
}  // namespace decarbfund::sim
