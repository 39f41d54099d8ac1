#pragma once
// The DPR market of one year (DESIGN §4.1, policy.md §1.7): installations short of dispensation
// rights buy from those with a surplus; the clearing price is 0 when rights are plentiful and
// rises to the levy rate when they fall short. This is why the levy raised almost nothing up to
// 2025 (policy.md §1.1: about EUR 60k paid in total). Pure, allocation-free.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/policy.hpp"

namespace decarbfund::sim {

/// Which installations trade together. Waste incinerators form their own pool when the policy
/// says so (Belastingplan 2026: AVI DPRs only among AVIs, policy.md §1.7); `none` is not liable.
enum class DprPool : std::uint8_t { general, waste_incineration, none };
inline constexpr std::size_t kDprPoolCount = 2;  // pools that clear (general, waste_incineration)

/// The pool an installation of `category` trades in under `policy`.
DprPool dpr_pool(const model::LevyPolicy& policy, model::LevyCategory category);

/// One pool's result. Amounts in t, price in EUR/t.
struct DprPoolClearing {
  double surplus_t = 0;  ///< S = Σ max(0, DPR − E) over the pool
  double demand_t = 0;   ///< D = Σ max(0, E − DPR) over buyers that value a DPR (rate > 0)
  double traded_t = 0;   ///< min(S, D) when trading is allowed, else 0
  double price_eur_per_t = 0;  ///< clearing price (see clear_dpr_market)
  bool in_shortage() const { return demand_t > surplus_t; }
};

/// The year's clearing, per pool (index DprPool).
struct DprMarketClearing {
  std::array<DprPoolClearing, kDprPoolCount> pool{};
  /// The clearing of pool `p`; for DprPool::none (not liable) an empty clearing with price 0.
  const DprPoolClearing& of(DprPool p) const {
    static constexpr DprPoolClearing kNone{};
    return p == DprPool::none ? kNone : pool[static_cast<std::size_t>(p)];
  }
};

/// The installations of one year, as parallel columns of equal length (site order).
struct DprMarketInput {
  std::span<const model::LevyCategory> category;
  std::span<const double> emissions_t;        ///< liable emissions E
  std::span<const double> dpr_allocated_t;    ///< DPRs allocated (dpr_allocation())
  std::span<const double> rate_eur_per_t;     ///< levy_rate()
  /// minimum_price_rate(); may be empty (all 0). A DPR saves a buyer rate − minimum-price rate,
  /// since a covered tonne still pays the minimum price (policy.md §8.5).
  std::span<const double> minimum_price_rate_eur_per_t;
};

/// Clears the DPR market of one year (DESIGN §4.1), per pool:
///  - S = Σ max(0, DPR − E), D = Σ max(0, E − DPR) over buyers with a positive value
///    v = rate − minimum-price rate (a buyer whose rate is 0, e.g. an ETS site in 2022, has no
///    reason to buy). Traded = min(S, D).
///  - Surplus market (S ≥ D): price exactly 0 (no epsilon: sellers' rights lapse unused
///    otherwise, policy.md §8.4, so any positive bid clears); every buyer covers its shortfall,
///    sellers sell pro rata to their surplus.
///  - Shortage (S < D): all S is sold (pro rata to surplus is then all of it); buyers are served
///    in descending order of v, pro rata to shortfall among equal v (so, when the pool has one
///    rate, simply pro rata to shortfall); the price is the v of the last (lowest) level served —
///    "the rate of the marginal buyer". With S = 0 it is the highest v.
/// Writes each installation's dpr_bought_t and dpr_sold_t (spans of the input's length).
/// Without DPR trading (policy.dpr_trading false) nothing is traded and prices are 0.
DprMarketClearing clear_dpr_market(const model::LevyPolicy& policy, const DprMarketInput& in,
                                   std::span<double> dpr_bought_t, std::span<double> dpr_sold_t);

/// The levy's marginal CO2 price for one liable site, EUR/t: what one tonne less emitted saves
/// (add the ETS price for ETS sites to get the site's full marginal CO2 price, DESIGN §4.1).
///  - Trading allowed, site at or above its DPRs (E ≤ DPR): dpr_price + minimum-price rate
///    (it can sell one more DPR, and the covered tonne no longer pays the minimum price).
///  - Trading allowed, site short (E > DPR): min(rate, dpr_price + minimum-price rate): buying a
///    DPR at the market price when one is to be had, else the full rate.
///  - No trading: minimum-price rate when E ≤ DPR, else the rate.
/// `dpr_price_eur_per_t` is the clearing price of the site's pool (DprMarketClearing::of()).
/// Read it for the year in which the decision is made; carry-back value of a surplus is ignored.
double marginal_levy_price(const model::LevyPolicy& policy, double emissions_t,
                           double dpr_allocated_t, double rate_eur_per_t,
                           double dpr_price_eur_per_t,
                           double minimum_price_rate_eur_per_t = 0.0);

}  // namespace decarbfund::sim
