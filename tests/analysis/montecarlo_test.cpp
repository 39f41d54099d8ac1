// Monte Carlo on the tiny fixture (issue 6 "Done when"): the same bits for 1, 2 and 4 threads,
// P(target met) against an analytic answer, and the property that lets a draw stop at the target
// year (a truncated run equals a full run up to that year).

#include "analysis/montecarlo.hpp"
#include "analysis/montecarlo_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>

#include <gtest/gtest.h>

#include "core/distribution.hpp"
#include "fixtures/tiny_fixture.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis {
namespace {

using test::levy_scenario;
using test::tiny;

/// O6 (Oil B's announced project, 30 kt/yr, needs the package's support) as a maatwerk deal.
DealBook oil_b_deal(model::DealPhase phase, double p) {
  auto book = test::single_deal_book(test::oil_b_deal(phase, 1e12));  // the whole funding gap
  book.phases.probability.fill(0.0);
  book.phases.probability[static_cast<std::size_t>(phase)] = p;
  return book;
}

model::Uncertainty nothing_uncertain() {
  model::Uncertainty u;
  u.capex = model::RangeShape::none;
  u.delta_emissions = model::RangeShape::none;
  u.infrastructure_delay_default = core::Distribution::fixed(0);
  u.permit_delay_yr = core::Distribution::fixed(0);
  u.sme_realisation = core::Distribution::fixed(1);
  return u;
}

TEST(MonteCarlo, SameBitsForOneTwoAndFourThreads) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");  // default uncertainty: prices, ranges, delays, permits
  const auto deals = oil_b_deal(model::DealPhase::jloi, 0.5);
  MonteCarloOptions opt;
  opt.draws = 203;  // not a multiple of the chunk size
  opt.seed = 99;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, &deals, opt);
  ASSERT_GE(setup.inputs.size(), 5u) << "ETS, gas, O1's ranges, infrastructure, permits and the deal";
  const auto one = run_draws(setup, 0, opt.draws, 1);
  for (unsigned threads : {2u, 4u}) {
    const auto many = run_draws(setup, 0, opt.draws, threads);
    ASSERT_EQ(one.size(), many.size());
    EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(double)), 0) << threads << " threads";
  }
  // Blocks of draws (as MPI ranks run them) concatenate to the same table.
  auto a = run_draws(setup, 0, 77, 2);
  const auto b = run_draws(setup, 77, opt.draws, 3);
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_EQ(std::memcmp(one.data(), a.data(), one.size() * sizeof(double)), 0);
  const auto r1 = summarise_montecarlo(setup, one, 1);
  const auto r4 = summarise_montecarlo(setup, one, 4);
  EXPECT_EQ(r1.p_total, r4.p_total);
  EXPECT_EQ(r1.achieved_t.mean, r4.achieved_t.mean);
  EXPECT_EQ(r1.tornado_base_t, r4.tornado_base_t);
  ASSERT_EQ(r1.tornado.size(), r4.tornado.size());
  for (std::size_t k = 0; k < r1.tornado.size(); ++k) {
    EXPECT_EQ(r1.tornado[k].input, r4.tornado[k].input);
    EXPECT_EQ(r1.tornado[k].low_t, r4.tornado[k].low_t);
  }
  // The draws really vary.
  EXPECT_LT(r1.achieved_t.p5, r1.achieved_t.p95);
}

TEST(MonteCarlo, ProbabilityOfTargetIsTheDealsProbability) {
  // Nothing is uncertain but one deal: the package leg is O6's 30 kt when the deal delivers and 0
  // when it falls through, so P(package leg ≥ 30 kt) = p. With a levy that gives the levy leg for
  // certain, P(total) = p too.
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  scenario.uncertainty = nothing_uncertain();
  scenario.uncertainty.price_factor.clear();
  const double p = 0.3;
  const auto deals = oil_b_deal(model::DealPhase::jloi, p);
  MonteCarloOptions opt;
  opt.draws = 4000;
  opt.seed = 5;
  auto setup = prepare_montecarlo(tiny(), scenario, reference, &deals, opt);
  ASSERT_EQ(setup.inputs.size(), 1u);
  EXPECT_EQ(setup.inputs[0].id, "deal:oil-b");
  const auto records = run_draws(setup, 0, opt.draws, 2);
  const auto central = summarise_montecarlo(setup, records, 2);
  // The outlook's numbers (every deal delivers): package leg 30 kt (outlook_test).
  EXPECT_DOUBLE_EQ(central.central_package_leg_t, 30'000);
  setup.required_t = central.central_levy_leg_t + 30'000;
  setup.levy_leg_required_t = central.central_levy_leg_t;
  setup.package_leg_required_t = 30'000;
  const auto r = summarise_montecarlo(setup, records, 2);
  // Exactly the share of draws whose keyed uniform says "delivers" (inverse CDF: u > 1 − p) …
  std::uint32_t delivers = 0;
  for (std::uint32_t d = 0; d < opt.draws; ++d) {
    delivers += core::open_uniform(opt.seed, d, core::VariableKey{6, 0}) > 1 - p ? 1 : 0;
  }
  EXPECT_DOUBLE_EQ(r.p_package_leg, delivers / 4000.0);
  EXPECT_DOUBLE_EQ(r.p_total, delivers / 4000.0);
  EXPECT_DOUBLE_EQ(r.p_levy_leg, 1.0);
  // … and that is p within 4 standard errors (sqrt(p(1−p)/n) = 0.0072).
  EXPECT_NEAR(r.p_package_leg, p, 4 * std::sqrt(p * (1 - p) / 4000));
  // The package leg is two-valued: P50 is 0 (p < 0.5), P95 is 30 kt; the mean is p × 30 kt.
  EXPECT_DOUBLE_EQ(r.package_leg_t.p50, 0.0);
  EXPECT_DOUBLE_EQ(r.package_leg_t.p95, 30'000);
  EXPECT_NEAR(r.package_leg_t.mean, r.p_package_leg * 30'000, 1e-6);
  // Tornado: the deal swings the achieved reduction by exactly its 30 kt; rank correlation is 1.
  ASSERT_EQ(r.tornado.size(), 1u);
  EXPECT_NEAR(r.tornado[0].swing_t(), 30'000, 1e-6);
  EXPECT_NEAR(r.rank_correlation[0].rho, 1.0, 1e-12);
}

TEST(MonteCarlo, CertainDealsGiveTheOutlook) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  scenario.uncertainty = nothing_uncertain();
  scenario.uncertainty.price_factor.clear();
  scenario.uncertainty.deals = model::DealRealisation::certain;
  const auto deals = oil_b_deal(model::DealPhase::eop, 0.15);
  MonteCarloOptions opt;
  opt.draws = 16;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, &deals, opt);
  EXPECT_TRUE(setup.inputs.empty());
  const auto r = summarise_montecarlo(setup, run_draws(setup, 0, opt.draws, 1), 1);
  const auto o = run_outlook(tiny(), scenario, reference, &deals);
  // "certain" deals deliver in every draw: the outlook's every-deal figures, not its expected ones.
  EXPECT_EQ(r.central_achieved_t, o.achieved_if_every_deal_delivers_t);
  EXPECT_EQ(r.achieved_t.p5, o.achieved_if_every_deal_delivers_t);
  EXPECT_EQ(r.achieved_t.p95, o.achieved_if_every_deal_delivers_t);
  EXPECT_EQ(r.levy_leg_t.p50, o.levy_leg_t);
  EXPECT_EQ(r.p_total, o.achieved_if_every_deal_delivers_t >= 300'000 - 0.5 ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(o.achieved_t, o.levy_leg_t + 0.15 * 30'000);
}

TEST(MonteCarlo, SmeSchemeScalesAroundTheOutlooksExpectedTonnes) {
  // Nothing uncertain but the SME realisation, uniform(0.5, 1.0): each draw's SME tonnes are the
  // expected 50 kt × x / E[x], so the central run is the outlook's and the mean stays 50 kt.
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  scenario.uncertainty = nothing_uncertain();
  scenario.uncertainty.price_factor.clear();
  scenario.uncertainty.deals = model::DealRealisation::certain;
  scenario.uncertainty.sme_realisation = core::Distribution::uniform(0.5, 1.0);
  const auto deals = oil_b_deal(model::DealPhase::jloi, 0.5);
  SmeInput sme;
  sme.label = "test round";
  sme.reduction_t_by_year.assign(21, 0.0);
  for (std::size_t y = 8; y < 21; ++y) {
    sme.reduction_t_by_year[y] = 50'000;  // from 2028
  }
  MonteCarloOptions opt;
  opt.draws = 1000;
  opt.seed = 8;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, &deals, opt, &sme);
  ASSERT_EQ(setup.inputs.size(), 1u);
  EXPECT_EQ(setup.inputs[0].id, "sme_realisation");
  const auto r = summarise_montecarlo(setup, run_draws(setup, 0, opt.draws, 2), 2);
  const auto o = run_outlook(tiny(), scenario, reference, &deals, &sme);
  EXPECT_EQ(r.central_package_leg_t, o.package_leg_t);
  EXPECT_EQ(r.central_achieved_t, o.achieved_if_every_deal_delivers_t);
  EXPECT_NEAR(o.package_leg_t, 80'000, 1e-6);
  // Draws: 30 kt + 50 kt × x / 0.75 with x in [0.5, 1.0]: between 63.3 and 96.7 kt, mean 80 kt.
  EXPECT_GE(r.package_leg_t.p5, 30'000 + 50'000 * 0.5 / 0.75 - 1e-6);
  EXPECT_LE(r.package_leg_t.p95, 30'000 + 50'000 * 1.0 / 0.75 + 1e-6);
  EXPECT_NEAR(r.package_leg_t.mean, 80'000, 50'000 * (0.5 / std::sqrt(12.0)) / 0.75 * 4 / std::sqrt(1000.0));
  ASSERT_EQ(r.tornado.size(), 1u);
  EXPECT_NEAR(r.tornado[0].swing_t(), 50'000 * (0.95 - 0.55) / 0.75, 1e-6);
  // Years before the SME tonnes start are untouched.
  EXPECT_EQ(r.emissions_t[7].p50, r.emissions_t[7].p5);
}

TEST(MonteCarlo, RunStoppedAtTargetYearMatchesFullRunUpToIt) {
  auto s = levy_scenario(300.0, 0.5, "tight");
  const auto in = sim::resolve_inputs(tiny(), s);
  sim::Workspace full(tiny(), in), cut(tiny(), in);
  sim::simulate(tiny(), in, full);
  sim::simulate(tiny(), in, cut, 2030);
  const auto& f = full.outcome();
  const auto& c = cut.outcome();
  for (int y = 0; y <= 10; ++y) {
    EXPECT_EQ(f.total_emissions_t[static_cast<std::size_t>(y)], c.total_emissions_t[static_cast<std::size_t>(y)]) << 2020 + y;
    EXPECT_EQ(f.support_outlay_eur[static_cast<std::size_t>(y)], c.support_outlay_eur[static_cast<std::size_t>(y)]);
  }
  EXPECT_EQ(c.total_emissions_t[11], 0.0) << "years after the last are not run";
}

TEST(MonteCarlo, LeanRunDecidesAndEmitsAsAFullRun) {
  // Monte Carlo's lean run (sim::Accounting::emissions) skips the DPR market, the levy,
  // carry-back and the instruments' attribution: every decision and every emission must stay as a
  // full run has them, and the levy columns it does not account for are 0, also in a workspace a
  // full run wrote before.
  auto s = levy_scenario(300.0, 0.5, "tight");
  const auto in = sim::resolve_inputs(tiny(), s);
  sim::Workspace full(tiny(), in), lean(tiny(), in);
  sim::simulate(tiny(), in, full);
  sim::simulate(tiny(), in, lean);
  const auto& f = full.outcome();
  const auto& l = lean.outcome();
  ASSERT_GT(std::accumulate(l.levy_eur.begin(), l.levy_eur.end(), 0.0), 0.0) << "the case must owe levy";
  sim::simulate(tiny(), in, lean, std::numeric_limits<int>::max(), sim::Accounting::emissions);
  EXPECT_EQ(f.emissions_t, l.emissions_t);
  EXPECT_EQ(f.total_emissions_t, l.total_emissions_t);
  EXPECT_EQ(f.support_outlay_eur, l.support_outlay_eur);
  EXPECT_EQ(f.option_decided, l.option_decided);
  EXPECT_EQ(f.option_start, l.option_start);
  // Nor does it attribute what it adopts in decision years to an instrument.
  for (std::size_t i = 0; i < l.option_instrument.size(); ++i) {
    const bool decided = l.option_decided[i] >= 0 && f.option_instrument[i] != sim::Instrument::committed;
    EXPECT_EQ(l.option_instrument[i], decided ? sim::Instrument::none : f.option_instrument[i]) << i;
  }
  ASSERT_TRUE(std::any_of(f.option_instrument.begin(), f.option_instrument.end(),
                          [](sim::Instrument x) { return x == sim::Instrument::levy || x == sim::Instrument::ets; }))
      << "the case must adopt an option in a decision year";
  for (const auto* v : {&l.levy_eur, &l.refund_eur, &l.dpr_allocated_t, &l.dpr_bought_t, &l.dpr_sold_t,
                        &l.dpr_price_eur_per_t, &l.levy_revenue_eur}) {
    EXPECT_TRUE(std::all_of(v->begin(), v->end(), [](double x) { return x == 0.0; }));
  }
}

/// The message prepare_montecarlo gives for a scenario whose uncertainty section `edit` changed.
std::string uncertainty_error(const std::function<void(model::Uncertainty&)>& edit) {
  auto s = levy_scenario(300.0, 0.5, "tight");
  s.file = "scenarios/x.yaml";
  edit(s.uncertainty);
  try {
    prepare_montecarlo(tiny(), s, s, nullptr, MonteCarloOptions{});
  } catch (const core::Error& e) {
    return e.diagnostics().at(0).to_string();
  }
  return "no error";
}

TEST(MonteCarlo, UnknownIdsInUncertaintyAreErrors) {
  EXPECT_EQ(uncertainty_error([](auto& u) { u.infrastructure_delay_yr["atlantis"] = core::Distribution::fixed(1); }),
            "scenarios/x.yaml: uncertainty.infrastructure_delay_yr.atlantis: expected an infrastructure id of the "
            "dataset (infrastructure.csv) or default, found \"atlantis\"");
  EXPECT_EQ(uncertainty_error([](auto& u) { u.activity_factor["atlantis"] = core::Distribution::fixed(1); }),
            "scenarios/x.yaml: uncertainty.activity.atlantis: expected an activity group of the dataset "
            "(activity-groups.csv) or default, found \"atlantis\"");
}

TEST(MonteCarlo, ProductionDrawsWidenEmissionsButNotTheLegs) {
  // Production is the world's (issue 12): drawn once per group and draw for every run, it moves
  // the emissions of the target year, and a scenario that equals its reference still achieves 0.
  auto reference = levy_scenario(100.0, 1.0, "reference");
  reference.package_enabled = false;
  reference.uncertainty = {};  // nothing drawn but production
  reference.uncertainty.capex = model::RangeShape::none;
  reference.uncertainty.delta_emissions = model::RangeShape::none;
  reference.uncertainty.activity_default = core::Distribution::lognormal(1.0, 0.2);
  auto scenario = reference;
  MonteCarloOptions opt;
  opt.draws = 40;
  opt.seed = 11;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, nullptr, opt);
  ASSERT_EQ(setup.inputs.size(), 1u);
  EXPECT_EQ(setup.inputs[0].id, "activity:all");
  const auto result = run_montecarlo(setup, 2);
  const auto& e = result.emissions_t.back();
  EXPECT_LT(e.p5, 0.95 * e.p95) << "production moves the target year's emissions";
  EXPECT_EQ(result.achieved_t.p5, 0.0);
  EXPECT_EQ(result.achieved_t.p95, 0.0);
}

TEST(MonteCarlo, WorldOnlyScenarioAchievesNothingInAnyDraw) {
  // One world, two policies (issue 14): the reference takes the scenario's world, and each draw's
  // world is common to the three runs, so a scenario that differs from its reference in world keys
  // only (a higher ETS path, lower production, a grid delay) achieves exactly 0 in every draw.
  auto reference = levy_scenario(100.0, 1.0, "reference");
  reference.package_enabled = false;
  auto scenario = reference;
  for (int y = 2024; y <= 2040; ++y) {
    scenario.prices["ets_eur_per_t"].set(y, 250.0);
    scenario.activity["all"].set(y, 0.8);  // the tiny fixture's one activity group, after its history
  }
  scenario.infrastructure_delay_yr["grid_port"] = 1;
  MonteCarloOptions opt;
  opt.draws = 40;
  opt.seed = 7;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, nullptr, opt);
  EXPECT_EQ(setup.reference_base.prices.ets_eur_per_t, setup.scenario_base.prices.ets_eur_per_t);
  EXPECT_EQ(setup.reference_base.infrastructure_capacity, setup.scenario_base.infrastructure_capacity);
  EXPECT_EQ(setup.reference_base.site_activity, setup.scenario_base.site_activity);
  EXPECT_EQ(setup.reference_world_replaced,
            (std::vector<std::string>{"activity.all", "infrastructure_delay_yr.grid_port", "prices.ets_eur_per_t"}));
  const auto result = run_montecarlo(setup, 2);
  EXPECT_EQ(result.achieved_t.p5, 0.0);
  EXPECT_EQ(result.achieved_t.p95, 0.0);
  EXPECT_EQ(result.levy_leg_t.mean, 0.0);
}

TEST(MonteCarlo, LevyBalanceUncertaintyIsDrawnOnceForBothRuns) {
  // Issue 16: the uncertainty firms see in their DPR pool's balance is a world input: one
  // multiplier per draw for the reference and the scenario. A tighter reduction factor (RF 1.7
  // against 1.8, the pool long either way) then achieves something in some draws and nothing in
  // others: whether it works depends on how uncertain firms think the balance is.
  auto reference = levy_scenario(300.0, 1.8, "reference");
  reference.package_enabled = false;
  reference.response.levy_balance_sigma = 0.03;
  reference.uncertainty = {};
  reference.uncertainty.capex = model::RangeShape::none;
  reference.uncertainty.delta_emissions = model::RangeShape::none;
  reference.uncertainty.levy_balance_sigma = core::Distribution::lognormal(1.0, 0.5);
  auto scenario = levy_scenario(300.0, 1.7, "tighter");
  scenario.package_enabled = false;
  scenario.response = reference.response;
  scenario.uncertainty = reference.uncertainty;
  scenario.target.year = 2028;
  MonteCarloOptions opt;
  opt.draws = 64;
  opt.seed = 5;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, nullptr, opt);
  ASSERT_EQ(setup.inputs.size(), 1u);
  EXPECT_EQ(setup.inputs[0].id, "levy_balance_sigma");
  EXPECT_TRUE(setup.reference_world_replaced.empty());
  const auto result = run_montecarlo(setup, 2);
  EXPECT_EQ(result.levy_leg_t.p5, 0.0) << "with s low, a tightening within the surplus does nothing";
  EXPECT_GT(result.levy_leg_t.p95, 0.0) << "with s high, it makes an option pay";
  // With s = 0 the draw has nothing to scale: reported as inactive, not drawn.
  scenario.response.levy_balance_sigma = 0.0;
  reference.response.levy_balance_sigma = 0.0;
  const auto foresight = prepare_montecarlo(tiny(), scenario, reference, nullptr, opt);
  EXPECT_TRUE(foresight.inputs.empty());
  ASSERT_EQ(foresight.inactive.size(), 1u);
  EXPECT_EQ(foresight.inactive[0].id, "levy_balance_sigma");
}

TEST(MonteCarlo, PercentilesAndSpearman) {
  EXPECT_DOUBLE_EQ(detail::percentile_sorted({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(detail::percentile_sorted({1, 2, 3, 4}, 0.1), 1.3);
  EXPECT_DOUBLE_EQ(detail::spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(detail::spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  EXPECT_DOUBLE_EQ(detail::spearman({1, 1, 1, 1}, {4, 3, 2, 1}), 0.0);
}

TEST(MonteCarlo, RanksAverageTiesAndPutNaNLast) {
  // Ties share the mean of their 1-based ranks, whatever their order in the column.
  EXPECT_EQ(detail::ranks(std::vector<double>{30, 10, 20, 10, 30, 30}), (std::vector<double>{5, 1.5, 3, 1.5, 5, 5}));
  EXPECT_EQ(detail::ranks(std::vector<double>{-0.0, 0.0, -1}), (std::vector<double>{2.5, 2.5, 1}));
  // A NaN (no model output should be one) ranks after every number instead of breaking the sort.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto r = detail::ranks(std::vector<double>{nan, 2, nan, 1});
  EXPECT_EQ(r[1], 2);
  EXPECT_EQ(r[3], 1);
  EXPECT_GT(r[0], 2);
  EXPECT_GT(r[2], 2);
  // Against the definition, on a column of 0/1 draws and one of many near-ties.
  for (const double step : {1.0, 1e-3}) {
    std::vector<double> x(997);
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = step == 1.0 ? static_cast<double>((i * 7919) % 2) : step * static_cast<double>((i * 7919) % 101);
    }
    const auto got = detail::ranks(x);
    for (std::size_t i = 0; i < x.size(); ++i) {
      double below = 0, equal = 0;
      for (const double v : x) {
        below += v < x[i] ? 1 : 0;
        equal += v == x[i] ? 1 : 0;
      }
      ASSERT_EQ(got[i], below + (equal + 1) / 2) << i;
    }
  }
  // Both signs, zeros of both signs, infinities, subnormals and NaNs, short and long (the long
  // column is sorted by digits, the short one by comparison): ranks by the definition, a NaN after
  // every number and NaNs in column order.
  for (const std::size_t n : {std::size_t{61}, std::size_t{5003}}) {
    const double specials[] = {0.0, -0.0, std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min(),
                               -std::numeric_limits<double>::denorm_min(), 1e300, -1e-300, nan};
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto h = (i * 2654435761U) % 1000;
      x[i] = h < 90 ? specials[h % 9] : (static_cast<double>(h % 37) - 18.0) * (h % 2 == 0 ? 1e-3 : 7.0);
    }
    const auto got = detail::ranks(x);
    double numbers = 0;
    for (const double v : x) {
      numbers += std::isnan(v) ? 0 : 1;
    }
    double nans_before = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(x[i])) {
        ASSERT_EQ(got[i], numbers + ++nans_before) << i;
        continue;
      }
      double below = 0, equal = 0;
      for (const double v : x) {
        below += v < x[i] ? 1 : 0;
        equal += v == x[i] ? 1 : 0;
      }
      ASSERT_EQ(got[i], below + (equal + 1) / 2) << n << " " << i;
    }
  }
}

// The deal budget's selection is made once, on the central inputs (docs/uncertainty.md): an
// unfunded deal is no uncertain input (it is listed as inactive) and never delivers in a draw.
TEST(MonteCarlo, UnfundedDealNeverDelivers) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  scenario.uncertainty = nothing_uncertain();
  scenario.uncertainty.price_factor.clear();
  auto deals = oil_b_deal(model::DealPhase::jloi, 0.3);
  deals.deals[0].max_support_eur = 50e6;
  deals.deals[0].committed_reduction_t[2028] = 30'000;
  scenario.deal_budget_eur = 10e6;  // below the deal's 50 M
  MonteCarloOptions opt;
  opt.draws = 64;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, &deals, opt);
  EXPECT_TRUE(setup.inputs.empty());
  ASSERT_EQ(setup.inactive.size(), 1u);
  EXPECT_EQ(setup.inactive[0].id, "deal:oil-b");
  EXPECT_EQ(setup.inactive[0].reason, "not funded: outside package.deal_budget_eur (budget)");
  EXPECT_EQ(setup.inactive[0].distribution, "bernoulli(p 0.3)");  // the phase's p, not drawn
  EXPECT_EQ(setup.deal_p[0], 0.0);
  EXPECT_EQ(setup.scenario_base.deal_realisation[0], 0.0);
  const auto r = summarise_montecarlo(setup, run_draws(setup, 0, opt.draws, 2), 2);
  EXPECT_EQ(r.package_leg_t.p95, 0.0);
  EXPECT_EQ(r.central_package_leg_t, 0.0);
  // The outlook agrees: the deal's line has no tonnes.
  const auto o = run_outlook(tiny(), scenario, reference, &deals);
  EXPECT_EQ(o.package_leg_t, 0.0);
  EXPECT_EQ(o.levers.deals_not_funded, std::vector<std::string>{"oil-b"});
}

// A deal_phase lever sets the probability each draw uses (phases.yaml's p of the new phase).
TEST(MonteCarlo, DealPhaseLeverSetsTheDrawnProbability) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  scenario.uncertainty = nothing_uncertain();
  scenario.uncertainty.price_factor.clear();
  auto deals = oil_b_deal(model::DealPhase::jloi, 0.3);
  deals.phases.probability[static_cast<std::size_t>(model::DealPhase::binding)] = 0.8;
  scenario.deal_phase["oil-b"] = {model::DealPhase::binding, "test.yaml", 1};
  MonteCarloOptions opt;
  opt.draws = 16;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, &deals, opt);
  ASSERT_EQ(setup.deal_p.size(), 1u);
  EXPECT_DOUBLE_EQ(setup.deal_p[0], 0.8);
  ASSERT_EQ(setup.inputs.size(), 1u);
  EXPECT_EQ(setup.inputs[0].label, "deal Oil B delivers (binding, p = 0.8)");
}

}  // namespace
}  // namespace decarbfund::analysis
