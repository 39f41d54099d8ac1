#include "sim/dpr_market.hpp"

#include <algorithm>
#include <limits>

namespace decarbfund::sim {

namespace {

// What a DPR saves installation i: its rate less the minimum-price rate it still pays on a
// covered tonne (policy.md §8.5).
double dpr_value(const DprMarketInput& in, std::size_t i) {
  const double floor_rate =
      in.minimum_price_rate_eur_per_t.empty() ? 0.0 : in.minimum_price_rate_eur_per_t[i];
  return std::max(0.0, in.rate_eur_per_t[i] - floor_rate);
}

void clear_pool(const model::LevyPolicy& policy, const DprMarketInput& in, DprPool pool,
                std::span<double> bought, std::span<double> sold, DprPoolClearing& out) {
  const std::size_t n = in.category.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (dpr_pool(policy, in.category[i]) != pool) {
      continue;
    }
    const double gap = in.emissions_t[i] - in.dpr_allocated_t[i];
    if (gap < 0.0) {
      out.surplus_t += -gap;
    } else if (gap > 0.0 && dpr_value(in, i) > 0.0) {
      out.demand_t += gap;
    }
  }
  if (!policy.dpr_trading) {
    return;
  }
  out.traded_t = std::min(out.surplus_t, out.demand_t);
  if (out.demand_t <= 0.0) {
    return;  // nobody values a DPR: nothing traded, price 0
  }
  // Sellers: pro rata to surplus (all of it in a shortage).
  const double sell_share = out.surplus_t > 0.0 ? out.traded_t / out.surplus_t : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (dpr_pool(policy, in.category[i]) != pool) {
      continue;
    }
    const double gap = in.emissions_t[i] - in.dpr_allocated_t[i];
    if (gap < 0.0) {
      sold[i] = out.traded_t == out.surplus_t ? -gap : -gap * sell_share;
    }
  }
  if (out.surplus_t >= out.demand_t) {
    // Surplus market: every buyer covers its shortfall at price exactly 0.
    for (std::size_t i = 0; i < n; ++i) {
      if (dpr_pool(policy, in.category[i]) != pool) {
        continue;
      }
      const double gap = in.emissions_t[i] - in.dpr_allocated_t[i];
      if (gap > 0.0 && dpr_value(in, i) > 0.0) {
        bought[i] = gap;
      }
    }
    out.price_eur_per_t = 0.0;
    return;
  }
  // Shortage: serve levels of equal value, highest first, pro rata within a level. The number of
  // levels is the number of distinct rates (one per category and year in simulate), so this loop
  // stays short without sorting or allocating.
  double remaining = out.surplus_t;
  double below = std::numeric_limits<double>::infinity();
  while (true) {
    double level = 0.0;
    double level_demand = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (dpr_pool(policy, in.category[i]) != pool) {
        continue;
      }
      const double v = dpr_value(in, i);
      const double gap = in.emissions_t[i] - in.dpr_allocated_t[i];
      if (gap > 0.0 && v > 0.0 && v < below) {
        if (v > level) {
          level = v;
          level_demand = 0.0;
        }
        if (v == level) {
          level_demand += gap;
        }
      }
    }
    if (level <= 0.0) {
      break;  // every buyer served (cannot happen in a shortage, kept as a guard)
    }
    out.price_eur_per_t = level;
    const bool whole = level_demand <= remaining;
    for (std::size_t i = 0; i < n; ++i) {
      if (dpr_pool(policy, in.category[i]) != pool) {
        continue;
      }
      const double gap = in.emissions_t[i] - in.dpr_allocated_t[i];
      if (gap > 0.0 && dpr_value(in, i) == level) {
        bought[i] = whole ? gap : gap * remaining / level_demand;  // pro rata to shortfall
      }
    }
    if (!whole) {
      break;
    }
    remaining -= level_demand;
    if (remaining <= 0.0) {
      break;
    }
    below = level;
  }
}

}  // namespace

DprPool dpr_pool(const model::LevyPolicy& policy, model::LevyCategory category) {
  switch (category) {
    case model::LevyCategory::none:
      return DprPool::none;
    case model::LevyCategory::waste_incineration:
      return policy.avi_trading_among_avis_only ? DprPool::waste_incineration : DprPool::general;
    case model::LevyCategory::ets_industrial:
    case model::LevyCategory::n2o:
      return DprPool::general;
  }
  return DprPool::none;
}

DprMarketClearing clear_dpr_market(const model::LevyPolicy& policy, const DprMarketInput& in,
                                   std::span<double> dpr_bought_t, std::span<double> dpr_sold_t) {
  std::fill(dpr_bought_t.begin(), dpr_bought_t.end(), 0.0);
  std::fill(dpr_sold_t.begin(), dpr_sold_t.end(), 0.0);
  DprMarketClearing result;
  for (std::size_t p = 0; p < kDprPoolCount; ++p) {
    clear_pool(policy, in, static_cast<DprPool>(p), dpr_bought_t, dpr_sold_t, result.pool[p]);
  }
  return result;
}

double marginal_levy_price(const model::LevyPolicy& policy, double emissions_t,
                           double dpr_allocated_t, double rate_eur_per_t,
                           double dpr_price_eur_per_t, double minimum_price_rate_eur_per_t) {
  const bool covered = emissions_t <= dpr_allocated_t;
  if (!policy.dpr_trading) {
    return covered ? minimum_price_rate_eur_per_t : rate_eur_per_t;
  }
  if (covered) {
    return dpr_price_eur_per_t + minimum_price_rate_eur_per_t;
  }
  return std::min(rate_eur_per_t, dpr_price_eur_per_t + minimum_price_rate_eur_per_t);
}

}  // namespace decarbfund::sim
