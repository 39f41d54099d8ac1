#pragma once
// The loaded dataset (DESIGN §1, §3): immutable after load, struct of arrays, ids interned to
// indices so that simulate() reads arrays, never strings (STYLE §2.6, after HiGHS's column arrays).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/policy.hpp"
#include "model/year_series.hpp"

namespace decarbfund::model {

/// Index of a row in its table; names sit in side columns that reports read.
using Index = std::uint32_t;
inline constexpr Index kNone = static_cast<Index>(-1);

/// How a figure was obtained (data-sources.md labels).
enum class Basis : std::uint8_t { stated, derived, estimate };

/// Option kinds: a MIDDEN alternative that replaces a base technology, an add-on (e.g. capture),
/// or a company's announced project.
enum class OptionKind : std::uint8_t { replace, add_on, project };

enum class InfrastructureKind : std::uint8_t { grid, co2_storage, hydrogen };
inline constexpr std::size_t kInfrastructureKindCount = 3;

/// Price series (prices.csv `series`); the unit is in the name.
enum class PriceSeries : std::uint8_t {
  ets_eur_per_t,
  ets_reference_eur_per_t,
  gas_industry_eur_per_gj,
  gas_sme_eur_per_gj,
  electricity_industry_eur_per_mwh,
  electricity_sme_eur_per_mwh,
  hydrogen_eur_per_gj,
  biomass_eur_per_gj,
  co2_transport_storage_eur_per_t,
};
inline constexpr std::size_t kPriceSeriesCount = 9;
inline constexpr std::array<std::string_view, kPriceSeriesCount> kPriceSeriesNames = {
    "ets_eur_per_t",
    "ets_reference_eur_per_t",
    "gas_industry_eur_per_gj",
    "gas_sme_eur_per_gj",
    "electricity_industry_eur_per_mwh",
    "electricity_sme_eur_per_mwh",
    "hydrogen_eur_per_gj",
    "biomass_eur_per_gj",
    "co2_transport_storage_eur_per_t"};

/// What dataset.yaml says about the dataset as a whole.
struct DatasetInfo {
  std::string path;  ///< directory it was loaded from
  std::string name;
  std::string version;
  std::string description;
  int format_version = 0;
  int base_year = 0;   ///< year of the MIDDEN verified emissions
  int price_year = 0;  ///< EUR of this year in every money column
};

/// Industrial clusters (DESIGN §3).
struct Clusters {
  std::vector<std::string> id;
  std::vector<std::string> name;
  std::vector<std::string> grid_status;
  std::vector<std::string> source;
  std::size_t size() const { return id.size(); }
};

/// Installations, one row each. Options of site s are option_begin[s] … option_begin[s+1].
struct Sites {
  std::vector<std::string> id;
  std::vector<std::string> name;
  std::vector<std::string> company;
  std::vector<std::string> sector;
  std::vector<std::string> nace;
  std::vector<std::string> nea_id;
  std::vector<std::string> dpr_basis_method;
  std::vector<std::string> source;
  std::vector<Index> cluster;
  std::vector<LevyCategory> levy_category;
  std::vector<double> latitude;   ///< NaN where unknown
  std::vector<double> longitude;  ///< NaN where unknown
  std::vector<int> base_year;              ///< year of base_emissions_t as in sites.csv
  std::vector<double> base_emissions_t;    ///< sites.csv emissions_t, t CO2-eq/yr
  std::vector<int> latest_year;            ///< newest verified year (verified_emissions or base)
  std::vector<double> latest_emissions_t;  ///< emissions in latest_year, t CO2-eq/yr
  std::vector<double> dpr_basis_t;         ///< Σ benchmark × activity (DESIGN §4.1), t/yr
  std::vector<Index> option_begin;         ///< size() + 1 offsets into Options
  std::size_t size() const { return id.size(); }
};

/// Abatement options, sorted by site then option id.
struct Options {
  std::vector<std::string> id;
  std::vector<std::string> name;
  std::vector<std::string> technology_id;
  std::vector<std::string> exclusive_group_name;
  std::vector<std::string> source;
  std::vector<std::string> notes;
  std::vector<Index> site;
  std::vector<Index> exclusive_group;  ///< interned over the whole dataset
  std::vector<OptionKind> kind;
  std::vector<Basis> basis;
  std::vector<double> delta_emissions_t;       ///< t/yr, negative = reduction
  std::vector<double> delta_emissions_low_t;   ///< = delta where not stated
  std::vector<double> delta_emissions_high_t;  ///< = delta where not stated
  std::vector<double> capex_eur;
  std::vector<double> capex_low_eur;   ///< = capex where not stated
  std::vector<double> capex_high_eur;  ///< = capex where not stated
  std::vector<double> fixed_om_eur;    ///< EUR/yr
  std::vector<double> delta_gas_gj;
  std::vector<double> delta_electricity_gj;
  std::vector<double> delta_hydrogen_gj;
  std::vector<double> delta_biomass_gj;
  std::vector<double> co2_stored_t;
  std::vector<Index> co2_store;  ///< infrastructure index, or kNone (any store serving the cluster)
  std::vector<double> full_load_hours;
  std::vector<double> grid_need_mw;
  std::vector<double> lifetime_yr;
  std::vector<int> trl;
  std::vector<int> earliest_year;
  std::vector<int> lead_time_yr;
  std::size_t size() const { return id.size(); }
  std::size_t exclusive_group_count = 0;
};

/// Infrastructure items with a yearly capacity ledger (DESIGN §3).
struct Infrastructure {
  std::vector<std::string> id;
  std::vector<std::string> name;
  std::vector<std::string> funded_by;
  std::vector<std::string> status;
  std::vector<std::string> source;
  std::vector<InfrastructureKind> kind;
  std::vector<std::vector<Index>> clusters;  ///< clusters served
  /// Capacity per year: MW for grid and hydrogen, t CO2/yr for CO2 storage. Years before the
  /// first row read 0 (not yet built); years after the last row hold the last value.
  std::vector<YearSeries> capacity;
  std::size_t size() const { return id.size(); }
  double capacity_at(Index i, int year) const {
    const auto& s = capacity[i];
    return s.empty() || year < s.first_year ? 0.0 : s.at(year);
  }
};

/// The whole loaded dataset.
struct Model {
  DatasetInfo info;
  Clusters clusters;
  Sites sites;
  Options options;
  Infrastructure infrastructure;
  std::array<YearSeries, kPriceSeriesCount> prices;
  const YearSeries& price(PriceSeries s) const { return prices[static_cast<std::size_t>(s)]; }

  /// Index of a site/option/infrastructure item by id, or kNone (linear: for edges, not loops).
  Index find_site(std::string_view id) const;
  Index find_option(std::string_view id) const;
  Index find_infrastructure(std::string_view id) const;
  Index find_cluster(std::string_view id) const;
};

}  // namespace decarbfund::model
