#pragma once
// The CO2 levy (Wet CO2-heffing industrie) for one installation and year, and carry-back netting
// ("verrekening") over an installation's years (DESIGN §4.1; policy.md §1.3–§1.8, §8.4, §8.5).
// Pure functions: no I/O, no allocation; simulate() calls them per site and year.

#include <span>

#include "model/policy.hpp"

namespace decarbfund::sim {

/// Whether the levy applies to `category` in `year`: a liable category (not `none`) and
/// policy.first_year ≤ year ≤ policy.last_year (policy.md §1.2). Beyond the last year a scenario
/// states, each parameter holds its last stated value (model::YearSeries).
bool levy_applies(const model::LevyPolicy& policy, model::LevyCategory category, int year);

/// Dispensation rights allocated, in t (policy.md §1.4):
///   DPR = RF(category, year) × DPR basis (× AVI correction factor for waste incinerators, §1.8).
/// 0 where the levy does not apply. `dpr_basis_t` is Σ benchmark × activity level (DESIGN §4.1).
double dpr_allocation(const model::LevyPolicy& policy, model::LevyCategory category, int year,
                      double dpr_basis_t);

/// dpr_allocation()'s two multipliers for one category and year, for callers that allocate to many
/// sites at once: RF (0 where the levy does not apply) and the AVI correction factor (1 but for
/// waste incinerators).
struct DprFactors {
  double reduction = 0;
  double avi_correction = 1;
};
DprFactors dpr_factors(const model::LevyPolicy& policy, model::LevyCategory category, int year);
/// RF × DPR basis × AVI correction: the same product, so the same bits, as dpr_allocation().
inline double dpr_allocation(const DprFactors& f, double dpr_basis_t) {
  return f.reduction * dpr_basis_t * f.avi_correction;
}

/// P_ETS,t in EUR/t (policy.md §1.6, §8.2): the policy's stated value for `year`, else
/// `fallback` (simulate passes the scenario's ETS price of year − 1, the same Sep–Oct futures
/// average the law uses, approximated by the annual price).
double ets_reference_price(const model::LevyPolicy& policy, int year, double fallback);

/// Levy rate in EUR/t (policy.md §1.3): max(0, T − P_ETS,ref) for ETS installations, T for
/// waste incinerators and N2O installations; 0 where the levy does not apply.
/// NEa: in 2022 P_ETS,ref = 60.78 > T = 41.75, so ETS installations paid 0 per taxable tonne.
double levy_rate(const model::LevyPolicy& policy, model::LevyCategory category, int year,
                 double ets_reference_price_eur_per_t);

/// levy_rate() for a given statutory tariff `tariff_eur_per_t` (e.g. a user's override).
double levy_rate_for_tariff(model::LevyCategory category, double tariff_eur_per_t,
                            double ets_reference_price_eur_per_t);

/// Minimum CO2 price rate in EUR/t on the emissions covered by DPRs (policy.md §8.5):
/// max(0, Pmin − P_ETS,ref) for ETS installations, Pmin for others; 0 when the policy has no
/// minimum price (the default) or the levy does not apply.
double minimum_price_rate(const model::LevyPolicy& policy, model::LevyCategory category, int year,
                          double ets_reference_price_eur_per_t);

/// One installation's levy account for one year. Amounts in t and EUR.
struct LevyYear {
  int year = 0;
  double emissions_t = 0;      ///< E: verified industrial emissions ("industriële jaarvracht")
  double dpr_allocated_t = 0;  ///< DPRs deposited for the year
  double dpr_bought_t = 0;     ///< DPRs bought in the transfer window (§1.7)
  double dpr_sold_t = 0;       ///< DPRs sold (at most the surplus before the sale)
  double dpr_sold_rejected_t = 0;  ///< requested sales above that surplus, not carried out
  double dpr_held_t = 0;       ///< allocated + bought − sold
  double base_t = 0;           ///< taxable base max(0, E − held)
  double rate_eur_per_t = 0;   ///< levy_rate()
  double levy_eur = 0;         ///< base × rate
  double minimum_price_rate_eur_per_t = 0;  ///< minimum_price_rate() (§8.5)
  double minimum_price_levy_eur = 0;        ///< min(E, held) × minimum price rate
  double surplus_t = 0;        ///< max(0, held − E): what carry-back may use, else it lapses
  double carried_back_t = 0;   ///< of surplus_t, set off against earlier years' base
  double base_refunded_t = 0;  ///< of base_t, set off by later years' surplus
  double refund_eur = 0;       ///< refund paid for earlier years' levy out of this year's surplus

  /// Surplus that neither was sold nor set off: DPRs cannot be banked forward (policy.md §8.4).
  double lapsed_t() const { return surplus_t - carried_back_t; }
};

/// What an installation may sell (policy.md §1.7): max(0, allocated + bought − E).
double sellable_surplus(double emissions_t, double dpr_allocated_t, double dpr_bought_t);

/// One year's account (policy.md §1.3, NEa example: 1000 t emitted, 800 DPR → levy on 200 t):
///   held = allocated + bought − sold, sold clipped to sellable_surplus() (the excess is reported
///   in dpr_sold_rejected_t), base = max(0, E − held), levy = base × rate,
///   minimum-price levy = min(E, held) × minimum price rate (§8.5), surplus = max(0, held − E).
LevyYear levy_year(int year, double emissions_t, double dpr_allocated_t, double dpr_bought_t,
                   double dpr_sold_t, double rate_eur_per_t,
                   double minimum_price_rate_eur_per_t = 0.0);

/// Carry-back of `current`'s surplus (policy.md §1.7, §8.4): sets it off against the remaining
/// base of `earlier` years (same installation, ascending years), OLDEST FIRST — policy.md §1.7
/// leaves the order to be verified with NEa; oldest first is our stated assumption. Only years in
/// which levy was paid (base left and rate > 0) are set off. Per tonne set off, the earlier year's
/// levy is refunded at that year's rate (less its minimum-price rate, since the tonne becomes
/// covered by a DPR, §8.5). Updates current.carried_back_t and refund_eur and each earlier
/// year's base_refunded_t. Surplus used here is no longer sellable.
void carry_back_year(std::span<LevyYear> earlier, LevyYear& current);

/// carry_back_year() for each year of one installation's `years` in order (ascending years).
/// NEa example: year 1 100 t, 80 DPR → levy on 20 t; year 2 60 t, 70 DPR → 10 t surplus refunds
/// the levy on 10 t of year 1; buying 10 more DPRs in year 2 refunds all of it.
void apply_carry_back(std::span<LevyYear> years);

}  // namespace decarbfund::sim
