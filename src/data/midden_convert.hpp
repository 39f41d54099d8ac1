#pragma once
// Yearly quantities of one MIDDEN configuration (docs/midden-import.md §2): a technology card states
// emissions, inputs and outputs per reference amount of its main output; a configuration runs
// capacity_value × capacity_utilisation of it per year.

#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "data/midden_records.hpp"

namespace decarbfund::data::detail {

/// What one configuration emits and uses per year, in t and GJ.
struct ConfigYear {
  bool ok = false;
  std::string skip_code;    ///< short reason when !ok, e.g. "capacity_unit"
  std::string skip_reason;  ///< full reason when !ok

  double capacity = 0;  ///< capacity in the card's capacity unit
  double scale = 0;     ///< card reference amounts per year

  double emissions_t = 0;  ///< direct CO2 + N2O×265 + F-gases (t CO2-eq/yr)
  double emissions_low_t = 0;
  double emissions_high_t = 0;
  bool emission_limits = false;  ///< the card states CO2 lower/upper limits
  bool emissions_stated = true;  ///< false when co2_emissions_unit is 0

  // Net use (inputs − outputs) per carrier, GJ/yr (commodity table in midden_units.cpp).
  double gas_gj = 0;
  double electricity_gj = 0;
  double hydrogen_gj = 0;
  double biomass_gj = 0;
  double steam_heat_gj = 0;
  double co2_in_t = 0;      ///< carbon dioxide (CD0109) taken in, t/yr (capture units)
  double co2_stored_t = 0;  ///< compressed or liquid CO2 sent out, t/yr
  double co2_liquid_t = 0;  ///< the part of co2_stored_t sent out liquid (CD0511), t/yr

  double om_eur = 0;  ///< annual O&M, EUR of kMiddenPriceYear
  bool om_stated = false;

  // Investment (alternatives only; evaluate_investment): EUR of kMiddenPriceYear.
  double capex_eur = 0;
  double capex_low_eur = -1;   ///< < 0: not stated
  double capex_high_eur = -1;  ///< < 0: not stated

  std::vector<std::string> assumptions;  ///< stated assumptions, one sentence each
  /// Energy inputs or outputs the importer could not turn into GJ (no unit it knows, no heating
  /// value): an option with any is not written (docs/midden-import.md §6), never priced at 0.
  int unconverted = 0;
};

/// The amount of main output the card's values refer to: the output line whose commodity is the
/// main output (1 kt for "kt/yr" cards, 0.0315 PJ = 1 MW × 8760 h for MW cards); nullopt if absent.
std::optional<double> card_reference_amount(const MiddenCard& card);

/// Yearly quantities of `config` run with `card`.
ConfigYear evaluate_config(const MiddenConfig& config, const MiddenCard& card);

/// Adds the investment (capacity × investment per unit of capacity, to EUR 2023) to `y`; sets
/// y.ok = false with a skip code when the card states none or an implausible one.
void evaluate_investment(const MiddenCard& card, ConfigYear& y);

/// A MIDDEN v3 card whose stated cost unit contradicts its own comment: the money unit read instead
/// and a factor on the amount (for an amount stated per another unit of capacity).
struct CardUnitCorrection {
  std::string_view technology_id;
  std::string_view field;  ///< "investment" or "om"
  std::string_view stated_unit;
  std::string_view read_as;
  double factor;  ///< multiplies the amount and its limits
  std::string_view why;
};

/// The corrections table (docs/midden-import.md §4).
std::span<const CardUnitCorrection> card_unit_corrections();

}  // namespace decarbfund::data::detail
