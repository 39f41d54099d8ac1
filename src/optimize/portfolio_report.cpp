#include "optimize/portfolio_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/version.hpp"

namespace decarbfund::optimize {

namespace {

/// 1234567.8 → "1,234,568".
std::string grouped(double v) {
  if (!std::isfinite(v)) {
    return v > 0 ? "unlimited" : "-unlimited";
  }
  const auto digits = fmt::format("{:.0f}", std::fabs(v));
  std::string s = v < -0.5 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      s.push_back(',');
    }
    s.push_back(digits[i]);
  }
  return s;
}

std::string eur_m(double v) {
  return std::isfinite(v) ? fmt::format("{:.1f}", v / 1e6) : "unlimited";
}

/// "EUR 300.0 m" or "unlimited".
std::string money(double v) { return std::isfinite(v) ? "EUR " + eur_m(v) + " m" : std::string("unlimited"); }

const char* objective_name(Objective o) { return o == Objective::max_reduction ? "max-reduction" : "min-cost"; }

/// JSON has no infinity: unlimited amounts are null.
nlohmann::ordered_json amount(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string portfolio_text(const PortfolioReport& r) {
  const auto& b = *r.built;
  const auto& p = b.problem;
  const auto& s = *r.solution;
  std::string out;
  auto line = [&out](std::string text) {
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + "\n";
  };

  line(fmt::format("portfolio: {}, scenario {}, target year {}", objective_name(p.objective), r.scenario,
                   p.target_year));
  line(fmt::format("dataset {} {}, levy version {}, SME population {}", r.dataset, r.dataset_version, r.policy_version,
                   r.seed ? fmt::format("generated with seed {}", *r.seed) : std::string("from a file")));
  line(fmt::format("solver: CBC {}, gap {:.2f} % (asked {:.2f} %), {:.2f} s, {} nodes", status_name(s.status),
                   100 * s.gap, 100 * r.relative_gap, s.seconds, s.nodes));
  line(fmt::format("candidates: {} deals, {} projects, {} SME applications, {} limits (infrastructure × year)",
                   p.deals.size(), p.projects.size(), p.sme.size(), p.limits.size()));
  if (s.status == Status::infeasible || s.status == Status::unbounded || s.status == Status::no_solution) {
    for (const auto& c : s.conflicts) {
      line("  " + c);
    }
    return out;
  }
  line(fmt::format("budget {} (commitments per year {}, cash per year {}); committed {}", money(p.budget.total_eur),
                   money(p.budget.commit_per_year_eur), money(p.budget.cash_per_year_eur), money(s.cost_eur)));
  if (s.committed_support_eur > 0) {
    // Issue 18: the committed deals' grants are in the fund's ledger, not new money of this portfolio.
    line(fmt::format("committed deals (binding or in the fund's ledger, not new money): {}",
                     money(s.committed_support_eur)));
  }
  if (p.objective == Objective::min_cost) {
    line(fmt::format("required {} t in {}", grouped(p.required_t), p.target_year));
  }
  line(fmt::format("expected additional reduction in {}: {} t  (EUR {:.0f} per expected t of the target year)",
                   p.target_year, grouped(s.reduction_t), s.reduction_t > 0 ? s.cost_eur / s.reduction_t : 0.0));

  line("");
  line("deals supported                      p  projects   support EUR m    expected t");
  std::map<std::size_t, std::pair<double, double>> by_deal;  // support, expected t
  std::map<std::size_t, int> count;
  for (const auto& c : s.projects) {
    const auto d = p.projects[c.project].deal;
    by_deal[d].first += c.support_eur;
    by_deal[d].second += c.expected_t;
    ++count[d];
  }
  for (const auto& [d, v] : by_deal) {
    // A committed deal shows its grant (the ledger's), marked: its projects carry no new support.
    const bool committed = p.deals[d].committed;
    line(fmt::format("  {:<30} {:>5.2f} {:>8} {:>15} {:>13}{}", p.deals[d].id.substr(0, 30), p.deals[d].realisation,
                     count[d], eur_m(committed ? p.deals[d].max_support_eur : v.first), grouped(v.second),
                     committed ? "  committed" : ""));
  }
  line("");
  line("projects                                    decided  start   support EUR m    expected t");
  for (const auto& c : s.projects) {
    const auto& pr = p.projects[c.project];
    const auto& a = pr.alternatives[c.alternative];
    line(fmt::format("  {:<40} {:>7} {:>6} {:>15} {:>13}  {}", pr.id.substr(0, 40), a.decision_year, a.start_year,
                     eur_m(c.support_eur), grouped(c.expected_t), a.note));
  }
  double sme_cost = 0, sme_t = 0;
  for (auto k : s.sme_awarded) {
    sme_cost += p.sme[k].cost_eur;
    sme_t += p.sme[k].tonnes_t;
  }
  line(fmt::format("SME awards: {} of {} candidates, EUR {} m, {} expected t", s.sme_awarded.size(), p.sme.size(),
                   eur_m(sme_cost), grouped(sme_t)));
  line("");
  line("money by year (EUR m)   commitments        cash");
  std::map<int, std::pair<double, double>> money;
  for (const auto& [y, v] : s.commitments_by_year) {
    money[y].first = v;
  }
  for (const auto& [y, v] : s.cash_by_year) {
    money[y].second = v;
  }
  for (const auto& [y, v] : money) {
    line(fmt::format("  {}               {:>12.1f} {:>11.1f}", y, v.first / 1e6, v.second / 1e6));
  }

  line("");
  line("shadow prices of binding limits (one more unit of the limit is worth)");
  if (s.shadow_prices.empty()) {
    line("  none binds");
  }
  for (const auto& sp : s.shadow_prices) {
    const bool money_row = sp.unit == "EUR";
    line(fmt::format("  {:<36} used {:>14} of {:>14} {:<5} {:>12.2f} {}", sp.limit,
                     money_row ? eur_m(sp.used) + " m" : grouped(sp.used),
                     money_row ? eur_m(sp.capacity) + " m" : grouped(sp.capacity), sp.unit, sp.value, sp.value_unit));
  }

  line("");
  line(fmt::format("against the rules (same budget: EUR {} m)        expected t   cost EUR m   of optimum",
                   eur_m(r.rule_budget_eur)));
  line(fmt::format("  {:<44} {:>12} {:>12} {:>11}", "optimum (CBC)", grouped(s.reduction_t), eur_m(s.cost_eur), "100.0 %"));
  for (const auto& row : r.rules) {
    line(fmt::format("  {:<44} {:>12} {:>12} {:>9.1f} %", row.rule, grouped(row.reduction_t), eur_m(row.cost_eur),
                     s.reduction_t > 0 ? 100 * row.reduction_t / s.reduction_t : 0.0));
  }

  line("");
  line(fmt::format("not candidates ({}):", p.excluded.size()));
  for (const auto& e : p.excluded) {
    line(fmt::format("  {}: {}", e.id, e.reason));
  }
  line("");
  line("notes:");
  for (const auto& d : p.deals) {
    if (!d.basis.empty()) {
      line(fmt::format("  deal {}: {}", d.id, d.basis));
    }
  }
  for (const auto& n : p.notes) {
    line("  " + n);
  }
  return out;
}

std::string portfolio_json(const PortfolioReport& r) {
  using J = nlohmann::ordered_json;
  const auto& b = *r.built;
  const auto& p = b.problem;
  const auto& s = *r.solution;
  J j;
  j["meta"] = {{"dataset", r.dataset},
               {"dataset_version", r.dataset_version},
               {"price_year", r.price_year},
               {"scenario", r.scenario},
               {"scenario_file", r.scenario_file},
               {"scenario_chain", r.scenario_chain},
               {"policy_version", r.policy_version},
               {"seed", r.seed ? J(*r.seed) : J(nullptr)},
               {"generator", core::kGenerator}};
  j["scenario"] = r.scenario;
  j["objective"] = objective_name(p.objective);
  j["target_year"] = p.target_year;
  j["budget"] = {{"total_eur", amount(p.budget.total_eur)},
                 {"commit_per_year_eur", amount(p.budget.commit_per_year_eur)},
                 {"cash_per_year_eur", amount(p.budget.cash_per_year_eur)}};
  if (p.objective == Objective::min_cost) {
    j["required_t"] = p.required_t;
  }
  j["solver"] = {{"name", "CBC"},           {"status", status_name(s.status)}, {"objective", s.objective},
                 {"bound", s.bound},        {"gap", s.gap},                    {"relative_gap_asked", r.relative_gap},
                 {"seconds", s.seconds},    {"nodes", s.nodes}};
  j["conflicts"] = s.conflicts;
  j["reduction_t"] = s.reduction_t;
  j["cost_eur"] = s.cost_eur;
  j["committed_support_eur"] = s.committed_support_eur;
  J deals = J::array();
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    deals.push_back({{"id", p.deals[d].id},
                     {"company", p.deals[d].company},
                     {"realisation", p.deals[d].realisation},
                     {"max_support_eur", amount(p.deals[d].max_support_eur)},
                     {"supported", d < s.deal_supported.size() && s.deal_supported[d] != 0},
                     {"committed", p.deals[d].committed},
                     {"basis", p.deals[d].basis}});
  }
  j["deals"] = deals;
  J projects = J::array();
  for (const auto& c : s.projects) {
    const auto& pr = p.projects[c.project];
    const auto& a = pr.alternatives[c.alternative];
    projects.push_back({{"option", pr.id},
                        {"deal", p.deals[pr.deal].id},
                        {"decision_year", a.decision_year},
                        {"start_year", a.start_year},
                        {"funding_gap_eur", a.gap_eur},
                        {"support_eur", c.support_eur},
                        {"tonnes_t", pr.tonnes_t},
                        {"expected_t", c.expected_t},
                        {"note", a.note}});
  }
  j["projects"] = projects;
  J candidates = J::array();
  for (const auto& pr : p.projects) {
    J alts = J::array();
    for (const auto& a : pr.alternatives) {
      alts.push_back({{"decision_year", a.decision_year}, {"start_year", a.start_year}, {"funding_gap_eur", a.gap_eur},
                      {"note", a.note}});
    }
    candidates.push_back({{"option", pr.id},
                          {"deal", p.deals[pr.deal].id},
                          {"tonnes_t", pr.tonnes_t},
                          {"expected_t", p.deals[pr.deal].realisation * pr.tonnes_t},
                          {"alternatives", alts}});
  }
  j["candidates"] = candidates;
  J sme = J::array();
  for (auto k : s.sme_awarded) {
    const auto& c = p.sme[k];
    sme.push_back({{"application", c.id}, {"year", c.year}, {"grant_eur", c.grant_eur}, {"funding_gap_eur", c.gap_eur},
                   {"support_eur", c.cost_eur}, {"expected_t", c.tonnes_t}});
  }
  j["sme_awards"] = sme;
  J money = J::array();
  for (const auto& [y, v] : s.commitments_by_year) {
    money.push_back({{"year", y}, {"kind", "commitment"}, {"eur", v}});
  }
  for (const auto& [y, v] : s.cash_by_year) {
    money.push_back({{"year", y}, {"kind", "cash"}, {"eur", v}});
  }
  j["money_by_year"] = money;
  J prices = J::array();
  for (const auto& sp : s.shadow_prices) {
    prices.push_back({{"limit", sp.limit}, {"unit", sp.unit}, {"used", sp.used}, {"capacity", sp.capacity},
                      {"value", sp.value}, {"value_unit", sp.value_unit}});
  }
  j["shadow_prices"] = prices;
  J rules = J::array();
  for (const auto& row : r.rules) {
    rules.push_back({{"rule", row.rule},
                     {"reduction_t", row.reduction_t},
                     {"cost_eur", row.cost_eur},
                     {"deal_reduction_t", row.deal_reduction_t},
                     {"deal_cost_eur", row.deal_cost_eur},
                     {"deals_supported", row.deals_supported},
                     {"sme_reduction_t", row.sme_reduction_t},
                     {"sme_cost_eur", row.sme_cost_eur},
                     {"sme_awarded", row.sme_awarded}});
  }
  j["rules"] = {{"budget_eur", r.rule_budget_eur}, {"rows", rules}};
  J excluded = J::array();
  for (const auto& e : p.excluded) {
    excluded.push_back({{"id", e.id}, {"reason", e.reason}});
  }
  j["excluded"] = excluded;
  j["notes"] = p.notes;
  return j.dump(2) + "\n";
}

}  // namespace decarbfund::optimize
