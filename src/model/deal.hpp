#pragma once
// A maatwerk deal (maatwerkafspraak): the reciprocal agreement between the state and one of the
// largest emitters (DESIGN §3, policy.md §2). The company commits to reduction beyond the levy,
// a climate-neutral year and a better living environment; the state to support, infrastructure
// and permits. Files: data/nl/deals/*.yaml, format in docs/deals.md. Deals are few and read at
// the edges (assessment, registry, resolving the outlook's inputs), so they are rows of strings,
// not columns.

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace decarbfund::model {

/// Phase of a deal (policy.md §2.2): exploration (verkenning) → Expression of Principles →
/// (early support for one project, as Yara's CCS grant) → Joint Letter of Intent → binding
/// agreement → implementation; `paused` and `stopped` are the exits. Spelled as in the files.
enum class DealPhase : std::uint8_t {
  exploration,
  eop,
  early_support,
  jloi,
  binding,
  implementation,
  paused,
  stopped,
};
inline constexpr std::size_t kDealPhaseCount = 8;
inline constexpr std::array<std::string_view, kDealPhaseCount> kDealPhaseNames = {
    "exploration", "eop", "early_support", "jloi", "binding", "implementation", "paused", "stopped"};

inline std::string_view phase_name(DealPhase p) { return kDealPhaseNames[static_cast<std::size_t>(p)]; }
inline std::optional<DealPhase> parse_phase(std::string_view s) {
  for (std::size_t i = 0; i < kDealPhaseCount; ++i) {
    if (kDealPhaseNames[i] == s) {
      return static_cast<DealPhase>(i);
    }
  }
  return std::nullopt;
}

/// Whether a deal may move from `from` to `to` (policy.md §2.2 state machine): one step forward
/// along the chain (early support is optional: an EoP may go straight to a JLoI), or to `paused` /
/// `stopped` from any active phase. A paused deal resumes only to the phase it was paused from
/// (`paused_from`) or stops; `stopped` is final.
inline bool transition_allowed(DealPhase from, DealPhase to, std::optional<DealPhase> paused_from = {}) {
  using P = DealPhase;
  if (from == P::stopped || from == to) {
    return false;
  }
  if (from == P::paused) {
    return to == P::stopped || (paused_from && to == *paused_from);
  }
  if (to == P::paused || to == P::stopped) {
    return true;
  }
  switch (from) {
    case P::exploration: return to == P::eop;
    case P::eop: return to == P::early_support || to == P::jloi;
    case P::early_support: return to == P::jloi;
    case P::jloi: return to == P::binding;
    case P::binding: return to == P::implementation;
    default: return false;
  }
}

/// One step of a deal's history: the phase entered, when, and the public source.
struct DealEvent {
  DealPhase phase = DealPhase::exploration;
  std::string date;  ///< YYYY-MM-DD
  std::string source;
  std::string note;
};

/// A committed project: options of the dataset (exact id, or a prefix ending in `*` for a
/// multi-plant project, data-sources.md "split rule") and the year it is to operate.
struct DealProject {
  std::string option;  ///< "X-NOBIAN-ELECTRIFICATION-*" or an exact option id
  int start_year = 0;
  std::string note;
};

/// A living-environment or other co-benefit commitment (NOx, NH3, gas, water, …) as numbers where
/// the source gives them (issue 17 §3): a baseline in `unit`, and the committed change as an
/// amount (Nobian: NOx −430 t/yr) or a share (Air Liquide: NOx −38 %). The registry monitors the
/// value against the committed level (docs/deals.md "Co-benefits").
struct DealCoBenefit {
  std::string what;        ///< e.g. "NOx", "NH3", "natural gas"
  std::string commitment;  ///< in words, as the source states it
  std::string unit;        ///< of baseline, change and the monitored value ("t/yr", "m3/yr"); "" unquantified
  double baseline = 0;     ///< in `unit`; 0 when not stated
  double change = 0;       ///< committed change in `unit` (−430 for "NOx −430 t/yr"); 0 when given as a share
  double change_pct = 0;   ///< e.g. −10 for "NOx −10 %"; 0 when not quantified
  int by_year = 0;         ///< 0 when not stated
  /// The committed level in `unit`: baseline + change, or baseline × (1 + change_pct / 100);
  /// nullopt when the file states no baseline for a share, or no change at all.
  std::optional<double> committed_level() const {
    if (change != 0 && baseline > 0) {
      return baseline + change;
    }
    if (change_pct != 0 && baseline > 0) {
      return baseline * (1 + change_pct / 100);
    }
    return std::nullopt;
  }
};

/// A payment the state schedules (EUR, price year of the dataset).
struct DealPayment {
  int year = 0;
  double amount_eur = 0;
};

/// Infrastructure the state reserves or arranges for the deal (grid MW by date, a CO2 slot).
struct DealInfrastructure {
  std::string infra;  ///< infrastructure id of the dataset
  double amount = 0;  ///< MW (grid, hydrogen) or t/yr (CO2 storage)
  int from_year = 0;
  std::string note;
};

/// Public support for the deal's projects from outside the package (issue 17 §5): SDE++, the EU
/// Innovation Fund, NIKI, other grants. Stacked with the package's support against the funding
/// gap (docs/deals.md "State aid: stacking").
struct DealOtherSupport {
  std::string id;      ///< fact name `other_support.ID`
  std::string scheme;  ///< "sde++", "innovation_fund", "niki" or "other"
  double amount_eur = 0;
  int year = 0;        ///< year awarded; 0 when not stated
  std::string note;
};
inline constexpr std::array<std::string_view, 4> kSupportSchemeNames = {"sde++", "innovation_fund", "niki", "other"};

/// One element of the company's plan to climate neutrality beyond the committed projects (issue 17
/// §7): a project toward climate-neutral or circular production or a breakthrough project, the
/// year it is to run, the tonnes it is to avoid (t/yr, against the baseline), and what the model
/// knows of it: options of the dataset (`option`, exact or prefix*) and infrastructure it needs.
struct DealPlanElement {
  std::string id;  ///< fact name `long_term_plan.ID`
  std::string what;
  int year = 0;
  double reduction_t = 0;
  std::string option;             ///< "" when the dataset has no option for it
  std::vector<std::string> infra; ///< infrastructure ids it depends on
};

/// The company's path to climate neutrality and the "future perspective" it stands for (issue
/// 17 §7): plan elements, and value added and employment where public (0: not public).
struct DealLongTermPlan {
  std::vector<DealPlanElement> elements;
  double value_added_eur = 0;  ///< per year, as the source states it
  int employment = 0;          ///< jobs (fte or persons, as the source states)
  std::string future_perspective;  ///< in words, as the source states it
};

/// A milestone the company must reach (FID, start of construction, start of operation …).
struct DealMilestone {
  std::string id;
  std::string name;
  std::string due;  ///< YYYY-MM-DD
};

/// Years of permit delay the state's permit acceleration saves a deal's options (estimate: no
/// published figure). The Monte Carlo draws each option's permit delay (model::Uncertainty,
/// 0–2 years); the state can speed up its own part — one coordinated procedure and decision
/// instead of sequential permits (Omgevingswet projectprocedure, rijkscoördinatieregeling) — but
/// not appeals, so acceleration takes at most one year off a drawn delay (docs/deals.md). The
/// Kamerbrief of 24 March 2023 (kst-32813-1193) puts the gain of more permitting staff and
/// coordinated procedures at "up to two years": one is the middle of 0 and 2, not a stated figure.
inline constexpr int kPermitAccelerationYr = 1;

/// What the state committed to deliver in a deal (issue 17 §2, docs/deals.md "The state's
/// obligations"): an infrastructure item by a date (a grid connection, a CO2 transport and storage
/// slot), a permit milestone, or a support tranche. A late obligation moves the company's
/// milestones the deal makes depend on it (`shifts`) by the state's delay.
enum class ObligationKind : std::uint8_t { infrastructure, permit, support };
inline constexpr std::array<std::string_view, 3> kObligationKindNames = {"infrastructure", "permit", "support"};

/// Status of an obligation as last recorded: `open` (not yet due or not yet met), `met` (on
/// `status_date`), `late` (the party said it will miss the due date; `expected` is the new
/// date), `cancelled` (no longer owed; the shifted milestones do not move).
enum class ObligationStatus : std::uint8_t { open, met, late, cancelled };
inline constexpr std::array<std::string_view, 4> kObligationStatusNames = {"open", "met", "late", "cancelled"};

struct DealObligation {
  std::string id;
  ObligationKind kind = ObligationKind::infrastructure;
  std::string what;      ///< in words, as the source states it
  std::string infra;     ///< infrastructure id of the dataset (kind infrastructure); may be empty
  std::string due;       ///< YYYY-MM-DD
  ObligationStatus status = ObligationStatus::open;
  std::string status_date;  ///< met: when; late: when it was reported; "" otherwise
  std::string expected;     ///< late: the new expected date; "" when not known
  /// Ids of the company's milestones that move with this obligation's delay ("as the deal says").
  std::vector<std::string> shifts;
};

/// How support is clawed back (policy.md §2.8, §2.9).
enum class ClawBackRule : std::uint8_t { none, pro_rata_shortfall, profit_share };
inline constexpr std::array<std::string_view, 3> kClawBackRuleNames = {"none", "pro_rata_shortfall",
                                                                       "profit_share"};

/// What delivery is measured on (issue 17 §4, docs/deals.md "Intensity"): `absolute`, baseline −
/// verified emissions; or `intensity`, baseline − verified emissions ÷ production index, the
/// reduction at the baseline's production, so that a production cut does not count as delivery.
enum class DeliveryMeasure : std::uint8_t { absolute, intensity };
inline constexpr std::array<std::string_view, 2> kDeliveryMeasureNames = {"absolute", "intensity"};

struct ClawBack {
  ClawBackRule rule = ClawBackRule::none;
  DeliveryMeasure measure = DeliveryMeasure::absolute;  ///< the delivery a shortfall is measured on
  /// pro_rata_shortfall: share of the paid support repaid per unit of tonnes shortfall share
  /// (1 = fully pro rata). profit_share: share of the excess profit repaid.
  double share = 1.0;
  /// profit_share: the business case's projected profit per year (EUR); excess = realised − this.
  std::map<int, double> projected_profit_eur;
  std::string basis;  ///< "stated" or the assumption made
};

/// Thresholds of the monitoring status (docs/deals.md "Status").
struct DealMonitoring {
  double on_track_tolerance = 0.05;  ///< on track when realised ≥ (1 − this) × committed
  double breach_below = 0.80;        ///< breached when realised < this × committed
};

/// One deal, as read from its file.
struct Deal {
  std::string file;  ///< path it was read from
  std::string id;    ///< e.g. "nobian"
  std::string company;
  std::vector<std::string> sites;  ///< site ids of the dataset
  DealPhase phase = DealPhase::exploration;
  std::vector<DealEvent> history;  ///< oldest first; the last entry's phase is `phase`

  // Company commitments.
  std::vector<DealProject> projects;
  /// Committed reduction against `baseline_emissions_t`, t/yr by year (absolute, not additional).
  std::map<int, double> committed_reduction_t;
  int baseline_year = 0;
  double baseline_emissions_t = 0;  ///< 0: Σ the sites' emissions in the dataset
  /// What the source says the deal adds beyond existing policy (the Klimaatakkoord and the levy),
  /// t/yr by year, as the EoP states it (Shell 0.5 Mt, BP 0.2 Mt, Air Liquide 0.25 Mt); empty
  /// when not stated. Shown next to the assessment's own additionality.
  std::map<int, double> stated_additional_t;
  int climate_neutral_year = 0;     ///< 0 when not committed
  std::vector<DealCoBenefit> co_benefits;
  int stay_invested_until = 0;  ///< 0 when not committed

  // Government commitments.
  double max_support_eur = 0;
  std::string max_support_basis;  ///< "stated" or the assumption made
  std::vector<DealPayment> payments;
  double performance_linked_share = 0;  ///< share of the support paid only on verified tonnes
  std::vector<DealInfrastructure> infrastructure;
  bool permit_acceleration = false;
  /// Public support from outside the package (issue 17 §5).
  std::vector<DealOtherSupport> other_support;
  /// The state's obligations with due dates and status (issue 17 §2); empty when the file states none.
  std::vector<DealObligation> state_obligations;
  /// Whether a generic instrument (SDE++-like) is excluded for a stated reason, e.g. Yara's
  /// storage outside the EU; empty = let the assessment decide from the technology.
  std::string generic_instrument_excluded;

  DealLongTermPlan long_term_plan;

  std::vector<std::string> conditions;
  std::vector<std::string> exit_clauses;
  ClawBack claw_back;
  DealMonitoring monitoring;
  std::vector<DealMilestone> milestones;
  std::vector<std::string> assumptions;  ///< unknown terms, stated
  std::vector<std::string> sources;      ///< URLs
  /// Each fact of the file (deal_facts) and the URL that states it (a source's `cites`).
  std::map<std::string, std::string> fact_sources;
  /// Facts an assumption stands in for (an assumption's `covers`).
  std::set<std::string> assumed_facts;

  /// Committed reduction in `year`: the value of the latest committed year ≤ year, 0 before the
  /// first (a commitment holds once reached).
  double committed_in(int year) const {
    double v = 0;
    for (const auto& [y, t] : committed_reduction_t) {
      if (y <= year) {
        v = t;
      }
    }
    return v;
  }
};

/// Probability that a deal in each phase delivers its committed tonnes by the target year
/// (data/nl/deals/phases.yaml, calibrated from the pipeline's history; docs/deals.md).
struct PhaseRealisation {
  std::array<double, kDealPhaseCount> probability{};
  std::array<std::string, kDealPhaseCount> basis;
  std::string file;
  double of(DealPhase p) const { return probability[static_cast<std::size_t>(p)]; }
};

/// The facts of a deal file that must cite a source or be covered by an assumption
/// (docs/deals.md "Sources"): `baseline_emissions_t`, `committed_reduction_t.YEAR`,
/// `stated_additional_t.YEAR`, `climate_neutral_year`, `max_support_eur`, `payments`,
/// `infrastructure`, `projects`, `milestones`, `co_benefits.WHAT`, `obligations.ID`,
/// `other_support.ID`, `long_term_plan.ID`, `employment`, `value_added_eur` — those the deal has. The
/// history's dates are not among them: each entry carries its own source.
std::vector<std::string> deal_facts(const Deal& deal);

/// The facts of `deal` that no source cites and no assumption covers, in deal_facts order.
std::vector<std::string> uncited_facts(const Deal& deal);

/// Whether option id `id` is named by project pattern `pattern` (exact, or prefix + `*`).
bool project_matches(std::string_view pattern, std::string_view id);

/// The deals of one directory and the realisation probability of each phase (phases.yaml).
struct DealBook {
  std::string dir;  ///< directory the deal files were read from
  std::vector<Deal> deals;
  PhaseRealisation phases;
};

/// Indices of the dataset's options a project names, in model order (empty when none match).
std::vector<Index> project_options(const Model& model, const DealProject& project);

}  // namespace decarbfund::model
