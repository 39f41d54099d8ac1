// A draw's random numbers are drawn once and laid over both runs (montecarlo_perturb.hpp), and a
// record's input values regenerate from (seed, draw) with the bits the draw used (issue 21: records
// are not stored, only the outcomes).

#include "analysis/montecarlo_perturb.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

MonteCarloSetup tiny_setup(std::uint32_t draws) {
  auto reference = test::levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = test::levy_scenario(300.0, 0.5, "tight");  // default uncertainty
  static const auto deals = [] {
    auto book = test::single_deal_book(test::oil_b_deal(model::DealPhase::jloi, 1e12));
    book.phases.probability.fill(0.5);
    return book;
  }();
  MonteCarloOptions opt;
  opt.draws = draws;
  opt.seed = 42;
  return prepare_montecarlo(test::tiny(), scenario, reference, &deals, opt);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

/// Which of the inputs a draw may touch differ between `a` and `b` (bit for bit), by name.
std::vector<std::string> differing_inputs(const sim::Inputs& a, const sim::Inputs& b) {
  std::vector<std::string> out;
  const auto check = [&](bool same, const char* name) {
    if (!same) {
      out.emplace_back(name);
    }
  };
#define DECARBFUND_CHECK_SAME(field) check(same_bits(a.field, b.field), #field)
  DECARBFUND_CHECK_SAME(prices.ets_eur_per_t);
  DECARBFUND_CHECK_SAME(prices.gas_eur_per_gj);
  DECARBFUND_CHECK_SAME(prices.electricity_eur_per_gj);
  DECARBFUND_CHECK_SAME(prices.hydrogen_eur_per_gj);
  DECARBFUND_CHECK_SAME(prices.biomass_eur_per_gj);
  DECARBFUND_CHECK_SAME(prices.co2_transport_storage_eur_per_t);
  DECARBFUND_CHECK_SAME(levy_balance_sigma);
  DECARBFUND_CHECK_SAME(site_activity);
  DECARBFUND_CHECK_SAME(site_base_emissions_t);
  DECARBFUND_CHECK_SAME(site_dpr_basis_t);
  DECARBFUND_CHECK_SAME(option_capex_eur);
  DECARBFUND_CHECK_SAME(option_delta_emissions_t);
  DECARBFUND_CHECK_SAME(option_earliest_year);
  DECARBFUND_CHECK_SAME(option_committed_start);
  DECARBFUND_CHECK_SAME(option_max_support_eur);
  DECARBFUND_CHECK_SAME(deal_realisation);
  DECARBFUND_CHECK_SAME(infrastructure_capacity);
  DECARBFUND_CHECK_SAME(contract_capacity);
  DECARBFUND_CHECK_SAME(open_capacity);
#undef DECARBFUND_CHECK_SAME
  check(a.package_enabled == b.package_enabled, "package_enabled");
  bool contracts = a.contracts.size() == b.contracts.size();
  for (std::size_t c = 0; contracts && c < a.contracts.size(); ++c) {
    const auto &x = a.contracts[c], &y = b.contracts[c];
    contracts = x.from_year == y.from_year && x.to_year == y.to_year;
  }
  check(contracts, "contracts");
  return out;
}

TEST(MonteCarloPerturb, RegeneratedColumnsHaveTheDrawsBits) {
  const auto s = tiny_setup(50);
  ASSERT_GE(s.inputs.size(), 5u);
  bool group = false;
  for (const auto& in : s.inputs) {
    group = group || in.group;
  }
  ASSERT_TRUE(group) << "the fixture must have a group input (a mean quantile) to regenerate";
  const auto members = detail::input_members(s);
  detail::DrawnWorld w(s);
  std::vector<double> column(s.draws);
  for (std::size_t g = 0; g < s.inputs.size(); ++g) {
    detail::input_column(s, g, members[g], 0, column);
    for (std::uint32_t d = 0; d < s.draws; ++d) {
      detail::draw_world(s, detail::Sampler{s.seed, d, nullptr}, w);
      EXPECT_TRUE(same_bits(column[d], w.values[g])) << s.inputs[g].id << " draw " << d;
    }
  }
  // A later block starts where it says.
  std::vector<double> tail(10);
  detail::input_column(s, 0, members[0], 40, tail);
  detail::input_column(s, 0, members[0], 0, column);
  EXPECT_TRUE(same_bits(tail[3], column[43]));
}

TEST(MonteCarloPerturb, FullRecordsAreOutcomesThenInputValues) {
  const auto s = tiny_setup(20);
  const auto outcomes = run_draws(s, 0, s.draws, 2);
  ASSERT_EQ(outcomes.size(), s.draws * s.outcome_size());
  const auto records = draw_records(s, outcomes, 0);
  ASSERT_EQ(records.size(), s.draws * s.record_size());
  std::vector<double> values(s.inputs.size());
  for (std::uint32_t d = 0; d < s.draws; ++d) {
    const double* rec = records.data() + d * s.record_size();
    EXPECT_EQ(std::memcmp(rec, outcomes.data() + d * s.outcome_size(), s.outcome_size() * sizeof(double)), 0);
    draw_input_values(s, d, values.data());
    EXPECT_EQ(std::memcmp(rec + s.outcome_size(), values.data(), values.size() * sizeof(double)), 0) << d;
  }
}

TEST(MonteCarloPerturb, OneWorldForTheReferenceAndTheScenario) {
  // The world laid over the reference and over the scenario is the same draw: the same prices
  // multipliers and option costs wherever their base inputs agree.
  const auto s = tiny_setup(1);
  detail::DrawnWorld w(s);
  detail::draw_world(s, detail::Sampler{s.seed, 7, nullptr}, w);
  sim::Inputs ref = s.reference_base, scen = s.scenario_base;
  detail::apply_world(s, s.reference_base, s.reference_delay, w, ref);
  detail::apply_world(s, s.scenario_base, s.scenario_delay, w, scen);
  ASSERT_EQ(s.reference_base.prices.ets_eur_per_t, s.scenario_base.prices.ets_eur_per_t);
  EXPECT_EQ(ref.prices.ets_eur_per_t, scen.prices.ets_eur_per_t);
  EXPECT_NE(ref.prices.ets_eur_per_t, s.reference_base.prices.ets_eur_per_t) << "the ETS price is drawn";
  EXPECT_EQ(ref.option_capex_eur, scen.option_capex_eur);
  EXPECT_EQ(ref.option_earliest_year, scen.option_earliest_year);
}

TEST(MonteCarloPerturb, ADrawScalesEachRunsCentralValue) {
  // A drawn capex or emission change replaces the dataset's central value, scaled so that a run
  // whose central value the scenario moved keeps that move: base × (drawn ÷ dataset's central),
  // bit for bit as each run divided it (the division is done once per draw now).
  const auto s = tiny_setup(1);
  const auto& o = s.model->options;
  detail::DrawnWorld w(s);
  int scaled = 0;
  for (std::uint32_t d = 0; d < 20; ++d) {
    detail::draw_world(s, detail::Sampler{s.seed, d, nullptr}, w);
    for (const auto* base : {&s.reference_base, &s.scenario_base}) {
      sim::Inputs out = *base;
      detail::apply_world(s, *base, s.reference_delay, w, out);
      for (model::Index i = 0; i < o.size(); ++i) {
        if (s.capex_input[i] >= 0 && o.capex_eur[i] != 0) {
          EXPECT_TRUE(
              same_bits(out.option_capex_eur[i], base->option_capex_eur[i] * (w.capex_eur[i] / o.capex_eur[i])));
          ++scaled;
        }
        if (s.delta_input[i] >= 0 && o.delta_emissions_t[i] != 0) {
          EXPECT_TRUE(same_bits(out.option_delta_emissions_t[i],
                                base->option_delta_emissions_t[i] * (w.delta_t[i] / o.delta_emissions_t[i])));
          ++scaled;
        }
      }
    }
  }
  EXPECT_GT(scaled, 40);
}

TEST(MonteCarloPerturb, AWorkersInputsCarryNothingOverFromTheLastDraw) {
  // apply_world sets only what a draw may change (a worker's inputs are not copied whole each
  // draw): after any sequence of draws they must be a fresh copy's with the last draw over it, in
  // every value a draw touches. data/nl draws delays, permits, activity and deals; the tiny
  // fixture has draws without any delay, after draws with one.
  const auto pair = test::shipped_scenario("belastingplan-2026");
  MonteCarloOptions opt;
  opt.draws = 1;
  opt.seed = 7;
  const auto nl = prepare_montecarlo(test::shipped(), pair.scenario, pair.reference, &test::shipped_deals(), opt);
  const auto tiny = tiny_setup(1);
  int delayed = 0, undelayed = 0, permits = 0, moved = 0;
  for (const auto* s : {&nl, &tiny}) {
    detail::DrawnWorld w(*s);
    sim::Inputs kept = s->scenario_base;
    for (std::uint32_t d = 0; d < 60; ++d) {
      detail::draw_world(*s, detail::Sampler{s->seed, d, nullptr}, w);
      kept.package_enabled = d % 2 == 0;  // as run_case leaves it
      detail::apply_world(*s, s->scenario_base, s->scenario_delay, w, kept);
      sim::Inputs fresh = s->scenario_base;
      detail::apply_world(*s, s->scenario_base, s->scenario_delay, w, fresh);
      EXPECT_EQ(differing_inputs(kept, fresh), std::vector<std::string>{}) << "draw " << d;
      const bool delay = std::any_of(w.infra_delay_yr.begin(), w.infra_delay_yr.end(), [](int x) { return x != 0; });
      (delay ? delayed : undelayed) += 1;
      permits += fresh.option_earliest_year != s->scenario_base.option_earliest_year ? 1 : 0;
      moved += !same_bits(fresh.site_activity, s->scenario_base.site_activity) ? 1 : 0;
    }
  }
  EXPECT_GT(delayed, 0);
  EXPECT_GT(undelayed, 0);
  EXPECT_GT(permits, 0);
  EXPECT_GT(moved, 0);
}

}  // namespace
}  // namespace decarbfund::analysis
