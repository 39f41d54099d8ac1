// The levy as firms expect it (issue 16; sim/levy_expectation.hpp): the chance the DPR pool is
// short, the uncertainty s estimated from the history's calibration factors, and what they do to
// the response — smooth in a levy tightening where the pool's balance is uncertain, the
// all-or-nothing price of perfect foresight at s = 0.

#include "sim/levy_expectation.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "fixtures/tiny_fixture.hpp"
#include "sim/inputs.hpp"
#include "sim/response.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {
namespace {

TEST(LevyExpectation, ChanceThePoolIsShort) {
  // Perfect foresight: all or nothing.
  EXPECT_EQ(chance_pool_short(100, 90, 0.0, 3), 1.0);
  EXPECT_EQ(chance_pool_short(90, 100, 0.0, 3), 0.0);
  EXPECT_EQ(chance_pool_short(100, 100, 0.0, 1), 0.0);  // balanced: nobody buys at the rate
  // Balanced with uncertainty: even odds; symmetric around the balance.
  EXPECT_DOUBLE_EQ(chance_pool_short(100, 100, 0.05, 1), 0.5);
  EXPECT_NEAR(chance_pool_short(100, 95, 0.05, 1) + chance_pool_short(100, 105, 0.05, 1), 1.0, 1e-15);
  // Hand-worked: 100 Mt projected, 95 Mt of DPRs, s = 0.05, one year ahead: z = 5 / 5 = 1,
  // Φ(1) = 0.841345; four years ahead the spread doubles: Φ(0.5) = 0.691462.
  EXPECT_NEAR(chance_pool_short(100, 95, 0.05, 1), 0.841345, 1e-6);
  EXPECT_NEAR(chance_pool_short(100, 95, 0.05, 4), 0.691462, 1e-6);
  // A horizon below one year counts as one (this year's balance is not known yet either).
  EXPECT_EQ(chance_pool_short(100, 95, 0.05, 0), chance_pool_short(100, 95, 0.05, 1));
  // Monotone in the DPRs.
  double last = 1.0;
  for (double d = 80; d <= 120; d += 1) {
    const double p = chance_pool_short(100, d, 0.05, 2);
    EXPECT_LE(p, last);
    last = p;
  }
}

model::History history_with(std::vector<double> lambda) {
  model::History h;
  h.first_year = 2020;
  h.last_year = 2020 + static_cast<int>(lambda.size()) - 1;
  h.calibration_factor = lambda;
  h.published_total_t.assign(lambda.size(), 1e6);
  h.published_total_t[0] = std::numeric_limits<double>::quiet_NaN();  // the base year
  return h;
}

TEST(LevyExpectation, SigmaIsTheRmsYearlyStepOfLnLambda) {
  // Hand-worked: λ = 1 (base), 0.99, 0.95: steps ln 0.99 = −0.010050, ln(0.95/0.99) = −0.041243;
  // RMS = √((0.010050² + 0.041243²) / 2) = 0.030016.
  EXPECT_NEAR(levy_balance_sigma_from_history(history_with({1.0, 0.99, 0.95})), 0.030016, 1e-6);
  // A year without a published total carries no information; the step over it is scaled to one
  // year: λ 1 → 0.95 over two years gives ln(0.95)² / 2 for that step.
  auto gap = history_with({1.0, 1.0, 0.95, 0.95});
  gap.published_total_t[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NEAR(levy_balance_sigma_from_history(gap), std::sqrt((std::log(0.95) * std::log(0.95) / 2) / 2), 1e-12);
  // Fewer than two steps: no estimate, the all-or-nothing price.
  EXPECT_EQ(levy_balance_sigma_from_history(history_with({1.0, 0.97})), 0.0);
}

TEST(LevyExpectation, ShippedHistoryGivesAboutTwoPercentPerRootYear) {
  // data/nl: λ = 0.993, 0.954, 0.966, 0.958 for 2021–2024 (decarbfund validate): steps −0.0070,
  // −0.0401, +0.0125, −0.0083 on the rounded λ (RMS 0.0217; 0.0220 on the unrounded ones).
  EXPECT_NEAR(levy_balance_sigma_from_history(test::shipped().history), 0.0220, 0.0001);
  const auto [scenario, reference] = test::shipped_scenario("coalition-2023");
  EXPECT_NEAR(resolve_inputs(test::shipped(), scenario).levy_balance_sigma, 0.0220, 0.0001);
  auto stated = scenario;
  stated.response.levy_balance_sigma = 0.05;
  EXPECT_EQ(resolve_inputs(test::shipped(), stated).levy_balance_sigma, 0.05);
}

/// 2028 emissions of the tiny fixture's levy-only run under a flat levy with reduction factor rf.
double tiny_2028(double rf, double sigma) {
  auto s = test::levy_scenario(300.0, rf, "rf");
  s.package_enabled = false;
  s.response.levy_balance_sigma = sigma;
  const auto in = resolve_inputs(test::tiny(), s);
  Workspace ws(test::tiny(), in);
  simulate(test::tiny(), in, ws, in.end_year);
  return ws.outcome().total_emissions_t[static_cast<std::size_t>(in.year_index(2028))];
}

TEST(LevyExpectation, ATighteningWorksWhereThePoolsBalanceIsUncertain) {
  // The tiny fixture under a flat EUR 300/t levy, levy-only runs, emissions in 2028. With perfect
  // foresight (s = 0) the response to the reduction factor is one jump, where the pool turns
  // short (between RF 1.20 and 1.15): a tightening within the surplus does nothing. With s = 0.05
  // firms value the levy at the chance the pool turns short, so a tightening from RF 1.80 to 1.70
  // — the pool still long — already makes an option pay, and the response comes in steps.
  EXPECT_EQ(tiny_2028(1.80, 0.0), tiny_2028(1.70, 0.0));
  EXPECT_GT(tiny_2028(1.80, 0.05) - tiny_2028(1.70, 0.05), 100'000.0);
  std::set<double> steps_foresight, steps_uncertain;
  for (int k = 0; k <= 34; ++k) {
    const double rf = 2.0 - 0.05 * k;
    steps_foresight.insert(tiny_2028(rf, 0.0));
    steps_uncertain.insert(tiny_2028(rf, 0.05));
  }
  EXPECT_EQ(steps_foresight.size(), 2U);
  EXPECT_GE(steps_uncertain.size(), 3U);
  // Both end at the same place: with the pool short for sure, the price is the rate either way.
  EXPECT_EQ(*steps_foresight.begin(), *steps_uncertain.begin());
}

TEST(LevyExpectation, TheLevyOnlyResponseToThe2030TariffIsASupplyCurve) {
  // Issue 16: coalition-2023's levy-only run on data/nl, with the 2030 tariff for ETS
  // installations raised from the scenario's EUR 169.38 in ten steps of EUR 30 (held flat after
  // 2030, as the scenario holds it). Emissions in 2030 fall step by step; no step carries more
  // than half of the total response. Tata Steel's DRP-EAF alone (2.5 Mt/yr, half of it in its
  // 2030 ramp-up year) is the largest single step: the options are lumpy, the price is not.
  const auto& model = test::shipped();
  auto [scenario, reference] = test::shipped_scenario("coalition-2023");
  scenario.package_enabled = false;
  auto& tariff = scenario.levy.tariff_eur_per_t[static_cast<std::size_t>(model::LevyCategory::ets_industrial)];
  const double t0 = tariff.at(2030);
  std::vector<double> e;
  for (int k = 0; k <= 10; ++k) {
    tariff.set(2030, t0 + 30.0 * k);
    const auto in = resolve_inputs(model, scenario);
    Workspace ws(model, in);
    simulate(model, in, ws, 2030);
    e.push_back(ws.outcome().total_emissions_t[static_cast<std::size_t>(in.year_index(2030))]);
  }
  const double total = e.front() - e.back();
  EXPECT_GT(total, 1e6) << "a EUR 300/t higher tariff must move 2030 emissions by more than 1 Mt";
  for (std::size_t k = 1; k < e.size(); ++k) {
    const double step = e[k - 1] - e[k];
    EXPECT_GE(step, -1e3) << "step " << k << ": a higher tariff raised emissions";
    EXPECT_LE(step, 0.5 * total) << "step " << k << " carries " << step / total << " of the response";
  }
}

TEST(LevyExpectation, AnAdoptionForgetsOnlyItsPoolsPrices) {
  // belastingplan-2026 trades waste incinerators' DPRs among themselves: two pools. The prices
  // remembered in a decision year are expected_levy_price's; once a change to one pool's
  // projection is forgotten, that pool's categories see it, and the other pool's keep theirs.
  const auto& model = test::shipped();
  const auto in = resolve_inputs(model, test::shipped_scenario("belastingplan-2026").scenario);
  Workspace ws(model, in);
  simulate(model, in, ws, 2030);
  const int decided = 2030 - in.start_year;  // the run's last decision year: its prices are current
  ASSERT_EQ(dpr_pool(in.levy, model::LevyCategory::ets_industrial), DprPool::general);
  ASSERT_EQ(dpr_pool(in.levy, model::LevyCategory::waste_incineration), DprPool::waste_incineration);
  // Every category's remembered and expected price path from the decision year on.
  const auto paths = [&](bool remembered) {
    std::vector<double> v;
    for (std::size_t c = 0; c < model::kLevyCategoryCount; ++c) {
      const auto category = static_cast<model::LevyCategory>(c);
      const auto pool = dpr_pool(in.levy, category);
      for (int k = decided; k < in.years() + kPriceTail; ++k) {
        v.push_back(remembered ? detail::remembered_levy_price(in, ws, category, pool, decided, k)
                               : detail::expected_levy_price(in, ws, category, pool, decided, k));
      }
    }
    return v;
  };
  const auto before = paths(false);
  EXPECT_EQ(paths(true), before);
  // Both pools' projections move (the incinerators', far short of DPRs, to their balance); only
  // the general pool's move is forgotten.
  const std::size_t years = static_cast<std::size_t>(in.years());
  const auto general = static_cast<std::size_t>(DprPool::general);
  const auto avi = static_cast<std::size_t>(DprPool::waste_incineration);
  for (std::size_t y = 0; y < years; ++y) {
    ws.projected_pool_t_[general * years + y] *= 0.97;
    ws.projected_pool_t_[avi * years + y] = ws.pool_dpr_t_[avi * years + y];
  }
  detail::forget_levy_prices(ws, DprPool::general);
  const auto after = paths(false);
  const auto remembered = paths(true);
  const std::size_t per_category = before.size() / model::kLevyCategoryCount;
  int moved[2] = {0, 0};
  for (std::size_t c = 0; c < model::kLevyCategoryCount; ++c) {
    const auto pool = dpr_pool(in.levy, static_cast<model::LevyCategory>(c));
    for (std::size_t k = c * per_category; k < (c + 1) * per_category; ++k) {
      // The general pool's categories see the move; the incinerators' keep what they remembered.
      EXPECT_EQ(remembered[k], pool == DprPool::waste_incineration ? before[k] : after[k]) << c << " " << k;
      if (pool != DprPool::none) {
        moved[static_cast<std::size_t>(pool)] += after[k] != before[k] ? 1 : 0;
      }
    }
  }
  // (Meaningful only if the move changed prices in both pools.)
  EXPECT_GT(moved[0], 10);
  EXPECT_GT(moved[1], 10);
}

}  // namespace
}  // namespace decarbfund::sim
