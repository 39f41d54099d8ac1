// Tests of sim/dpr_market: clearing in surplus and in shortage, AVI-only trading, and the
// marginal levy price a site faces (DESIGN §4.1, policy.md §1.7).

#include "sim/dpr_market.hpp"

#include <array>
#include <vector>

#include <gtest/gtest.h>

#include "sim/levy.hpp"

namespace decarbfund::sim {
namespace {

using model::LevyCategory;
constexpr auto kEts = LevyCategory::ets_industrial;
constexpr auto kAvi = LevyCategory::waste_incineration;
constexpr auto kN2o = LevyCategory::n2o;

struct Market {
  std::vector<LevyCategory> category;
  std::vector<double> emissions, dpr, rate;
  std::vector<double> bought, sold;
  DprMarketClearing clear(const model::LevyPolicy& policy) {
    bought.assign(category.size(), -1.0);
    sold.assign(category.size(), -1.0);
    return clear_dpr_market(policy, {category, emissions, dpr, rate, {}}, bought, sold);
  }
  // Σ levy after transfers.
  double levy() const {
    double sum = 0;
    for (std::size_t i = 0; i < category.size(); ++i) {
      sum += levy_year(2025, emissions[i], dpr[i], bought[i], sold[i], rate[i]).levy_eur;
    }
    return sum;
  }
};

// Surplus: S = 30 + 20 = 50 ≥ D = 10 + 15 = 25 → price 0, every buyer covered, nobody pays.
TEST(DprMarket, SurplusClearsAtZeroAndNobodyPays) {
  model::LevyPolicy policy;
  Market m{{kEts, kEts, kEts, kN2o}, {100, 80, 110, 115}, {130, 100, 100, 100},
           {17.9, 17.9, 17.9, 87.9}};
  const auto c = m.clear(policy);
  const auto& g = c.of(DprPool::general);
  EXPECT_DOUBLE_EQ(g.surplus_t, 50);
  EXPECT_DOUBLE_EQ(g.demand_t, 25);
  EXPECT_DOUBLE_EQ(g.traded_t, 25);
  EXPECT_DOUBLE_EQ(g.price_eur_per_t, 0.0);
  EXPECT_FALSE(g.in_shortage());
  EXPECT_EQ(m.bought, (std::vector<double>{0, 0, 10, 15}));
  EXPECT_EQ(m.sold, (std::vector<double>{15, 10, 0, 0}));  // pro rata to surplus: half each
  EXPECT_DOUBLE_EQ(m.levy(), 0.0);
  // Marginal levy price: 0 for everyone in a surplus market.
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 100, 130, 17.9, g.price_eur_per_t), 0.0);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 115, 100, 87.9, g.price_eur_per_t), 0.0);
}

// Shortage, one rate: S = 10 < D = 20 + 20 = 40 → price = rate, buyers get 10 pro rata
// (5 each), levy is collected on the net shortfall D − S = 30 t.
TEST(DprMarket, ShortageClearsAtRateAndLevyFallsOnNetShortfall) {
  model::LevyPolicy policy;
  Market m{{kEts, kEts, kEts}, {90, 120, 120}, {100, 100, 100}, {20.0, 20.0, 20.0}};
  const auto c = m.clear(policy);
  const auto& g = c.of(DprPool::general);
  EXPECT_TRUE(g.in_shortage());
  EXPECT_DOUBLE_EQ(g.traded_t, 10);
  EXPECT_DOUBLE_EQ(g.price_eur_per_t, 20.0);
  EXPECT_EQ(m.bought, (std::vector<double>{0, 5, 5}));
  EXPECT_EQ(m.sold, (std::vector<double>{10, 0, 0}));
  EXPECT_DOUBLE_EQ(m.levy(), 30 * 20.0);
  // Short site: min(rate, price) = rate; the seller's DPR is worth the price.
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 120, 100, 20.0, g.price_eur_per_t), 20.0);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 90, 100, 20.0, g.price_eur_per_t), 20.0);
}

// Shortage with two rates: the higher-rate buyer (N2O, full tariff) is served first; the price
// is the rate of the marginal (partly served) buyer.
TEST(DprMarket, ShortageServesHighestRateFirst) {
  model::LevyPolicy policy;
  Market m{{kEts, kN2o, kEts}, {70, 110, 150}, {100, 100, 100}, {17.9, 87.9, 17.9}};
  const auto c = m.clear(policy);
  const auto& g = c.of(DprPool::general);
  EXPECT_DOUBLE_EQ(g.surplus_t, 30);
  EXPECT_DOUBLE_EQ(g.demand_t, 60);
  EXPECT_EQ(m.bought, (std::vector<double>{0, 10, 20}));
  EXPECT_DOUBLE_EQ(g.price_eur_per_t, 17.9);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 110, 100, 87.9, g.price_eur_per_t), 17.9);
}

// A buyer with rate 0 (ETS site in 2022, policy.md §8.2) does not buy.
TEST(DprMarket, ZeroRateBuyerHasNoDemand) {
  model::LevyPolicy policy;
  Market m{{kEts, kEts}, {90, 150}, {100, 100}, {0.0, 0.0}};
  const auto c = m.clear(policy);
  EXPECT_DOUBLE_EQ(c.of(DprPool::general).demand_t, 0);
  EXPECT_DOUBLE_EQ(c.of(DprPool::general).traded_t, 0);
  EXPECT_EQ(m.bought, (std::vector<double>{0, 0}));
  EXPECT_EQ(m.sold, (std::vector<double>{0, 0}));
}

// No sellers at all: nothing traded, the price is the rate (a short site pays the rate).
TEST(DprMarket, NoSupplyPriceIsRate) {
  model::LevyPolicy policy;
  Market m{{kAvi}, {150}, {100}, {87.9}};
  const auto c = m.clear(policy);
  EXPECT_DOUBLE_EQ(c.of(DprPool::general).traded_t, 0);
  EXPECT_DOUBLE_EQ(c.of(DprPool::general).price_eur_per_t, 87.9);
  EXPECT_DOUBLE_EQ(m.levy(), 50 * 87.9);
}

// Belastingplan 2026: AVIs trade only among AVIs (policy.md §1.7). The ETS surplus cannot
// cover the AVI shortfall, and the AVI pool clears at the AVI rate.
TEST(DprMarket, AviTradingOnlyAmongAvis) {
  model::LevyPolicy policy;
  policy.avi_trading_among_avis_only = true;
  Market m{{kEts, kAvi, kAvi}, {50, 130, 95}, {100, 100, 100}, {0.0, 295.0, 295.0}};
  const auto c = m.clear(policy);
  const auto& g = c.of(DprPool::general);
  const auto& w = c.of(DprPool::waste_incineration);
  EXPECT_DOUBLE_EQ(g.surplus_t, 50);
  EXPECT_DOUBLE_EQ(g.traded_t, 0);
  EXPECT_DOUBLE_EQ(w.surplus_t, 5);
  EXPECT_DOUBLE_EQ(w.demand_t, 30);
  EXPECT_DOUBLE_EQ(w.traded_t, 5);
  EXPECT_DOUBLE_EQ(w.price_eur_per_t, 295.0);
  EXPECT_EQ(m.bought, (std::vector<double>{0, 5, 0}));
  EXPECT_EQ(m.sold, (std::vector<double>{0, 0, 5}));
  EXPECT_DOUBLE_EQ(m.levy(), 25 * 295.0);

  // Without the restriction the ETS surplus covers the AVIs and nobody pays.
  policy.avi_trading_among_avis_only = false;
  const auto open = m.clear(policy);
  EXPECT_DOUBLE_EQ(open.of(DprPool::general).price_eur_per_t, 0.0);
  EXPECT_EQ(m.bought, (std::vector<double>{0, 30, 0}));
  EXPECT_DOUBLE_EQ(m.levy(), 0.0);
}

// Without DPR trading nobody buys or sells; a short site faces the rate, a covered one 0.
TEST(DprMarket, NoTradingNoTransfers) {
  model::LevyPolicy policy;
  policy.dpr_trading = false;
  Market m{{kEts, kEts}, {90, 120}, {100, 100}, {20.0, 20.0}};
  const auto c = m.clear(policy);
  EXPECT_DOUBLE_EQ(c.of(DprPool::general).traded_t, 0);
  EXPECT_EQ(m.bought, (std::vector<double>{0, 0}));
  EXPECT_DOUBLE_EQ(m.levy(), 20 * 20.0);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 120, 100, 20.0, 0.0), 20.0);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 90, 100, 20.0, 0.0), 0.0);
}

// With a minimum price (policy.md §8.5) a DPR saves a buyer rate − minimum-price rate, and a
// covered tonne still costs the minimum-price rate at the margin.
TEST(DprMarket, MinimumPriceLowersDprValue) {
  model::LevyPolicy policy;
  std::vector<LevyCategory> cat{kN2o, kN2o};
  std::vector<double> e{90, 120}, dpr{100, 100}, rate{50.0, 50.0}, floor{10.0, 10.0};
  std::vector<double> bought(2), sold(2);
  const auto c = clear_dpr_market(policy, {cat, e, dpr, rate, floor}, bought, sold);
  EXPECT_DOUBLE_EQ(c.of(DprPool::general).price_eur_per_t, 40.0);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 120, 100, 50.0, 40.0, 10.0), 50.0);
  EXPECT_DOUBLE_EQ(marginal_levy_price(policy, 90, 100, 50.0, 40.0, 10.0), 50.0);
}

TEST(DprMarket, PoolsByCategory) {
  model::LevyPolicy policy;
  EXPECT_EQ(dpr_pool(policy, kAvi), DprPool::general);
  EXPECT_EQ(dpr_pool(policy, LevyCategory::none), DprPool::none);
  policy.avi_trading_among_avis_only = true;
  EXPECT_EQ(dpr_pool(policy, kAvi), DprPool::waste_incineration);
  EXPECT_EQ(dpr_pool(policy, kN2o), DprPool::general);
  const DprMarketClearing none;
  EXPECT_DOUBLE_EQ(none.of(DprPool::none).price_eur_per_t, 0.0);
}

}  // namespace
}  // namespace decarbfund::sim
