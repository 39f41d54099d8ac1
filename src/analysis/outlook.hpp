#pragma once
// The 2030 outlook (issue 3): does industry reach the lot's target on a given policy, how far off
// is it, and where does the reduction come from? Three runs of simulate() give the target
// accounting by counterfactuals (DESIGN §4.3):
//   reference  R = the reference's policy (Klimaatakkoord levy, package off) in the scenario's
//                  world (model/scenario_world.hpp: one world, two policies);
//   levy-only  L = the scenario with its package switched off;
//   full       F = the scenario as it is.
// Achieved = E_R − E_F in the target year; levy leg = E_R − E_L; package leg = E_L − E_F. The
// order (levy first, then package) is stated; the legs add up to the total by construction.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/hindcast.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis {

/// SDE++ in one run (docs/model.md "SDE++"): its own instrument line, never the levy's or the
/// package's. SDE++ is part of the world, on in every run of an outlook or in none, so both sides
/// of each target leg have it and the legs exclude its tonnes by construction.
struct SdeSummary {
  bool enabled = false;
  std::size_t options = 0;     ///< options holding an award and adopted by the target year
  double reduction_t = 0;      ///< their target-year tonnes (sim::option_reductions)
  double committed_eur = 0;    ///< Σ obligations of rounds up to the target year (budget counted)
  double expected_eur = 0;     ///< Σ their expected payments over the term at the run's prices
  /// Of the options: those SDE++ made pay (attributed sde: ETS and the levy alone did not).
  std::size_t options_needing_sde = 0;
};

/// One run's inputs and outcome.
struct OutlookRun {
  std::string label;  ///< "reference", "levy_only", "full"
  sim::Inputs inputs;
  sim::Outcome outcome;
  SdeSummary sde;
};

/// SDE++'s line of one run at target year index t.
SdeSummary summarise_sde(const model::Model& model, const sim::Inputs& in, const sim::Outcome& out, int t);

/// A site's contribution: reference minus full emissions in the target year.
struct SiteReduction {
  model::Index site = model::kNone;
  double reduction_t = 0;
  double levy_eur = 0;  ///< levy owed in the target year (full run)
};

/// A line of the package leg: an instrument (a company's maatwerk projects, the SME scheme) and
/// the tonnes credited to it; the interaction line makes the lines add up to the leg (a supported
/// project can take grid or storage another option would have used, or lower the DPR price).
struct InstrumentCredit {
  std::string instrument;
  /// Target-year tonnes of its own supported options in the run where every deal delivers
  /// (sim::option_reductions: production and ramp-up included, a site's stacked options sharing
  /// its reduction). The lines plus the interaction line add up to the package leg.
  double reduction_t = 0;
  double support_eur = 0;  ///< support committed over the horizon
  /// A deal's own effect on target-year emissions (issue 14): how much higher they are when this
  /// deal falls through and the others stay as they are (leave one out), and how much lower than
  /// the levy-only run when it is the package's only deal (add one in). 0 for other lines.
  double leave_one_out_t = 0;
  double add_one_in_t = 0;
  /// For a maatwerk deal's line: the deal id, its phase, the probability that it delivers
  /// (phases.yaml) and the expected tonnes p × reduction_t (docs/deals.md). Other lines: empty
  /// deal, probability 1, expected = reduction.
  std::string deal;
  std::string phase;
  double probability = 1;
  /// p × the deal's own effect (leave one out); for other lines their tonnes.
  double expected_t = 0;
  double committed_t = 0;  ///< the deal's committed reduction in the target year (its file)
  /// The deal file's phase when `package.deal_phase` changed it (then `phase` is the lever's);
  /// empty otherwise.
  std::string phase_in_file;
  /// Whether the deal fits in `package.deal_budget_eur` (always true without a budget); an
  /// unfunded deal's line has no support and no tonnes. `not_funded` says why ("budget").
  bool funded = true;
  std::string not_funded;
};

/// The package levers a run was made with (docs/scenarios.md "package"), for the reports' header.
struct PackageLeverSummary {
  /// deal id → {phase in effect, phase in the deal file}, for each `package.deal_phase` entry.
  std::map<std::string, std::pair<std::string, std::string>> deal_phase;
  std::optional<double> deal_budget_eur;
  double deal_max_support_funded_eur = 0;  ///< Σ max_support_eur of the funded deals
  std::vector<std::string> deals_not_funded;  ///< ids, in the budget's ranking order
  std::optional<double> sme_budget_eur;
  /// The fund's free maatwerk money the deals were limited by (issue 18; none: no ledger) and the
  /// new (not yet committed) support of the funded deals.
  std::optional<double> fund_free_eur;
  double fund_new_support_eur = 0;
  /// Whether the fund's money left a deal unfunded (the header then names it).
  bool fund_binds = false;
  bool any() const { return !deal_phase.empty() || deal_budget_eur || sme_budget_eur || fund_binds; }
};

struct DealLevers;
/// What `scenario`'s package levers did to `deals` (`levers` = apply_deal_levers of them; both
/// null when the run has no deal files): the reports' header of the outlook and Monte Carlo.
PackageLeverSummary summarise_levers(const model::Scenario& scenario, const model::DealBook* deals,
                                     const DealLevers* levers);

/// The maatwerk deals and the phase table an outlook runs with (data/nl/deals/).
/// The SME scheme's part of the package (issue 5 §5): a round's awards turned into expected
/// reduction per year by analysis::sme_contribution (realisation rate and delay). SMEs are not
/// sites of the dataset, so their tonnes are subtracted from the full run's total emissions and
/// credited to one package line; they do not enter the DPR market (most SMEs are outside the levy).
struct SmeInput {
  std::string label;  ///< e.g. "veki-2024 (fcfs), 5000 generated firms, seed 20261128"
  std::vector<double> reduction_t_by_year;  ///< index year − start_year of the outlook
  double budget_used_eur = 0;
  std::size_t awarded = 0;
};

using DealBook = model::DealBook;

/// An infrastructure item that limited the response.
struct Bottleneck {
  model::Index infra = model::kNone;
  double used_target_year = 0;      ///< MW or t/yr in use in the target year (full run)
  double capacity_target_year = 0;  ///< capacity in the target year
  double blocked_t = 0;  ///< Σ reduction of options it blocked that never went ahead
  int options_blocked = 0;
};

/// One point of the national MACC in the target year: one option per exclusive group (the one
/// adopted in the full run, else the cheapest), its tonnes what it adds at its site after the
/// cheaper points there (so the curve's total cannot exceed what the sites emit).
struct MaccPoint {
  model::Index option = model::kNone;
  double cost_eur_per_t = 0;
  double reduction_t = 0;
  bool adopted = false;  ///< in the full run by the target year
};

struct Outlook {
  std::string scenario;
  std::string scenario_file;
  std::string reference_scenario;
  std::string policy_version;
  std::string reference_policy_version;
  /// World keys the reference file set differently from the scenario; the reference run used the
  /// scenario's (model::reference_with_world_of). Reports name them in their header.
  std::vector<std::string> reference_world_replaced;
  std::uint64_t seed = 0;
  int start_year = 0;
  int target_year = 0;
  double required_t = 0;
  double levy_leg_required_t = 0;
  double package_leg_required_t = 0;
  /// The headline is expected values (issue 14): each deal at its phase's probability, projects
  /// ramping up in their first year. achieved = levy leg + expected package leg; gap = required −
  /// achieved (negative: target exceeded).
  double achieved_t = 0;
  double levy_leg_t = 0;
  double gap_t = 0;
  /// Expected package leg: the every-deal-delivers leg less Σ_deals (1 − p) × the deal's own
  /// effect (leave one out) — linear in the deals, so interactions between two deals that both
  /// fall through are left out (Monte Carlo gives the distribution; docs/outlook.md).
  double package_leg_expected_t = 0;
  /// The same figures if every deal delivers (the full run as it is).
  double package_leg_t = 0;
  double achieved_if_every_deal_delivers_t = 0;
  double gap_if_every_deal_delivers_t = 0;
  /// How well the model reproduced the last published year (analysis/hindcast.hpp); none when
  /// the dataset publishes no NEa total.
  std::optional<HindcastSummary> hindcast;
  /// P(target met) from a small Monte Carlo of the same runs (`outlook --draws N`,
  /// estimate_p_target_met; 0 draws: not computed).
  std::uint32_t quick_draws = 0;
  double p_target_met = 0;
  std::string deals_dir;  ///< where the deals came from; empty when none were loaded
  PackageLeverSummary levers;
  std::vector<OutlookRun> runs;  ///< reference, levy_only, full
  std::vector<SiteReduction> top_sites;  ///< by reduction, largest first (all sites with one)
  std::vector<InstrumentCredit> package_credits;
  /// Package tonnes in the target year by who funds the infrastructure they hang on
  /// ("none" = no shared infrastructure needed).
  std::map<std::string, double> package_t_by_infrastructure_funder;
  std::vector<Bottleneck> bottlenecks;
  std::vector<MaccPoint> macc;  ///< sorted by cost
  /// Target-year emissions before options of the sites the MACC's points are at: what the curve
  /// acts on, and so more than its total (issue 13).
  double macc_site_emissions_t = 0;

  const sim::Outcome& full() const { return runs[2].outcome; }
  const sim::Outcome& reference() const { return runs[0].outcome; }
  int target_index() const { return target_year - start_year; }
};

/// Runs the outlook of `scenario` against `reference` on `model`.
/// With `deals`, each deal's projects get its support cap and infrastructure priority in the full
/// run, and the package leg is reported per deal with its expected value. The scenario's package
/// levers apply (analysis/package_levers.hpp): deals in their `package.deal_phase` phase, only the
/// deals that fit `package.deal_budget_eur` funded. `sme` is built by the caller with the round's
/// budget replaced by `package.sme_budget_eur` (apply_sme_budget). Throws core::Error for a
/// deal_phase entry that names no deal of `deals`.
Outlook run_outlook(const model::Model& model, const model::Scenario& scenario,
                    const model::Scenario& reference, const DealBook* deals = nullptr,
                    const SmeInput* sme = nullptr);

/// Fills `out.p_target_met` and `out.quick_draws` from `draws` Monte Carlo draws of the same
/// inputs with the scenario's seed (analysis/montecarlo.hpp); nothing for 0 draws.
void estimate_p_target_met(const model::Model& model, const model::Scenario& scenario,
                           const model::Scenario& reference, const DealBook* deals, const SmeInput* sme,
                           std::uint32_t draws, Outlook& out);

namespace detail {
/// The package leg's lines (outlook_deals.cpp): per deal its credited tonnes, own effect (leave
/// one out, add one in) and expected tonnes; per company for projects without a deal; the SME
/// scheme; the interaction line. Sets package_credits, package_leg_expected_t and
/// package_t_by_infrastructure_funder of `out` (whose runs are done). `ws` is the workspace of
/// the full run, still holding its outcome (its total before the SME scheme's tonnes come off);
/// the own-effect runs reuse it.
void credit_package(const model::Model& model, const DealBook* deals, const struct DealLevers* levers,
                    const SmeInput* sme, sim::Workspace& ws, Outlook& out);
}  // namespace detail

}  // namespace decarbfund::analysis
