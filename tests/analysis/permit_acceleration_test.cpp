// A deal's permit acceleration (issue 17 §2, docs/deals.md "Permit acceleration") takes
// model::kPermitAccelerationYr off the permit delay the Monte Carlo draws for the deal's options:
// with a fixed five-year delay Oil B's project O6 (earliest 2026) runs from 2031, after the 2030
// target, and adds nothing to the package leg; accelerated, from 2030, about as with a four-year
// delay.

#include <gtest/gtest.h>

#include "analysis/montecarlo.hpp"
#include "core/distribution.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

using test::levy_scenario;
using test::tiny;

/// Package leg (t) of one draw in which nothing is uncertain but a fixed permit delay of `delay_yr`.
double package_leg_with(bool permit_acceleration, double delay_yr = 5) {
  auto reference = levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = levy_scenario(300.0, 0.5, "tight");
  auto& u = scenario.uncertainty;
  u.capex = model::RangeShape::none;
  u.delta_emissions = model::RangeShape::none;
  u.infrastructure_delay_default = core::Distribution::fixed(0);
  u.permit_delay_yr = core::Distribution::fixed(delay_yr);
  u.sme_realisation = core::Distribution::fixed(1);
  u.price_factor.clear();
  auto deal = test::oil_b_deal(model::DealPhase::binding, 1e12);  // the whole funding gap
  deal.permit_acceleration = permit_acceleration;
  auto book = test::single_deal_book(deal);
  book.phases.probability.fill(1.0);  // the deal delivers in every draw
  MonteCarloOptions opt;
  opt.draws = 1;
  opt.seed = 3;
  const auto setup = prepare_montecarlo(tiny(), scenario, reference, &book, opt);
  const auto records = run_draws(setup, 0, 1, 1);
  return records.at(2);  // achieved, levy leg, package leg, …
}

TEST(PermitAcceleration, TakesAYearOffTheDrawnPermitDelay) {
  EXPECT_EQ(model::kPermitAccelerationYr, 1);
  const double slow = package_leg_with(false);
  const double fast = package_leg_with(true);
  EXPECT_DOUBLE_EQ(slow, 0.0);  // O6 from 2031: nothing by 2030
  EXPECT_GT(fast, 10'000);      // O6 from 2030: in time for the target
  // Within a tonne of a four-year delay without acceleration (the other options then wait four
  // years too, which moves the levy-only run a little).
  EXPECT_NEAR(fast, package_leg_with(false, 4), 1.0);
}

}  // namespace
}  // namespace decarbfund::analysis
