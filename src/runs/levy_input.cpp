#include "runs/levy_input.hpp"

#include <string_view>

#include "sim/inputs.hpp"

namespace decarbfund::runs {

namespace {

constexpr double kMaxT = 1e9;  // no installation emits a gigatonne

using T = data::ColumnType;
// The input's columns (docs/levy.md). Either dpr_basis_t (DPR = RF × basis) or dpr_allocated_t
// (the DPRs NEa deposited) per row.
constexpr data::ColumnSpec kLevyColumns[] = {
    {"installation", T::text, true, 0, 0, "", "installation name or NEa id"},
    {"year", T::integer, true, 1990, 2100, "year", "tax year"},
    {"category", T::text, true, 0, 0, "", "ets, waste or n2o (or ets_industrial, waste_incineration)"},
    {"emissions_t", T::number, true, 0, kMaxT, "t CO2-eq", "verified industrial emissions of the year"},
    {"dpr_basis_t", T::number, false, 0, kMaxT, "t", "Σ benchmark × activity level (DPR = RF × basis)"},
    {"dpr_allocated_t", T::number, false, 0, kMaxT, "t", "DPRs deposited (instead of dpr_basis_t)"},
    {"tariff_eur_per_t", T::number, false, 0, 10'000, "EUR/t", "overrides the scenario's tariff"},
    {"ets_reference_price_eur_per_t", T::number, false, 0, 10'000, "EUR/t",
     "overrides the scenario's ETS reference price"},
    {"reduction_factor", T::number, false, 0, 5, "", "overrides the scenario's reduction factor"},
    {"dpr_bought_t", T::number, false, 0, kMaxT, "t", "DPRs bought in the transfer window"},
    {"dpr_sold_t", T::number, false, 0, kMaxT, "t", "DPRs sold (at most the surplus)"},
};

// Spellings accepted in the category column: the short ones users type and the dataset's.
constexpr std::string_view kCategoryNames[] = {"ets", "ets_industrial", "waste", "waste_incineration", "n2o"};
constexpr model::LevyCategory kCategoryValues[] = {
    model::LevyCategory::ets_industrial, model::LevyCategory::ets_industrial,
    model::LevyCategory::waste_incineration, model::LevyCategory::waste_incineration, model::LevyCategory::n2o};

std::optional<double> optional_number(data::TableReader& t, std::size_t r, std::string_view col) {
  if (t.raw(r, col).empty()) {
    return std::nullopt;
  }
  const double v = t.number(r, col);
  return v == v ? std::optional<double>(v) : std::nullopt;  // NaN: reported by the reader
}

}  // namespace

std::optional<LevyInput> read_levy_input(const data::CsvTable& table, core::Diagnostics& diags) {
  data::TableReader t(table, kLevyColumns, diags);
  if (!t.ok()) {
    return std::nullopt;
  }
  LevyInput in;
  in.file = table.file;
  for (std::size_t r = 0; r < t.size(); ++r) {
    sim::LevyStatementRow row;
    row.installation = t.text(r, "installation");
    row.year = static_cast<int>(t.integer(r, "year"));
    const int c = t.choice(r, "category", kCategoryNames);
    row.category = c >= 0 ? kCategoryValues[c] : model::LevyCategory::ets_industrial;
    row.emissions_t = t.number(r, "emissions_t", 0.0);
    row.dpr_basis_t = optional_number(t, r, "dpr_basis_t");
    row.dpr_allocated_t = optional_number(t, r, "dpr_allocated_t");
    if (t.raw(r, "dpr_basis_t").empty() == t.raw(r, "dpr_allocated_t").empty()) {
      t.error(r, "dpr_basis_t", "either dpr_basis_t or dpr_allocated_t (exactly one per row)",
              t.raw(r, "dpr_basis_t").empty() ? "neither" : "both");
    }
    row.tariff_eur_per_t = optional_number(t, r, "tariff_eur_per_t");
    row.ets_reference_price_eur_per_t = optional_number(t, r, "ets_reference_price_eur_per_t");
    row.reduction_factor = optional_number(t, r, "reduction_factor");
    row.dpr_bought_t = optional_number(t, r, "dpr_bought_t").value_or(0.0);
    row.dpr_sold_t = optional_number(t, r, "dpr_sold_t").value_or(0.0);
    in.rows.push_back(std::move(row));
    in.lines.push_back(t.line(r));
  }
  return in;
}

std::optional<LevyInput> load_levy_input(const std::filesystem::path& path, core::Diagnostics& diags) {
  const auto table = data::read_csv(path, diags);
  if (!table) {
    return std::nullopt;
  }
  return read_levy_input(*table, diags);
}

LevyRun compute_levy(const model::Model& model, const model::Scenario& scenario, const LevyInput& input) {
  // The simulation's own view of the scenario: its policy with the dataset's stated reference
  // prices in the gaps, and the ETS path with the scenario's prices over the dataset's — turned
  // back from the simulation's real EUR into each year's nominal EUR, in which the law states the
  // tariff and NEa invoices the levy.
  const sim::Inputs resolved = sim::resolve_inputs(model, scenario);
  const auto levy = sim::nominal_levy(model, resolved.levy);
  model::YearSeries ets_path;
  for (int y = resolved.start_year; y <= resolved.end_year; ++y) {
    ets_path.set(y, model.nominal_eur(resolved.prices.ets_eur_per_t[static_cast<std::size_t>(y - resolved.start_year)], y));
  }
  const auto& stated = model.price(model::PriceSeries::ets_reference_eur_per_t);

  LevyRun run;
  run.statement = sim::compute_levy_statement(levy, input.rows, &ets_path);
  for (const auto& row : input.rows) {
    // The precedence of sim::compute_levy_statement, named.
    std::string source;
    if (model::deducts_ets_price(row.category)) {
      source = row.ets_reference_price_eur_per_t                              ? kRefFromInput
               : scenario.levy.ets_reference_price_eur_per_t.covers(row.year) ? kRefFromPolicy
               : stated.covers(row.year)                                      ? kRefFromDataset
               : ets_path.covers(row.year - 1)                                ? kRefFromPricePath
                                                                              : "";
    }
    run.ets_reference_source.push_back(std::move(source));
  }
  return run;
}

void add_levy_issues(const LevyInput& input, const LevyRun& run, core::Diagnostics& diags) {
  for (const auto& issue : run.statement.issues) {
    diags.error(input.file, input.lines[issue.row], issue.field, issue.expected, issue.found, "levy.row");
  }
}

}  // namespace decarbfund::runs
