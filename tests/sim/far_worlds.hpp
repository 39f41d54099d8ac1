#pragma once
// Worlds far from a scenario's, for tests that a shortcut of simulate() changes no result
// (screening_test.cpp, set_up_test.cpp): inputs pushed around well beyond what Monte Carlo draws.

#include <random>
#include <vector>

#include "sim/inputs.hpp"

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

}  // namespace decarbfund::test
