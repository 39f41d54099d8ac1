#pragma once
// The loaded dataset (DESIGN §1, §3): immutable after load, struct of arrays, ids interned to
// indices so that simulate() reads arrays, never strings (STYLE §2.6, after HiGHS's column arrays).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/fund_ledger.hpp"
#include "model/policy.hpp"
#include "model/sde.hpp"
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

/// What an option's reduction applies to (docs/model.md "Options that add up"):
///  - section: it replaces a process section (its exclusive group); its reduction −Δ is at most
///    the section's emissions, and the sections of one site add up to at most the site's;
///  - remaining: it acts on what the site emits after its section options (capture on the stack):
///    it removes the share −Δ / E0 of what is left, so two such options never remove more than all.
enum class ActsOn : std::uint8_t { section, remaining };

/// Where a project stands (options.csv `status`): `option` is a MIDDEN alternative or an idea;
/// `announced` a company's stated project; `fid` past its final investment decision;
/// `construction` being built; `operating` running. fid, construction and operating are
/// committed: they happen in every run from `committed_year` (docs/model.md "Committed projects").
enum class OptionStatus : std::uint8_t { option, announced, fid, construction, operating };
/// The `status` column's words, in the enum's order (docs/data-format.md).
inline constexpr std::string_view kOptionStatusNames[] = {"option", "announced", "fid", "construction", "operating"};
inline constexpr std::string_view status_name(OptionStatus s) { return kOptionStatusNames[static_cast<std::size_t>(s)]; }
inline constexpr bool is_committed(OptionStatus s) {
  return s == OptionStatus::fid || s == OptionStatus::construction || s == OptionStatus::operating;
}

/// How a site's emissions in a year of its history were obtained (docs/model.md "Baseline"):
/// the dataset's base figure, a published (verified) figure, a share of a published total
/// (calibrated), the base figure moved by the activity index alone (estimate), or a closure.
enum class HistoryBasis : std::uint8_t { base, verified, calibrated, estimate, closed };
inline constexpr std::array<std::string_view, 5> kHistoryBasisNames = {"base", "verified", "calibrated",
                                                                       "estimate", "closed"};

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
  /// What the dataset knows as of when (dataset.yaml `as_of`, YYYY-MM-DD; "" = not stated). Money
  /// and decisions before as_of_year are history, not choices (docs/budget.md "As-of date").
  std::string as_of;
  int as_of_year = 0;  ///< year of as_of; 0 when not stated
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
  /// Whether the installation surrenders EU ETS allowances (sites.csv `ets`): its avoided tonnes
  /// are worth the ETS price. Not the same as the levy category: Vattenfall's Velsen plants are in
  /// the ETS and outside the levy; waste incinerators report under ETS rules but surrender nothing.
  std::vector<std::uint8_t> in_ets;
  std::vector<double> latitude;   ///< NaN where unknown
  std::vector<double> longitude;  ///< NaN where unknown
  std::vector<int> base_year;              ///< year of base_emissions_t as in sites.csv
  std::vector<double> base_emissions_t;    ///< sites.csv emissions_t, t CO2-eq/yr
  std::vector<double> dpr_basis_t;         ///< Σ benchmark × activity (DESIGN §4.1), t/yr, base year
  std::vector<Index> activity_group;       ///< into ActivityGroups (by NACE, activity-groups.csv)
  std::vector<int> closed_from;            ///< first year without production (closures.csv), 0 = open
  std::vector<Index> option_begin;         ///< size() + 1 offsets into Options
  /// Whether the site is in NEa's "industrie" scope, the one its published totals cover: an ETS
  /// installation outside electricity supply (NACE 35). docs/model.md "Baseline".
  bool in_nea_industry(Index s) const {
    return levy_category[s] == LevyCategory::ets_industrial && nace[s].rfind("35", 0) != 0;
  }
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
  /// CO2 stores it may use, in preference order (options.csv `co2_store`, ';'-separated); empty
  /// = any store serving the site's cluster.
  std::vector<std::vector<Index>> co2_stores;
  std::vector<ActsOn> acts_on;
  /// Emissions of the section the option replaces at the site's base year (t/yr); for `remaining`
  /// options the site's base emissions. NaN where not stated (then the option's own reduction).
  std::vector<double> section_emissions_t;
  std::vector<OptionStatus> status;
  std::vector<int> committed_year;  ///< first operating year of a committed project, 0 otherwise
  std::vector<double> full_load_hours;
  std::vector<double> grid_need_mw;
  std::vector<double> lifetime_yr;
  std::vector<int> trl;
  std::vector<int> earliest_year;
  std::vector<int> lead_time_yr;
  /// Where each option's row is (file as the manifest names it, 1-based line): diagnostics of
  /// checks across rows (data/check_potential.cpp) point at it.
  std::vector<std::string> row_file;
  std::vector<long> row_line;
  std::size_t size() const { return id.size(); }
  std::size_t exclusive_group_count = 0;
};

/// Capacity of an infrastructure item contracted to one site (infrastructure-contracts.csv), e.g.
/// Porthos's 2.5 Mt/yr sold to four named customers: reserved for that site's options from
/// `from_year` to `to_year`, not open to others (docs/model.md "Infrastructure ledgers").
struct InfrastructureContract {
  Index infra = kNone;
  Index site = kNone;  ///< the holder's site (kNone for a deal's reservation)
  double amount = 0;   ///< MW or t/yr, as the item's capacity
  int from_year = 0;
  int to_year = 0;
  std::string source;
  /// A maatwerk deal's reservation (its file's government_commitments.infrastructure, index of
  /// the deal in the run's deal list): capacity the state arranges for the deal on top of the
  /// item's (reciprocity, policy.md §2.5), used by the deal's options while the deal delivers.
  Index deal = kNone;
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
  std::vector<InfrastructureContract> contracts;
  std::size_t size() const { return id.size(); }
  double capacity_at(Index i, int year) const {
    const auto& s = capacity[i];
    return s.empty() || year < s.first_year ? 0.0 : s.at(year);
  }
};

/// Production/activity groups (activity.csv, docs/model.md "Activity"): an index per year that
/// moves a site's emissions and its DPR basis together, 1 in the dataset's base year. History
/// years come from CBS/NEa figures, later years are the default path a scenario may replace.
struct ActivityGroups {
  std::vector<std::string> id;    ///< e.g. "chemicals", "refining"
  std::vector<std::string> name;
  std::vector<YearSeries> index;  ///< per group
  std::vector<std::string> source;  ///< per group: where its history years come from
  std::size_t size() const { return id.size(); }
  Index find(std::string_view group) const;
};

/// Every site's emissions over the history years (docs/model.md "Baseline"): the base figure, then
/// a published figure where one exists, else the site's share of NEa's published total for its
/// scope (calibrated), else the base figure moved by its activity index (estimate).
struct History {
  int first_year = 0;  ///< the dataset's base year
  int last_year = 0;   ///< the last year with a published total (the last calibrated year)
  std::vector<double> emissions_t;   ///< [site × years]
  std::vector<HistoryBasis> basis;   ///< [site × years]
  /// Per year: the calibration factor λ that closes the NEa scope to its published total
  /// (1 where the year has no total), and that total (NaN where none).
  std::vector<double> calibration_factor;
  std::vector<double> published_total_t;
  int years() const { return last_year - first_year + 1; }
  double emissions(Index site, int year) const {
    return emissions_t[static_cast<std::size_t>(site) * static_cast<std::size_t>(years()) +
                       static_cast<std::size_t>(year - first_year)];
  }
  HistoryBasis basis_of(Index site, int year) const {
    return basis[static_cast<std::size_t>(site) * static_cast<std::size_t>(years()) +
                 static_cast<std::size_t>(year - first_year)];
  }
};

/// Published figures a hindcast compares with (published.csv): national totals, the levy's DPR
/// deposits and revenue (docs/data-sources.md "History").
struct Published {
  std::vector<std::string> series;  ///< e.g. "nea_industry_emissions_t", "levy_dpr_deposited"
  std::vector<int> year;
  std::vector<double> value;
  std::vector<Basis> basis;
  std::vector<std::string> source;
  std::size_t size() const { return series.size(); }
  /// Row of (series, year), or kNone.
  Index find(std::string_view series_name, int year_of) const;
};

/// The whole loaded dataset.
struct Model {
  DatasetInfo info;
  Clusters clusters;
  Sites sites;
  Options options;
  Infrastructure infrastructure;
  /// Price paths in EUR of info.price_year (nominal rows of prices.csv deflated at load).
  std::array<YearSeries, kPriceSeriesCount> prices;
  const YearSeries& price(PriceSeries s) const { return prices[static_cast<std::size_t>(s)]; }
  ActivityGroups activity;
  History history;
  Published published;
  /// SDE++ rounds, categories and which option falls in which category (docs/model.md "SDE++").
  Sde sde;
  /// The lot's instruments and its reserved / committed / paid money (docs/budget.md).
  FundLedger fund;
  /// Consumer price index (deflator.csv), any base; nominal EUR of year y become EUR of
  /// info.price_year by × cpi(price_year) / cpi(y). Years past the table hold its last value.
  YearSeries cpi;
  /// `eur` nominal in `year` as EUR of the dataset's price year (docs/model.md "Price basis").
  double real_eur(double eur, int year) const {
    return cpi.empty() ? eur : eur * cpi.at(info.price_year) / cpi.at(year);
  }
  /// The inverse: EUR of the price year as nominal EUR of `year` (a statute's or an invoice's).
  double nominal_eur(double eur, int year) const {
    return cpi.empty() ? eur : eur * cpi.at(year) / cpi.at(info.price_year);
  }

  /// Index of a site/option/infrastructure item by id, or kNone (linear: for edges, not loops).
  Index find_site(std::string_view id) const;
  Index find_option(std::string_view id) const;
  Index find_infrastructure(std::string_view id) const;
  Index find_cluster(std::string_view id) const;
};

}  // namespace decarbfund::model
