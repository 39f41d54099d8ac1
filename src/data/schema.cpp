#include "data/schema.hpp"

#include <array>

namespace decarbfund::data {

namespace {

using T = ColumnType;
constexpr double kMaxT = 1e9;    // no installation emits a gigatonne
constexpr double kMaxEur = 1e12;
constexpr double kMaxGj = 1e10;

constexpr ColumnSpec kClusters[] = {
    {"cluster_id", T::text, true, 0, 0, "", "short id, e.g. rotterdam_moerdijk"},
    {"name", T::text, true, 0, 0, "", "display name"},
    {"grid_status", T::text, false, 0, 0, "", "congestion status of the electricity grid"},
    {"source", T::text, true, 0, 0, "", "where the row comes from (URL or MIDDEN id)"},
};

constexpr ColumnSpec kSites[] = {
    {"site_id", T::text, true, 0, 0, "", "unique id; MIDDEN plant_id (M001) or X-… for additions"},
    {"name", T::text, true, 0, 0, "", "installation name"},
    {"company", T::text, false, 0, 0, "", "operator or corporate group"},
    {"cluster", T::text, true, 0, 0, "", "a cluster_id of clusters.csv"},
    {"sector", T::text, true, 0, 0, "", "sector (NACE main sector name)"},
    {"nace", T::text, false, 0, 0, "", "NACE code"},
    {"levy_category", T::text, true, 0, 0, "",
     "ets_industrial, waste_incineration, n2o or none (policy.md §1.2)"},
    {"nea_id", T::text, false, 0, 0, "", "NEa permit id"},
    {"ets", T::text, false, 0, 0, "",
     "yes when the installation surrenders EU ETS allowances, no otherwise; default: yes for "
     "ets_industrial, no for other levy categories"},
    {"latitude", T::number, false, 50.5, 53.7, "degrees", "WGS84 latitude (the Netherlands)"},
    {"longitude", T::number, false, 3.2, 7.3, "degrees", "WGS84 longitude (the Netherlands)"},
    {"emissions_year", T::integer, true, 1990, 2100, "year", "year of emissions_t"},
    {"emissions_t", T::number, true, 0, kMaxT, "t CO2-eq/yr", "verified emissions in emissions_year"},
    {"dpr_basis_t", T::number, true, 0, kMaxT, "t/yr",
     "DPR basis: Σ benchmark × activity level (DESIGN §4.1) before the reduction factor"},
    {"dpr_basis_method", T::text, true, 0, 0, "", "how dpr_basis_t was obtained"},
    {"source", T::text, true, 0, 0, "", "where the row comes from"},
};

constexpr ColumnSpec kOptions[] = {
    {"option_id", T::text, true, 0, 0, "", "unique id; MIDDEN configuration_id or X-… for projects"},
    {"site_id", T::text, true, 0, 0, "", "a site_id of sites.csv"},
    {"name", T::text, true, 0, 0, "", "technology or project name"},
    {"kind", T::text, true, 0, 0, "", "replace, add_on or project"},
    {"exclusive_group", T::text, true, 0, 0, "",
     "options of one site with the same group exclude each other"},
    {"technology_id", T::text, false, 0, 0, "", "MIDDEN technology card id"},
    {"delta_emissions_t", T::number, true, -kMaxT, kMaxT, "t CO2-eq/yr",
     "change of the site's emissions when adopted; negative is a reduction"},
    {"delta_emissions_low_t", T::number, false, -kMaxT, kMaxT, "t CO2-eq/yr",
     "low end of delta_emissions_t (larger reduction)"},
    {"delta_emissions_high_t", T::number, false, -kMaxT, kMaxT, "t CO2-eq/yr",
     "high end of delta_emissions_t (smaller reduction)"},
    {"capex_eur", T::number, true, 0, kMaxEur, "EUR (price_year)", "investment"},
    {"capex_low_eur", T::number, false, 0, kMaxEur, "EUR (price_year)", "low end of capex_eur"},
    {"capex_high_eur", T::number, false, 0, kMaxEur, "EUR (price_year)", "high end of capex_eur"},
    {"fixed_om_eur", T::number, true, -kMaxEur, kMaxEur, "EUR/yr (price_year)",
     "change of fixed operation and maintenance cost"},
    {"delta_gas_gj", T::number, true, -kMaxGj, kMaxGj, "GJ/yr", "change of natural gas use"},
    {"delta_electricity_gj", T::number, true, -kMaxGj, kMaxGj, "GJ/yr", "change of electricity use"},
    {"delta_hydrogen_gj", T::number, true, -kMaxGj, kMaxGj, "GJ/yr", "change of hydrogen use"},
    {"delta_biomass_gj", T::number, true, -kMaxGj, kMaxGj, "GJ/yr",
     "change of biomass and biogas use"},
    {"co2_stored_t", T::number, true, 0, kMaxT, "t CO2/yr", "CO2 sent to transport and storage"},
    {"co2_store", T::text, false, 0, 0, "",
     "infra_ids of the CO2 stores it may use, in preference order, separated by ';'; empty: any "
     "store serving the site's cluster"},
    {"full_load_hours", T::number, true, 0, 8760, "h/yr",
     "full-load hours used to turn delta_electricity_gj into grid_need_mw"},
    {"grid_need_mw", T::number, true, 0, 1e5, "MW", "extra grid connection capacity needed"},
    {"lifetime_yr", T::number, true, 1, 100, "yr", "technical lifetime"},
    {"trl", T::integer, true, 1, 9, "", "technology readiness level"},
    {"earliest_year", T::integer, true, 2000, 2100, "year", "first year it can operate"},
    {"lead_time_yr", T::integer, true, 0, 20, "yr", "years from decision to operation"},
    {"price_year", T::integer, true, 2000, 2100, "year", "price basis of all EUR columns"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "MIDDEN ids or URL"},
    {"notes", T::text, false, 0, 0, "", "conversions and assumptions"},
    {"acts_on", T::text, false, 0, 0, "",
     "section (replaces its exclusive group's process section) or remaining (acts on what the "
     "site's section options leave, e.g. capture); default: remaining for add_on, else section"},
    {"section_emissions_t", T::number, false, 0, kMaxT, "t CO2-eq/yr",
     "emissions of the section it replaces in the site's emissions_year (the most it can cut); "
     "empty: not stated (its own reduction is taken as the section)"},
    {"status", T::text, false, 0, 0, "",
     "option, announced, fid, construction or operating; fid, construction and operating are "
     "committed (in every run from committed_year); default: announced for projects, else option"},
    {"committed_year", T::integer, false, 2000, 2100, "year",
     "first operating year of a committed project (status fid, construction or operating)"},
};

constexpr ColumnSpec kVerifiedEmissions[] = {
    {"site_id", T::text, true, 0, 0, "", "a site_id of sites.csv"},
    {"year", T::integer, true, 1990, 2100, "year", "reporting year"},
    {"emissions_t", T::number, true, 0, kMaxT, "t CO2-eq/yr", "verified emissions"},
    {"source", T::text, true, 0, 0, "", "where the figure comes from"},
};

constexpr ColumnSpec kInfrastructure[] = {
    {"infra_id", T::text, true, 0, 0, "", "unique id, e.g. grid_rotterdam_moerdijk, porthos"},
    {"name", T::text, true, 0, 0, "", "display name"},
    {"kind", T::text, true, 0, 0, "", "grid, co2_storage or hydrogen"},
    {"clusters", T::text, true, 0, 0, "", "cluster_ids it serves, separated by ';'"},
    {"funded_by", T::text, true, 0, 0, "",
     "the fund lot or outside body that pays for it (e.g. klimaatfonds_energy_infrastructure, tennet)"},
    {"status", T::text, false, 0, 0, "", "planning status in words"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

constexpr ColumnSpec kInfrastructureCapacity[] = {
    {"infra_id", T::text, true, 0, 0, "", "an infra_id of infrastructure.csv"},
    {"year", T::integer, true, 2000, 2100, "year", "year the capacity applies to"},
    {"capacity_mw", T::number, false, 0, 1e6, "MW",
     "grid: new connection capacity available to industry; hydrogen: transport capacity"},
    {"capacity_t", T::number, false, 0, 1e9, "t CO2/yr", "co2_storage: injection capacity"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

constexpr ColumnSpec kPrices[] = {
    {"series", T::text, true, 0, 0, "", "price series; the unit is in its name"},
    {"year", T::integer, true, 2000, 2100, "year", "year"},
    {"value", T::number, true, -1e6, 1e6, "as the series name says", "price"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL"},
    {"price_basis", T::text, false, 0, 0, "",
     "nominal (EUR of that year, deflated at load with deflator.csv) or real (EUR of the dataset's "
     "price_year); default real"},
};

constexpr ColumnSpec kDeflator[] = {
    {"year", T::integer, true, 1990, 2100, "year", "year"},
    {"cpi", T::number, true, 1, 1e4, "index", "consumer price index, any base (CBS 83131NED: 2015 = 100)"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

constexpr ColumnSpec kActivityGroups[] = {
    {"group_id", T::text, true, 0, 0, "", "unique id, e.g. chemicals"},
    {"name", T::text, true, 0, 0, "", "display name"},
    {"nace", T::text, false, 0, 0, "",
     "NACE code prefixes of its sites separated by ';' (longest prefix wins; '*' = every other site)"},
    {"sites", T::text, false, 0, 0, "",
     "site_ids that belong to the group whatever their NACE code, separated by ';'"},
    {"source", T::text, true, 0, 0, "", "where the group's history comes from"},
};

constexpr ColumnSpec kActivity[] = {
    {"group_id", T::text, true, 0, 0, "", "a group_id of activity-groups.csv"},
    {"year", T::integer, true, 1990, 2100, "year", "year"},
    {"index", T::number, true, 0, 10, "", "production index, 1 in the dataset's base_year"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL and reasoning"},
};

constexpr ColumnSpec kClosures[] = {
    {"site_id", T::text, true, 0, 0, "", "a site_id of sites.csv"},
    {"year", T::integer, true, 1990, 2100, "year", "first year without production"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

constexpr ColumnSpec kPublished[] = {
    {"series", T::text, true, 0, 0, "", "what the figure is; the unit is in the name"},
    {"year", T::integer, true, 1990, 2100, "year", "year the figure is for"},
    {"value", T::number, true, -1e15, 1e15, "as the series name says", "the published figure"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

constexpr ColumnSpec kInfrastructureContracts[] = {
    {"infra_id", T::text, true, 0, 0, "", "an infra_id of infrastructure.csv"},
    {"site_id", T::text, true, 0, 0, "", "the contract holder's site"},
    {"amount", T::number, true, 0, 1e9, "MW or t CO2/yr", "capacity reserved, in the item's unit"},
    {"from_year", T::integer, true, 2000, 2100, "year", "first year"},
    {"to_year", T::integer, true, 2000, 2100, "year", "last year"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

// SDE++ (docs/model.md "SDE++"): rounds, technique categories, and which options they take.
constexpr ColumnSpec kSdeRounds[] = {
    {"year", T::integer, true, 2020, 2100, "year", "year the round opens (one round a year)"},
    {"budget_eur", T::number, true, 0, kMaxEur, "EUR", "the round's whole budget, nominal EUR of its year"},
    {"industry_share", T::number, true, 0, 1, "", "share of the budget that goes to industry"},
    {"max_intensity_eur_per_t", T::number, true, 0, 10'000, "EUR/t",
     "highest subsidy intensity paid outside the fences, nominal"},
    {"fence_max_intensity_eur_per_t", T::number, false, 0, 10'000, "EUR/t",
     "the same inside the fenced budgets (hekjes); empty = no fences that year"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL and reasoning"},
};

constexpr ColumnSpec kSdeCategories[] = {
    {"category", T::text, true, 0, 0, "", "short id, e.g. ccs"},
    {"name", T::text, true, 0, 0, "", "display name"},
    {"term_yr", T::integer, true, 1, 30, "yr", "years the subsidy is paid"},
    {"floor_share", T::number, true, 0, 1, "",
     "basisprijs ÷ long-term correction at award: the correction's floor"},
    {"in_fence", T::text, true, 0, 0, "", "yes when inside the fenced budgets (hekjes), else no"},
    {"max_base_eur_per_t", T::number, false, 0, 10'000, "EUR/t",
     "the category's base amount where published, EUR of the dataset's price year; empty = the option's own cost price"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL and reasoning"},
};

constexpr ColumnSpec kSdeTechniques[] = {
    {"pattern", T::text, true, 0, 0, "",
     "words an option's name contains (case-insensitive); the first matching row wins"},
    {"category", T::text, true, 0, 0, "", "a category of sde-categories.csv"},
    {"source", T::text, true, 0, 0, "", "URL and reasoning"},
};

// The lot's own books (issue 18, docs/budget.md): its instruments and, per instrument and year,
// reserved / committed / paid money.
constexpr ColumnSpec kFundInstruments[] = {
    {"instrument", T::text, true, 0, 0, "", "short id, e.g. maatwerk, niki, veki"},
    {"name", T::text, true, 0, 0, "", "display name"},
    {"lot", T::text, true, 0, 0, "",
     "the Klimaatfonds lot (article) whose money it is: 3, 4 or 5; outside for another budget"},
    {"funder", T::text, true, 0, 0, "", "the budget line that pays, in words"},
    {"spends", T::text, true, 0, 0, "",
     "what spends it in the model: deals (maatwerk), sme (the SME round) or scheme (not simulated)"},
    {"source", T::text, true, 0, 0, "", "URL"},
};

constexpr ColumnSpec kFundLedger[] = {
    {"instrument", T::text, true, 0, 0, "", "an instrument of fund-instruments.csv"},
    {"year", T::integer, true, 2020, 2040, "year", "budget year"},
    {"kind", T::text, true, 0, 0, "",
     "reserved (in the fund's budget or MJP), committed (verplichting: grant decision, signed deal) "
     "or paid (uitgave)"},
    {"amount_eur", T::number, true, 0, kMaxEur, "EUR (nominal, of year)", "the amount"},
    {"deal", T::text, false, 0, 0, "", "the deal file id whose grant this is (committed and paid rows)"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL, and the reasoning for a derived or estimated figure"},
};

// Projects the lot shares with lots 3 and 4 or an outside funder (issue 18 item 3, docs/budget.md
// "Shared projects"): one row per project and payer, so the reconciliation can credit each tonne
// to one lot and each euro to the lot that pays it.
constexpr ColumnSpec kFundSharedProjects[] = {
    {"project", T::text, true, 0, 0, "", "short id of the shared project; one row per payer"},
    {"name", T::text, true, 0, 0, "", "display name"},
    {"payer", T::text, true, 0, 0, "",
     "who pays this row's euros: the Klimaatfonds lot 3, 4 or 5, or outside (another budget, a company, grid tariffs)"},
    {"instrument", T::text, false, 0, 0, "",
     "the instrument of fund-instruments.csv the money comes from; its lot must be the payer"},
    {"amount_eur", T::number, true, 0, kMaxEur, "EUR (nominal)", "what this payer pays for the project (0 = not public)"},
    {"decisive", T::text, true, 0, 0, "",
     "yes when the project would not go ahead without this money (the rule credits tonnes among decisive payers), else no"},
    {"claims_tonnes", T::text, true, 0, 0, "",
     "yes when this payer's books count the project's tonnes; the reconciliation refuses two lots doing so"},
    {"tonnes_t", T::number, false, 0, 1e9, "t CO2/yr",
     "the project's reduction by 2030 on a claiming row; empty with a deal = the deal's committed reduction by 2030"},
    {"deal", T::text, false, 0, 0, "", "the deal file id behind the project (data/nl/deals)"},
    {"infra", T::text, false, 0, 0, "", "an infrastructure item of infrastructure.csv the row pays for or uses"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "URL, and the reasoning for a derived or estimated figure"},
};

constexpr TableSpec kTables[] = {
    {"clusters", "industrial clusters (DESIGN §3)", kClusters},
    {"sites", "installations: one row per MIDDEN plant or added site", kSites},
    {"options", "abatement options per site: MIDDEN alternatives and announced projects", kOptions},
    {"verified_emissions", "verified emissions newer than the site's base figure", kVerifiedEmissions},
    {"infrastructure", "infrastructure items whose capacity limits options", kInfrastructure},
    {"infrastructure_capacity", "capacity per infrastructure item and year", kInfrastructureCapacity},
    {"prices", "price paths per series and year", kPrices},
    {"deflator", "consumer price index per year: the one price basis (docs/model.md)", kDeflator},
    {"activity_groups", "production groups and the NACE codes of their sites", kActivityGroups},
    {"activity", "production index per group and year (history and default path)", kActivity},
    {"closures", "sites that stopped producing, from a year on", kClosures},
    {"published", "published figures the hindcast compares with", kPublished},
    {"infrastructure_contracts", "infrastructure capacity contracted to named sites", kInfrastructureContracts},
    {"sde_rounds", "SDE++ rounds: budget, industry share and intensity caps per year", kSdeRounds},
    {"sde_categories", "SDE++ technique categories: term, correction floor, fence", kSdeCategories},
    {"sde_techniques", "which options each SDE++ category takes, by words in the option's name", kSdeTechniques},
    {"fund_instruments", "the lot's instruments: which lot or outside body pays, what spends it", kFundInstruments},
    {"fund_ledger", "the lot's money per instrument and year: reserved, committed, paid", kFundLedger},
    {"fund_shared_projects", "projects shared with lots 3 and 4 or outside funders: euros per payer, who claims the tonnes",
     kFundSharedProjects},
};

}  // namespace

std::span<const TableSpec> dataset_tables() { return kTables; }

const TableSpec* find_table(std::string_view key) {
  for (const auto& t : kTables) {
    if (t.key == key) {
      return &t;
    }
  }
  return nullptr;
}

}  // namespace decarbfund::data
