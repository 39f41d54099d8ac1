#include "report/reconcile_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace decarbfund::report {

namespace {

constexpr const char* kRule =
    "tonnes to the payer whose decisive money is largest (tie: lot 3, 4, 5, outside); euros to the lot that pays";

std::string m(double eur) { return fmt::format("{:.1f}", eur / 1e6); }

std::string payer_name(int p) {
  if (p < 0) {
    return "none";
  }
  return p < 3 ? fmt::format("lot {}", fund::kPayers[static_cast<std::size_t>(p)]) : std::string("outside");
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) {
    s += (s.empty() ? "" : ", ") + x;
  }
  return s;
}

}  // namespace

std::string reconcile_text(const model::Model& model, const fund::Reconciliation& rec) {
  std::string s = fmt::format(
      "projects shared with lots 3 and 4 or outside funders, dataset {} {}: EUR m (nominal) per payer, t CO2/yr by "
      "2030\nrule: {}\n\n",
      model.info.name, model.info.version, kRule);
  if (rec.projects.empty()) {
    return s + "no shared projects in the dataset (table fund_shared_projects)\n";
  }
  const auto head = fmt::format("{:<17} {:>7} {:>7} {:>7} {:>7} {:>8} {:>9}  {:<8} {:<8}  {}\n", "project", "lot 3",
                                "lot 4", "lot 5", "outside", "total", "t CO2/yr", "rule", "credited", "deals, infrastructure");
  s += head;
  for (const auto& p : rec.projects) {
    auto deps = joined(p.deals);
    const auto infra = joined(p.infra);
    deps += (deps.empty() || infra.empty() ? "" : ", ") + infra;
    auto row = fmt::format("{:<17} {:>7} {:>7} {:>7} {:>7} {:>8} {:>9.0f}  {:<8} {:<8}  {}", p.id, m(p.eur[0]),
                           m(p.eur[1]), m(p.eur[2]), m(p.eur[3]), m(p.total_eur), p.total_t, payer_name(p.rule_payer),
                           payer_name(p.claimed_by), deps);
    row.erase(row.find_last_not_of(' ') + 1);
    s += row + "\n";
  }
  double total = 0;
  for (const auto e : rec.eur) {
    total += e;
  }
  s += fmt::format("{:<17} {:>7} {:>7} {:>7} {:>7} {:>8}\n", "all (EUR m)", m(rec.eur[0]), m(rec.eur[1]), m(rec.eur[2]),
                   m(rec.eur[3]), m(total));
  s += fmt::format("{:<17} {:>7.0f} {:>7.0f} {:>7.0f} {:>7.0f} {:>8.0f}\n", "all (t CO2/yr)", rec.tonnes[0],
                   rec.tonnes[1], rec.tonnes[2], rec.tonnes[3], rec.tonnes[0] + rec.tonnes[1] + rec.tonnes[2] + rec.tonnes[3]);
  s += rec.ok() ? "\nno tonne credited to two lots, no euro booked in two lots\n"
                : fmt::format("\n{} double count(s):\n{}", rec.double_counts.size(), double_counts_text(rec));
  return s;
}

std::string double_counts_text(const fund::Reconciliation& rec) {
  std::string s;
  for (const auto& d : rec.double_counts) {
    s += fmt::format("{}: {}\n", d.where, d.message);
  }
  return s;
}

std::string reconcile_json(const model::Model& model, const fund::Reconciliation& rec) {
  using json = nlohmann::ordered_json;
  json doc;
  doc["meta"] = {{"dataset", model.info.name},
                 {"dataset_version", model.info.version},
                 {"rule", kRule},
                 {"unit_eur", "EUR, nominal"},
                 {"unit_tonnes", "t CO2/yr by 2030"}};
  json projects = json::array();
  for (const auto& p : rec.projects) {
    json row = {{"project", p.id}, {"name", p.name}};
    for (std::size_t q = 0; q < fund::kPayers.size(); ++q) {
      const std::string key = q < 3 ? fmt::format("lot{}", fund::kPayers[q]) : std::string("outside");
      row[key + "_eur"] = p.eur[q];
    }
    for (std::size_t q = 0; q < fund::kPayers.size(); ++q) {
      const std::string key = q < 3 ? fmt::format("lot{}", fund::kPayers[q]) : std::string("outside");
      row[key + "_t"] = p.tonnes[q];
    }
    row["total_eur"] = p.total_eur;
    row["total_t"] = p.total_t;
    row["rule_credits"] = p.rule_payer < 0 ? json(nullptr) : json(fund::kPayers[static_cast<std::size_t>(p.rule_payer)]);
    row["claimed_by"] = p.claimed_by < 0 ? json(nullptr) : json(fund::kPayers[static_cast<std::size_t>(p.claimed_by)]);
    row["tonnes_from"] = p.tonnes_from.empty() ? json(nullptr) : json(p.tonnes_from);
    row["deals"] = p.deals;
    row["infra"] = p.infra;
    row["at"] = p.files;
    projects.push_back(row);
  }
  doc["projects"] = projects;
  json payers = json::array();
  for (std::size_t q = 0; q < fund::kPayers.size(); ++q) {
    payers.push_back({{"payer", fund::kPayers[q]}, {"eur", rec.eur[q]}, {"tonnes_t", rec.tonnes[q]}});
  }
  doc["payers"] = payers;
  json rows = json::array();
  for (const auto& r : model.fund.shared) {
    rows.push_back({{"project", r.project},
                    {"payer", r.payer},
                    {"instrument", r.instrument.empty() ? json(nullptr) : json(r.instrument)},
                    {"amount_eur", r.amount_eur},
                    {"decisive", r.decisive},
                    {"claims_tonnes", r.claims_tonnes},
                    {"tonnes_t", r.tonnes_t < 0 ? json(nullptr) : json(r.tonnes_t)},
                    {"deal", r.deal.empty() ? json(nullptr) : json(r.deal)},
                    {"infra", r.infra.empty() ? json(nullptr) : json(r.infra)},
                    {"basis", r.basis},
                    {"source", r.source},
                    {"at", r.file}});
  }
  doc["rows"] = rows;
  json counts = json::array();
  for (const auto& d : rec.double_counts) {
    counts.push_back({{"project", d.project.empty() ? json(nullptr) : json(d.project)}, {"at", d.where}, {"message", d.message}});
  }
  doc["double_counts"] = counts;
  return doc.dump(2) + "\n";
}

}  // namespace decarbfund::report
