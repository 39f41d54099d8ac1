#include "data/price_index.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "data/csv_reader.hpp"

namespace decarbfund::data {

namespace {

// Dutch CPI, all expenditure ("alle bestedingen"), CBS StatLine 83131NED. change_pct is the
// annual average change CBS publishes (also listed in
// https://cbs.nl/nl-nl/nieuws/2024/02/inflatie-3-8-procent-in-2023-exclusief-energie-6-5-procent);
// index is chained from it with 2015 = 100: index(y) = index(y-1) × (1 + change(y)/100), and
// backwards index(y-1) = index(y) / (1 + change(y)/100), rounded to two decimals.
// Checks against CBS's published levels: 2022 = 121.43 (83136NED; chained 121.45), 2014 = 115.83
// and 2013 = 114.71 on 2006 = 100 with 2015 = 116.58 (71311NED), i.e. 99.36 and 98.40 on 2015 = 100
// (chained 99.40 and 98.42). The chained values differ from the published ones by < 0.05 %.
constexpr std::array<CpiYear, 17> kCpi = {{
    {2007, 1.6, 87.15},
    {2008, 2.5, 89.32},
    {2009, 1.2, 90.40},
    {2010, 1.3, 91.57},
    {2011, 2.3, 93.68},
    {2012, 2.5, 96.02},
    {2013, 2.5, 98.42},
    {2014, 1.0, 99.40},
    {2015, 0.6, 100.00},
    {2016, 0.3, 100.30},
    {2017, 1.4, 101.70},
    {2018, 1.7, 103.43},
    {2019, 2.6, 106.12},
    {2020, 1.3, 107.50},
    {2021, 2.7, 110.40},
    {2022, 10.0, 121.45},
    {2023, 3.8, 126.06},
}};

}  // namespace

std::span<const CpiYear> cpi_nl() { return kCpi; }

std::optional<double> cpi_nl_index(int year) {
  for (const auto& y : kCpi) {
    if (y.year == year) {
      return y.index;
    }
  }
  return std::nullopt;
}

std::optional<MoneyUnit> parse_money_unit(std::string_view unit) {
  MoneyUnit m;
  if (unit.starts_with("MEUR")) {
    m.eur_per_unit = 1e6;
    unit.remove_prefix(4);
  } else if (unit.starts_with("kEUR")) {
    m.eur_per_unit = 1e3;
    unit.remove_prefix(4);
  } else if (unit.starts_with("EUR")) {
    unit.remove_prefix(3);
  } else {
    return std::nullopt;
  }
  if (unit.size() != 4) {
    return std::nullopt;
  }
  const auto [ptr, ec] = std::from_chars(unit.data(), unit.data() + unit.size(), m.price_year);
  if (ec != std::errc{} || ptr != unit.data() + unit.size()) {
    return std::nullopt;
  }
  return m;
}

std::optional<double> to_eur_price_year(double amount, std::string_view unit) {
  const auto m = parse_money_unit(unit);
  if (!m) {
    return std::nullopt;
  }
  const auto from = cpi_nl_index(m->price_year);
  const auto to = cpi_nl_index(kMiddenPriceYear);
  if (!from || !to) {
    return std::nullopt;
  }
  return amount * m->eur_per_unit * (*to / *from);
}

std::string price_index_csv() {
  std::string out = "year,change_pct,index_2015_100,factor_to_2023,source\n";
  const double to = *cpi_nl_index(kMiddenPriceYear);
  for (const auto& y : kCpi) {
    out += fmt::format("{},{},{},{},{}\n", y.year, csv_number(y.change_pct), csv_number(y.index),
                       csv_number(std::round(to / y.index * 1e4) / 1e4),
                       csv_escape(std::string(kCpiSourceUrl) +
                                  " (annual average change, all expenditure; index chained, "
                                  "2015=100)"));
  }
  return out;
}

}  // namespace decarbfund::data
