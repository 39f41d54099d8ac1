// The tornado runs the --tornado-top inputs by |rank correlation| (issue 21): the plan's rule, and
// that a bar it runs has the bits of the bar an all-inputs tornado gives.

#include "analysis/montecarlo_tornado.hpp"

#include <gtest/gtest.h>

#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

TEST(MonteCarloTornado, PlanRunsEveryInputUpToTopAndTheTopByRhoBeyond) {
  const std::vector<RankCorrelation> by_rho = {{3, 0.9}, {0, -0.7}, {4, 0.5}, {1, 0.2}, {2, 0.0}};
  const auto all = detail::plan_tornado(by_rho, 5, 5);
  EXPECT_EQ(all.run, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(all.not_run.empty());
  EXPECT_EQ(detail::plan_tornado(by_rho, 5, 0).run.size(), 5u) << "0 runs every input";
  const auto top = detail::plan_tornado(by_rho, 5, 2);
  EXPECT_EQ(top.run, (std::vector<std::size_t>{0, 3})) << "input order, as the all-input cases";
  EXPECT_EQ(top.not_run, (std::vector<std::size_t>{4, 1, 2})) << "rank-correlation order";
}

TEST(MonteCarloTornado, TopInputsGiveTheBarsOfTheFullTornado) {
  auto reference = test::levy_scenario(0.0, 2.0, "reference");
  reference.package_enabled = false;
  auto scenario = test::levy_scenario(300.0, 0.5, "tight");
  auto deals = test::single_deal_book(test::oil_b_deal(model::DealPhase::jloi, 1e12));
  deals.phases.probability.fill(0.5);
  MonteCarloOptions opt;
  opt.draws = 120;
  opt.seed = 99;
  opt.tornado_top = 0;
  const auto every = prepare_montecarlo(test::tiny(), scenario, reference, &deals, opt);
  ASSERT_GE(every.inputs.size(), 5u);
  opt.tornado_top = 3;
  const auto top = prepare_montecarlo(test::tiny(), scenario, reference, &deals, opt);
  const auto outcomes = run_draws(every, 0, opt.draws, 2);
  const auto a = summarise_montecarlo(every, outcomes, 2);
  const auto b = summarise_montecarlo(top, outcomes, 1);
  EXPECT_EQ(a.tornado.size(), every.inputs.size());
  EXPECT_TRUE(a.tornado_not_run.empty());
  ASSERT_EQ(b.tornado.size(), 3u);
  ASSERT_EQ(b.tornado_not_run.size(), every.inputs.size() - 3);
  EXPECT_EQ(a.tornado_base_t, b.tornado_base_t);
  EXPECT_EQ(a.central_achieved_t, b.central_achieved_t);
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& bar = b.tornado[k];
    bool chosen = false;
    for (std::size_t j = 0; j < 3; ++j) {
      chosen = chosen || b.rank_correlation[j].input == bar.input;
    }
    EXPECT_TRUE(chosen) << "bar " << every.inputs[bar.input].id << " is not among the top 3 by |rho|";
    for (const auto& full : a.tornado) {
      if (full.input == bar.input) {
        EXPECT_EQ(full.low_t, bar.low_t);
        EXPECT_EQ(full.high_t, bar.high_t);
        EXPECT_EQ(full.low_value, bar.low_value);
      }
    }
  }
  for (std::size_t k = 0; k < b.tornado_not_run.size(); ++k) {
    EXPECT_EQ(b.tornado_not_run[k], b.rank_correlation[3 + k].input);
  }
}

}  // namespace
}  // namespace decarbfund::analysis
