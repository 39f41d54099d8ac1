#include "sim/levy.hpp"

#include <algorithm>
#include <cstddef>

namespace decarbfund::sim {

namespace {
std::size_t index(model::LevyCategory c) { return static_cast<std::size_t>(c); }
}  // namespace

bool levy_applies(const model::LevyPolicy& policy, model::LevyCategory category, int year) {
  return category != model::LevyCategory::none && year >= policy.first_year &&
         year <= policy.last_year;
}

double dpr_allocation(const model::LevyPolicy& policy, model::LevyCategory category, int year,
                      double dpr_basis_t) {
  if (!levy_applies(policy, category, year)) {
    return 0.0;
  }
  return dpr_allocation(dpr_factors(policy, category, year), dpr_basis_t);
}

DprFactors dpr_factors(const model::LevyPolicy& policy, model::LevyCategory category, int year) {
  DprFactors f;
  if (!levy_applies(policy, category, year)) {
    return f;
  }
  f.reduction = policy.reduction_factor[index(category)].at(year);
  if (category == model::LevyCategory::waste_incineration) {
    // AVI-correctiefactor (policy.md §1.8): 1 where the scenario states none.
    f.avi_correction = policy.avi_correction_factor.at(year, 1.0);
  }
  return f;
}

double ets_reference_price(const model::LevyPolicy& policy, int year, double fallback) {
  // covers(), not at(): a stated P_ETS must not be held flat into years the State Secretary has
  // not yet published (policy.md §8.2).
  return policy.ets_reference_price_eur_per_t.covers(year)
             ? policy.ets_reference_price_eur_per_t.at(year)
             : fallback;
}

double levy_rate(const model::LevyPolicy& policy, model::LevyCategory category, int year,
                 double ets_reference_price_eur_per_t) {
  if (!levy_applies(policy, category, year)) {
    return 0.0;
  }
  return levy_rate_for_tariff(category, policy.tariff_eur_per_t[index(category)].at(year),
                              ets_reference_price_eur_per_t);
}

double levy_rate_for_tariff(model::LevyCategory category, double tariff_eur_per_t,
                            double ets_reference_price_eur_per_t) {
  if (category == model::LevyCategory::none) {
    return 0.0;
  }
  if (model::deducts_ets_price(category)) {
    return std::max(0.0, tariff_eur_per_t - ets_reference_price_eur_per_t);  // floor at 0, §1.3
  }
  return tariff_eur_per_t;
}

double minimum_price_rate(const model::LevyPolicy& policy, model::LevyCategory category, int year,
                          double ets_reference_price_eur_per_t) {
  if (policy.minimum_price_eur_per_t.empty() || !levy_applies(policy, category, year)) {
    return 0.0;
  }
  const double floor = policy.minimum_price_eur_per_t.at(year);
  if (model::deducts_ets_price(category)) {
    return std::max(0.0, floor - ets_reference_price_eur_per_t);
  }
  return floor;
}

double sellable_surplus(double emissions_t, double dpr_allocated_t, double dpr_bought_t) {
  return std::max(0.0, dpr_allocated_t + dpr_bought_t - emissions_t);
}

LevyYear levy_year(int year, double emissions_t, double dpr_allocated_t, double dpr_bought_t,
                   double dpr_sold_t, double rate_eur_per_t, double minimum_price_rate_eur_per_t) {
  LevyYear y;
  y.year = year;
  y.emissions_t = emissions_t;
  y.dpr_allocated_t = dpr_allocated_t;
  y.dpr_bought_t = dpr_bought_t;
  const double sellable = sellable_surplus(emissions_t, dpr_allocated_t, dpr_bought_t);
  y.dpr_sold_t = std::min(dpr_sold_t, sellable);  // only a surplus can be sold (§1.7)
  y.dpr_sold_rejected_t = dpr_sold_t - y.dpr_sold_t;
  y.dpr_held_t = dpr_allocated_t + dpr_bought_t - y.dpr_sold_t;
  y.base_t = std::max(0.0, emissions_t - y.dpr_held_t);
  y.rate_eur_per_t = rate_eur_per_t;
  y.levy_eur = y.base_t * rate_eur_per_t;
  y.minimum_price_rate_eur_per_t = minimum_price_rate_eur_per_t;
  y.minimum_price_levy_eur = std::min(emissions_t, y.dpr_held_t) * minimum_price_rate_eur_per_t;
  y.surplus_t = std::max(0.0, y.dpr_held_t - emissions_t);
  return y;
}

void carry_back_year(std::span<LevyYear> earlier, LevyYear& current) {
  double left = current.surplus_t - current.carried_back_t;
  for (LevyYear& e : earlier) {  // oldest first (stated assumption, policy.md §1.7)
    if (left <= 0.0) {
      break;
    }
    const double open = e.base_t - e.base_refunded_t;
    if (open <= 0.0 || e.rate_eur_per_t <= 0.0) {
      continue;  // no levy was paid that year, so there is nothing to refund
    }
    const double use = std::min(left, open);
    e.base_refunded_t += use;
    left -= use;
    current.carried_back_t += use;
    current.refund_eur +=
        use * std::max(0.0, e.rate_eur_per_t - e.minimum_price_rate_eur_per_t);
  }
}

void apply_carry_back(std::span<LevyYear> years) {
  for (std::size_t i = 1; i < years.size(); ++i) {
    carry_back_year(years.first(i), years[i]);
  }
}

}  // namespace decarbfund::sim
