#pragma once
// SDE++ in simulate() (docs/model.md "SDE++", DESIGN §4.4): an operating subsidy per avoided tonne
// over the category's term, = the applied base amount − the year's correction amount (the market
// value of what the option avoids, not below the floor, the basisprijs), at most the round's cap
// (EUR 300/t, EUR 400/t inside the fences). Each year's round ranks the applications on subsidy
// intensity, cheapest first, and awards while industry's part of the budget holds their maximum
// obligation. An awarded option counts the subsidy in its NPV (response.cpp); the package pays
// only what is left of a deal's gap after SDE++ (stacking: SDE++ first).

#include <span>
#include <vector>

#include "model/model.hpp"
#include "sim/inputs.hpp"

namespace decarbfund::sim {

class Workspace;

/// Subsidy per avoided tonne in one year (policy.md §3.2):
///   p = min(cap, max(0, base − max(correction, floor)))
double sde_subsidy_per_t(double base_eur_per_t, double correction_eur_per_t, double floor_eur_per_t,
                         double cap_eur_per_t);

/// What SDE++ offers option i, applying in year index y to operate from year index `start`.
struct SdeOffer {
  model::Index option = model::kNone;
  int start = 0;
  /// Applied base amount: the option's cost price per tonne at the prices of its first year,
  /// (capex × CRF(r, min(term, lifetime)) + O&M + energy) ÷ tonnes — PBL earns the investment
  /// back over the subsidy term — at most the category's base amount where one is stated.
  double base_eur_per_t = 0;
  /// The long-term correction at award (its first year's): ETS price where the site is in the ETS.
  double correction_eur_per_t = 0;
  double floor_eur_per_t = 0;      ///< floor_share × max(0, long-term correction)
  double cap_eur_per_t = 0;        ///< the round's cap for the category (fence or not)
  double intensity_eur_per_t = 0;  ///< ranking amount: min(cap, max(0, base − correction))
  int term_yr = 0;
  /// Most the award can cost, what the round's budget counts (RVO: base − basisprijs at full
  /// output over the term): min(cap, max(0, base − floor)) × tonnes/yr × term.
  double obligation_eur = 0;
};

/// Whether every SDE++ offer under inputs `a` is the one under `b`: what an offer reads (the
/// scheme, the prices, the options' capex and tonnes, the hurdle rate, the years) bit for bit. An
/// offer's first year is checked where it is taken (sde.cpp). SetUp::fresh_but_offers needs it.
bool same_sde_offers(const Inputs& a, const Inputs& b);

/// SDE++'s offer to option i for year index y's round; nullopt-like (option = kNone) when SDE++
/// is off, there is no round in y, SDE++ does not take the option, or it needs no subsidy.
SdeOffer sde_offer(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i, int y,
                   int start);

namespace detail {

/// Year index y's round, step 1: opens it with the year's candidates (ws.candidates_) that
/// apply, in ws.sde_queue_. Their obligations are left 0: award_sde() computes those of the offers
/// the round reaches.
void open_sde_round(const model::Model& model, const Inputs& in, Workspace& ws, int y);

/// The round's next offer by subsidy intensity (cheapest first, then option index: a total order,
/// so the ranking does not depend on the candidates' order), nullptr when none is left.
const SdeOffer* next_sde_offer(Workspace& ws);

/// Where the round closed: the offer the budget could not hold, nullptr when it reached them all.
void close_sde_round(Workspace& ws, const SdeOffer* refused);

/// Step 2, per offer in ranking order: awards it when its exclusive group holds no award of this
/// round yet and industry's budget left holds its obligation (computed here, as sde_offer()
/// does). Returns false when the budget is exhausted (the round closes: later offers are refused,
/// as RVO refuses the rest of a phase).
bool award_sde(const model::Model& model, const Inputs& in, Workspace& ws, const SdeOffer& offer, int y);

/// Adds option i's awarded subsidy per tonne to ws.co2_value_ over its term (within
/// [start, life_end)); false when it holds no award of year index y's round.
bool add_sde_premium(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int y,
                     int start, int life_end);

/// Records option i's SDE++ on adoption: its obligation (counted in the round's year) and its
/// expected payments, Σ subsidy × tonnes over the term at the scenario's prices. Called after
/// add_sde_premium() for the same candidate (decide()), whose subsidies per year it takes.
void record_sde(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int y, int start,
                double avoided_t, int life_end);

}  // namespace detail

}  // namespace decarbfund::sim
