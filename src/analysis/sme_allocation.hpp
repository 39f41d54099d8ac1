#pragma once
// SME round allocation (DESIGN §4.4; docs/sme.md): the grant formula, eligibility, the four
// allocation rules (fcfs, ranking, points, phases), the round summary with its free-rider share,
// and the awarded projects' expected reduction per year for the outlook.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "model/sme_scheme.hpp"

namespace decarbfund::analysis {

/// The terms of the grant formula for one application (DESIGN §4.4, policy.md §3.2):
///   grant = min(pct(theme, size) × eligible cost, per-project cap, EUR/t cap × tonnes)
/// with pct = min(max_rate, base(theme) + bonus(size)) and tonnes = the claimed reduction per
/// year times the lifetime (caps.tonnes_over: lifetime, as SDE++ counts tonnes over its term) or
/// times 1 (annual). A cap of 0 means "no cap". The grant is rounded down to whole euros, so
/// budgets add up exactly.
struct GrantTerms {
  double rate = 0;              ///< pct(theme, size); NaN when the theme is not open
  double by_rate_eur = 0;       ///< rate × eligible cost
  double cap_tonnes = 0;        ///< tonnes the EUR/t cap counts
  double by_eur_per_t_eur = 0;  ///< EUR/t cap × cap_tonnes (+inf without a cap)
  double grant_eur = 0;         ///< the minimum, floored to whole euros (0 when negative)
  model::BindingCap binding = model::BindingCap::rate;
};
GrantTerms grant_formula(const model::Round& round, const model::Application& app) noexcept;

/// An investment's economics without aid at the round's prices and discount rate:
/// annual saving = gas saved × gas price − extra electricity × electricity price;
/// payback = eligible cost / annual saving (+inf when the saving is ≤ 0);
/// NPV = −eligible cost + annual saving × (1 − (1 + r)^−lifetime) / r.
/// Values the applicant stated (npv_without_aid_eur, payback_without_aid_yr) take precedence.
struct ProjectEconomics {
  double annual_saving_eur = 0;
  double payback_yr = 0;
  double npv_eur = 0;
};
ProjectEconomics economics_without_aid(const model::RoundEconomics& prices,
                                       const model::Application& app) noexcept;

/// The two groups every summary splits by (issue 16 §4): SMEs (small and medium, EU definition)
/// and large firms.
enum class SizeGroup { sme, large };
inline constexpr std::string_view kSizeGroups[] = {"sme", "large"};
constexpr SizeGroup size_group(model::FirmSize size) noexcept {
  return size == model::FirmSize::large ? SizeGroup::large : SizeGroup::sme;
}

/// A round's outcome for one size group.
struct GroupSummary {
  std::size_t applications = 0;
  std::size_t eligible = 0;
  std::size_t awarded = 0;
  double requested_eur = 0;  ///< Σ grants its eligible applications would get
  double budget_used_eur = 0;
  double reduction_t_per_yr = 0;
  double lifetime_reduction_t = 0;
};

/// A round's outcome in numbers (issue 5 "summary").
struct RoundSummary {
  std::size_t applications = 0;
  std::size_t eligible = 0;  ///< passed listing, payback, reduction and minimum-grant rules
  std::size_t awarded = 0;
  std::array<std::size_t, std::size(model::kRejectReasons)> rejected{};  ///< by reason
  double budget_eur = 0;
  double requested_eur = 0;     ///< Σ grants the eligible applications would get
  double budget_used_eur = 0;
  double reduction_t_per_yr = 0;  ///< Σ claimed reduction of awarded projects
  double lifetime_reduction_t = 0;
  double eur_per_t = 0;         ///< budget used / lifetime tonnes
  double eur_per_annual_t = 0;  ///< budget used / annual tonnes
  std::size_t free_riders = 0;  ///< awards to projects NPV-positive without aid
  double free_rider_share = 0;         ///< free riders / awarded
  double free_rider_budget_share = 0;  ///< their grants / budget used
  std::array<GroupSummary, std::size(kSizeGroups)> by_group{};  ///< index: SizeGroup
};

struct Allocation {
  std::vector<model::Award> awards;  ///< one per application, in input order
  RoundSummary summary;
};

/// Decides every application of a round by its allocation rule:
/// Eligibility, in this order (the first failure is the reason): firm size open, project type
/// open, consortium large enough, technique listed and theme open, payback without aid above the
/// minimum, a positive reduction, lifetime tonnes and eligible cost at least the minimums, grant
/// at least the minimum grant. Then:
///  - fcfs: by submission time, ties by application id;
///  - ranking: by EUR per lifetime tonne ascending, ties by id;
///  - points: weighted 0–10 criteria; below a criterion's min_score or the round's min_points
///    is refused; then by points descending, EUR/t ascending, id;
///  - phases: each enters the first phase whose EUR/t ceiling admits it (above the last:
///    refused); phase by phase, EUR/t ascending, id; a fenced theme draws on its fence, then
///    (fence_overflow) on the general pool.
/// An application whose whole grant no longer fits is refused for budget and the next one is
/// considered (a smaller one may still fit). Pure: no I/O.
Allocation allocate_round(const model::Round& round, std::span<const model::Application> applications);

/// The awarded projects' expected reduction by year, for the outlook's package leg.
struct SmeContribution {
  int first_year = 0;
  int last_year = 0;
  std::vector<double> reduction_t;  ///< t CO2 per year, index year − first_year
  std::size_t projects = 0;         ///< awarded projects counted
  double reduction_in(int year) const {
    return year < first_year || year > last_year ? 0.0
                                                 : reduction_t[static_cast<std::size_t>(year - first_year)];
  }
};

/// Default realisation rate (EST, docs/sme.md "Into the outlook"): share of awarded tonnes that
/// materialise. No published VEKI realisation figure was found (data-sources.md §3.2 lists award
/// counts as GAP); 0.8 assumes a fifth of awarded reduction is lost to withdrawn or
/// under-performing projects.
inline constexpr double kDefaultRealisationRate = 0.8;
/// Default delay in years from the submission year to the first year of reduction (EST). VEKI
/// projects must be completed within 3 years (4 from 2025, stcrt-2025-30380, policy.md §3.1);
/// RVO's evaluation of the 2019–2023 rounds counts ≥ 500 kt/yr "from 2027" (data-sources.md
/// §3.2), i.e. about 3 years after the later rounds.
inline constexpr int kDefaultDelayYr = 3;

/// Expected reduction per year of the awarded projects: each awarded project contributes
/// realisation_rate × its claimed reduction in every year from (submission year + delay_yr)
/// for its lifetime, clipped to [first_year, last_year]. Rejected applications count nothing.
SmeContribution sme_contribution(const std::vector<model::Award>& awards, double realisation_rate,
                                 int delay_yr, int first_year, int last_year);

}  // namespace decarbfund::analysis
