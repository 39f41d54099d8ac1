#pragma once
// The CO2 levy as a versioned policy (DESIGN §3 "Policy", policy.md §1): tariff, reduction factor
// and ETS reference price per year and installation category. Values live in scenarios/*.yaml.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/year_series.hpp"

namespace decarbfund::model {

/// Levy category of an installation (policy.md §1.2). Spelled as in sites.csv.
enum class LevyCategory : std::uint8_t { ets_industrial, waste_incineration, n2o, none };
inline constexpr std::size_t kLevyCategoryCount = 4;
inline constexpr std::array<std::string_view, kLevyCategoryCount> kLevyCategoryNames = {
    "ets_industrial", "waste_incineration", "n2o", "none"};

/// Whether the ETS reference price is deducted from the tariff (only ETS installations, §1.3).
inline constexpr bool deducts_ets_price(LevyCategory c) { return c == LevyCategory::ets_industrial; }

/// Levy policy (Wet CO2-heffing industrie) of one version.
struct LevyPolicy {
  std::string version;  ///< e.g. "klimaatakkoord-2019", "coalition-2023", "belastingplan-2026"
  int first_year = 2021;  ///< first levy year
  int last_year = 2050;   ///< the levy applies up to and including this year
  /// Statutory tariff T_t in EUR/t per category (index LevyCategory); `none` stays empty.
  std::array<YearSeries, kLevyCategoryCount> tariff_eur_per_t;
  /// Reduction factor RF_t per category (policy.md §1.5, a table, not a formula).
  std::array<YearSeries, kLevyCategoryCount> reduction_factor;
  /// AVI correction factor on waste incinerators' DPRs (policy.md §1.8); 1 where not stated.
  YearSeries avi_correction_factor;
  /// P_ETS,t: mean EUA Dec-futures price of Sep–Oct of t−1 (policy.md §1.6, §8.2), EUR/t.
  /// Where a year is not set, the scenario's ETS price of t−1 is used (stated in docs/model.md).
  YearSeries ets_reference_price_eur_per_t;
  bool dpr_trading = true;  ///< DPR transfers between installations (§1.7)
  bool carry_back = true;   ///< later surplus refunds earlier levy (§1.7)
  /// Waste incinerators trade DPRs only among themselves (Belastingplan 2026, policy.md §1.7).
  bool avi_trading_among_avis_only = false;
  /// Minimum CO2 price for industry, EUR/t (policy.md §8.5): a second tariff on the emissions
  /// covered by DPRs. Empty = off (the default: its year values are a gap in policy.md §8.5).
  YearSeries minimum_price_eur_per_t;
  /// Whether the money amounts above (tariffs, ETS reference and minimum prices) are nominal EUR
  /// of their year, as statutes state them (the default), or EUR of the dataset's price year.
  /// simulate() works in the dataset's price year: sim::resolve_inputs converts nominal amounts
  /// once with the dataset's deflator (docs/model.md "Price basis").
  bool nominal = true;
};

}  // namespace decarbfund::model
