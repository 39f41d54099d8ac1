#pragma once
// The unit and commodity tables of the MIDDEN importer (docs/midden-import.md §2–§3): ONE table of
// unit factors for capacities, flows and emissions, and ONE table saying which cd.json commodity
// ids count as gas, electricity, hydrogen, biomass, steam/heat or captured CO2.

#include <optional>
#include <span>
#include <string_view>

namespace decarbfund::data::detail {

enum class Dimension { mass, energy, power, volume };

/// A unit token as it leads MIDDEN's unit strings ("kt molten glass/yr" → "kt") and its factor to
/// the dimension's base unit: t (mass), GJ (energy), MW (power), hl (volume).
struct UnitFactor {
  std::string_view token;
  Dimension dimension;
  double to_base;
};

/// Hours in a year: a capacity in MW runs 8760 h at full load (capacity_utilisation = 1).
inline constexpr double kHoursPerYear = 8760;
/// GJ per MWh (1 MWh = 3.6 GJ by definition of the joule and the watt-hour).
inline constexpr double kGjPerMwh = 3.6;
/// Energy a 1 MW capacity delivers in a year at full load: 8760 h × 3.6 GJ/MWh = 31 536 GJ.
inline constexpr double kGjPerMwYear = kHoursPerYear * kGjPerMwh;
/// Lower heating value of hydrogen, 120 MJ/kg = 120 GJ/t (33.3 kWh/kg), used where a card states
/// hydrogen in mass (https://h2tools.org/hyarc/calculator-tools/lower-and-higher-heating-values-fuels).
inline constexpr double kHydrogenGjPerT = 120;
/// GWP100 of N2O for CO2-equivalents, IPCC AR5, as the EU ETS uses from 2021 (Commission
/// Implementing Regulation (EU) 2018/2066 as amended by 2020/2085, Annex VI, table 6).
inline constexpr double kGwpN2o = 265;
/// GWP100 of CH4 (same source); no MIDDEN v3 card states CH4, kept for completeness.
inline constexpr double kGwpCh4 = 28;

/// The leading unit token of a MIDDEN unit string; nullopt when none is recognised.
std::optional<UnitFactor> parse_unit(std::string_view unit);

/// Converts a yearly quantity from one unit string to another: same dimension by factors, power →
/// energy by kGjPerMwYear (a capacity in MW becomes energy per year). nullopt when the dimensions
/// do not match (e.g. MWth → kt) or a unit is unknown.
std::optional<double> convert_yearly(double amount, std::string_view from, std::string_view to);

/// Energy in GJ of `amount` in `unit` (MJ, GJ, TJ, PJ, MWh, kWh); nullopt for other units.
std::optional<double> energy_gj(double amount, std::string_view unit);

/// Mass in t of `amount` in `unit` (kg, t/tonne, kt, Mt); nullopt for other units.
std::optional<double> mass_t(double amount, std::string_view unit);

/// A fuel's default net calorific value when a card states it by mass, with its source.
struct HeatingValue {
  double value;  ///< GJ per t
  std::string_view source;
};
/// The default for a commodity id (cd.json), nullopt when the table has none: solid and wet
/// biomass and biogas, from the IPCC 2006 Guidelines' default net calorific values.
std::optional<HeatingValue> default_heating_value_gj_per_t(std::string_view commodity_id);

/// What a cd.json commodity counts as in options.csv.
/// CO2 sent to storage comes compressed (gas phase, for a pipeline) or liquid (for a ship):
/// co2_stored and co2_liquid, which decides the stores it can reach (midden_options.cpp).
enum class Carrier { none, gas, electricity, hydrogen, biomass, steam_heat, co2_captured, co2_stored, co2_liquid };

/// One row of the commodity table: cd.json id, its name there, and the carrier it counts as.
struct CommodityClass {
  std::string_view commodity_id;
  std::string_view name;  ///< cd.json commodity_name, checked at import
  Carrier carrier;
};

/// The commodity table; every id not in it counts as Carrier::none (feedstock, products, water …).
std::span<const CommodityClass> commodity_classes();

/// The carrier of a commodity id.
Carrier carrier_of(std::string_view commodity_id);

}  // namespace decarbfund::data::detail
