#pragma once
// The dataset's tables as data (STYLE §2.2, after PyPSA's component_attrs): one ColumnSpec per
// column with its type, unit, bounds and meaning. The loader validates against these and
// docs/data-format.md is written from them (`decarbfund schema`).

#include <span>
#include <string_view>

#include "data/csv_reader.hpp"
#include "model/model.hpp"

namespace decarbfund::data {

/// The dataset format version this build reads (dataset.yaml: format_version).
inline constexpr int kDatasetFormatVersion = 1;

/// A table of the dataset directory: its key in dataset.yaml, its meaning and its columns.
struct TableSpec {
  std::string_view key;          ///< e.g. "sites"
  std::string_view description;  ///< one sentence for the docs
  std::span<const ColumnSpec> columns;
};

/// Every table a dataset may have, in load order.
std::span<const TableSpec> dataset_tables();

/// The spec of one table; nullptr when unknown.
const TableSpec* find_table(std::string_view key);

/// Levy categories as spelled in sites.csv (policy.md §1.2).
inline constexpr std::string_view kLevyCategories[] = {"ets_industrial", "waste_incineration", "n2o",
                                                        "none"};
/// Option kinds as spelled in options.csv.
inline constexpr std::string_view kOptionKinds[] = {"replace", "add_on", "project"};
/// Infrastructure kinds as spelled in infrastructure.csv.
inline constexpr std::string_view kInfrastructureKinds[] = {"grid", "co2_storage", "hydrogen"};
/// What an option acts on (options.csv `acts_on`) and where a project stands (`status`).
inline constexpr std::string_view kActsOn[] = {"section", "remaining"};
inline constexpr const auto& kOptionStatus = model::kOptionStatusNames;
/// Price basis of a prices.csv row.
inline constexpr std::string_view kPriceBasis[] = {"nominal", "real"};
/// How a figure was obtained (data-sources.md labels): stated by the source, derived, estimated.
inline constexpr std::string_view kBasis[] = {"stated", "derived", "estimate"};
/// Price series in prices.csv; the unit is part of the name.
inline constexpr std::string_view kPriceSeries[] = {
    "ets_eur_per_t",           "ets_reference_eur_per_t",  "gas_industry_eur_per_gj",
    "gas_sme_eur_per_gj",      "electricity_industry_eur_per_mwh",
    "electricity_sme_eur_per_mwh", "hydrogen_eur_per_gj", "biomass_eur_per_gj",
    "co2_transport_storage_eur_per_t"};

}  // namespace decarbfund::data
