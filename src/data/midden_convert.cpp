#include "data/midden_convert.hpp"

#include <cmath>

#include <fmt/format.h>

#include "data/csv_reader.hpp"
#include "data/midden_units.hpp"
#include "data/price_index.hpp"

namespace decarbfund::data::detail {

namespace {

/// A card's emission amount (per reference amount) in t; nullopt when the unit is unknown.
std::optional<double> emission_t(const MiddenAmount& a, double value) {
  if (value == 0) {
    return 0.0;
  }
  return mass_t(value, a.unit);
}

// Cards whose money unit is contradicted by the card itself. Each is read with the corrected unit
// and every option using it says so in its notes and in import-report.csv.
constexpr CardUnitCorrection kCorrections[] = {
    {"TC0474", "investment", "EUR2019", "MEUR2019", 1,
     "card comment: market consultation 20–500 EUR/kW; 0.14 EUR/MWth would be 0.00014 EUR/kW"},
    {"TC0475", "investment", "EUR2019", "MEUR2019", 1,
     "card comment: market consultation 20–500 EUR/kW; 0.14 EUR/MWth would be 0.00014 EUR/kW"},
    {"TC0476", "investment", "EUR2019", "MEUR2019", 1,
     "card comment: market consultation 20–500 EUR/kW; 0.14 EUR/MWth would be 0.00014 EUR/kW"},
    {"TC0099", "om", "MEUR2017", "EUR2017", 1,
     "26000 MEUR/MWth per year would be 6500 times the card's investment of 4 MEUR/MWth"},
    {"TC0425", "investment", "MEUR2019", "MEUR2019", 0.031536,
     "card comment: 380 MEUR/GWth = 380 MEUR / 31.5 PJ, i.e. 12 MEUR per PJ/yr; per MWth that is "
     "× 0.031536 PJ/yr (8760 h)"},
    {"TC0425", "om", "MEUR2019", "MEUR2019", 0.031536,
     "stated on the same per-PJ/yr basis as the card's investment; × 0.031536 PJ/yr per MWth"},
};

/// The money unit of `field` of `card`, corrected where kCorrections says so (noted in `y`);
/// `factor` receives the correction's factor on the amount (1 when none applies).
std::string money_unit(const MiddenCard& card, std::string_view field, const std::string& stated,
                       ConfigYear& y, double& factor) {
  factor = 1;
  for (const auto& c : kCorrections) {
    if (c.technology_id == card.technology_id && c.field == field && c.stated_unit == stated) {
      y.assumptions.push_back(fmt::format("{} {} unit \"{}\" read as \"{}\"{} ({})",
                                          card.technology_id, field, stated, c.read_as,
                                          c.factor != 1 ? fmt::format(" × {}", c.factor) : "",
                                          c.why));
      factor = c.factor;
      return std::string(c.read_as);
    }
  }
  return stated;
}

/// Below 1 EUR/kW (1000 EUR/MW) no energy plant is built: an investment per MW under this is a
/// unit slip on the card, reported and skipped rather than guessed.
constexpr double kMinEurPerMw = 1000;

}  // namespace

std::span<const CardUnitCorrection> card_unit_corrections() { return kCorrections; }

std::optional<double> card_reference_amount(const MiddenCard& card) {
  for (const auto& f : card.flows) {
    if (!f.input && f.commodity_id == card.main_output_id && f.amount > 0) {
      return f.amount;
    }
  }
  return std::nullopt;
}

ConfigYear evaluate_config(const MiddenConfig& c, const MiddenCard& t) {
  ConfigYear y;
  auto fail = [&](std::string code, std::string reason) {
    y.ok = false;
    y.skip_code = std::move(code);
    y.skip_reason = std::move(reason);
    return y;
  };
  if (!(c.capacity_value > 0)) {
    return fail("no_capacity", fmt::format("capacity_value is {}", csv_number(c.capacity_value)));
  }
  // Capacity in the card's capacity unit (investment and O&M are per unit of capacity).
  const auto cap = convert_yearly(c.capacity_value, c.capacity_unit, t.capacity_unit);
  if (!cap) {
    return fail("capacity_unit",
                fmt::format("capacity unit \"{}\" cannot be converted to the card's capacity "
                            "unit \"{}\" ({})",
                            c.capacity_unit, t.capacity_unit, t.technology_id));
  }
  y.capacity = *cap;
  double m = 1;
  if (const auto ref = card_reference_amount(t)) {
    m = *ref;
  } else {
    y.assumptions.push_back(fmt::format(
        "{} states no amount of its main output \"{}\": values read per 1 {}", t.technology_id,
        t.main_output_name, t.main_output_unit));
  }
  // Yearly activity = capacity × utilisation, converted to the card's main output unit (a MW
  // capacity × 8760 h becomes energy per year); the card's values are per m of main output.
  const double activity = c.capacity_value * c.capacity_utilisation;
  if (const auto main = convert_yearly(activity, c.capacity_unit, t.main_output_unit)) {
    y.scale = *main / m;
  } else {
    // E.g. MWth capacity with main output in kt (TC0046/49/50): the card's reference amount is
    // what one unit of capacity makes in a year at full load.
    y.scale = y.capacity * c.capacity_utilisation;
    y.assumptions.push_back(fmt::format(
        "capacity unit \"{}\" has no conversion to main output unit \"{}\": {} values read per "
        "unit of capacity at full load ({} {} per {})",
        c.capacity_unit, t.main_output_unit, t.technology_id, csv_number(m), t.main_output_unit,
        t.capacity_unit));
  }

  // Direct emissions: CO2 + CH4 × 28 + N2O × 265 (IPCC AR5 GWP100) + F-gases (stated in CO2-eq).
  const auto co2 = emission_t(t.co2, t.co2.amount);
  const auto ch4 = emission_t(t.ch4, t.ch4.amount);
  const auto n2o = emission_t(t.n2o, t.n2o.amount);
  const auto fg = emission_t(t.f_gases, t.f_gases.amount);
  if (!co2 || !ch4 || !n2o || !fg) {
    return fail("emission_unit", fmt::format("{} states emissions in an unknown unit (\"{}\", \"{}\", "
                                             "\"{}\", \"{}\")",
                                             t.technology_id, t.co2.unit, t.ch4.unit, t.n2o.unit,
                                             t.f_gases.unit));
  }
  const double other = *ch4 * kGwpCh4 + *n2o * kGwpN2o + *fg;
  y.emissions_stated = !t.co2.unit.empty();
  y.emissions_t = (*co2 + other) * y.scale;
  y.emissions_low_t = y.emissions_high_t = y.emissions_t;
  if (t.co2.lower != 0 || t.co2.upper != 0) {
    const auto lo = emission_t(t.co2, t.co2.lower != 0 ? t.co2.lower : t.co2.amount);
    const auto hi = emission_t(t.co2, t.co2.upper != 0 ? t.co2.upper : t.co2.amount);
    if (lo && hi) {
      y.emission_limits = true;
      y.emissions_low_t = (*lo + other) * y.scale;
      y.emissions_high_t = (*hi + other) * y.scale;
    }
  }

  for (const auto& f : t.flows) {
    const Carrier carrier = carrier_of(f.commodity_id);
    if (carrier == Carrier::none || f.amount == 0) {
      continue;
    }
    const char* io = f.input ? "input" : "output";
    if (carrier == Carrier::co2_captured || carrier == Carrier::co2_stored || carrier == Carrier::co2_liquid) {
      const auto mt = mass_t(f.amount, f.unit);
      if (!mt) {
        y.assumptions.push_back(fmt::format("{} {} {} \"{}\" in \"{}\" is not a mass: ignored",
                                            t.technology_id, io, f.index, f.name, f.unit));
      } else if (carrier == Carrier::co2_captured && f.input) {
        y.co2_in_t += *mt * y.scale;
      } else if (carrier != Carrier::co2_captured && !f.input) {
        y.co2_stored_t += *mt * y.scale;
        y.co2_liquid_t += carrier == Carrier::co2_liquid ? *mt * y.scale : 0.0;
      }
      continue;
    }
    std::optional<double> gj = energy_gj(f.amount, f.unit);
    if (!gj && carrier == Carrier::hydrogen) {
      if (const auto mt = mass_t(f.amount, f.unit)) {
        gj = *mt * kHydrogenGjPerT;  // LHV 120 GJ/t
      }
    }
    if (!gj) {
      // A fuel stated by mass: its default net calorific value (midden_units.cpp), noted.
      if (const auto mt = mass_t(f.amount, f.unit)) {
        if (const auto ncv = default_heating_value_gj_per_t(f.commodity_id)) {
          gj = *mt * ncv->value;
          y.assumptions.push_back(fmt::format("{} {} {} \"{}\" {} {} at {} GJ/t ({})", t.technology_id, io, f.index,
                                              f.name, csv_number(f.amount), f.unit, csv_number(ncv->value),
                                              ncv->source));
        }
      }
    }
    if (!gj) {
      ++y.unconverted;
      y.assumptions.push_back(fmt::format(
          "{} {} {} \"{}\" {} {} not converted to GJ (no heating value)", t.technology_id,
          io, f.index, f.name, csv_number(f.amount), f.unit.empty() ? "(no unit)" : f.unit));
      continue;
    }
    const double net = (f.input ? 1 : -1) * *gj * y.scale;
    switch (carrier) {
      case Carrier::gas: y.gas_gj += net; break;
      case Carrier::electricity: y.electricity_gj += net; break;
      case Carrier::hydrogen: y.hydrogen_gj += net; break;
      case Carrier::biomass: y.biomass_gj += net; break;
      case Carrier::steam_heat: y.steam_heat_gj += net; break;
      default: break;
    }
  }

  // Annual O&M per unit of capacity × capacity, to EUR 2023 with the Dutch CPI.
  if (t.om.amount != 0) {
    double factor = 1;
    const std::string unit = money_unit(t, "om", t.om.unit, y, factor);
    if (const auto eur = to_eur_price_year(t.om.amount * factor * y.capacity, unit)) {
      y.om_eur = *eur;
      y.om_stated = true;
    } else {
      // O&M is secondary to the option's economics; an amount without a money unit (TC0319)
      // is left out rather than guessed, and the option kept.
      y.assumptions.push_back(fmt::format(
          "{} O&M {} has no money unit [M|k]EUR<2007–2023> (\"{}\"): taken as 0", t.technology_id,
          csv_number(t.om.amount), t.om.unit));
    }
  }
  y.ok = true;
  return y;
}

void evaluate_investment(const MiddenCard& t, ConfigYear& y) {
  auto fail = [&](std::string code, std::string reason) {
    y.ok = false;
    y.skip_code = std::move(code);
    y.skip_reason = std::move(reason);
  };
  // New build; refurbishment where the card states only that.
  MiddenAmount inv = t.investment_new;
  if (inv.amount == 0 && t.investment_refurbishment.amount != 0) {
    inv = t.investment_refurbishment;
    y.assumptions.push_back(fmt::format(
        "{} states no new-build investment; refurbishment investment used", t.technology_id));
  }
  if (inv.amount == 0) {
    return fail("no_investment",
                fmt::format("{} states no investment per unit of capacity", t.technology_id));
  }
  double factor = 1;
  const std::string unit = money_unit(t, "investment", inv.unit, y, factor);
  const auto per_unit = to_eur_price_year(inv.amount * factor, unit);
  if (!per_unit || *per_unit < 0) {
    return fail("money_unit", fmt::format("{} investment unit \"{}\" is not [M|k]EUR<2007–2023>",
                                          t.technology_id, inv.unit));
  }
  const auto cap_unit = parse_unit(t.capacity_unit);
  if (cap_unit && cap_unit->dimension == Dimension::power &&
      *per_unit / cap_unit->to_base < kMinEurPerMw) {
    return fail("implausible_investment",
                fmt::format("{} investment {} {} per {} is below 1 EUR/kW (unit slip on the card?)",
                            t.technology_id, csv_number(inv.amount), inv.unit, t.capacity_unit));
  }
  y.capex_eur = *per_unit * y.capacity;
  // Limits (0 = not stated) in the same unit; dropped when they do not bracket the amount.
  const double lo =
      inv.lower > 0 ? *to_eur_price_year(inv.lower * factor, unit) * y.capacity : -1;
  const double hi =
      inv.upper > 0 ? *to_eur_price_year(inv.upper * factor, unit) * y.capacity : -1;
  if ((lo >= 0 && lo > y.capex_eur) || (hi >= 0 && hi < y.capex_eur)) {
    y.assumptions.push_back(fmt::format(
        "{} investment limits do not bracket the amount: left out", t.technology_id));
  } else {
    y.capex_low_eur = lo;
    y.capex_high_eur = hi;
  }
  if (y.om_stated && y.om_eur > y.capex_eur) {
    return fail("implausible_om",
                fmt::format("{} annual O&M ({} EUR) exceeds its investment ({} EUR)",
                            t.technology_id, csv_number(std::round(y.om_eur)),
                            csv_number(std::round(y.capex_eur))));
  }
}

}  // namespace decarbfund::data::detail
