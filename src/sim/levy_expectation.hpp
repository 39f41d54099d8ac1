#pragma once
// The levy as firms expect it (issue 16; docs/model.md "The levy as firms expect it").
//
// In a year the pool of DPRs is short, the DPR price rises to the levy rate (a short site pays
// the rate or buys a DPR at it); in a year it is long, the price falls to 0 (DESIGN §4.1). A firm
// deciding on an option does not know the pool's balance years ahead: liable emissions move with
// things no site sees (the intensity of every other site, the weather, a plant's outage). So the
// value it puts on a tonne removed in year k, decided in year y, is the rate times the chance the
// pool is short:
//
//   E[price_k] = rate_k × Φ((E_k − D_k) / (s × E_k × √(k − y + 1)))
//
// with E_k the pool's projected liable emissions (after the options adopted so far), D_k its
// DPRs, and s the uncertainty of liable emissions per √year of horizon (a random walk: what
// cannot be seen this year is one year's step). A long site values a DPR it frees at what it can
// sell it for, a short site at the levy or DPR it saves; in one pool both are that price, so one
// expected price serves both. s → 0 gives back the all-or-nothing price of perfect foresight.

#include "model/model.hpp"

namespace decarbfund::sim {

/// s estimated from the dataset's history: the root mean square of the year-on-year changes of
/// ln λ, the calibration factor that closes the production-index projection to NEa's published
/// total (model::History) — the part of industry's emissions that production alone did not
/// foresee. The base year's λ is 1. Returns 0 when the history has fewer than two years.
double levy_balance_sigma_from_history(const model::History& history);

/// The chance the pool is short in year k, seen from decision year y: Φ((E − D) / (s E √h)),
/// h = k − y + 1 ≥ 1. With s = 0 (or no liable emissions) it is 1 when E > D, else 0.
double chance_pool_short(double projected_t, double dprs_t, double sigma, int horizon_yr);

}  // namespace decarbfund::sim
