#include "report/portfolio_tables.hpp"

#include <map>

namespace decarbfund::report {

RunInfo portfolio_run_info(const optimize::PortfolioReport& r) {
  RunInfo info;
  info.dataset = r.dataset;
  info.dataset_version = r.dataset_version;
  info.price_year = r.price_year;
  info.created_utc = dataset_created_utc(r.dataset_version);
  info.scenario = r.scenario;
  info.scenario_file = r.scenario_file;
  info.scenario_chain = r.scenario_chain;
  info.policy_version = r.policy_version;
  info.seed = r.seed;
  return info;
}

bool portfolio_solved(const optimize::PortfolioReport& r) {
  return r.solution->status == optimize::Status::optimal || r.solution->status == optimize::Status::feasible;
}

std::vector<PortfolioYear> portfolio_years(const optimize::PortfolioReport& r) {
  const auto& p = r.built->problem;
  const auto& s = *r.solution;
  std::map<int, PortfolioYear> by_year;
  for (const auto& [y, v] : s.commitments_by_year) {
    by_year[y].commitments_eur += v;
  }
  for (const auto& [y, v] : s.cash_by_year) {
    by_year[y].cash_eur += v;
  }
  for (const auto& c : s.projects) {
    const auto& a = p.projects[c.project].alternatives[c.alternative];
    by_year[a.decision_year].committed_t += c.expected_t;
  }
  for (const auto k : s.sme_awarded) {
    by_year[p.sme[k].year].committed_t += p.sme[k].tonnes_t;
  }
  std::vector<PortfolioYear> out;
  double sum = 0;
  for (auto& [y, row] : by_year) {
    row.year = y;
    sum += row.committed_t;
    row.cumulative_t = sum;
    out.push_back(row);
  }
  return out;
}

std::vector<double> limit_use(const optimize::PortfolioReport& r) {
  const auto& p = r.built->problem;
  std::vector<double> used(p.limits.size(), 0.0);
  for (const auto& c : r.solution->projects) {
    for (const auto& [l, amount] : p.projects[c.project].alternatives[c.alternative].uses) {
      used[l] += amount;
    }
  }
  return used;
}

std::vector<DealTotals> deal_totals(const optimize::PortfolioReport& r) {
  const auto& p = r.built->problem;
  std::vector<DealTotals> out(p.deals.size());
  for (const auto& c : r.solution->projects) {
    auto& d = out[p.projects[c.project].deal];
    ++d.projects;
    d.support_eur += c.support_eur;
    d.expected_t += c.expected_t;
  }
  return out;
}

}  // namespace decarbfund::report
