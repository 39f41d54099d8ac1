#include "optimize/rule_allocation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "analysis/sme_allocation.hpp"

namespace decarbfund::optimize {

namespace {

constexpr double kTolerance = 1e-6;

double cheapest_gap(const ProjectCandidate& pr) {
  double g = kUnlimited;
  for (const auto& a : pr.alternatives) {
    g = std::min(g, a.gap_eur);
  }
  return g;
}

}  // namespace

RankedDeals rank_deals_on_eur_per_t(const Problem& p, double budget_eur, const MoneyUsed& used) {
  RankedDeals out;
  out.deal_supported.assign(p.deals.size(), 0);
  // EUR per expected tonne of each deal and each project.
  std::vector<double> deal_gap(p.deals.size(), 0.0), deal_t(p.deals.size(), 0.0);
  std::vector<double> project_ratio(p.projects.size(), kUnlimited);
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    const auto& pr = p.projects[i];
    if (pr.alternatives.empty()) {
      continue;
    }
    const double t = p.deals[pr.deal].realisation * pr.tonnes_t;
    deal_gap[pr.deal] += cheapest_gap(pr);
    deal_t[pr.deal] += t;
    project_ratio[i] = t > 0 ? cheapest_gap(pr) / t : kUnlimited;
  }
  std::vector<std::size_t> order(p.deals.size());
  std::iota(order.begin(), order.end(), 0);
  auto ratio = [&](std::size_t d) { return deal_t[d] > 0 ? deal_gap[d] / deal_t[d] : kUnlimited; };
  // Committed deals first (issue 18): they are not the rule's choice, and their money is not new.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (p.deals[a].committed != p.deals[b].committed) {
      return p.deals[a].committed;
    }
    return ratio(a) != ratio(b) ? ratio(a) < ratio(b) : p.deals[a].id < p.deals[b].id;
  });
  std::map<int, double> free_left;  // the fund's free maatwerk money per year (empty: no limit)
  for (const auto& [y, eur] : p.budget.deal_free_by_year) {
    free_left[y] += eur;
  }

  double spent = used.total_eur;
  auto commit = used.commit_eur;
  auto cash = used.cash_eur;
  std::vector<double> left(p.limits.size());
  for (std::size_t l = 0; l < p.limits.size(); ++l) {
    left[l] = p.limits[l].capacity;
  }
  std::vector<double> deal_paid(p.deals.size(), 0.0);
  std::set<std::string> groups;

  for (const auto d : order) {
    const bool committed = p.deals[d].committed;
    // A deal is funded whole unless it comes in parts: the state before it, to undo a part.
    const auto before = std::make_tuple(spent, commit, cash, left, deal_paid[d], groups, free_left, out);
    bool all_placed = true;
    std::vector<std::size_t> projects;
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      if (p.projects[i].deal == d && !p.projects[i].alternatives.empty()) {
        projects.push_back(i);
      }
    }
    std::stable_sort(projects.begin(), projects.end(),
                     [&](std::size_t a, std::size_t b) { return project_ratio[a] < project_ratio[b]; });
    for (const auto i : projects) {
      const auto& pr = p.projects[i];
      if (!pr.group.empty() && groups.count(pr.group)) {
        all_placed = false;
        continue;
      }
      bool placed = false;
      for (std::size_t a = 0; a < pr.alternatives.size(); ++a) {
        const auto& alt = pr.alternatives[a];
        const double g = committed ? 0.0 : alt.gap_eur;  // a committed grant is not new money
        const bool free_ok = free_left.empty() || committed || free_left[alt.decision_year] + kTolerance >= g;
        bool fits = free_ok && spent + g <= budget_eur + kTolerance &&
                    (committed || deal_paid[d] + g <= p.deals[d].max_support_eur + kTolerance) &&
                    commit[alt.decision_year] + g <= p.budget.commit_per_year_eur + kTolerance;
        for (const auto& c : alt.cash) {
          fits = fits && cash[c.year] + c.share * g <= p.budget.cash_per_year_eur + kTolerance;
        }
        for (const auto& [l, amount] : alt.uses) {
          fits = fits && amount <= left[l] + kTolerance;
        }
        if (!fits) {
          continue;
        }
        spent += g;
        deal_paid[d] += g;
        if (!free_left.empty() && !committed) {
          free_left[alt.decision_year] -= g;
        }
        commit[alt.decision_year] += g;
        for (const auto& c : alt.cash) {
          cash[c.year] += c.share * g;
        }
        for (const auto& [l, amount] : alt.uses) {
          left[l] -= amount;
        }
        if (!pr.group.empty()) {
          groups.insert(pr.group);
        }
        const double t = p.deals[d].realisation * pr.tonnes_t;
        out.projects.push_back({i, a, g, t});
        out.deal_supported[d] = 1;
        out.reduction_t += t;
        out.cost_eur += g;
        placed = true;
        break;
      }
      all_placed = all_placed && placed;
    }
    if (!all_placed && !p.deals[d].in_parts && !committed) {
      std::tie(spent, commit, cash, left, deal_paid[d], groups, free_left, out) = before;
    }
  }
  return out;
}

std::vector<RuleRow> compare_rules(const BuiltProblem& built, const SmeInput& sme,
                                   std::span<const model::Round> rule_rounds, double budget_eur) {
  const auto& p = built.problem;
  std::vector<RuleRow> rows;
  auto deals_row = [&](RuleRow& row, const MoneyUsed& used) {
    const auto r = rank_deals_on_eur_per_t(p, budget_eur, used);
    row.deal_reduction_t = r.reduction_t;
    row.deal_cost_eur = r.cost_eur;
    row.deals_supported = static_cast<std::size_t>(std::count(r.deal_supported.begin(), r.deal_supported.end(), 1));
  };
  {
    RuleRow row;
    row.rule = "deals ranked on EUR/t";
    deals_row(row, {});
    row.reduction_t = row.deal_reduction_t;
    row.cost_eur = row.deal_cost_eur;
    rows.push_back(row);
  }
  for (const auto& round : rule_rounds) {
    RuleRow row;
    row.rule = fmt::format("SME {} + deals ranked on EUR/t", model::kAllocationModes[static_cast<std::size_t>(round.mode)]);
    model::Round r = round;
    const double share = std::min(r.budget_eur, budget_eur);
    // Fences keep their share of the round's budget when it shrinks (phases mode).
    if (r.budget_eur > 0) {
      for (auto& f : r.fence_eur) {
        f *= share / r.budget_eur;
      }
    }
    r.budget_eur = share;
    MoneyUsed used;
    const auto alloc = analysis::allocate_round(r, sme.applications);
    for (const auto& a : alloc.awards) {
      // An award before the as-of year is history (issue 18): neither the rule's choice nor new money.
      if (!a.awarded || a.submitted_year < built.problem.as_of_year) {
        continue;
      }
      ++row.sme_awarded;
      row.sme_cost_eur += a.grant_eur;
      // Credited as the optimiser counts: only additional tonnes operating in the target year.
      row.sme_reduction_t += a.application < built.application_tonnes_t.size() ? built.application_tonnes_t[a.application] : 0.0;
      used.commit_eur[a.submitted_year] += a.grant_eur;
      const int n = std::max(1, sme.delay_yr);
      for (int y = 0; y < n; ++y) {
        used.cash_eur[a.submitted_year + y] += a.grant_eur / n;
      }
    }
    used.total_eur = row.sme_cost_eur;
    deals_row(row, used);
    row.reduction_t = row.sme_reduction_t + row.deal_reduction_t;
    row.cost_eur = row.sme_cost_eur + row.deal_cost_eur;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace decarbfund::optimize
