#include "model/scenario_world.hpp"

#include <algorithm>

namespace decarbfund::model {

namespace {

bool same_series(const YearSeries& a, const YearSeries& b) {
  return a.first_year == b.first_year && a.values == b.values;
}

bool same_distribution(const core::Distribution& a, const core::Distribution& b) {
  return a.describe() == b.describe();
}

/// The world keys of `a` and `b` that differ, as "<key>" or "<key>.<entry>".
std::vector<std::string> world_differences(const Scenario& a, const Scenario& b) {
  std::vector<std::string> out;
  if (a.start_year != b.start_year || a.end_year != b.end_year) {
    out.emplace_back("years");
  }
  // Prices: every series either file overrides, compared as the override it states.
  for (const auto* side : {&a, &b}) {
    const auto* other = side == &a ? &b : &a;
    for (const auto& [name, series] : side->prices) {
      const auto it = other->prices.find(name);
      if (it == other->prices.end() || !same_series(series, it->second)) {
        out.push_back("prices." + name);
      }
    }
  }
  // Activity paths, per group either file overrides (the reference run takes the scenario's).
  for (const auto* side : {&a, &b}) {
    const auto* other = side == &a ? &b : &a;
    for (const auto& [group, series] : side->activity) {
      const auto it = other->activity.find(group);
      if (it == other->activity.end() || !same_series(series, it->second)) {
        out.push_back("activity." + group);
      }
    }
  }
  for (const auto* side : {&a, &b}) {
    const auto* other = side == &a ? &b : &a;
    for (const auto& [name, delay] : side->infrastructure_delay_yr) {
      const auto it = other->infrastructure_delay_yr.find(name);
      if (it == other->infrastructure_delay_yr.end() ? delay != 0 : it->second != delay) {
        out.push_back("infrastructure_delay_yr." + name);
      }
    }
  }
  const auto& ra = a.response;
  const auto& rb = b.response;
  if (ra.hurdle_rate != rb.hurdle_rate) {
    out.emplace_back("response.hurdle_rate");
  }
  if (ra.rule != rb.rule) {
    out.emplace_back("response.rule");
  }
  if (ra.npv_threshold_eur != rb.npv_threshold_eur) {
    out.emplace_back("response.npv_threshold_eur");
  }
  if (ra.decision_from_year != rb.decision_from_year) {
    out.emplace_back("response.decision_from_year");
  }
  if (ra.foresight != rb.foresight) {
    out.emplace_back("response.foresight");
  }
  if (ra.first_year_output_share != rb.first_year_output_share) {
    out.emplace_back("response.first_year_output_share");
  }
  if (ra.levy_balance_sigma != rb.levy_balance_sigma) {
    out.emplace_back("response.levy_balance_sigma");
  }
  if (a.sde_enabled != b.sde_enabled) {
    out.emplace_back("instruments.sde");
  }
  const auto& ua = a.uncertainty;
  const auto& ub = b.uncertainty;
  bool uncertainty_differs = ua.capex != ub.capex || ua.delta_emissions != ub.delta_emissions ||
                             ua.deals != ub.deals || ua.deal_probability != ub.deal_probability ||
                             !same_distribution(ua.infrastructure_delay_default, ub.infrastructure_delay_default) ||
                             !same_distribution(ua.permit_delay_yr, ub.permit_delay_yr) ||
                             !same_distribution(ua.sme_realisation, ub.sme_realisation) ||
                             !same_distribution(ua.activity_default, ub.activity_default) ||
                             !same_distribution(ua.levy_balance_sigma, ub.levy_balance_sigma) ||
                             ua.activity_factor.size() != ub.activity_factor.size() ||
                             ua.price_factor.size() != ub.price_factor.size() ||
                             ua.infrastructure_delay_yr.size() != ub.infrastructure_delay_yr.size();
  for (const auto& [k, d] : ua.price_factor) {
    const auto it = ub.price_factor.find(k);
    uncertainty_differs = uncertainty_differs || it == ub.price_factor.end() || !same_distribution(d, it->second);
  }
  for (const auto& [k, d] : ua.infrastructure_delay_yr) {
    const auto it = ub.infrastructure_delay_yr.find(k);
    uncertainty_differs =
        uncertainty_differs || it == ub.infrastructure_delay_yr.end() || !same_distribution(d, it->second);
  }
  if (uncertainty_differs) {
    out.emplace_back("uncertainty");
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

ReferenceScenario reference_with_world_of(const Scenario& scenario, const Scenario& reference) {
  ReferenceScenario out;
  out.world_replaced = world_differences(scenario, reference);
  Scenario& r = out.scenario;
  r = scenario;  // the world, the target and the seed
  // The reference's policy and identity.
  r.name = reference.name;
  r.file = reference.file;
  r.description = reference.description;
  r.chain = reference.chain;
  r.levy = reference.levy;
  r.package_enabled = reference.package_enabled;
  r.deal_phase = reference.deal_phase;
  r.deal_budget_eur = reference.deal_budget_eur;
  r.sme_budget_eur = reference.sme_budget_eur;
  return out;
}

}  // namespace decarbfund::model
