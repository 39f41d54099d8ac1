#pragma once
// The SME support scheme (DESIGN §3 "SME scheme", §4.4): the technique catalogue, a round's
// rules, the applications a round receives and the decision on each. VEKI (Versnelde
// klimaatinvesteringen industrie) is the model: policy.md §3.1–3.2, data-sources.md §3.2–3.3.
// Enumerators are spelled as in the data files (STYLE §2.2), so parsing and printing share the
// k* tables below.

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace decarbfund::model {

/// Theme of a technique; the round's base rate depends on it (VEKI: energy efficiency 30 %,
/// recycling 35 %, other CO2 measures 40 %, local infrastructure 50 % — policy.md §3.1).
enum class SmeTheme {
  energy_saving,
  renewable_heat,
  electrification,
  renewable_electricity,
  fuel_switch,
  circularity
};
inline constexpr std::string_view kSmeThemes[] = {"energy_saving",         "renewable_heat",
                                                   "electrification",       "renewable_electricity",
                                                   "fuel_switch",           "circularity"};
inline constexpr std::size_t kSmeThemeCount = std::size(kSmeThemes);

/// Firm size as the EU SME definition counts it (Commission Recommendation 2003/361/EC, Annex I
/// art. 2; model/firm_size.hpp derives it). Micro enterprises are small ones here: every rate
/// bonus we model treats them as small.
enum class FirmSize { small, medium, large };
inline constexpr std::string_view kFirmSizes[] = {"small", "medium", "large"};
inline constexpr std::size_t kFirmSizeCount = std::size(kFirmSizes);

/// How complete a catalogue row is (data-sources.md labels): ok, partial (inputs borrowed from
/// other cards and estimated) or gap (carried with what is known; not usable for generation).
enum class TechniqueStatus { ok, partial, gap };
inline constexpr std::string_view kTechniqueStatuses[] = {"ok", "partial", "gap"};

/// One SME GHG-reduction technique for one typical unit (data/nl/sme-techniques.csv). Unknown
/// figures (GAP rows) are NaN; a payback that never comes is +infinity.
struct Technique {
  std::string id;  ///< e.g. "T09"
  std::string name;
  SmeTheme theme = SmeTheme::energy_saving;
  std::string unit;                                          ///< what one unit is
  double investment_eur = std::numeric_limits<double>::quiet_NaN();  ///< EUR per unit
  double gas_saving_gj = std::numeric_limits<double>::quiet_NaN();   ///< GJ/yr per unit saved
  /// MWh/yr per unit of extra electricity use; negative is a saving.
  double electricity_delta_mwh = std::numeric_limits<double>::quiet_NaN();
  /// t CO2/yr per unit, net: gas × 56.6 kg/GJ − electricity × 0.30 kg/kWh (data-sources §3.3).
  double co2_reduction_t = std::numeric_limits<double>::quiet_NaN();
  /// t CO2/yr per unit at the firm's own installation (scope 1), what the industry target counts.
  double co2_direct_t = std::numeric_limits<double>::quiet_NaN();
  double lifetime_yr = std::numeric_limits<double>::quiet_NaN();
  double grid_need_mw = std::numeric_limits<double>::quiet_NaN();  ///< extra offtake, MW per unit
  double payback_yr = std::numeric_limits<double>::quiet_NaN();    ///< at the stated SME prices
  bool mandatory = false;  ///< payback ≤ 5 yr: required by the energy-saving obligation
  TechniqueStatus status = TechniqueStatus::ok;
  std::string basis;   ///< stated, derived or estimate
  std::string source;  ///< URLs, MIDDEN ids
};

/// What an application asks support for. VEKI and NIKI fund investments; DEI+ pilots (a new
/// technique tested in a representative setting) and demonstrations (a first user invests in an
/// installation that stays in use); MOOI research (industrial research and experimental
/// development by a consortium). docs/sme.md §3 cites the sources.
enum class ProjectType { investment, pilot, demonstration, research };
inline constexpr std::string_view kProjectTypes[] = {"investment", "pilot", "demonstration", "research"};
inline constexpr std::size_t kProjectTypeCount = std::size(kProjectTypes);

/// The instrument whose rules a round file holds (a label for the reports; the rules themselves
/// are the file's keys).
enum class Instrument { veki, dei, mooi, niki };
inline constexpr std::string_view kInstruments[] = {"veki", "dei", "mooi", "niki"};

/// How a round chooses among eligible applications.
enum class AllocationMode {
  fcfs,     ///< first come, first served by submission time (VEKI)
  ranking,  ///< ascending EUR per lifetime tonne (SDE++-like)
  points,   ///< weighted criteria with thresholds (German climate contracts, EU Innovation Fund)
  phases    ///< rising EUR/t ceilings with fenced budgets per theme (SDE++ 2023+ "hekjes")
};
inline constexpr std::string_view kAllocationModes[] = {"fcfs", "ranking", "points", "phases"};

/// Over which period the EUR/t cap counts the tonnes (policy.md §3.1 leaves VEKI's denominator
/// uncertain; SDE++ counts tonnes over the subsidy term, so `lifetime` is our default reading).
enum class CapPeriod { lifetime, annual };
inline constexpr std::string_view kCapPeriods[] = {"lifetime", "annual"};

/// A points criterion; each is scored 0–10 linearly between its `worst` and `best` values.
enum class PointsCriterion {
  eur_per_t,           ///< grant per lifetime tonne (lower is better)
  reduction_t_per_yr,  ///< claimed reduction (higher is better)
  grant_share,         ///< grant / eligible cost, "efficient use of funds" (lower is better)
  small_firm,          ///< 1 small, 0.5 medium, 0 large
  payback_yr,          ///< payback without aid (higher = less likely to happen anyway)
  sme_share            ///< SMEs among the consortium's parties (MOOI: SMEs work with others)
};
inline constexpr std::string_view kPointsCriteria[] = {"eur_per_t",  "reduction_t_per_yr", "grant_share",
                                                        "small_firm", "payback_yr",         "sme_share"};

struct PointsRule {
  PointsCriterion criterion = PointsCriterion::eur_per_t;
  double weight = 1;
  double worst = 0;      ///< value scoring 0 points
  double best = 1;       ///< value scoring 10 points
  double min_score = 0;  ///< threshold on this criterion's 0–10 score
};

/// One price phase: applications up to this subsidy intensity may enter (SDE++ 2024: EUR 75/t in
/// week 1 up to EUR 400/t; data-sources.md §2.3).
struct Phase {
  std::string name;
  double ceiling_eur_per_t = 0;
};

/// Prices and discount rate at which a round judges payback and NPV without aid.
struct RoundEconomics {
  double gas_eur_per_gj = 0;
  double electricity_eur_per_mwh = 0;
  double discount_rate = 0;
};

/// A round (openstelling) of the scheme: data/nl/rounds/*.yaml.
struct Round {
  std::string id;
  std::string name;
  Instrument instrument = Instrument::veki;
  std::string opens;   ///< ISO date-time
  std::string closes;  ///< ISO date-time
  double budget_eur = 0;  ///< subsidieplafond
  /// Base rate by theme (fraction of the eligible extra cost); NaN where the theme is not open.
  std::array<double, kSmeThemeCount> base_rate{};
  /// Points added by firm size (VEKI: +0.10 medium, +0.20 small).
  std::array<double, kFirmSizeCount> size_bonus{};
  /// Base rate by project type; where given (not NaN) it replaces the theme's base rate for that
  /// type (DEI+: pilots 25 % of the eligible cost whatever the theme).
  std::array<double, kProjectTypeCount> type_rate{
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  double max_rate = 1;              ///< rate never exceeds this (VEKI 70 %)
  double cap_per_project_eur = 0;   ///< VEKI 2024: EUR 30 m
  double cap_eur_per_t = 0;         ///< VEKI 2024–25: EUR 80/t
  CapPeriod cap_period = CapPeriod::lifetime;
  double min_grant_eur = 0;  ///< grants below this are refused
  double min_payback_yr = 5;  ///< eligible only if payback without aid > this
  std::vector<std::string> eligible_techniques;  ///< technique ids on the list
  /// Firm sizes that may apply (all by default; `[small, medium]` restricts a round to SMEs).
  std::array<bool, kFirmSizeCount> eligible_sizes{true, true, true};
  /// Project types the round opens (VEKI, NIKI: investment; DEI+: pilot, demonstration).
  std::array<bool, kProjectTypeCount> eligible_types{true, false, false, false};
  double min_lifetime_reduction_t = 0;  ///< NIKI: ≥ 100,000 t CO2-eq over the project's life
  double min_eligible_cost_eur = 0;     ///< MOOI: ≥ EUR 2 m eligible cost per project
  int min_consortium_parties = 1;       ///< MOOI: at least 3 independent firms
  int min_consortium_smes = 0;          ///< MOOI: SMEs among them (EST, see the round file)
  RoundEconomics economics;
  AllocationMode mode = AllocationMode::fcfs;
  std::vector<PointsRule> criteria;  ///< points mode
  double min_points = 0;             ///< points mode: threshold on the weighted 0–10 total
  std::vector<Phase> phases;         ///< phases mode, rising ceilings
  /// phases mode: budget reserved per theme (0 = none); the rest is the general pool.
  std::array<double, kSmeThemeCount> fence_eur{};
  bool fence_overflow = true;  ///< a fenced theme may draw on the general pool once its fence is spent
  /// Parameters the round file marks as estimated: key path (e.g. "budget_eur") and the reason
  /// no published figure was used.
  std::vector<std::pair<std::string, std::string>> estimated;
  std::vector<std::string> sources;
};

/// One application to a round (applications.csv).
struct Application {
  std::string id;
  std::string firm_id;
  /// The applicant's figures as the EU SME definition counts them (2003/361/EC Annex I art. 4–6:
  /// staff in annual work units, last approved accounts, own figures plus those of partner and
  /// linked enterprises, which the applicant adds up).
  double employees = 0;
  double turnover_eur = 0;
  double balance_sheet_eur = 0;
  FirmSize firm_size = FirmSize::small;  ///< derived from the three figures (classify_firm)
  std::string sector;
  std::string technique_id;
  SmeTheme theme = SmeTheme::energy_saving;  ///< the technique's, resolved at load
  ProjectType project_type = ProjectType::investment;
  int consortium_parties = 1;  ///< independent parties carrying the project (1: the applicant alone)
  int consortium_smes = 0;     ///< SMEs among them, the applicant included
  /// The grant applied for (NIKI: the bid); NaN: what the round's grant formula gives.
  double requested_grant_eur = std::numeric_limits<double>::quiet_NaN();
  double units = 1;
  double eligible_cost_eur = 0;  ///< extra cost vs the reference investment (VEKI)
  double claimed_reduction_t_per_yr = 0;
  std::string submitted_at;      ///< ISO date-time as given
  std::int64_t submitted_s = 0;  ///< seconds since 1970-01-01T00:00:00 (civil time, no zone)
  double gas_saving_gj = 0;          ///< GJ/yr saved
  double electricity_delta_mwh = 0;  ///< MWh/yr extra (negative = saved)
  double lifetime_yr = 0;
  /// Given by the applicant, or NaN: then computed at the round's prices and discount rate.
  double npv_without_aid_eur = std::numeric_limits<double>::quiet_NaN();
  double payback_without_aid_yr = std::numeric_limits<double>::quiet_NaN();
};

/// Why an application got nothing. Spelled as in awards.csv.
enum class RejectReason {
  none,
  firm_size_not_eligible,   ///< the round is closed to the applicant's size (e.g. SMEs only)
  project_type_not_open,    ///< e.g. an investment in a DEI+ round
  consortium_too_small,     ///< fewer parties or SMEs than the round asks (MOOI)
  technique_not_listed,
  payback_too_short,  ///< payback without aid ≤ 5 yr: mandatory under the energy-saving obligation
  no_reduction,
  below_min_size,  ///< lifetime reduction or eligible cost under the round's minimum (NIKI, MOOI)
  below_min_grant,
  above_eur_per_t_ceiling,
  below_points_threshold,
  budget_exhausted
};
inline constexpr std::string_view kRejectReasons[] = {
    "",                        "firm_size_not_eligible", "project_type_not_open", "consortium_too_small",
    "technique_not_listed",    "payback_too_short",      "no_reduction",          "below_min_size",
    "below_min_grant",         "above_eur_per_t_ceiling", "below_points_threshold", "budget_exhausted"};

/// Which term of the grant formula set the grant (DESIGN §4.4); `requested` when the amount
/// applied for (NIKI's bid) is below the formula's.
enum class BindingCap { rate, project_cap, eur_per_t_cap, requested };
inline constexpr std::string_view kBindingCaps[] = {"rate", "project_cap", "eur_per_t_cap", "requested"};

/// The decision on one application.
struct Award {
  std::size_t application = 0;  ///< index into the applications
  std::string application_id;
  std::string firm_id;
  FirmSize firm_size = FirmSize::small;
  std::string technique_id;
  SmeTheme theme = SmeTheme::energy_saving;
  ProjectType project_type = ProjectType::investment;
  bool awarded = false;
  bool eligible = false;  ///< passed the scheme's eligibility rules
  RejectReason reason = RejectReason::none;
  double requested_grant_eur = 0;  ///< the grant formula's result (whole euros)
  double grant_eur = 0;            ///< awarded (0 when rejected)
  BindingCap binding = BindingCap::rate;
  double rate = 0;  ///< pct(theme, size) applied
  double reduction_t_per_yr = 0;
  double lifetime_yr = 0;
  double eur_per_t = 0;  ///< requested grant per lifetime tonne
  double points = 0;     ///< points mode: weighted 0–10 score
  int phase = -1;        ///< phases mode: index of the phase it entered
  long decision_order = -1;  ///< position in the order the rule considered it (0-based)
  double npv_without_aid_eur = 0;
  double payback_without_aid_yr = 0;
  bool free_rider = false;  ///< awarded although NPV-positive without aid
  int submitted_year = 0;
};

}  // namespace decarbfund::model
