// A run sums each site's emissions over the options it has adopted, kept in index order
// (Workspace::site_adopted_, issue 21), not over all of the site's options. The formula over all
// options (sim::site_emissions_with, which optimize uses) must give the same bits: on data/nl in
// the far worlds of the screening test, at every site and year where an option already runs at
// full output, so that asking for it changes nothing. Summed in another order, as adopted, the
// last bits differ.

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "fixtures/shipped_fixture.hpp"
#include "sim/far_worlds.hpp"
#include "sim/inputs.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {
namespace {

TEST(SiteEmissions, RunsSumTheAdoptedOptionsAsTheFormulaOverAllOptions) {
  const auto& model = test::shipped();
  std::mt19937_64 rng(20261206);
  std::size_t compared = 0, with_many = 0;
  for (const auto& name : test::shipped_scenario_names()) {
    const auto pair = test::shipped_scenario(name);
    for (int world = 0; world < 4; ++world) {
      const auto in = test::far_world(pair.scenario, world, rng);
      Workspace ws(model, in);
      simulate(model, in, ws);
      const auto& out = ws.outcome();
      for (model::Index s = 0; s < model.sites.size(); ++s) {
        for (int y = 0; y < out.years; ++y) {
          model::Index full = model::kNone;
          int operating = 0;
          for (auto i = model.sites.option_begin[s]; i < model.sites.option_begin[s + 1]; ++i) {
            operating += out.operating(i, y) ? 1 : 0;
            if (out.option_start[i] >= 0 && out.option_start[i] < y && full == model::kNone) {
              full = i;
            }
          }
          if (full == model::kNone) {
            continue;
          }
          ++compared;
          with_many += operating > 1 ? 1 : 0;
          ASSERT_EQ(out.emissions(s, y), site_emissions_with(model, in, out, y, full, model::kNone))
              << name << " world " << world << " site " << model.sites.id[s] << " year " << in.start_year + y;
        }
      }
    }
  }
  EXPECT_GT(with_many, compared / 20) << "sites with several options running, where the order counts: " << with_many
                                     << " of " << compared;
}

}  // namespace
}  // namespace decarbfund::sim
