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

#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis {

/// One run's inputs and outcome.
struct OutlookRun {
  std::string label;  ///< "reference", "levy_only", "full"
  sim::Inputs inputs;
  sim::Outcome outcome;
};

/// A site's contribution: reference minus full emissions in the target year.
struct SiteReduction {
  model::Index site = model::kNone;
  double reduction_t = 0;
  double levy_eur = 0;  ///< levy owed in the target year (full run)
};

/// A line of the package leg: an instrument (a company's maatwerk projects, the SME scheme) and
/// the tonnes credited to it; "levy crowd-out" is the interaction line that makes the lines add
/// up to the leg (package tonnes lower the DPR price, so some levy-driven options no longer pay).
struct InstrumentCredit {
  std::string instrument;
  double reduction_t = 0;
  double support_eur = 0;  ///< support committed over the horizon
  /// For a maatwerk deal's line: the deal id, its phase, the probability that it delivers
  /// (phases.yaml) and the expected tonnes p × reduction_t (docs/deals.md). Other lines: empty
  /// deal, probability 1, expected = reduction.
  std::string deal;
  std::string phase;
  double probability = 1;
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
  bool any() const { return !deal_phase.empty() || deal_budget_eur || sme_budget_eur; }
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

/// One point of the national MACC in the target year.
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
  double achieved_t = 0;
  double levy_leg_t = 0;
  double package_leg_t = 0;
  double gap_t = 0;  ///< required − achieved (negative: target exceeded)
  /// Package leg if each deal delivers with its phase's probability (docs/deals.md):
  /// package_leg_t − Σ_deals (1 − p) × deal tonnes — a linear estimate that ignores interactions
  /// between deals (Monte Carlo gives the distribution). Equals package_leg_t without deals.
  double package_leg_expected_t = 0;
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

}  // namespace decarbfund::analysis
