#include "optimize/portfolio_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace decarbfund::optimize::detail {

namespace {

constexpr double kTonnesPerYearScale = 1e-3;  // t/yr limits → kt/yr
/// max_reduction breaks ties toward the cheaper portfolio: EUR 1 bn weighs as 1 t.
constexpr double kTieBreak = 1e-6;

/// A money row per year, at most `limit_eur` (commitments or cash), added when a year is first
/// asked for: the rows follow the order the columns first name their years.
class YearRows {
 public:
  YearRows(Matrix& m, RowKind kind, double limit_eur, const char* label)
      : m_(m), kind_(kind), limit_eur_(limit_eur), label_(label) {}
  int operator()(int year) {
    auto [it, fresh] = row_of_year_.try_emplace(year, 0);
    if (fresh) {
      it->second = m_.add_row({kind_, -kInf, limit_eur_ * kMoney, kMoney, fmt::format("{} {}", label_, year), "EUR"});
    }
    return it->second;
  }

 private:
  Matrix& m_;
  RowKind kind_;
  double limit_eur_;
  const char* label_;
  std::map<int, int> row_of_year_;
};

}  // namespace

double expected_tonnes(const Problem& p, const ProjectCandidate& pr) {
  return p.deals[pr.deal].realisation * pr.tonnes_t;
}

Matrix build_matrix(const Problem& p, Columns& cols) {
  Matrix m;
  const bool maximise = p.objective == Objective::max_reduction;
  // Per EUR m in the minimised objective: the cost itself (min_cost) or a tie-break (max_reduction).
  const double money_cost = maximise ? 0.0 : 1.0;
  const double tie = maximise ? kTieBreak : 0.0;

  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    cols.deal.push_back(m.add_col(p.deals[d].committed ? 1 : 0, 1, 0, true));
  }
  // Whether a project's money is new (counted in the money rows) or already committed.
  auto is_new = [&](std::size_t project) { return !p.deals[p.projects[project].deal].committed; };
  cols.z.resize(p.projects.size());
  cols.s.resize(p.projects.size());
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    const auto& pr = p.projects[i];
    const double t = expected_tonnes(p, pr) * kTonnes;
    for (const auto& a : pr.alternatives) {
      cols.z[i].push_back(m.add_col(0, 1, maximise ? -t : 0.0, true));
      // A committed deal's support is what it was granted (the ledger), not a choice: no column
      // to spend, no support row, no cap row (docs/optimize.md "The fund's books").
      const bool committed = p.deals[pr.deal].committed;
      cols.s[i].push_back(m.add_col(0, committed ? 0.0 : a.gap_eur * kMoney, committed ? 0.0 : money_cost, false,
                                    committed ? 0.0 : tie));
    }
  }
  for (const auto& k : p.sme) {
    cols.award.push_back(m.add_col(0, 1, (maximise ? -k.tonnes_t * kTonnes : 0.0) + money_cost * k.cost_eur * kMoney,
                                   true, tie * k.cost_eur * kMoney));
  }

  // link, support, deal caps; a supported deal carries at least one project (x_d ≤ Σ z).
  std::vector<int> carries(p.deals.size());
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    // A committed deal is kept even when none of its projects is left to support.
    carries[d] = m.add_row({RowKind::link, -kInf, p.deals[d].committed ? kInf : 0, 1,
                            "deal " + p.deals[d].id + " carries a project", ""});
    m.add(carries[d], cols.deal[d], 1);
  }
  std::map<std::string, std::vector<std::pair<std::size_t, int>>> groups;  // group → (project, z col)
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    const auto& pr = p.projects[i];
    if (pr.alternatives.empty()) {
      continue;
    }
    // A deal funded whole carries every candidate project it names (issue 18).
    const bool whole = !p.deals[pr.deal].in_parts;
    const int link = m.add_row({RowKind::link, whole ? 0 : -kInf, 0, 1, "deal " + p.deals[pr.deal].id + " / " + pr.id, ""});
    m.add(link, cols.deal[pr.deal], -1);
    for (std::size_t a = 0; a < pr.alternatives.size(); ++a) {
      m.add(link, cols.z[i][a], 1);
      m.add(carries[pr.deal], cols.z[i][a], -1);
      if (p.deals[pr.deal].committed) {
        if (!pr.group.empty()) {
          groups[pr.group].push_back({i, cols.z[i][a]});
        }
        continue;
      }
      const int sup = m.add_row({RowKind::support, 0, 0, kMoney, "support " + pr.id, "EUR"});
      m.add(sup, cols.s[i][a], 1);
      m.add(sup, cols.z[i][a], -pr.alternatives[a].gap_eur * kMoney);
      if (!pr.group.empty()) {
        groups[pr.group].push_back({i, cols.z[i][a]});
      }
    }
  }
  for (const auto& [name, members] : groups) {
    std::set<std::size_t> projects;
    for (const auto& [project, col] : members) {
      projects.insert(project);
    }
    if (projects.size() < 2) {
      continue;  // one project's alternatives are already exclusive through its link row
    }
    const int g = m.add_row({RowKind::group, -kInf, 1, 1, "exclusive group " + name, ""});
    for (const auto& [project, col] : members) {
      m.add(g, col, 1);
    }
  }
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    if (!std::isfinite(p.deals[d].max_support_eur) || p.deals[d].committed) {
      continue;
    }
    const int cap = m.add_row({RowKind::deal_cap, -kInf, 0, kMoney, "support cap of deal " + p.deals[d].id, "EUR",
                               static_cast<int>(d), cols.deal[d]});
    m.add(cap, cols.deal[d], -p.deals[d].max_support_eur * kMoney);
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      if (p.projects[i].deal == d) {
        for (auto c : cols.s[i]) {
          m.add(cap, c, 1);
        }
      }
    }
  }

  // Money: total, commitments per year, cash per year.
  if (std::isfinite(p.budget.total_eur)) {
    const int b = m.add_row({RowKind::budget, -kInf, p.budget.total_eur * kMoney, kMoney, "budget", "EUR"});
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      if (!is_new(i)) {
        continue;
      }
      for (auto c : cols.s[i]) {
        m.add(b, c, 1);
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      m.add(b, cols.award[k], p.sme[k].cost_eur * kMoney);
    }
  }
  if (std::isfinite(p.budget.commit_per_year_eur)) {
    YearRows row(m, RowKind::commit, p.budget.commit_per_year_eur, "commitments");
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (std::size_t a = 0; a < p.projects[i].alternatives.size() && is_new(i); ++a) {
        m.add(row(p.projects[i].alternatives[a].decision_year), cols.s[i][a], 1);
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      m.add(row(p.sme[k].year), cols.award[k], p.sme[k].cost_eur * kMoney);
    }
  }
  if (std::isfinite(p.budget.cash_per_year_eur)) {
    YearRows row(m, RowKind::cash, p.budget.cash_per_year_eur, "cash");
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (std::size_t a = 0; a < p.projects[i].alternatives.size() && is_new(i); ++a) {
        for (const auto& c : p.projects[i].alternatives[a].cash) {
          m.add(row(c.year), cols.s[i][a], c.share);
        }
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      for (const auto& c : p.sme[k].cash) {
        m.add(row(c.year), cols.award[k], c.share * p.sme[k].cost_eur * kMoney);
      }
    }
  }

  // The fund's free maatwerk money per year (docs/budget.md): new deal support decided in a year.
  if (!p.budget.deal_free_by_year.empty()) {
    std::map<int, int> row_of_year;
    auto row = [&](int year) {
      auto [it, fresh] = row_of_year.try_emplace(year, 0);
      if (fresh) {
        double free = 0;
        for (const auto& [y, eur] : p.budget.deal_free_by_year) {
          free += y == year ? eur : 0.0;
        }
        it->second = m.add_row({RowKind::free, -kInf, std::max(0.0, free) * kMoney, kMoney,
                                fmt::format("free maatwerk money {}", year), "EUR"});
      }
      return it->second;
    };
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (std::size_t a = 0; a < p.projects[i].alternatives.size() && is_new(i); ++a) {
        m.add(row(p.projects[i].alternatives[a].decision_year), cols.s[i][a], 1);
      }
    }
  }

  // Infrastructure limits, only those some alternative uses.
  std::vector<int> limit_row(p.limits.size(), -1);
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    for (std::size_t a = 0; a < p.projects[i].alternatives.size(); ++a) {
      for (const auto& [l, amount] : p.projects[i].alternatives[a].uses) {
        const auto& lim = p.limits[l];
        const double scale = lim.unit == "t/yr" ? kTonnesPerYearScale : 1.0;
        if (limit_row[l] < 0) {
          limit_row[l] = m.add_row({RowKind::limit, -kInf, lim.capacity * scale, scale,
                                    fmt::format("{} {}", lim.label, lim.year), lim.unit});
        }
        m.add(limit_row[l], cols.z[i][a], amount * scale);
      }
    }
  }

  if (!maximise) {
    const int r = m.add_row({RowKind::reduction, p.required_t * kTonnes, kInf, kTonnes,
                             fmt::format("required reduction {}", p.target_year), "t"});
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (auto c : cols.z[i]) {
        m.add(r, c, expected_tonnes(p, p.projects[i]) * kTonnes);
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      m.add(r, cols.award[k], p.sme[k].tonnes_t * kTonnes);
    }
  }
  return m;
}

}  // namespace decarbfund::optimize::detail
