#include "data/load_sme.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "core/atomic_file.hpp"

namespace decarbfund::data {

namespace {

using T = ColumnType;
constexpr double kMaxEur = 1e10;
constexpr double kMaxGj = 1e9;

constexpr ColumnSpec kTechniqueColumns[] = {
    {"technique_id", T::text, true, 0, 0, "", "unique id, T01…"},
    {"name", T::text, true, 0, 0, "", "technique"},
    {"theme", T::text, true, 0, 0, "",
     "energy_saving, renewable_heat, electrification, renewable_electricity, fuel_switch or "
     "circularity"},
    {"unit", T::text, false, 0, 0, "", "the typical unit one row describes"},
    {"investment_eur", T::number, false, 0, kMaxEur, "EUR per unit", "investment (extra cost)"},
    {"gas_saving_gj", T::number, false, -kMaxGj, kMaxGj, "GJ/yr per unit", "natural gas saved"},
    {"electricity_delta_mwh", T::number, false, -kMaxGj, kMaxGj, "MWh/yr per unit",
     "extra electricity use; negative is a saving"},
    {"co2_reduction_t", T::number, false, -1e8, 1e8, "t CO2/yr per unit",
     "net: gas × 56.6 kg/GJ − electricity × 0.30 kg/kWh"},
    {"co2_direct_t", T::number, false, -1e8, 1e8, "t CO2/yr per unit",
     "at the firm's own installation (scope 1)"},
    {"lifetime_yr", T::number, false, 1, 100, "yr", "technical lifetime"},
    {"grid_need_mw", T::number, false, 0, 1e4, "MW per unit", "extra grid offtake capacity"},
    {"payback_yr", T::number, false, 0, 1e4, "yr",
     "investment / annual energy-cost saving at the stated SME prices; empty = never"},
    {"mandatory", T::text, false, 0, 0, "",
     "yes when payback ≤ 5 yr (energy-saving obligation), no, empty when unknown"},
    {"status", T::text, true, 0, 0, "", "ok, partial or gap"},
    {"basis", T::text, true, 0, 0, "", "stated, derived or estimate"},
    {"source", T::text, true, 0, 0, "", "data-sources.md row, URLs, MIDDEN ids"},
    {"notes", T::text, false, 0, 0, "", "conversions and assumptions"},
};

constexpr std::string_view kYesNo[] = {"yes", "no"};
constexpr std::string_view kBasisValues[] = {"stated", "derived", "estimate"};

}  // namespace

std::span<const ColumnSpec> sme_technique_columns() { return kTechniqueColumns; }

int find_technique(std::span<const model::Technique> techniques, std::string_view id) {
  for (std::size_t i = 0; i < techniques.size(); ++i) {
    if (techniques[i].id == id) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::optional<std::vector<model::Technique>> parse_sme_techniques(std::string_view text,
                                                                  const std::string& file,
                                                                  core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  auto table = parse_csv(text, file, diags);
  if (!table) {
    return std::nullopt;
  }
  TableReader reader(*table, kTechniqueColumns, diags);
  if (!reader.ok()) {
    return std::nullopt;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<model::Technique> out;
  out.reserve(reader.size());
  for (std::size_t r = 0; r < reader.size(); ++r) {
    model::Technique t;
    t.id = reader.text(r, "technique_id");
    if (!t.id.empty() && find_technique(out, t.id) >= 0) {
      reader.error(r, "technique_id", "a technique id used once", core::quote_found(t.id));
    }
    t.name = reader.text(r, "name");
    const int theme = reader.choice(r, "theme", model::kSmeThemes);
    t.theme = static_cast<model::SmeTheme>(theme < 0 ? 0 : theme);
    t.unit = reader.text(r, "unit");
    t.investment_eur = reader.number(r, "investment_eur", nan);
    t.gas_saving_gj = reader.number(r, "gas_saving_gj", nan);
    t.electricity_delta_mwh = reader.number(r, "electricity_delta_mwh", nan);
    t.co2_reduction_t = reader.number(r, "co2_reduction_t", nan);
    t.co2_direct_t = reader.number(r, "co2_direct_t", nan);
    t.lifetime_yr = reader.number(r, "lifetime_yr", nan);
    t.grid_need_mw = reader.number(r, "grid_need_mw", nan);
    const int status = reader.choice(r, "status", model::kTechniqueStatuses);
    t.status = static_cast<model::TechniqueStatus>(status < 0 ? 0 : status);
    // An empty payback is "never" only where the energy effects are known (the saving is ≤ 0);
    // on a GAP row it stays unknown.
    const bool known_effects = !std::isnan(t.gas_saving_gj) && !std::isnan(t.electricity_delta_mwh) &&
                               !std::isnan(t.investment_eur);
    t.payback_yr = reader.number(r, "payback_yr",
                                 known_effects ? std::numeric_limits<double>::infinity() : nan);
    t.mandatory = reader.choice(r, "mandatory", kYesNo) == 0;
    t.basis = reader.text(r, "basis");
    if (!t.basis.empty()) {
      reader.choice(r, "basis", kBasisValues);
    }
    t.source = reader.text(r, "source");
    if (status >= 0 && t.status != model::TechniqueStatus::gap) {
      // A usable row must carry every figure the generator and the grant formula need.
      for (auto column : {"investment_eur", "gas_saving_gj", "electricity_delta_mwh",
                          "co2_reduction_t", "co2_direct_t", "lifetime_yr"}) {
        if (reader.raw(r, column).empty()) {
          reader.error(r, column, "a number on a row with status ok or partial (or status gap)",
                       "nothing");
        }
      }
    }
    out.push_back(std::move(t));
  }
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<model::Technique>> load_sme_techniques(const std::filesystem::path& path,
                                                                 core::Diagnostics& diags) {
  const auto read = core::read_file(path, diags);
  if (!read) {
    return std::nullopt;
  }
  const std::string& text = *read;
  return parse_sme_techniques(text, path.string(), diags);
}

}  // namespace decarbfund::data
