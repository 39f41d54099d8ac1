// Monte Carlo's setup (analysis/montecarlo.hpp, prepare_montecarlo): the base inputs of the
// reference and the scenario in one world, and which variables are uncertain, with what
// distribution, under which input of the reports. Built once, before the first draw.

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "analysis/montecarlo.hpp"
#include "analysis/package_levers.hpp"
#include "core/diagnostic.hpp"
#include "core/distribution.hpp"
#include "model/scenario_world.hpp"

namespace decarbfund::analysis {

namespace {

/// An option's low/central/high range as a distribution (fixed where the dataset states none).
core::Distribution range_distribution(model::RangeShape shape, double low, double central, double high) {
  const double lo = std::min({low, central, high});
  const double hi = std::max({low, central, high});
  if (shape == model::RangeShape::none || lo == hi) {
    return core::Distribution::fixed(central);
  }
  return shape == model::RangeShape::uniform ? core::Distribution::uniform(lo, hi)
                                             : core::Distribution::triangular(lo, central, hi);
}

/// An id in the scenario's uncertainty section that the dataset does not have.
[[noreturn]] void throw_unknown_id(const model::Scenario& scenario, const char* code, std::string key_path,
                                   const char* expected, const std::string& id) {
  core::Diagnostic d;
  d.code = code;
  d.file = scenario.file;
  d.key_path = std::move(key_path);
  d.expected = expected;
  d.found = core::quote_found(id);
  throw core::Error(d);
}

int add_input(MonteCarloSetup& s, UncertainInput in) {
  s.inputs.push_back(std::move(in));
  return static_cast<int>(s.inputs.size() - 1);
}

std::string option_label(const model::Model& m, model::Index i) {
  const auto site = m.options.site[i];
  const auto& company = m.sites.company[site].empty() ? m.sites.name[site] : m.sites.company[site];
  return fmt::format("{} ({})", m.options.id[i], company);
}

}  // namespace

MonteCarloSetup prepare_montecarlo(const model::Model& model, const model::Scenario& scenario,
                                   const model::Scenario& reference, const DealBook* deals,
                                   const MonteCarloOptions& options, const SmeInput* sme) {
  MonteCarloSetup s;
  s.model = &model;
  s.uncertainty = scenario.uncertainty;
  const auto& u = s.uncertainty;
  s.scenario = scenario.name;
  s.scenario_file = scenario.file;
  s.reference_scenario = reference.name;
  s.policy_version = scenario.levy.version;
  s.reference_policy_version = reference.levy.version;
  s.seed = options.seed;
  s.draws = options.draws;
  s.tornado_top = options.tornado_top;
  s.start_year = scenario.start_year;
  s.target_year = std::clamp(scenario.target.year, scenario.start_year, scenario.end_year);
  s.required_t = scenario.target.required_t;
  s.levy_leg_required_t = scenario.target.levy_leg_t;
  s.package_leg_required_t = scenario.target.package_leg_t;
  s.package = scenario.package_enabled;

  // The base inputs exactly as the outlook resolves them (outlook.cpp): the reference's policy in
  // the scenario's world, so a draw's world is common to all three runs.
  auto reference_run = model::reference_with_world_of(scenario, reference);
  const model::Scenario& ref = reference_run.scenario;
  s.reference_world_replaced = std::move(reference_run.world_replaced);
  s.reference_base = sim::resolve_inputs(model, ref);
  s.reference_base.package_enabled = false;
  s.scenario_base = sim::resolve_inputs(model, scenario);
  // The scenario's package levers, as the outlook applies them: deals in their what-if phase, and
  // the deal budget's selection made once here, on the central inputs, not per draw (an unfunded
  // deal never delivers; docs/uncertainty.md).
  std::optional<DealLevers> levers;
  if (deals != nullptr) {
    // Limited by the fund's free maatwerk money as in the outlook (outlook.cpp; docs/budget.md), so
    // the draws fund the deals the headline funds.
    const auto fund = fund_limit(model, scenario.target.year);
    levers = apply_deal_levers(scenario, *deals, fund ? &*fund : nullptr);
    for (auto* in : {&s.reference_base, &s.scenario_base}) {
      sim::apply_deals(model, levers->book.deals, levers->book.phases, *in);
      apply_funding(model, *levers, *in);
    }
    s.deals_dir = deals->dir;
  } else {
    check_deal_levers(scenario, nullptr);
  }
  s.levers = summarise_levers(scenario, deals, levers ? &*levers : nullptr);
  const auto& inf = model.infrastructure;
  for (const model::Scenario* sc : {static_cast<const model::Scenario*>(&ref), &scenario}) {
    auto& delays = sc == &ref ? s.reference_delay : s.scenario_delay;
    delays.assign(inf.size(), 0);
    for (model::Index k = 0; k < inf.size(); ++k) {
      if (auto it = sc->infrastructure_delay_yr.find(inf.id[k]); it != sc->infrastructure_delay_yr.end()) {
        delays[k] = it->second;
      }
    }
  }

  // Prices.
  s.price_input.assign(model::kPriceSeriesCount, -1);
  s.price_dist.assign(model::kPriceSeriesCount, core::Distribution::fixed(1));
  for (std::size_t k = 0; k < model::kPriceSeriesCount; ++k) {
    const std::string name(model::kPriceSeriesNames[k]);
    const auto it = u.price_factor.find(name);
    if (it == u.price_factor.end() || it->second.is_fixed()) {
      continue;
    }
    if (!detail::outlook_reads_price(static_cast<model::PriceSeries>(k))) {
      s.inactive.push_back({"price:" + name, it->second.describe(),
                            "the outlook does not read this series (SME prices, stated ETS reference prices)"});
      continue;
    }
    s.price_dist[k] = it->second;
    s.price_input[k] = add_input(s, {"price:" + name, "price path " + name + " (multiplier)",
                                     it->second.describe(), "×", false, false, 1});
  }
  // Production by activity group.
  const auto& groups = model.activity;
  s.activity_input.assign(groups.size(), -1);
  s.activity_dist.assign(groups.size(), u.activity_default);
  for (const auto& [id, dist] : u.activity_factor) {
    const auto g = groups.find(id);
    if (g == model::kNone) {
      throw_unknown_id(scenario, "scenario.unknown_activity_group", "uncertainty.activity." + id,
                       "an activity group of the dataset (activity-groups.csv) or default", id);
    }
    s.activity_dist[static_cast<std::size_t>(g)] = dist;
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (!s.activity_dist[g].is_fixed()) {
      s.activity_input[g] = add_input(s, {"activity:" + groups.id[g], "production of " + groups.name[g] + " (multiplier)",
                                          s.activity_dist[g].describe(), "×", false, false, 1});
    }
  }
  s.activity_sites.assign(groups.size(), {});
  for (model::Index site = 0; site < model.sites.size(); ++site) {
    const auto group = model.sites.activity_group[site];
    const auto g = group == model::kNone ? std::size_t{0} : static_cast<std::size_t>(group);
    if (g < s.activity_sites.size()) {
      s.activity_sites[g].push_back(site);
    }
  }
  // Production after the history: the group's multiplier is reached in the target year, linearly
  // from 1 in the last history year, and held after.
  const int last = model.history.last_year;
  s.activity_weight.assign(static_cast<std::size_t>(s.scenario_base.years()), 0.0);
  for (int y = 0; y < s.scenario_base.years(); ++y) {
    const int year = s.scenario_base.start_year + y;
    if (year > last) {
      s.activity_weight[static_cast<std::size_t>(y)] =
          s.target_year > last ? std::min(1.0, double(year - last) / double(s.target_year - last)) : 1.0;
    }
  }
  // The levy-balance uncertainty (a world input: the same in the reference and the scenario).
  if (!u.levy_balance_sigma.is_fixed()) {
    if (s.scenario_base.levy_balance_sigma > 0) {
      s.levy_balance_input = add_input(s, {"levy_balance_sigma",
                                           fmt::format("uncertainty firms see in their DPR pool's balance (s = {:.3f} per √yr, multiplier)",
                                                       s.scenario_base.levy_balance_sigma),
                                           u.levy_balance_sigma.describe(), "×", false, false, 1});
    } else {
      s.inactive.push_back({"levy_balance_sigma", u.levy_balance_sigma.describe(),
                            "response.levy_balance_sigma is 0: firms foresee the pool's balance"});
    }
  }
  // Infrastructure delays.
  s.infra_input.assign(inf.size(), -1);
  s.infra_dist.assign(inf.size(), u.infrastructure_delay_default);
  for (const auto& [id, dist] : u.infrastructure_delay_yr) {
    const auto k = model.find_infrastructure(id);
    if (k == model::kNone) {
      throw_unknown_id(scenario, "scenario.unknown_infrastructure", "uncertainty.infrastructure_delay_yr." + id,
                       "an infrastructure id of the dataset (infrastructure.csv) or default", id);
    }
    s.infra_dist[k] = dist;
  }
  for (model::Index k = 0; k < inf.size(); ++k) {
    if (!s.infra_dist[k].is_fixed() || std::lround(s.infra_dist[k].quantile(0.5)) != 0) {
      s.infra_input[k] = add_input(s, {"delay:" + inf.id[k], "delay of " + inf.name[k] + " (years)",
                                       s.infra_dist[k].describe(), "yr", false, false, 1});
    }
  }
  // Deals.
  const auto deal_count = s.scenario_base.deal_realisation.size();
  s.deal_input.assign(deal_count, -1);
  s.deal_p.assign(deal_count, 1.0);
  for (std::size_t d = 0; d < deal_count; ++d) {
    const auto& deal = levers->book.deals[d];
    s.deal_ids.push_back(deal.id);
    double p = s.scenario_base.deal_probability[d];
    if (auto it = u.deal_probability.find(std::string(model::phase_name(deal.phase))); it != u.deal_probability.end()) {
      p = it->second;
    }
    if (u.deals == model::DealRealisation::certain) {
      p = 1;
    }
    if (!levers->status[d].funded) {
      s.inactive.push_back({"deal:" + deal.id, fmt::format("bernoulli(p {:g})", p),
                            fmt::format("not funded: outside package.deal_budget_eur ({})", levers->status[d].not_funded)});
      p = 0;  // no agreement, so nothing to deliver in any draw
    }
    s.deal_p[d] = p;
    if (p > 0 && p < 1) {
      s.deal_input[d] = add_input(s, {"deal:" + deal.id,
                                      fmt::format("deal {} delivers ({}, p = {:g})", deal.company,
                                                  model::phase_name(deal.phase), p),
                                      fmt::format("bernoulli(p {:g})", p), "delivers", false, true, 1});
    } else {
      // p = 0 or 1: no draw needed, but the outcome still differs from the outlook's default (1).
      s.scenario_base.deal_realisation[d] = p;
      s.reference_base.deal_realisation[d] = p;
    }
  }
  // Options: announced projects one by one, MIDDEN options as groups.
  const auto& o = model.options;
  s.capex_input.assign(o.size(), -1);
  s.delta_input.assign(o.size(), -1);
  s.permit_input.assign(o.size(), -1);
  s.capex_dist.resize(o.size());
  s.delta_dist.resize(o.size());
  int capex_group = -1, delta_group = -1, permit_group = -1;
  const auto group = [&](int& g, const std::string& id, const std::string& label, const std::string& dist) {
    if (g < 0) {
      g = add_input(s, {id, label, dist, "quantile", true, false, 0});
    }
    ++s.inputs[static_cast<std::size_t>(g)].members;
    return g;
  };
  const bool permits = !u.permit_delay_yr.is_fixed() || std::lround(u.permit_delay_yr.quantile(0.5)) != 0;
  const std::string shape_capex(model::kRangeShapeNames[static_cast<std::size_t>(u.capex)]);
  const std::string shape_delta(model::kRangeShapeNames[static_cast<std::size_t>(u.delta_emissions)]);
  for (model::Index i = 0; i < o.size(); ++i) {
    s.capex_dist[i] = range_distribution(u.capex, o.capex_low_eur[i], o.capex_eur[i], o.capex_high_eur[i]);
    s.delta_dist[i] = range_distribution(u.delta_emissions, o.delta_emissions_low_t[i], o.delta_emissions_t[i],
                                         o.delta_emissions_high_t[i]);
    const bool project = o.kind[i] == model::OptionKind::project;
    if (!s.capex_dist[i].is_fixed()) {
      s.capex_input[i] = project ? add_input(s, {"capex:" + o.id[i], "capex of " + option_label(model, i) + " (EUR)",
                                                 s.capex_dist[i].describe(), "EUR", false, false, 1})
                                 : group(capex_group, "capex:MIDDEN options",
                                         "capex of the MIDDEN options, each drawn from its low/high range",
                                         shape_capex + "(low, central, high) per option");
    }
    if (!s.delta_dist[i].is_fixed()) {
      s.delta_input[i] = project ? add_input(s, {"delta:" + o.id[i], "emission change of " + option_label(model, i) + " (t/yr)",
                                                 s.delta_dist[i].describe(), "t/yr", false, false, 1})
                                 : group(delta_group, "delta:MIDDEN options",
                                         "emission change of the MIDDEN options, each drawn from its low/high range",
                                         shape_delta + "(low, central, high) per option");
    }
    if (permits) {
      s.permit_input[i] = project ? add_input(s, {"permit:" + o.id[i], "permit delay of " + option_label(model, i) + " (years)",
                                                  u.permit_delay_yr.describe(), "yr", false, false, 1})
                                  : group(permit_group, "permit:MIDDEN options",
                                          "permit delay of each MIDDEN option (years)", u.permit_delay_yr.describe());
    }
  }
  if (sme != nullptr && s.package) {
    s.sme_t.assign(static_cast<std::size_t>(s.years()), 0.0);
    for (std::size_t y = 0; y < s.sme_t.size() && y < sme->reduction_t_by_year.size(); ++y) {
      s.sme_t[y] = sme->reduction_t_by_year[y];
    }
    if (!u.sme_realisation.is_fixed() && u.sme_realisation.mean() > 0) {
      s.sme_input = add_input(s, {"sme_realisation", "SME scheme: share of expected tonnes realised (" + sme->label + ")",
                                  u.sme_realisation.describe(), "share", false, false, 1});
    }
  } else if (!u.sme_realisation.is_fixed()) {
    s.inactive.push_back({"sme_realisation", u.sme_realisation.describe(),
                          sme == nullptr ? "no SME round in this run (--no-sme, or no <data>/rounds/veki-2024.yaml)"
                                         : "the scenario's package is off"});
  }
  return s;
}

}  // namespace decarbfund::analysis
