// `decarbfund levy --input FILE.csv [--scenario FILE] [--json]`: a company's CO2 levy per
// installation and year, with carry-back across its years (docs/levy.md). Parses and prints only;
// the calculation is sim::compute_levy_statement.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/verbs.hpp"
#include "data/csv_reader.hpp"
#include "data/load_scenario.hpp"
#include "sim/levy_statement.hpp"

namespace decarbfund::cli {

namespace {

constexpr const char* kDefaultScenario = "scenarios/belastingplan-2026.yaml";
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
constexpr std::string_view kCategoryNames[] = {"ets", "ets_industrial", "waste", "waste_incineration",
                                              "n2o"};
constexpr model::LevyCategory kCategoryValues[] = {
    model::LevyCategory::ets_industrial, model::LevyCategory::ets_industrial,
    model::LevyCategory::waste_incineration, model::LevyCategory::waste_incineration,
    model::LevyCategory::n2o};

struct LevyArgs {
  std::string input;
  std::string scenario;
  bool json = false;
};

std::optional<double> optional_number(data::TableReader& t, std::size_t r, std::string_view col) {
  if (t.raw(r, col).empty()) {
    return std::nullopt;
  }
  const double v = t.number(r, col);
  return v == v ? std::optional<double>(v) : std::nullopt;  // NaN: reported by the reader
}

/// Reads the rows; nullopt when the file is unusable. Row problems go to `diags`.
std::optional<std::vector<sim::LevyStatementRow>> read_rows(const data::CsvTable& table,
                                                            std::vector<long>& lines,
                                                            core::Diagnostics& diags) {
  data::TableReader t(table, kLevyColumns, diags);
  if (!t.ok()) {
    return std::nullopt;
  }
  std::vector<sim::LevyStatementRow> rows;
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
    rows.push_back(std::move(row));
    lines.push_back(t.line(r));
  }
  return rows;
}

nlohmann::ordered_json row_json(const sim::LevyStatementRow& row, const sim::LevyStatementLine& line) {
  const auto& a = line.account;
  nlohmann::ordered_json r;
  r["installation"] = row.installation;
  r["year"] = row.year;
  r["category"] = model::kLevyCategoryNames[static_cast<std::size_t>(row.category)];
  r["emissions_t"] = a.emissions_t;
  if (row.dpr_allocated_t) {
    r["reduction_factor"] = nullptr;  // DPRs given as deposited, no RF applied
  } else {
    r["reduction_factor"] = line.reduction_factor;
  }
  r["dpr_allocated_t"] = a.dpr_allocated_t;
  r["dpr_bought_t"] = a.dpr_bought_t;
  r["dpr_sold_t"] = a.dpr_sold_t;
  r["dpr_held_t"] = a.dpr_held_t;
  r["base_t"] = a.base_t;
  r["tariff_eur_per_t"] = line.tariff_eur_per_t;
  r["ets_reference_price_eur_per_t"] = line.ets_reference_price_eur_per_t;
  r["rate_eur_per_t"] = a.rate_eur_per_t;
  r["levy_eur"] = a.levy_eur;
  r["minimum_price_levy_eur"] = a.minimum_price_levy_eur;
  r["surplus_t"] = a.surplus_t;
  r["carried_back_t"] = a.carried_back_t;
  r["lapsed_t"] = a.lapsed_t();
  r["base_refunded_t"] = a.base_refunded_t;
  r["refund_eur"] = a.refund_eur;
  return r;
}

/// The statement as JSON (indent 2), written row by row: a JSON tree of 400,000 rows (a 16 MB
/// input) would take 2.5 GB, the rows one at a time a few hundred bytes each.
void print_statement_json(const model::Scenario& scenario, const std::string& input,
                          const std::vector<sim::LevyStatementRow>& rows, const sim::LevyStatement& s) {
  nlohmann::ordered_json j;
  j["meta"] = {{"input", input},
               {"scenario", scenario.name},
               {"scenario_file", scenario.file},
               {"policy_version", scenario.levy.version},
               {"dpr_trading", scenario.levy.dpr_trading},
               {"carry_back", scenario.levy.carry_back},
               {"carry_back_order", "oldest year first (assumption, policy.md §1.7)"}};
  j["rows"] = nlohmann::ordered_json::array();
  j["totals"] = {{"emissions_t", s.totals.emissions_t},
                 {"dpr_allocated_t", s.totals.dpr_allocated_t},
                 {"base_t", s.totals.base_t},
                 {"levy_eur", s.totals.levy_eur},
                 {"minimum_price_levy_eur", s.totals.minimum_price_levy_eur},
                 {"refund_eur", s.totals.refund_eur},
                 {"net_levy_eur", s.totals.net_levy_eur}};
  const std::string frame = j.dump(2);
  constexpr std::string_view kRows = "\"rows\": []";
  const auto at = frame.find(kRows);
  fmt::print("{}", frame.substr(0, at));
  if (rows.empty()) {
    fmt::print("{}", kRows);
  } else {
    // Each row as dump(2) would nest it: four more spaces on every line.
    fmt::print("\"rows\": [\n");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string text = row_json(rows[i], s.lines[i]).dump(2);
      std::string indented = "    ";
      for (const char c : text) {
        indented += c;
        if (c == '\n') {
          indented += "    ";
        }
      }
      fmt::print("{}{}", indented, i + 1 < rows.size() ? ",\n" : "\n  ]");
    }
  }
  fmt::print("{}\n", frame.substr(at + kRows.size()));
}

void print_statement(const model::Scenario& scenario, const std::string& input,
                     const std::vector<sim::LevyStatementRow>& rows, const sim::LevyStatement& s) {
  fmt::print("CO2 levy statement for {} — scenario {} (policy {})\n\n", input, scenario.name,
             scenario.levy.version);
  std::size_t name_width = 12;
  for (const auto& r : rows) {
    name_width = std::max(name_width, r.installation.size());
  }
  fmt::print("{:<{}}  {:>4}  {:<18} {:>12} {:>12} {:>10} {:>10} {:>12} {:>8} {:>14} {:>12}\n",
             "installation", name_width, "year", "category", "emissions t", "DPR t", "bought t",
             "sold t", "base t", "rate/t", "levy EUR", "refund EUR");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& a = s.lines[i].account;
    fmt::print("{:<{}}  {:>4}  {:<18} {:>12.0f} {:>12.0f} {:>10.0f} {:>10.0f} {:>12.0f} {:>8.2f} "
               "{:>14.2f} {:>12.2f}\n",
               rows[i].installation, name_width, rows[i].year,
               model::kLevyCategoryNames[static_cast<std::size_t>(rows[i].category)],
               a.emissions_t, a.dpr_allocated_t, a.dpr_bought_t, a.dpr_sold_t, a.base_t,
               a.rate_eur_per_t, a.levy_eur, a.refund_eur);
  }
  fmt::print("\n  levy               EUR {:>16.2f}\n", s.totals.levy_eur);
  if (s.totals.minimum_price_levy_eur != 0.0) {
    fmt::print("  minimum-price levy EUR {:>16.2f}\n", s.totals.minimum_price_levy_eur);
  }
  fmt::print("  carry-back refunds EUR {:>16.2f}\n", -s.totals.refund_eur);
  fmt::print("  net                EUR {:>16.2f}\n", s.totals.net_levy_eur);
  fmt::print("\nrate = tariff − ETS reference price for ETS installations (floored at 0), the "
             "tariff for others;\nrefunds: a later year's DPR surplus set off against earlier "
             "levy, oldest year first (policy.md §1.7).\n");
}

void run_levy(const LevyArgs& args, int& status) {
  std::string scenario_path = args.scenario;
  if (scenario_path.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(kDefaultScenario, ec)) {
      throw core::Error(kDefaultScenario,
                        "no --scenario given and the default scenario is not in the current "
                        "directory; pass --scenario FILE");
    }
    scenario_path = kDefaultScenario;
  }
  core::Diagnostics diags;
  const auto scenario = data::load_scenario(scenario_path, diags);
  auto table = data::read_csv(args.input, diags);
  std::vector<long> lines;
  std::optional<std::vector<sim::LevyStatementRow>> rows;
  if (table) {
    rows = read_rows(*table, lines, diags);
  }
  std::optional<sim::LevyStatement> statement;
  if (scenario && rows && !diags.has_errors()) {
    const auto prices = scenario->prices.find("ets_eur_per_t");
    statement = sim::compute_levy_statement(
        scenario->levy, *rows, prices == scenario->prices.end() ? nullptr : &prices->second);
    for (const auto& issue : statement->issues) {
      diags.error(args.input, lines[issue.row], issue.field, issue.expected, issue.found,
                  "levy.row");
    }
  }
  for (const auto& d : diags.all()) {
    std::fprintf(stderr, "%s%s\n", d.severity == core::Severity::error ? "error: " : "",
                 d.to_string().c_str());
  }
  if (diags.has_errors() || !statement) {
    std::fprintf(stderr, "%zu error(s); no levy computed\n", diags.error_count());
    status = kExitBadInput;
    return;
  }
  if (args.json) {
    print_statement_json(*scenario, args.input, *rows, *statement);
  } else {
    print_statement(*scenario, args.input, *rows, *statement);
  }
  status = kExitOk;
}

}  // namespace

void add_levy(CLI::App& app, int& status) {
  auto args = std::make_shared<LevyArgs>();
  auto* cmd = app.add_subcommand(
      "levy", "Compute the CO2 levy of installations per year, with carry-back (docs/levy.md)");
  cmd->add_option("--input", args->input,
                  "CSV: installation, year, category, emissions_t, dpr_basis_t or "
                  "dpr_allocated_t, optional overrides")
      ->required();
  cmd->add_option("--scenario", args->scenario,
                  fmt::format("scenario YAML (default: {} in the current directory)",
                              kDefaultScenario));
  cmd->add_flag("--json", args->json, "print the statement as JSON");
  cmd->callback([args, &status] { run_levy(*args, status); });
}

}  // namespace decarbfund::cli
