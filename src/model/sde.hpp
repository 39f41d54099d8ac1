#pragma once
// SDE++ (Stimuleringsregeling Duurzame Energietransitie): the national operating subsidy that
// pays an option's unprofitable gap per avoided tonne over a term of 12 or 15 years, awarded in
// yearly rounds ranked on subsidy intensity (EUR/t) under a budget (docs/model.md "SDE++").
// It exists whatever the lot does, so it is part of a scenario's world (model/scenario_world.hpp).
// The tables are data/nl/sde-rounds.csv, sde-categories.csv and sde-techniques.csv.

#include <cstdint>
#include <string>
#include <vector>

namespace decarbfund::model {

/// SDE++ rounds (sde-rounds.csv), one per year that opened one. Money is nominal EUR of the year
/// (as the letters announcing a round state it); sim::resolve_inputs deflates it once.
struct SdeRounds {
  std::vector<int> year;
  std::vector<double> budget_eur;     ///< the round's whole budget (all sectors), nominal
  std::vector<double> industry_share; ///< share of the budget that goes to industry (0–1)
  /// Highest subsidy intensity a project outside the fences is paid (EUR/t, nominal): EUR 300/t.
  std::vector<double> max_intensity_eur_per_t;
  /// The same inside the "hekjes" (fenced budgets, since 2023): EUR 400/t; NaN = no fences.
  std::vector<double> fence_max_intensity_eur_per_t;
  std::size_t size() const { return year.size(); }
};

/// SDE++ technique categories (sde-categories.csv) as the dataset's options meet them.
struct SdeCategories {
  std::vector<std::string> id;    ///< e.g. "ccs", "electric_boiler"
  std::vector<std::string> name;
  std::vector<int> term_yr;       ///< years the subsidy is paid (12 or 15)
  /// Basisprijs as a share of the long-term correction at award: the correction's floor, below
  /// which a fall in market value is no longer compensated (typically 2/3).
  std::vector<double> floor_share;
  std::vector<std::uint8_t> in_fence;  ///< inside the "hekjes" (the higher cap applies)
  /// The category's base amount (basisbedrag) in EUR/t of the dataset's price year, where
  /// published; NaN = none stated (an option's own cost price is its applied amount).
  std::vector<double> max_base_eur_per_t;
  std::size_t size() const { return id.size(); }
};

/// The SDE++ tables of a dataset; empty when the dataset has none (then SDE++ pays nothing).
struct Sde {
  SdeRounds rounds;
  SdeCategories categories;
  /// Per option (model order): its SDE++ category index (by sde-techniques.csv), or kNone-like
  /// static_cast<std::uint32_t>(-1) when no category takes it.
  std::vector<std::uint32_t> option_category;
};

}  // namespace decarbfund::model
