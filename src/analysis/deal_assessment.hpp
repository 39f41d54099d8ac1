#pragma once
// Deal assessment (issue 4 §4): the questions the advisory committee (AMVI) asks of a draft
// maatwerk deal (policy.md §2.3), answered from the deal file, the dataset and a scenario:
// additional reduction per year against the levy's DPR path (DESIGN §4.3), support per tonne,
// the funding gap and the aid-to-gap ratio (state aid, DESIGN §4.4), whether a generic
// instrument could fund it, how much hangs on infrastructure not yet built, co-benefits, lock-in
// and the credibility of the path to the climate-neutral year. Formulas: docs/deals.md.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/deal_own_effect.hpp"
#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace decarbfund::analysis {

/// One committed option and what it needs.
struct AssessedOption {
  model::Index option = model::kNone;
  int start_year = 0;       ///< max(project start_year, option earliest_year)
  double reduction_t = 0;   ///< t/yr avoided once operating
  double npv_eur = 0;       ///< without support, discounted to start − lead time
  int decision_year = 0;    ///< start − lead time (the NPV's base year)
  std::string technology;   ///< "ccs", "electrification" or "other" (generic-instrument check)
};

/// An infrastructure need of a committed option that is not met in the assessment year.
struct InfrastructureDependency {
  model::Index option = model::kNone;
  model::Index infra = model::kNone;  ///< kNone: no item serves the site's cluster
  double need = 0;                    ///< MW or t/yr
  int available_from = 0;             ///< first year with capacity ≥ need; 0 = not within the horizon
};

/// One line of the public support stacked on a deal's projects (issue 17 §5).
struct SupportLine {
  std::string source;  ///< "package" (the deal's maximum support) or the other support's id
  std::string scheme;  ///< "klimaatfonds", "sde++", "innovation_fund", "niki", "other"
  double amount_eur = 0;
};

/// A plan element toward climate neutrality checked against what the model knows (issue 17 §7).
struct PlanElementCheck {
  std::string id;
  std::string what;
  int year = 0;
  double reduction_t = 0;     ///< stated, else the matched options' reduction; 0 when neither
  bool option_known = false;  ///< the dataset has an option for it
  /// Infrastructure it depends on and the first year the scenario has capacity on it (0: not
  /// within the horizon).
  std::vector<std::pair<std::string, int>> infra;
};

struct DealAssessment {
  std::string deal_id;
  std::string company;
  std::string phase;
  std::string scenario;
  std::string policy_version;  ///< the levy version whose DPR path defines "additional"
  int target_year = 0;
  int as_of_year = 0;  ///< year of the deal's latest history entry: "not yet built" is judged then

  std::vector<AssessedOption> options;
  /// Reduction of the committed projects, and the part beyond the levy path (DESIGN §4.3):
  /// Additional(t) = Σ_sites max(0, min(E_ref, DPR(t)) − E_project(t)).
  std::map<int, double> reduction_t_by_year;
  std::map<int, double> additional_t_by_year;
  double reduction_target_year_t = 0;
  double committed_target_year_t = 0;  ///< what the file commits to in the target year
  double lifetime_t = 0;               ///< Σ reduction × lifetime over the options
  double additional_target_year_t = 0; ///< additional_t_by_year in the target year
  /// The additionality the deal file states (its source's "beyond the Klimaatakkoord") in the
  /// target year; nullopt when the file states none. Shown next to the model's own.
  std::optional<double> stated_additional_target_year_t;

  double support_eur = 0;  ///< the deal's maximum support
  double eur_per_t_target_year = 0;  ///< support ÷ reduction in the target year (0 if none)
  double eur_per_t_lifetime = 0;     ///< support ÷ lifetime tonnes
  double npv_without_support_eur = 0;
  double funding_gap_eur = 0;   ///< max(0, −Σ NPV)
  double aid_to_gap_ratio = 0;  ///< support ÷ gap; +∞ when there is no gap and support > 0

  bool generic_instrument_possible = false;
  double generic_eur_per_t_needed = 0;  ///< gap ÷ lifetime tonnes (SDE++-like subsidy intensity)
  double generic_eur_per_t_cap = 0;     ///< the cap it is compared with (0: no category)
  std::string generic_instrument_reason;

  /// State-aid stacking (docs/deals.md "State aid: stacking"): the package's maximum support and
  /// every other public support line, their sum, and that sum against the CEEAG ceiling for
  /// individually negotiated aid, the funding gap (net extra cost).
  std::vector<SupportLine> support_stack;
  double stacked_support_eur = 0;
  double stacked_aid_to_gap_ratio = 0;  ///< +∞ when there is no gap and support > 0
  double aid_ceiling_eur = 0;

  double infrastructure_dependent_share = 0;  ///< of the target-year reduction
  std::vector<InfrastructureDependency> infrastructure;

  std::vector<std::string> co_benefits;
  std::vector<std::string> lock_in;

  int climate_neutral_year = 0;
  double residual_share_target_year = 0;  ///< Σ E_project ÷ Σ E_ref at the deal's sites
  double path_share_target_year = 0;      ///< (N − target) ÷ (N − as_of): the straight line to 0
  bool path_credible = false;

  /// The path to climate neutrality (docs/deals.md "Long-term plan"): against the baseline, the
  /// share the committed projects and the plan elements the dataset has options for cover
  /// (`path_known_share`), and the share the file states including elements the model does not
  /// know (`path_stated_share`); the plan's elements as checked; future-perspective figures.
  double path_known_share = 0;
  double path_stated_share = 0;
  std::vector<PlanElementCheck> plan;
  int employment = 0;          ///< 0: not public
  double value_added_eur = 0;  ///< 0: not public
  std::string future_perspective;

  /// Facts of the file that cite no source and no assumption covers (model::uncited_facts).
  std::vector<std::string> uncited_facts;
  /// Where the climate-neutral year comes from: the URL that states it, "assumption" or "".
  std::string climate_neutral_basis;

  std::vector<std::string> flags;  ///< stable codes, docs/deals.md "Flags"
  std::vector<std::string> assumptions;

  /// Its own effect in the outlook (issue 14 §3): set by the caller with deal_own_effect when a
  /// deal book (and so a phase table) is at hand; the reports say so when it is not.
  std::optional<DealOwnEffect> own_effect;
};

/// SDE++ maximum subsidy intensity, EUR/t (data-sources.md §2.3: €300/t, €400/t inside the
/// ring-fenced budgets for high-temperature heat since 2023).
inline constexpr double kSdeCapEurPerT = 300;
/// The stated and the assessed additionality differ "largely" when one is more than this factor
/// of the other: a factor two means the file and the model count against different
/// counterfactuals (the EoPs' "beyond the Klimaatakkoord" against the levy's DPR path), which the
/// committee must see and settle (issue 17).
inline constexpr double kAdditionalityDifferenceFactor = 2.0;
inline constexpr double kSdeRingFencedCapEurPerT = 400;

/// Assesses `deal` on `model` under `scenario` (prices, hurdle rate, levy version). The deal must
/// have passed data::check_deal on the same model.
DealAssessment assess_deal(const model::Model& model, const model::Scenario& scenario, const model::Deal& deal);

}  // namespace decarbfund::analysis
