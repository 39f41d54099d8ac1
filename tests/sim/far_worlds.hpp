#pragma once
// Worlds far from a scenario's, for tests that a shortcut of simulate() changes no result
// (screening_test.cpp, set_up_test.cpp, site_emissions_test.cpp): inputs pushed around well
// beyond what Monte Carlo draws, and the comparison of two runs' outcomes bit for bit.

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "sim/inputs.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::test {

/// Scales every value of `v` by its own factor from [low, high].
inline void scale_each(std::vector<double>& v, std::mt19937_64& rng, double low, double high) {
  std::uniform_real_distribution<double> f(low, high);
  for (auto& x : v) {
    x *= f(rng);
  }
}

/// A world far from the scenario's: price paths bent year by year, each option's capex scaled,
/// another hurdle rate, ramp-up share, NPV threshold and first decision year, and deals that fall
/// through at random.
inline void perturb(sim::Inputs& in, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto& p = in.prices;
  for (auto* path : {&p.ets_eur_per_t, &p.gas_eur_per_gj, &p.electricity_eur_per_gj, &p.hydrogen_eur_per_gj,
                     &p.biomass_eur_per_gj, &p.co2_transport_storage_eur_per_t}) {
    scale_each(*path, rng, 0.2, 3.0);
  }
  scale_each(in.option_capex_eur, rng, 0.1, 2.0);
  const double hurdle[] = {0.0, 0.03, 0.08, 0.2};
  in.response.hurdle_rate = hurdle[rng() % 4];
  in.response.first_year_output_share = u(rng);
  in.response.npv_threshold_eur = u(rng) < 0.5 ? 0.0 : (u(rng) - 0.3) * 2e7;
  in.response.decision_from_year += static_cast<int>(rng() % 5);
  for (auto& d : in.deal_realisation) {
    d = u(rng) < 0.7 ? 1.0 : 0.0;
  }
}

/// The inputs of `scenario` on data/nl with its deals: as resolved in world 0, perturbed after.
inline sim::Inputs far_world(const model::Scenario& scenario, int world, std::mt19937_64& rng) {
  auto in = sim::resolve_inputs(shipped(), scenario);
  sim::apply_deals(shipped(), shipped_deals().deals, shipped_deals().phases, in);
  if (world > 0) {
    perturb(in, rng);
  }
  return in;
}

/// Every decision, bottleneck, tonne and euro of two runs is the same, bit for bit.
inline void expect_same_outcome(const sim::Outcome& a, const sim::Outcome& b, const std::string& what) {
  EXPECT_EQ(a.option_decided, b.option_decided) << what;
  EXPECT_EQ(a.option_start, b.option_start) << what;
  EXPECT_EQ(a.option_instrument, b.option_instrument) << what;
  EXPECT_EQ(a.option_support_eur, b.option_support_eur) << what;
  EXPECT_EQ(a.option_sde_eur, b.option_sde_eur) << what;
  EXPECT_EQ(a.option_blocked_by, b.option_blocked_by) << what;
  EXPECT_EQ(a.emissions_t, b.emissions_t) << what;
  EXPECT_EQ(a.total_emissions_t, b.total_emissions_t) << what;
  EXPECT_EQ(a.infrastructure_used, b.infrastructure_used) << what;
  EXPECT_EQ(a.levy_eur, b.levy_eur) << what;
  EXPECT_EQ(a.refund_eur, b.refund_eur) << what;
  EXPECT_EQ(a.dpr_price_eur_per_t, b.dpr_price_eur_per_t) << what;
  EXPECT_EQ(a.support_outlay_eur, b.support_outlay_eur) << what;
  EXPECT_EQ(a.sde_committed_eur, b.sde_committed_eur) << what;
}

}  // namespace decarbfund::test
