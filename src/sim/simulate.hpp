#pragma once
// simulate(): the heart of decarbfund (DESIGN §1). One pure, deterministic function over the
// loaded model and the resolved inputs, for every year from start_year to end_year:
//   0 committed projects (past FID) take their infrastructure first (docs/model.md),
//   1 baseline emissions per site: base emissions × the site's activity path (history, then the
//     activity group's path),
//   2 firm response: in each decision year, options in merit order (cheapest EUR/t first) are
//     adopted when their NPV at the site's expected CO2 price (ETS + the levy's marginal price)
//     clears the threshold and the infrastructure ledgers have room (economics.hpp, response.cpp),
//   3 the package: announced projects get support up to their funding gap (instruments),
//   4 the levy: DPRs, the DPR market, levy owed, carry-back (levy.hpp, dpr_market.hpp),
//   5 accounting: emissions, levy, support and infrastructure use per site/option and year.
// No I/O, no globals, no clock; writes only into the Workspace.

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/model.hpp"
#include "sim/dpr_market.hpp"
#include "sim/inputs.hpp"
#include "sim/levy.hpp"
#include "sim/sde.hpp"

namespace decarbfund::sim {

/// Everything one run produces. Site-year columns are [site × years], index site·years + y.
struct Outcome {
  int start_year = 0;
  int years = 0;
  std::vector<double> emissions_t;      ///< [site × years]
  std::vector<double> dpr_allocated_t;  ///< [site × years]
  std::vector<double> dpr_bought_t;     ///< [site × years]
  std::vector<double> dpr_sold_t;       ///< [site × years]
  std::vector<double> levy_eur;         ///< [site × years] levy owed (incl. minimum-price term)
  std::vector<double> refund_eur;       ///< [site × years] carry-back refunds paid in that year
  std::vector<double> dpr_price_eur_per_t;  ///< [pool × years]
  std::vector<double> total_emissions_t;    ///< [years]
  std::vector<double> levy_revenue_eur;     ///< [years] Σ levy − Σ refunds
  std::vector<double> support_outlay_eur;   ///< [years] package support committed in the year
  /// [years] SDE++ obligations (the most the awards can cost) of adopted options, by the year of
  /// the round that awarded them (docs/model.md "SDE++").
  std::vector<double> sde_committed_eur;
  std::vector<int> option_decided;  ///< [option] year index of adoption, −1 if never
  std::vector<int> option_start;    ///< [option] first operating year index, −1 if never
  std::vector<Instrument> option_instrument;  ///< [option] what made it pay (ets, levy, package)
  std::vector<double> option_support_eur;     ///< [option] package support
  /// [option] SDE++: the award's obligation, and its expected payments over the term at the
  /// scenario's prices (Σ subsidy per tonne × tonnes); 0 without an award.
  std::vector<double> option_sde_obligation_eur;
  std::vector<double> option_sde_eur;
  std::vector<model::Index> option_grid;      ///< [option] grid item used (kNone if no need)
  std::vector<model::Index> option_store;     ///< [option] CO2 store used
  std::vector<model::Index> option_hydrogen;  ///< [option] hydrogen network used
  /// [option] infrastructure item that last blocked it (kNone if never blocked or adopted).
  std::vector<model::Index> option_blocked_by;
  std::vector<double> infrastructure_used;  ///< [infra × years] MW or t/yr in use
  /// [years] tonnes of adopted reductions that the site could not take because they exceeded
  /// what it emits (a perturbed range past its section): reported, never silent; 0 on a dataset
  /// that passes check_option_potential with central values.
  std::vector<double> clamped_t;

  double emissions(model::Index site, int y) const {
    return emissions_t[static_cast<std::size_t>(site) * static_cast<std::size_t>(years) +
                       static_cast<std::size_t>(y)];
  }
  /// Tonnes option o avoids in year index y (0 when not operating then).
  bool operating(model::Index o, int y) const {
    return option_start[o] >= 0 && option_start[o] <= y;
  }
};

/// Every buffer simulate() writes, sized once from the model and inputs (STYLE §2.4); one per
/// worker thread. simulate() does not allocate once the workspace exists.
class Workspace {
 public:
  Workspace(const model::Model& model, const Inputs& inputs);
  const Outcome& outcome() const { return out_; }
  /// Whether this workspace (made for the same model) is sized for `inputs`: the same years and
  /// contracts. Callers running several inputs in turn reuse it where it fits (outlook.cpp).
  bool fits(const Inputs& inputs) const;
  /// Whether decisions screen out the options that provably cannot pay (npv_bound.hpp) before
  /// computing their NPV, and the SDE++ round sorts first the offers it is likely to reach
  /// (sde.cpp). Screening changes no result, only the time: tests turn it off to check that
  /// (tests/sim/screening_test.cpp).
  bool screening = true;
  /// Keeps each SDE++ offer a set-up's rounds make, for the next runs that may take them
  /// (SetUp::kept_but_package, SetUp::fresh_but_offers): an offer depends on neither the package
  /// nor the levy, so Monte Carlo's levy-only and full runs take the reference run's instead of
  /// making them again (issue 21). Costs years × options offers (1.3 MB on data/nl), allocated
  /// here; without the call nothing is kept.
  void remember_sde_offers();

  // Scratch state of simulate()'s steps (response.cpp, simulate.cpp); not for callers.
  struct Candidate {
    double cost_per_t;     ///< option_cost_per_t(), set for the candidates that survive screening
    model::Index option;
    int start;
    /// option_operating_cost() in its first year, NaN until first asked for (by the SDE++ round or
    /// the EUR/t of a survivor of the screen; response.cpp candidate_operating_eur).
    double operating_eur;
  };
  Outcome out_;
  std::vector<Candidate> candidates_;
  std::vector<std::uint8_t> group_taken_;
  /// Per site, over the options adopted so far (base-year tonnes, before ramp-up and activity):
  /// the section cut Σ −Δ and the share that remaining-acting options leave, Π (1 − f).
  std::vector<double> site_cut_t_;
  std::vector<double> site_keep_;
  /// Per site, its options adopted so far in index order: site s's are the first
  /// site_adopted_count_[s] of its block [option_begin[s], option_begin[s + 1]).
  std::vector<model::Index> site_adopted_;
  std::vector<model::Index> site_adopted_count_;
  /// The run's contracts by item, in contract order (CSR: item k's are
  /// infra_contract_[infra_contract_begin_[k] … infra_contract_begin_[k + 1]]); rebuilt per run,
  /// as the reference and the scenario hold different contracts.
  std::vector<std::size_t> infra_contract_begin_;
  std::vector<std::size_t> infra_contract_;
  std::vector<std::size_t> infra_contract_next_;  ///< [infra] scratch while listing them
  std::vector<double> open_used_;      ///< [infra × years] open capacity in use
  /// [infra × years] for an option starting in year index y, the least open room left over the
  /// years it would rely on the item (open capacity − open_used_, NaN skipped; +inf if none):
  /// an option holding none of the item's contracts fits iff its need is at most this (response.cpp).
  std::vector<double> open_room_min_;
  std::vector<double> contract_used_;  ///< [contract × years] contracted capacity in use
  std::vector<double> projected_pool_t_;  ///< [pool × years] liable emissions if nothing else changes
  std::vector<double> projected_pool_start_t_;  ///< [pool × years] the same before the run's adoptions
  std::vector<double> pool_dpr_t_;        ///< [pool × years] DPRs allocated
  std::vector<double> rate_;              ///< [category × years] levy rate
  std::vector<DprPool> year_pool_;        ///< [category × years] its DPR pool (none: not liable)
  std::vector<DprFactors> year_dpr_factors_;  ///< [category × years] dpr_factors()
  /// [category × (years + tail)] expected_levy_price of the current decision year, remembered
  /// while its stamp is at least its pool's epoch: it changes only when an adoption moves that
  /// pool's projection, which starts a new epoch of that pool alone (response.cpp). levy_epoch_
  /// counts every epoch of the workspace's life, so no stamp of an earlier run or year is current.
  std::vector<double> levy_price_memo_;
  std::vector<std::uint64_t> levy_price_stamp_;
  std::array<std::uint64_t, kDprPoolCount> levy_pool_epoch_{1, 1};
  std::uint64_t levy_epoch_ = 1;
  std::vector<double> co2_value_;         ///< [years + tail] scratch: one site's CO2 value path
  std::vector<double> ets_value_;         ///< [years + tail] scratch: its ETS part alone
  std::vector<double> scale_;             ///< [years + tail] scratch: activity × ramp-up per year
  std::vector<double> year_emissions_;    ///< [site] scratch for the market
  std::vector<double> year_dpr_;
  std::vector<double> year_rate_;
  std::vector<double> year_bought_;
  std::vector<double> year_sold_;
  std::vector<LevyYear> levy_years_;      ///< [years] one site's accounts at a time
  bool levy_written_ = false;  ///< whether the outcome's levy columns may be non-zero (a full run)
  bool attribute_ = true;      ///< whether decisions record the instrument that made an option pay
  std::vector<model::Index> site_grid_;   ///< grid item serving each site's cluster
  std::vector<model::Index> site_hydrogen_;
  std::vector<std::vector<model::Index>> cluster_stores_;  ///< CO2 stores serving each cluster
  // SDE++ (sde.cpp): the year's ranked offers, industry's budget left in the round, and per
  // option its award (year index of the round, −1 none) and per exclusive group the round's year.
  std::vector<SdeOffer> sde_queue_;   ///< the year's offers in candidate order
  struct SdeRank {  // 16 bytes: the round's sort moves them (an option index fits a slot's type)
    double intensity_eur_per_t;
    model::Index option;
    model::Index slot;  ///< index in sde_queue_ (at most one offer per option)
  };
  std::vector<SdeRank> sde_rank_;  ///< the round's offers; [0, sde_sorted_) in ranking order
  std::vector<SdeRank> sde_rank_scratch_;  ///< scratch of the round's partition (sde.cpp)
  std::size_t sde_sorted_ = 0;
  std::size_t sde_next_ = 0;  ///< the next offer of the round (next_sde_offer)
  /// The intensity at which the last round closed (+inf: it reached every offer). The next round
  /// sorts the offers up to it first, and the rest only if it gets that far; the order is the
  /// same, and a round closes after about a third of its offers (data/nl).
  double sde_reach_eur_per_t_ = std::numeric_limits<double>::infinity();
  double sde_stage_eur_per_t_ = 0;  ///< the offers up to this intensity are sorted (sde.cpp)
  double sde_budget_left_ = 0;
  std::vector<int> sde_award_year_;
  std::vector<SdeOffer> sde_award_;
  std::vector<int> sde_group_year_;
  /// [years + tail] scratch: an award's subsidy per tonne in each year of its term (sde.cpp), for
  /// the option, first year and end year in sde_subsidy_for_ (kNone: none).
  std::vector<double> sde_subsidy_;
  struct {
    model::Index option = model::kNone;
    int start = 0, end = 0;
  } sde_subsidy_for_;
  /// [decision year × option] the offer the year's round made it in the set-up numbered
  /// sde_offer_set_up_[slot] (option kNone: it did not apply); empty unless remember_sde_offers().
  std::vector<SdeOffer> sde_offer_memo_;
  std::vector<std::uint32_t> sde_offer_set_up_;
  std::uint32_t set_up_number_ = 0;  ///< counts the fresh set-ups; 0 in sde_offer_set_up_ is none
  // Screening (npv_bound.cpp): per run, prefix sums Σ_{u<k} x(u)·d^u of the discount factor, the
  // ETS price and each energy price ([kBoundSeries × (years + tail + 1)]), and per site the lowest
  // and highest activity from each year on ([site × years]); per decision year, the same prefix
  // sums of each category's expected levy price as the year opens ([category × (years + tail + 1)]).
  std::vector<double> bound_prefix_;
  std::vector<double> activity_low_;
  std::vector<double> activity_high_;
  /// The activity the ranges above were made from, and whether every cell of it is at least 0: a
  /// set-up with the same activity keeps them (npv_bound.cpp). Empty at first, as the ranges of
  /// no activity are (nothing to range, nothing below 0).
  std::vector<double> ranged_activity_;
  bool activity_valid_ = true;
  std::vector<double> bound_levy_prefix_;
  std::vector<int> bound_levy_year_;  ///< [category] decision year its levy prefix is for, −1 none
  std::vector<std::size_t> bound_levy_end_;  ///< [category] its prefix is made up to p[end]
  /// [option × CapitalOver] option_capital_cost over its lifetime and over its SDE++ term, NaN
  /// until asked for in the set-up (response.cpp remembered_capital_cost; a capex that is NaN is
  /// asked again, with the same answer).
  std::vector<double> capital_eur_per_yr_;
  /// [option] lround(lifetime) in years (the NPV's horizon; asked for every candidate).
  std::vector<int> option_life_;
  /// [option] the hydrogen transport capacity it needs, MW (response.cpp hydrogen_mw; asked for
  /// every offer, candidate and adoption that looks for room: two divisions each).
  std::vector<double> option_hydrogen_mw_;
  /// [infra × years] for an option starting in year index y, the last year index it relies on the
  /// item (the year before the item closes, else the horizon; response.cpp), per run.
  std::vector<int> last_relied_;
  /// The run's screen (npv_bound.cpp run_npv_bound): per series of bound_prefix_, the lowest
  /// and the highest price from year index t on ([kBoundSeries × (years + tail)]); per category
  /// the highest levy rate (at least 0) from t on ([category × years]); Σ_{k<L} d^k per lifetime
  /// L ([longest lifetime + 1]); and the options the run's decision years go through, and which
  /// of them cannot reach what they need without an SDE++ award (response.cpp list_run_options).
  std::vector<double> bound_suffix_low_;
  std::vector<double> bound_suffix_high_;
  std::vector<double> rate_high_;
  std::vector<double> discount_sum_;
  std::vector<model::Index> run_options_;
  std::vector<std::uint8_t> run_hopeless_;  ///< [option] 1: below what it needs in every decision year
  /// [option] the run's bound on its NPV at the start (npv_bound.cpp run_npv_bound), once computed
  /// (run_bound_known_); kept with the rest of the set-up (SetUp::kept_but_package).
  std::vector<double> run_bound_eur_;
  std::vector<std::uint8_t> run_bound_known_;
  /// The inputs the set-up above was made for (SetUp), nullptr before the first run.
  const Inputs* set_up_for_ = nullptr;
  double bound_factor_low_ = 1;   ///< the least d^n, 0 ≤ n ≤ years + tail (discounting to a decision)
  double bound_factor_high_ = 1;  ///< the greatest
  double bound_undiscount_ = 1;       ///< (1 + r)^y of the current decision year
  bool bounds_valid_ = false;         ///< false: this run's inputs allow no bound (negative prices…)
  bool levy_bounded_ = false;         ///< false: a levy rate or pool total is not finite (npv_bound.cpp)
};

/// Base-year tonnes option i would remove at its site given the options adopted so far in `ws`
/// (docs/model.md "Options that add up"): a section option its −Δ times the share left by the
/// site's remaining-acting options; a remaining-acting option its share f = −Δ / E0 of what the
/// site's sections leave.
double marginal_reduction_t(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i);

/// Emissions of option `add`'s site in year index y if `add` operated there at full output and
/// `remove` (kNone: none) did not, the site's other options as in `outcome`: what a replacement
/// would leave (optimize/build_problem.cpp).
double site_emissions_with(const model::Model& model, const Inputs& in, const Outcome& outcome, int y,
                           model::Index add, model::Index remove);

/// Records option i as taken at its site in `ws` (the state marginal_reduction_t reads): a section
/// option adds its −Δ to the site's section cut, a remaining-acting option multiplies what is
/// left by (1 − f).
void add_to_site(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i);

/// Tonnes each option operating in year index y removes (into `out`, one per option; 0 for the
/// rest): the site's reduction E0·A − E split over its operating options in proportion to what
/// each would remove alone. They add up to the site's reduction exactly.
void option_reductions(const model::Model& model, const Inputs& in, const Outcome& outcome, int y,
                       std::span<double> out);

/// What a run accounts for. `emissions` is the lean mode Monte Carlo uses (its record reads only
/// total_emissions_t and support_outlay_eur, analysis/montecarlo.cpp): steps 0–3 and the emissions
/// of step 5 exactly as a full run has them, but no DPR market, levy owed or carry-back (step 4's
/// accounting, which no decision reads: firms value the levy from the pools' projections and
/// rates, laid out before the first decision). The levy columns of the outcome are then 0. Nor
/// does it attribute an option adopted in a decision year to the instrument that made it pay
/// (its NPV at the ETS price alone, which no decision reads either): its option_instrument is
/// Instrument::none; committed projects keep Instrument::committed.
///
/// `target_total` is `emissions` for a caller that reads only total_emissions_t of last_year (the
/// reference and levy-only runs of a Monte Carlo draw, the outlook's per-deal runs). It accounts
/// that year alone, and decides only in the years whose decisions can change it: an option decided
/// in year index y operates from y + its lead time at the earliest (response.cpp decide), and a
/// site's emissions count only the options operating (output_share), so once y plus the least lead
/// time of the run's options is past last_year no decision can move its total. That total is the
/// other modes' bit for bit (tests/sim/target_total_test.cpp); the outcome's other years (each
/// site's emissions_t in them are left from the workspace's last run), its decisions from the first
/// skipped year on and their support are not the run's.
///
/// `path_and_outlay` is `emissions` for a caller that reads only total_emissions_t and
/// support_outlay_eur up to last_year (Monte Carlo's full run). Past the years target_total
/// decides in, a decision year can change only the year's support, which the package pays only to
/// an option of a delivering deal or one with a support cap (response.cpp decide); once no such
/// option is left undecided with its exclusive group open, no later year can pay any, and the run
/// stops deciding. Both columns are the other modes' bit for bit
/// (tests/sim/target_total_test.cpp); the decisions left out are not, and each site's emissions_t
/// past last_year are left from the workspace's last run.
enum class Accounting : std::uint8_t { full, emissions, target_total, path_and_outlay };

/// What a run may keep of the workspace's last run instead of computing it again.
enum class SetUp : std::uint8_t {
  /// Everything from the inputs.
  fresh,
  /// The workspace's last run had these same inputs, the same object unchanged, but for
  /// package_enabled (Monte Carlo's levy-only and full runs of one draw): the levy rates, the
  /// pools' projections and DPRs, and the screen's run-wide bounds, none of which depends on the
  /// package, are kept (issue 21). The run's outcome is the fresh one's bit for bit
  /// (tests/sim/set_up_test.cpp). Inputs changed in place in any other way are the caller's error;
  /// other inputs (another object) get a fresh set-up.
  kept_but_package,
  /// Everything from the inputs but the SDE++ offers the workspace remembers from its last set-up
  /// (Workspace::remember_sde_offers), which the caller has found to be these inputs' too
  /// (same_sde_offers, sde.hpp): Monte Carlo's reference and levy-only runs of one draw, whose
  /// policies differ but not their world (issue 21).
  fresh_but_offers,
};

/// Runs years start_year … end_year (DESIGN §1). Reads model and inputs, writes only into `ws`.
///
/// `last_year` ends the run early, after that year: the outcome's years up to it are bit-identical
/// to a full run's (a decision in year y starts an option no earlier than y, and the levy rates and
/// the pools' projections are laid out for the whole horizon first), later years stay 0, and
/// carry-back only sees the years run. Monte Carlo stops at the target year, which skips most of
/// the decision years (analysis/montecarlo.hpp).
void simulate(const model::Model& model, const Inputs& inputs, Workspace& ws,
              int last_year = std::numeric_limits<int>::max(), Accounting accounting = Accounting::full,
              SetUp set_up = SetUp::fresh) noexcept;

}  // namespace decarbfund::sim
