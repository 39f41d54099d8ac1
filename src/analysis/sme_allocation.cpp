#include "analysis/sme_allocation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_set>

#include "core/civil_time.hpp"
#include "core/huge_pages.hpp"
#include "core/id_hash.hpp"

namespace decarbfund::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double points_value(const model::PointsRule& rule, const model::Award& a,
                    const model::Application& app) {
  switch (rule.criterion) {
    case model::PointsCriterion::eur_per_t:
      return a.eur_per_t;
    case model::PointsCriterion::reduction_t_per_yr:
      return app.claimed_reduction_t_per_yr;
    case model::PointsCriterion::grant_share:
      return app.eligible_cost_eur > 0 ? a.requested_grant_eur / app.eligible_cost_eur : 1.0;
    case model::PointsCriterion::small_firm:
      return app.firm_size == model::FirmSize::small    ? 1.0
             : app.firm_size == model::FirmSize::medium ? 0.5
                                                        : 0.0;
    case model::PointsCriterion::payback_yr:
      return a.payback_without_aid_yr;
    case model::PointsCriterion::sme_share:
      return static_cast<double>(app.consortium_smes) / static_cast<double>(std::max(1, app.consortium_parties));
  }
  return 0;
}

/// A criterion's 0–10 score: linear from `worst` (0) to `best` (10), clamped.
double points_score(const model::PointsRule& rule, double value) {
  if (std::isnan(value)) {
    return 0;
  }
  const double x = (value - rule.worst) / (rule.best - rule.worst);
  return 10.0 * std::clamp(std::isfinite(x) ? x : (x > 0 ? 1.0 : 0.0), 0.0, 1.0);
}

/// Spends from a budget pool when the whole grant fits. Grants are whole euros and budgets are
/// given in euros, so "fits" is exact.
bool spend(double& pool, double grant) {
  if (grant <= pool) {
    pool -= grant;
    return true;
  }
  return false;
}

}  // namespace

GrantTerms grant_formula(const model::Round& round, const model::Application& app) noexcept {
  GrantTerms g;
  // A theme closed in the round stays closed; a project type with its own rate (DEI+ pilots)
  // takes that rate instead of the theme's.
  const double theme_base = round.base_rate[static_cast<std::size_t>(app.theme)];
  const double type_base = round.type_rate[static_cast<std::size_t>(app.project_type)];
  const double base = std::isnan(theme_base) || std::isnan(type_base) ? theme_base : type_base;
  if (std::isnan(base)) {
    g.rate = base;
    return g;
  }
  g.rate = std::min(round.max_rate, base + round.size_bonus[static_cast<std::size_t>(app.firm_size)]);
  g.by_rate_eur = g.rate * app.eligible_cost_eur;
  g.cap_tonnes = app.claimed_reduction_t_per_yr *
                 (round.cap_period == model::CapPeriod::lifetime ? app.lifetime_yr : 1.0);
  g.by_eur_per_t_eur = round.cap_eur_per_t > 0 ? round.cap_eur_per_t * g.cap_tonnes : kInf;
  const double project_cap = round.cap_per_project_eur > 0 ? round.cap_per_project_eur : kInf;
  double grant = g.by_rate_eur;
  if (project_cap < grant) {
    grant = project_cap;
    g.binding = model::BindingCap::project_cap;
  }
  if (g.by_eur_per_t_eur < grant) {
    grant = g.by_eur_per_t_eur;
    g.binding = model::BindingCap::eur_per_t_cap;
  }
  // Nobody is granted more than they ask: NIKI's bid sets the aid (policy.md §8.8).
  if (!std::isnan(app.requested_grant_eur) && app.requested_grant_eur < grant) {
    grant = app.requested_grant_eur;
    g.binding = model::BindingCap::requested;
  }
  g.grant_eur = std::max(0.0, std::floor(grant));
  return g;
}

ProjectEconomics economics_without_aid(const model::RoundEconomics& prices,
                                       const model::Application& app) noexcept {
  ProjectEconomics e;
  e.annual_saving_eur = app.gas_saving_gj * prices.gas_eur_per_gj -
                        app.electricity_delta_mwh * prices.electricity_eur_per_mwh;
  e.payback_yr = e.annual_saving_eur > 0 ? app.eligible_cost_eur / e.annual_saving_eur : kInf;
  const double r = prices.discount_rate;
  const double annuity =
      r > 0 ? (1.0 - std::pow(1.0 + r, -app.lifetime_yr)) / r : app.lifetime_yr;
  e.npv_eur = -app.eligible_cost_eur + e.annual_saving_eur * annuity;
  if (!std::isnan(app.payback_without_aid_yr)) {
    e.payback_yr = app.payback_without_aid_yr;
  }
  if (!std::isnan(app.npv_without_aid_eur)) {
    e.npv_eur = app.npv_without_aid_eur;
  }
  return e;
}

Allocation allocate_round(const model::Round& round,
                          std::span<const model::Application> applications) {
  using model::RejectReason;
  Allocation out;
  auto& awards = out.awards;
  awards.reserve(applications.size());
  core::prefer_huge_pages_for(awards);
  awards.resize(applications.size());
  const std::unordered_set<std::string_view, core::IdHash> listed(round.eligible_techniques.begin(),
                                                                  round.eligible_techniques.end());

  // 1. Eligibility and the grant formula, application by application.
  std::vector<std::size_t> queue;
  queue.reserve(applications.size());
  for (std::size_t i = 0; i < applications.size(); ++i) {
    const auto& app = applications[i];
    auto& a = awards[i];
    a.application = i;
    a.application_id = app.id;
    a.firm_id = app.firm_id;
    a.firm_size = app.firm_size;
    a.technique_id = app.technique_id;
    a.theme = app.theme;
    a.project_type = app.project_type;
    a.reduction_t_per_yr = app.claimed_reduction_t_per_yr;
    a.lifetime_yr = app.lifetime_yr;
    a.submitted_year = core::year_of(app.submitted_s);
    const auto econ = economics_without_aid(round.economics, app);
    a.npv_without_aid_eur = econ.npv_eur;
    a.payback_without_aid_yr = econ.payback_yr;
    const auto g = grant_formula(round, app);
    a.rate = std::isnan(g.rate) ? 0.0 : g.rate;
    a.requested_grant_eur = g.grant_eur;
    a.binding = g.binding;
    const double lifetime_t = app.claimed_reduction_t_per_yr * app.lifetime_yr;
    a.eur_per_t = lifetime_t > 0 ? g.grant_eur / lifetime_t : kInf;
    if (!round.eligible_sizes[static_cast<std::size_t>(app.firm_size)]) {
      a.reason = RejectReason::firm_size_not_eligible;
    } else if (!round.eligible_types[static_cast<std::size_t>(app.project_type)]) {
      a.reason = RejectReason::project_type_not_open;
    } else if (app.consortium_parties < round.min_consortium_parties ||
               app.consortium_smes < round.min_consortium_smes) {
      a.reason = RejectReason::consortium_too_small;
    } else if (std::isnan(g.rate) || !listed.contains(app.technique_id)) {
      a.reason = RejectReason::technique_not_listed;
    } else if (!(econ.payback_yr > round.min_payback_yr)) {
      // Payback ≤ 5 yr: mandatory under the energy-saving obligation (policy.md §3.3).
      a.reason = RejectReason::payback_too_short;
    } else if (!(app.claimed_reduction_t_per_yr > 0)) {
      a.reason = RejectReason::no_reduction;
    } else if (lifetime_t < round.min_lifetime_reduction_t || app.eligible_cost_eur < round.min_eligible_cost_eur) {
      a.reason = RejectReason::below_min_size;
    } else if (g.grant_eur < round.min_grant_eur || g.grant_eur <= 0) {
      a.reason = RejectReason::below_min_grant;
    } else {
      a.eligible = true;
      queue.push_back(i);
    }
  }

  // 2. Mode-specific filters and the order in which the rule considers the eligible ones.
  auto by_id = [&](std::size_t x, std::size_t y) {
    return applications[x].id < applications[y].id;
  };
  switch (round.mode) {
    case model::AllocationMode::fcfs:
      std::sort(queue.begin(), queue.end(), [&](std::size_t x, std::size_t y) {
        const auto tx = applications[x].submitted_s, ty = applications[y].submitted_s;
        return tx != ty ? tx < ty : by_id(x, y);
      });
      break;
    case model::AllocationMode::ranking:
      std::sort(queue.begin(), queue.end(), [&](std::size_t x, std::size_t y) {
        const double ex = awards[x].eur_per_t, ey = awards[y].eur_per_t;
        return ex != ey ? ex < ey : by_id(x, y);
      });
      break;
    case model::AllocationMode::points: {
      double total_weight = 0;
      for (const auto& rule : round.criteria) {
        total_weight += rule.weight;
      }
      std::erase_if(queue, [&](std::size_t i) {
        auto& a = awards[i];
        double sum = 0;
        bool below = false;
        for (const auto& rule : round.criteria) {
          const double s = points_score(rule, points_value(rule, a, applications[i]));
          below = below || s < rule.min_score;
          sum += rule.weight * s;
        }
        a.points = total_weight > 0 ? sum / total_weight : 0;
        if (below || a.points < round.min_points) {
          a.reason = RejectReason::below_points_threshold;
          return true;
        }
        return false;
      });
      std::sort(queue.begin(), queue.end(), [&](std::size_t x, std::size_t y) {
        if (awards[x].points != awards[y].points) {
          return awards[x].points > awards[y].points;
        }
        const double ex = awards[x].eur_per_t, ey = awards[y].eur_per_t;
        return ex != ey ? ex < ey : by_id(x, y);
      });
      break;
    }
    case model::AllocationMode::phases:
      std::erase_if(queue, [&](std::size_t i) {
        auto& a = awards[i];
        for (std::size_t p = 0; p < round.phases.size(); ++p) {
          if (a.eur_per_t <= round.phases[p].ceiling_eur_per_t) {
            a.phase = static_cast<int>(p);
            return false;
          }
        }
        a.reason = RejectReason::above_eur_per_t_ceiling;
        return true;
      });
      std::sort(queue.begin(), queue.end(), [&](std::size_t x, std::size_t y) {
        if (awards[x].phase != awards[y].phase) {
          return awards[x].phase < awards[y].phase;
        }
        const double ex = awards[x].eur_per_t, ey = awards[y].eur_per_t;
        return ex != ey ? ex < ey : by_id(x, y);
      });
      break;
  }

  // 3. Spend the budget in that order. Fences only exist in phases mode (SDE++ "hekjes").
  const bool fenced = round.mode == model::AllocationMode::phases;
  std::array<double, model::kSmeThemeCount> fence{};
  double general = round.budget_eur;
  if (fenced) {
    fence = round.fence_eur;
    general -= std::accumulate(fence.begin(), fence.end(), 0.0);
  }
  long order = 0;
  for (std::size_t i : queue) {
    auto& a = awards[i];
    a.decision_order = order++;
    const double grant = a.requested_grant_eur;
    const auto theme = static_cast<std::size_t>(a.theme);
    bool ok = false;
    if (fenced && round.fence_eur[theme] > 0) {
      ok = spend(fence[theme], grant) || (round.fence_overflow && spend(general, grant));
    } else {
      ok = spend(general, grant);
    }
    if (ok) {
      a.awarded = true;
      a.grant_eur = grant;
      a.free_rider = a.npv_without_aid_eur >= 0;
    } else {
      a.reason = RejectReason::budget_exhausted;
    }
  }

  // 4. Summary.
  auto& s = out.summary;
  s.applications = applications.size();
  s.budget_eur = round.budget_eur;
  double free_rider_eur = 0;
  for (const auto& a : awards) {
    auto& group = s.by_group[static_cast<std::size_t>(size_group(a.firm_size))];
    ++group.applications;
    s.eligible += a.eligible ? 1 : 0;
    if (a.eligible) {
      s.requested_eur += a.requested_grant_eur;
      ++group.eligible;
      group.requested_eur += a.requested_grant_eur;
    }
    if (a.awarded) {
      ++s.awarded;
      s.budget_used_eur += a.grant_eur;
      s.reduction_t_per_yr += a.reduction_t_per_yr;
      s.lifetime_reduction_t += a.reduction_t_per_yr * a.lifetime_yr;
      ++group.awarded;
      group.budget_used_eur += a.grant_eur;
      group.reduction_t_per_yr += a.reduction_t_per_yr;
      group.lifetime_reduction_t += a.reduction_t_per_yr * a.lifetime_yr;
      if (a.free_rider) {
        ++s.free_riders;
        free_rider_eur += a.grant_eur;
      }
    } else {
      ++s.rejected[static_cast<std::size_t>(a.reason)];
    }
  }
  s.eur_per_t = s.lifetime_reduction_t > 0 ? s.budget_used_eur / s.lifetime_reduction_t : 0;
  s.eur_per_annual_t = s.reduction_t_per_yr > 0 ? s.budget_used_eur / s.reduction_t_per_yr : 0;
  s.free_rider_share = s.awarded > 0 ? static_cast<double>(s.free_riders) / static_cast<double>(s.awarded) : 0;
  s.free_rider_budget_share = s.budget_used_eur > 0 ? free_rider_eur / s.budget_used_eur : 0;
  return out;
}

SmeContribution sme_contribution(const std::vector<model::Award>& awards, double realisation_rate,
                                 int delay_yr, int first_year, int last_year) {
  SmeContribution c;
  c.first_year = first_year;
  c.last_year = std::max(first_year - 1, last_year);
  c.reduction_t.assign(static_cast<std::size_t>(c.last_year - first_year + 1), 0.0);
  for (const auto& a : awards) {
    if (!a.awarded) {
      continue;
    }
    ++c.projects;
    const int start = a.submitted_year + delay_yr;
    // A lifetime of L years covers L calendar years from the start (a partial year counts whole).
    const int end = start + static_cast<int>(std::ceil(a.lifetime_yr));  // exclusive
    for (int y = std::max(start, first_year); y < end && y <= c.last_year; ++y) {
      c.reduction_t[static_cast<std::size_t>(y - first_year)] += realisation_rate * a.reduction_t_per_yr;
    }
  }
  return c;
}

}  // namespace decarbfund::analysis
