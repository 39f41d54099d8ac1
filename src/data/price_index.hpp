#pragma once
// Price index used to bring MIDDEN's costs (EUR, kEUR, MEUR of price years 2007–2021) to one price
// year (EUR 2023): the Dutch consumer price index, CBS StatLine 83131NED, annual averages.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace decarbfund::data {

/// The price year every EUR column of the imported options is expressed in.
inline constexpr int kMiddenPriceYear = 2023;

/// One year of the Dutch CPI: the annual average change CBS publishes and the index (2015 = 100).
struct CpiYear {
  int year;
  double change_pct;  ///< "Jaarmutatie CPI, alle bestedingen" as published by CBS (%)
  double index;       ///< CPI, 2015 = 100, chained from change_pct (see price_index.cpp)
};

/// CBS StatLine 83131NED, all expenditure, annual averages 2007–2023.
std::span<const CpiYear> cpi_nl();

/// URL of the source of cpi_nl().
inline constexpr std::string_view kCpiSourceUrl = "https://www.cbs.nl/nl-nl/cijfers/detail/83131NED";

/// The index of `year` (2015 = 100); nullopt outside 2007–2023.
std::optional<double> cpi_nl_index(int year);

/// A MIDDEN money unit such as "MEUR2017", "kEUR2015" or "EUR2020": EUR per unit and price year.
struct MoneyUnit {
  double eur_per_unit = 1;
  int price_year = 0;
};

/// Parses a MIDDEN money unit; nullopt when it is not of the form [M|k]EUR<year>.
std::optional<MoneyUnit> parse_money_unit(std::string_view unit);

/// Converts `amount` in `unit` (e.g. "MEUR2017") to EUR of kMiddenPriceYear with the Dutch CPI;
/// nullopt when the unit cannot be parsed or its year is outside the index table.
std::optional<double> to_eur_price_year(double amount, std::string_view unit);

/// price-index.csv: year, change_pct, index_2015_100, factor_to_2023, source.
std::string price_index_csv();

}  // namespace decarbfund::data
