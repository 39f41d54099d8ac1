// A set-up kept from the last run (sim::SetUp::kept_but_package, issue 21) gives the fresh
// set-up's result bit for bit: on data/nl and its shipped scenarios, in worlds far from them
// (far_worlds.hpp), a run with the package after one without on the same workspace and inputs,
// and the other way round, lean to 2030 or full over the horizon, against a run on a workspace of
// its own. A kept value that depends on the package, or a projection not put back, changes a
// decision or a tonne.

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "sim/far_worlds.hpp"
#include "sim/inputs.hpp"
#include "sim/sde.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {
namespace {

TEST(SetUp, KeptButPackageGivesTheFreshRunsBits) {
  const auto& model = test::shipped();
  std::mt19937_64 rng(20261205);
  int package_mattered = 0;
  for (const auto& name : test::shipped_scenario_names()) {
    const auto pair = test::shipped_scenario(name);
    for (int world = 0; world < 8; ++world) {
      auto in = test::far_world(pair.scenario, world, rng);
      for (const bool first_package : {false, true}) {
        for (const auto& [last_year, accounting] :
             {std::pair{2030, Accounting::emissions}, std::pair{in.end_year, Accounting::full}}) {
          const std::string what = name + " world " + std::to_string(world) + (first_package ? ", package first" : "") +
                                   " to " + std::to_string(last_year);
          Workspace kept(model, in), fresh(model, in);
          in.package_enabled = first_package;
          simulate(model, in, kept, last_year, accounting);
          const auto first = kept.outcome();
          in.package_enabled = !first_package;
          simulate(model, in, kept, last_year, accounting, SetUp::kept_but_package);
          simulate(model, in, fresh, last_year, accounting);
          test::expect_same_outcome(kept.outcome(), fresh.outcome(), what);
          package_mattered += first.option_decided != fresh.outcome().option_decided ? 1 : 0;
        }
      }
    }
  }
  // The test means something only if the two runs of a pair differ (else nothing kept could err).
  EXPECT_GT(package_mattered, 40);
}

TEST(SetUp, OtherInputsGetAFreshSetUp) {
  // Kept asks for the last run's inputs; another object, here with another levy, is set up afresh.
  const auto& model = test::shipped();
  const auto pair = test::shipped_scenario("belastingplan-2026");
  const auto scenario = resolve_inputs(model, pair.scenario);
  const auto reference = resolve_inputs(model, pair.reference);
  Workspace kept(model, scenario), fresh(model, scenario);
  simulate(model, scenario, kept, 2030);
  const auto first = kept.outcome();
  simulate(model, reference, kept, 2030, Accounting::full, SetUp::kept_but_package);
  simulate(model, reference, fresh, 2030);
  test::expect_same_outcome(kept.outcome(), fresh.outcome(), "reference after scenario");
  // The two levies differ, so a set-up kept for the reference would show.
  EXPECT_NE(first.levy_eur, fresh.outcome().levy_eur);
}

TEST(SetUp, AFreshSetUpForgetsTheLastRunsWorld) {
  // What a run remembers per set-up (run bounds, capital costs, levy prices…) is the run's own: one
  // workspace running world after world gives, in each, a new workspace's bits. A remembered value
  // not forgotten carries the last world's capex, prices or hurdle rate into the next.
  const auto& model = test::shipped();
  std::mt19937_64 rng(20261206);
  for (const auto& name : test::shipped_scenario_names()) {
    const auto pair = test::shipped_scenario(name);
    Workspace reused(model, test::far_world(pair.scenario, 0, rng));
    for (int world = 0; world < 8; ++world) {
      const auto in = test::far_world(pair.scenario, world, rng);
      ASSERT_TRUE(reused.fits(in));
      for (const auto& [last_year, accounting] :
           {std::pair{2030, Accounting::target_total}, std::pair{in.end_year, Accounting::full}}) {
        Workspace fresh(model, in);
        simulate(model, in, reused, last_year, accounting);
        simulate(model, in, fresh, last_year, accounting);
        const std::string what = name + " world " + std::to_string(world) + " to " + std::to_string(last_year);
        if (accounting == Accounting::full) {
          test::expect_same_outcome(reused.outcome(), fresh.outcome(), what);
        } else {
          const auto y = static_cast<std::size_t>(last_year - in.start_year);
          EXPECT_EQ(reused.outcome().total_emissions_t[y], fresh.outcome().total_emissions_t[y]) << what;
        }
      }
    }
  }
}

TEST(SetUp, RememberedSdeOffersAreTheSetUpsOwn) {
  // Monte Carlo's workspace keeps each SDE++ offer of a set-up (Workspace::remember_sde_offers) for
  // the kept run that follows. One such workspace running, world after world, Monte Carlo's
  // levy-only run and then its kept full run gives in each world a new workspace's full run, bit
  // for bit: an offer kept from another world's set-up, or one that depended on the package,
  // changes an award.
  const auto& model = test::shipped();
  std::mt19937_64 rng(20261207);
  int awarded = 0;
  for (const auto& name : test::shipped_scenario_names()) {
    const auto pair = test::shipped_scenario(name);
    Workspace reused(model, test::far_world(pair.scenario, 0, rng));
    reused.remember_sde_offers();
    for (int world = 0; world < 8; ++world) {
      auto in = test::far_world(pair.scenario, world, rng);
      ASSERT_TRUE(reused.fits(in));
      const std::string what = name + " world " + std::to_string(world);
      in.package_enabled = false;
      simulate(model, in, reused, 2030, Accounting::target_total);
      in.package_enabled = true;
      simulate(model, in, reused, 2030, Accounting::path_and_outlay, SetUp::kept_but_package);
      Workspace fresh(model, in);
      simulate(model, in, fresh, 2030, Accounting::path_and_outlay);
      const auto& kept = reused.outcome();
      const auto& own = fresh.outcome();
      EXPECT_EQ(kept.total_emissions_t, own.total_emissions_t) << what;
      EXPECT_EQ(kept.support_outlay_eur, own.support_outlay_eur) << what;
      EXPECT_EQ(kept.sde_committed_eur, own.sde_committed_eur) << what;
      EXPECT_EQ(kept.option_decided, own.option_decided) << what;
      for (const double eur : own.sde_committed_eur) {
        awarded += eur > 0 ? 1 : 0;
      }
    }
  }
  // Only rounds that award something could show a wrong offer.
  EXPECT_GT(awarded, 20);
}

TEST(SetUp, OffersOfTheSameWorldAreTheFreshRunsOwn) {
  // Monte Carlo's reference and levy-only runs of a draw share its world under two policies, and
  // so their SDE++ offers (SetUp::fresh_but_offers). The levy-only run, and the full run kept after
  // it, on the reference run's workspace give a new workspace's bits in every world; the offers
  // taken from another world instead change an award somewhere, so the offers are used.
  const auto& model = test::shipped();
  std::mt19937_64 rng(20261205);
  int changed = 0;
  for (const auto& name : test::shipped_scenario_names()) {
    const auto pair = test::shipped_scenario(name);
    const auto reference_levy = resolve_inputs(model, pair.reference).levy;
    Workspace reused(model, test::far_world(pair.scenario, 0, rng));
    reused.remember_sde_offers();
    for (int world = 0; world < 6; ++world) {
      auto in = test::far_world(pair.scenario, world, rng);
      auto reference = in;  // the same world, the reference's policy
      reference.levy = reference_levy;
      reference.package_enabled = false;
      ASSERT_TRUE(same_sde_offers(reference, in));
      const std::string what = name + " world " + std::to_string(world);
      simulate(model, reference, reused, 2030, Accounting::target_total);
      in.package_enabled = false;
      simulate(model, in, reused, 2030, Accounting::full, SetUp::fresh_but_offers);
      Workspace fresh(model, in);
      simulate(model, in, fresh, 2030, Accounting::full);
      test::expect_same_outcome(reused.outcome(), fresh.outcome(), what + " levy only");
      in.package_enabled = true;
      simulate(model, in, reused, 2030, Accounting::full, SetUp::kept_but_package);
      simulate(model, in, fresh, 2030, Accounting::full);
      test::expect_same_outcome(reused.outcome(), fresh.outcome(), what + " full");

      // Misused: the reference run of another world leaves offers that are not this world's.
      auto other = test::far_world(pair.scenario, world + 1, rng);
      other.levy = reference_levy;
      other.package_enabled = false;
      if (same_sde_offers(other, in)) {
        continue;
      }
      simulate(model, other, reused, 2030, Accounting::target_total);
      in.package_enabled = false;
      simulate(model, in, reused, 2030, Accounting::full, SetUp::fresh_but_offers);
      simulate(model, in, fresh, 2030, Accounting::full);
      changed += reused.outcome().sde_committed_eur != fresh.outcome().sde_committed_eur ? 1 : 0;
    }
  }
  EXPECT_GT(changed, 3);
}

TEST(SetUp, SameOffersAreSameBits) {
  // One bit of anything an offer reads makes the offers another set-up's; the levy does not.
  std::mt19937_64 rng(1);
  const auto in = test::far_world(test::shipped_scenario("belastingplan-2026").scenario, 0, rng);
  EXPECT_TRUE(same_sde_offers(in, in));
  auto levy = in;
  levy.levy.first_year += 3;
  levy.package_enabled = !in.package_enabled;
  EXPECT_TRUE(same_sde_offers(levy, in));
  const auto differs = [&](auto change) {
    auto other = in;
    change(other);
    return !same_sde_offers(other, in) && !same_sde_offers(in, other);
  };
  const auto next = [](double& x) { x = std::nextafter(x, 1e300); };
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.prices.gas_eur_per_gj[7]); }));
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.prices.ets_eur_per_t.back()); }));
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.prices.co2_transport_storage_eur_per_t[0]); }));
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.option_capex_eur[3]); }));
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.option_delta_emissions_t[5]); }));
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.response.hurdle_rate); }));
  EXPECT_TRUE(differs([&](Inputs& o) { next(o.sde.round_budget_eur[6]); }));
  EXPECT_TRUE(differs([&](Inputs& o) { o.sde.option_category[0] = o.sde.option_category[0] == 0 ? 1 : 0; }));
  EXPECT_TRUE(differs([&](Inputs& o) { o.sde.enabled = !o.sde.enabled; }));
  EXPECT_TRUE(differs([&](Inputs& o) { ++o.end_year; }));
  // −0 is not +0: an offer's bits follow its inputs'.
  auto zero = in;
  zero.option_capex_eur[0] = 0.0;
  auto minus = zero;
  minus.option_capex_eur[0] = -0.0;
  EXPECT_FALSE(same_sde_offers(zero, minus));
}

}  // namespace
}  // namespace decarbfund::sim
