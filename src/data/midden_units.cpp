#include "data/midden_units.hpp"

#include <array>
#include <cctype>

namespace decarbfund::data::detail {

namespace {

using D = Dimension;

// THE unit table. Longer tokens first where one is a prefix of another ("MWth" before "MW",
// "tonnes" before "tonne" before "ton" before "t"). MIDDEN writes capacities per year ("kt/yr",
// "tonne … per year"); the "/yr" is implicit in every factor here except power (MW), which needs
// hours to become energy per year (kGjPerMwYear).
constexpr std::array<UnitFactor, 21> kUnits = {{
    {"hectolitre", D::volume, 1},
    {"tonnes", D::mass, 1},
    {"tonne", D::mass, 1},
    {"Tonne", D::mass, 1},
    {"litre", D::volume, 0.01},
    {"MWth", D::power, 1},
    {"MWe", D::power, 1},
    {"MWh", D::energy, kGjPerMwh},
    {"kWh", D::energy, kGjPerMwh / 1000},
    {"ton", D::mass, 1},
    {"MW", D::power, 1},
    {"Mt", D::mass, 1e6},
    {"kt", D::mass, 1e3},
    {"kg", D::mass, 1e-3},
    {"PJ", D::energy, 1e6},
    {"TJ", D::energy, 1e3},
    {"GJ", D::energy, 1},
    {"MJ", D::energy, 1e-3},
    {"hl", D::volume, 1},
    {"t", D::mass, 1},
    {"", D::mass, 0},  // sentinel, never matched
}};

// Commodity ids of cd.json (MIDDEN v3) by carrier. Names are those of cd.json; the importer checks
// them so that a different cd.json cannot silently shift the table.
constexpr std::array<CommodityClass, 21> kCommodities = {{
    {"CD0026", "natural gas", Carrier::gas},
    {"CD0027", "natural gas hi cal", Carrier::gas},
    {"CD0117", "methane", Carrier::gas},
    {"CD0030", "electricity", Carrier::electricity},
    {"CD0003", "hydrogen (gas)", Carrier::hydrogen},
    {"CD0085", "hydrogen (liquid)", Carrier::hydrogen},
    {"CD0177", "biomass (solid)", Carrier::biomass},
    {"CD0421", "wet biomass", Carrier::biomass},
    {"CD0209", "biogas", Carrier::biomass},
    {"CD0521", "purified biogas", Carrier::biomass},
    {"CD0524", "raw biogas", Carrier::biomass},
    {"CD0192", "green gas", Carrier::biomass},
    {"CD0005", "steam (low pressure - 1-9 bar)", Carrier::steam_heat},
    {"CD0142", "steam (medium pressure - 10-19 bar)", Carrier::steam_heat},
    {"CD0143", "steam (high pressure - 20-50 bar)", Carrier::steam_heat},
    {"CD0144", "steam (very high pressure - 51-100 bar)", Carrier::steam_heat},
    {"CD0386", "steam and hot oil", Carrier::steam_heat},
    {"CD0402", "heat", Carrier::steam_heat},
    {"CD0109", "carbon dioxide", Carrier::co2_captured},
    {"CD0159", "carbon dioxide (compressed)", Carrier::co2_stored},
    {"CD0511", "carbon dioxide (liquid)", Carrier::co2_liquid},
}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::optional<UnitFactor> parse_unit(std::string_view unit) {
  unit = trim(unit);
  for (const auto& u : kUnits) {
    if (u.token.empty() || !unit.starts_with(u.token)) {
      continue;
    }
    const std::string_view rest = unit.substr(u.token.size());
    // The token must end there: end of string, a separator, or "CO2" glued on ("ktCO2 captured").
    if (rest.empty() || rest.front() == ' ' || rest.front() == '/' || rest.front() == '-' ||
        rest.starts_with("CO2")) {
      return u;
    }
  }
  return std::nullopt;
}

std::optional<double> convert_yearly(double amount, std::string_view from, std::string_view to) {
  const auto f = parse_unit(from);
  const auto t = parse_unit(to);
  if (!f || !t) {
    return std::nullopt;
  }
  if (f->dimension == t->dimension) {
    return amount * f->to_base / t->to_base;
  }
  if (f->dimension == Dimension::power && t->dimension == Dimension::energy) {
    return amount * f->to_base * kGjPerMwYear / t->to_base;
  }
  return std::nullopt;
}

std::optional<double> energy_gj(double amount, std::string_view unit) {
  const auto u = parse_unit(unit);
  if (!u || u->dimension != Dimension::energy) {
    return std::nullopt;
  }
  return amount * u->to_base;
}

std::optional<double> mass_t(double amount, std::string_view unit) {
  const auto u = parse_unit(unit);
  if (!u || u->dimension != Dimension::mass) {
    return std::nullopt;
  }
  return amount * u->to_base;
}

std::span<const CommodityClass> commodity_classes() { return kCommodities; }

Carrier carrier_of(std::string_view commodity_id) {
  for (const auto& c : kCommodities) {
    if (c.commodity_id == commodity_id) {
      return c.carrier;
    }
  }
  return Carrier::none;
}

std::optional<HeatingValue> default_heating_value_gj_per_t(std::string_view commodity_id) {
  // IPCC 2006 Guidelines for National GHG Inventories, Vol. 2, Ch. 1, Table 1.2 (default NCVs,
  // TJ/Gg = GJ/t): wood/wood waste 15.6; other primary solid biomass 11.6; other biogas 50.4.
  // https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_1_Ch1_Introduction.pdf
  static constexpr std::pair<std::string_view, HeatingValue> kTable[] = {
      {"CD0177", {15.6, "IPCC 2006 default NCV of wood/wood waste"}},
      {"CD0421", {11.6, "IPCC 2006 default NCV of other primary solid biomass"}},
      {"CD0209", {50.4, "IPCC 2006 default NCV of other biogas"}},
      {"CD0521", {50.4, "IPCC 2006 default NCV of other biogas"}},
      {"CD0524", {50.4, "IPCC 2006 default NCV of other biogas"}},
      {"CD0192", {50.4, "IPCC 2006 default NCV of other biogas"}},
  };
  for (const auto& [id, hv] : kTable) {
    if (id == commodity_id) {
      return hv;
    }
  }
  return std::nullopt;
}

}  // namespace decarbfund::data::detail
