#pragma once
// Firm response (DESIGN §4.2): the decision rule applied to the economics of economics.hpp.
// In decision year y every site may adopt options: candidates are ranked by levelised EUR/t
// (merit order), and each is adopted when its NPV at the site's expected CO2 value clears the
// rule's threshold — with package support up to its funding gap where the package pays — and the
// infrastructure ledgers (grid MW per cluster, CO2 storage, hydrogen) have room from its first
// operating year on. One option per mutually-exclusive group, ever.

#include "sim/simulate.hpp"

namespace decarbfund::sim::detail {

/// The levy's expected marginal price for a site of `category` in pool `pool` in year index y, as
/// a firm sees it in decision year index `decided`: the levy rate times the chance the pool is
/// short (sim/levy_expectation.hpp; docs/model.md "The levy as firms expect it").
double expected_levy_price(const Inputs& in, const Workspace& ws, model::LevyCategory category,
                           DprPool pool, int decided, int y);

/// expected_levy_price() for decision year index `decided`, remembered until the next adoption in
/// the category's levy pool or the next decision year: within a decision year every site of a
/// category sees the same price path, and a path costs an erfc per year (the same bits as calling
/// expected_levy_price each time).
double remembered_levy_price(const Inputs& in, Workspace& ws, model::LevyCategory category, DprPool pool,
                             int decided, int k);

/// Forgets the remembered prices of pool `pool`'s categories (an adoption moved its projection;
/// the other pool's stay).
void forget_levy_prices(Workspace& ws, DprPool pool);

/// Hydrogen use as transport capacity: GJ/yr ÷ 3.6 = MWh/yr, ÷ full-load hours (8,000 where the
/// option states none) = MW. (Kept per option by the Workspace: Workspace::option_hydrogen_mw_.)
double hydrogen_mw(const model::Options& o, model::Index i);

/// Lists, per infrastructure item and first year, the last year an option relies on the item
/// (Workspace::last_relied_): the horizon, or the year before the item closes. Once per run.
void list_closures(const model::Model& model, const Inputs& in, Workspace& ws);

/// Recomputes Workspace::open_room_min_ for item `infra` (once per run after list_closures, and
/// after each reservation of its open capacity).
void update_open_room(const Inputs& in, Workspace& ws, model::Index infra);

/// What a yearly capital cost is spread over: the option's lifetime (its levelised EUR/t) or the
/// recovery years of its SDE++ base amount (sde.cpp).
enum class CapitalOver : std::uint8_t { lifetime, sde_term };

/// option_capital_cost of option i over `years` (which must be what `over` names for it: the same
/// all run), remembered per set-up (Workspace::capital_eur_per_yr_): a decision year asks it of
/// every candidate and SDE++ offer, and a CRF is a pow.
double remembered_capital_cost(const Inputs& in, Workspace& ws, model::Index i, double years, CapitalOver over);

/// Candidate c's operating cost in its first year (option_operating_cost), computed on first use:
/// most candidates are screened out before anything asks for it.
double candidate_operating_eur(const model::Model& model, const Inputs& in, Workspace::Candidate& c);

/// Adopts every project committed in this run (past FID; Inputs::option_committed_start) before
/// any decision: each takes its infrastructure first — its own contract, then open capacity — from
/// its stated first year, or from the first later year with room (docs/model.md "Committed
/// projects").
void adopt_committed(const model::Model& model, const Inputs& in, Workspace& ws);

/// Once per run, after prepare_npv_bounds: the options the run's decision years go through
/// (Workspace::run_options_, in option order). It leaves out what no decision year can adopt:
/// options that add emissions, need a package that is off, or are committed (adopt_committed
/// took them), and options whose NPV provably stays below what they need from every start and
/// decision year of the run (npv_bound.hpp run_npv_bound, below_in_run), unless they may apply for
/// SDE++ or a delivering deal holds them.
void list_run_options(const model::Model& model, const Inputs& in, Workspace& ws);

/// Whether the package may still pay an option of the run: one of a delivering deal, or one with a
/// support cap whose deal does not fall through, not yet decided and its exclusive group open
/// (decide() pays no other; Accounting::path_and_outlay).
bool package_may_pay_any(const model::Model& model, const Inputs& in, const Workspace& ws);

/// Takes the decisions of year index y.
void decide(const model::Model& model, const Inputs& in, Workspace& ws, int y);

}  // namespace decarbfund::sim::detail
