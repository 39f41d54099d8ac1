#include "report/levy_report.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/append.hpp"
#include "report/json_tables.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;
using Fields = std::vector<std::pair<std::string, TableCell>>;

std::string category_name(model::LevyCategory c) {
  return std::string(model::kLevyCategoryNames[static_cast<std::size_t>(c)]);
}

/// A row's fields, in the order of the JSON document and of rows.csv (docs/levy.md).
Fields row_fields(const LevyReport& r, std::size_t i) {
  const auto& row = (*r.rows)[i];
  const auto& line = r.statement->lines[i];
  const auto& a = line.account;
  const std::string& source = (*r.ets_reference_source)[i];
  Fields f;
  f.emplace_back("installation", row.installation);
  f.emplace_back("year", static_cast<std::int64_t>(row.year));
  f.emplace_back("category", category_name(row.category));
  f.emplace_back("emissions_t", a.emissions_t);
  // DPRs given as deposited: no reduction factor applied.
  f.emplace_back("reduction_factor", row.dpr_allocated_t ? TableCell{} : TableCell{line.reduction_factor});
  f.emplace_back("dpr_allocated_t", a.dpr_allocated_t);
  f.emplace_back("dpr_bought_t", a.dpr_bought_t);
  f.emplace_back("dpr_sold_t", a.dpr_sold_t);
  f.emplace_back("dpr_held_t", a.dpr_held_t);
  f.emplace_back("base_t", a.base_t);
  f.emplace_back("tariff_eur_per_t", line.tariff_eur_per_t);
  f.emplace_back("ets_reference_price_eur_per_t", line.ets_reference_price_eur_per_t);
  f.emplace_back("ets_reference_price_source", source.empty() ? TableCell{} : TableCell{source});
  f.emplace_back("rate_eur_per_t", a.rate_eur_per_t);
  f.emplace_back("levy_eur", a.levy_eur);
  f.emplace_back("minimum_price_levy_eur", a.minimum_price_levy_eur);
  f.emplace_back("surplus_t", a.surplus_t);
  f.emplace_back("carried_back_t", a.carried_back_t);
  f.emplace_back("lapsed_t", a.lapsed_t());
  f.emplace_back("base_refunded_t", a.base_refunded_t);
  f.emplace_back("refund_eur", a.refund_eur);
  return f;
}

json cell_json(const TableCell& c) {
  return std::visit(
      [](const auto& v) -> json {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return nullptr;
        } else {
          return v;
        }
      },
      c);
}

json meta_and_totals(const LevyReport& r) {
  const auto& scenario = *r.scenario;
  const auto& t = r.statement->totals;
  json j;
  j["meta"] = {{"input", r.input},
               {"dataset", r.dataset->name},
               {"dataset_version", r.dataset->version},
               {"scenario", scenario.name},
               {"scenario_file", scenario.file},
               {"policy_version", scenario.levy.version},
               {"dpr_trading", scenario.levy.dpr_trading},
               {"carry_back", scenario.levy.carry_back},
               {"carry_back_order", "oldest year first (assumption, policy.md §1.7)"}};
  j["rows"] = json::array();
  j["totals"] = {{"emissions_t", t.emissions_t},
                 {"dpr_allocated_t", t.dpr_allocated_t},
                 {"base_t", t.base_t},
                 {"levy_eur", t.levy_eur},
                 {"minimum_price_levy_eur", t.minimum_price_levy_eur},
                 {"refund_eur", t.refund_eur},
                 {"net_levy_eur", t.net_levy_eur}};
  return j;
}

/// Where a row's ETS reference price came from, for people.
std::string source_text(const std::string& source, int year, const model::DatasetInfo& dataset) {
  if (source == "policy") {
    return "the scenario's policy (policy.levy.ets_reference_price_eur_per_t)";
  }
  if (source == "dataset") {
    return fmt::format("the reference price dataset {} states (prices.csv ets_reference_eur_per_t)", dataset.name);
  }
  if (source == "ets_price_path") {
    return fmt::format("the ETS price of {} on the scenario's path (dataset {} prices.csv, the scenario's "
                       "prices.ets_eur_per_t over it)",
                       year - 1, dataset.name);
  }
  return source;
}

}  // namespace

std::string levy_text(const LevyReport& r) {
  const auto& scenario = *r.scenario;
  const auto& rows = *r.rows;
  const auto& s = *r.statement;
  std::string out;
  append(out, "CO2 levy statement for {} — scenario {} (policy {})\n\n", r.input, scenario.name, scenario.levy.version);
  std::size_t name_width = 12;
  for (const auto& row : rows) {
    name_width = std::max(name_width, row.installation.size());
  }
  append(out, "{:<{}}  {:>4}  {:<18} {:>12} {:>12} {:>10} {:>10} {:>12} {:>8} {:>14} {:>12}\n", "installation",
         name_width, "year", "category", "emissions t", "DPR t", "bought t", "sold t", "base t", "rate/t", "levy EUR",
         "refund EUR");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& a = s.lines[i].account;
    append(out, "{:<{}}  {:>4}  {:<18} {:>12.0f} {:>12.0f} {:>10.0f} {:>10.0f} {:>12.0f} {:>8.2f} {:>14.2f} {:>12.2f}\n",
           rows[i].installation, name_width, rows[i].year, category_name(rows[i].category), a.emissions_t,
           a.dpr_allocated_t, a.dpr_bought_t, a.dpr_sold_t, a.base_t, a.rate_eur_per_t, a.levy_eur, a.refund_eur);
  }
  append(out, "\n  levy               EUR {:>16.2f}\n", s.totals.levy_eur);
  if (s.totals.minimum_price_levy_eur != 0.0) {
    append(out, "  minimum-price levy EUR {:>16.2f}\n", s.totals.minimum_price_levy_eur);
  }
  append(out, "  carry-back refunds EUR {:>16.2f}\n", -s.totals.refund_eur);
  append(out, "  net                EUR {:>16.2f}\n", s.totals.net_levy_eur);
  append(out, "\nrate = tariff − ETS reference price for ETS installations (floored at 0), the tariff for others;\n"
              "refunds: a later year's DPR surplus set off against earlier levy, oldest year first (policy.md §1.7).\n");
  bool header = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& source = (*r.ets_reference_source)[i];
    if (source.empty() || source == "input") {
      continue;
    }
    if (!header) {
      append(out, "\nETS reference prices the input does not give:\n");
      header = true;
    }
    append(out, "  {} {}: {:.2f} EUR/t, {}\n", rows[i].installation, rows[i].year,
           s.lines[i].ets_reference_price_eur_per_t, source_text(source, rows[i].year, *r.dataset));
  }
  return out;
}

void levy_json(const LevyReport& r, const std::function<void(std::string_view)>& sink) {
  const std::string frame = meta_and_totals(r).dump(2);
  constexpr std::string_view kRows = "\"rows\": []";
  const auto at = frame.find(kRows);
  sink(std::string_view(frame).substr(0, at));
  const auto& rows = *r.rows;
  if (rows.empty()) {
    sink(kRows);
  } else {
    // Each row as dump(2) would nest it: four more spaces on every line.
    sink("\"rows\": [\n");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      json row = json::object();
      for (const auto& [k, v] : row_fields(r, i)) {
        row[k] = cell_json(v);
      }
      std::string indented = "    ";
      for (const char c : row.dump(2)) {
        indented += c;
        if (c == '\n') {
          indented += "    ";
        }
      }
      indented += i + 1 < rows.size() ? ",\n" : "\n  ]";
      sink(indented);
    }
  }
  sink(std::string_view(frame).substr(at + kRows.size()));
  sink("\n");
}

std::string levy_json(const LevyReport& r) {
  std::string out;
  levy_json(r, [&out](std::string_view s) { out += s; });
  return out;
}

std::string levy_summary_csv(const LevyReport& r) {
  const auto tables = json_tables(meta_and_totals(r).dump());
  return table_csv(tables.front());
}

void levy_rows_csv(const LevyReport& r, const std::function<void(std::string_view)>& sink) {
  std::vector<TableCell> header;
  for (std::size_t i = 0; i < r.rows->size(); ++i) {
    std::vector<TableCell> cells;
    for (auto& [k, v] : row_fields(r, i)) {
      if (i == 0) {
        header.emplace_back(k);
      }
      cells.push_back(std::move(v));
    }
    if (i == 0) {
      sink(csv_line(header));
    }
    sink(csv_line(cells));
  }
}

}  // namespace decarbfund::report
