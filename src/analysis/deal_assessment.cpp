#include "analysis/deal_assessment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sim/economics.hpp"
#include "sim/inputs.hpp"
#include "sim/levy.hpp"

namespace decarbfund::analysis {

namespace {

constexpr double kTonneTolerance = 0.5;

model::Index serving(const model::Infrastructure& inf, model::InfrastructureKind kind, model::Index cluster) {
  for (model::Index i = 0; i < inf.size(); ++i) {
    if (inf.kind[i] == kind && std::find(inf.clusters[i].begin(), inf.clusters[i].end(), cluster) != inf.clusters[i].end()) {
      return i;
    }
  }
  return model::kNone;
}

/// The year of a YYYY-MM-DD date.
int year_of(const std::string& date) { return date.size() >= 4 ? std::stoi(date.substr(0, 4)) : 0; }

std::string technology_of(const model::Options& o, model::Index i) {
  if (o.co2_stored_t[i] > 0) {
    return "ccs";
  }
  if (o.delta_electricity_gj[i] > 0 && o.delta_gas_gj[i] < 0) {
    return "electrification";
  }
  return "other";
}

}  // namespace

DealAssessment assess_deal(const model::Model& model, const model::Scenario& scenario, const model::Deal& deal) {
  const auto in = sim::resolve_inputs(model, scenario);
  const auto& o = model.options;
  const auto& sites = model.sites;
  DealAssessment a;
  a.deal_id = deal.id;
  a.company = deal.company;
  a.phase = std::string(model::phase_name(deal.phase));
  a.scenario = scenario.name;
  a.policy_version = scenario.levy.version;
  a.target_year = scenario.target.year;
  a.as_of_year = deal.history.empty() ? std::max(deal.baseline_year, scenario.start_year) : year_of(deal.history.back().date);
  a.support_eur = deal.max_support_eur;
  a.committed_target_year_t = deal.committed_in(a.target_year);
  a.climate_neutral_year = deal.climate_neutral_year;
  a.assumptions = deal.assumptions;
  a.uncited_facts = model::uncited_facts(deal);
  if (deal.climate_neutral_year > 0) {
    const auto src = deal.fact_sources.find("climate_neutral_year");
    a.climate_neutral_basis = src != deal.fact_sources.end() ? src->second
                              : deal.assumed_facts.contains("climate_neutral_year") ? "assumption"
                                                                                     : "";
  }
  if (!deal.stated_additional_t.empty()) {
    double stated = 0;  // held from its year on, as committed tonnes are
    for (const auto& [y, t] : deal.stated_additional_t) {
      stated = y <= a.target_year ? t : stated;
    }
    a.stated_additional_target_year_t = stated;
  }
  auto year_index = [&](int year) { return std::clamp(year - in.start_year, 0, in.years() - 1); };

  // The committed options, each once, with the year it operates from.
  for (const auto& p : deal.projects) {
    for (auto i : model::project_options(model, p)) {
      if (std::any_of(a.options.begin(), a.options.end(), [i](const AssessedOption& x) { return x.option == i; })) {
        continue;
      }
      AssessedOption x;
      x.option = i;
      x.start_year = std::max(p.start_year, o.earliest_year[i]);
      x.reduction_t = std::max(0.0, -o.delta_emissions_t[i]);
      x.decision_year = std::max(in.start_year, x.start_year - o.lead_time_yr[i]);
      x.technology = technology_of(o, i);
      a.options.push_back(x);
    }
  }
  std::vector<model::Index> deal_sites;
  for (const auto& id : deal.sites) {
    const auto s = model.find_site(id);
    if (s != model::kNone) {
      deal_sites.push_back(s);
    }
  }

  // Per-site projected emissions E_project(s, t) = max(0, E_ref − Σ reductions operating).
  // Both move with the site's production (its activity path, docs/model.md "Activity").
  auto reference = [&](model::Index s, int year) { return in.emissions_before_options(s, in.year_index(year)); };
  auto projected = [&](model::Index s, int year) {
    double e = reference(s, year);
    for (const auto& x : a.options) {
      if (o.site[x.option] == s && x.start_year <= year) {
        e -= x.reduction_t * in.activity(s, in.year_index(year));
      }
    }
    return std::max(0.0, e);
  };
  auto dpr = [&](model::Index s, int year) {
    return sim::dpr_allocation(in.levy, sites.levy_category[s], year,
                               in.site_dpr_basis_t[s] * in.activity(s, in.year_index(year)));
  };

  // Additional reduction per year (DESIGN §4.3, policy.md §2.4), from the first project year to
  // the later of the target year and the last committed year, within the scenario's horizon.
  int first = a.target_year;
  for (const auto& x : a.options) {
    first = std::min(first, x.start_year);
  }
  int last = a.target_year;
  if (!deal.committed_reduction_t.empty()) {
    last = std::max(last, deal.committed_reduction_t.rbegin()->first);
  }
  last = std::min(last, in.end_year);
  for (int year = std::max(first, in.start_year); year <= last; ++year) {
    double reduction = 0;
    double additional = 0;
    for (auto s : deal_sites) {
      const double e_ref = reference(s, year);
      const double e_proj = projected(s, year);
      reduction += e_ref - e_proj;
      // A site outside the levy (no DPRs) has nothing asked of it: all its reduction is additional.
      const double levy_cap = sim::levy_applies(in.levy, sites.levy_category[s], year) ? std::min(e_ref, dpr(s, year)) : e_ref;
      additional += std::max(0.0, levy_cap - e_proj);
    }
    a.reduction_t_by_year[year] = reduction;
    a.additional_t_by_year[year] = additional;
  }
  if (auto it = a.reduction_t_by_year.find(a.target_year); it != a.reduction_t_by_year.end()) {
    a.reduction_target_year_t = it->second;
  }

  // Funding gap (DESIGN §4.4, policy.md §2.8): NPV without support of each option at the
  // scenario's prices, at the site's CO2 value: ETS price (ETS sites) plus the levy rate in the
  // years the site is short of DPRs (its reference emissions exceed them) — a single firm's
  // view, without the DPR market (docs/deals.md).
  std::vector<double> value(in.prices.ets_eur_per_t.size(), 0.0);
  for (auto& x : a.options) {
    const auto i = x.option;
    const auto s = o.site[i];
    const auto category = sites.levy_category[s];
    for (std::size_t k = 0; k < value.size(); ++k) {
      const int year = in.start_year + static_cast<int>(k);
      double v = sites.in_ets[s] != 0 ? in.prices.ets_eur_per_t[k] : 0.0;
      if (sim::levy_applies(in.levy, category, year) && reference(s, year) > dpr(s, year)) {
        const double ets_prev = in.prices.ets_eur_per_t[k == 0 ? 0 : k - 1];
        v += sim::levy_rate(in.levy, category, year, sim::ets_reference_price(in.levy, year, ets_prev));
      }
      value[k] = v;
    }
    std::vector<double> scale(value.size(), 1.0);
    for (std::size_t k = 0; k < scale.size(); ++k) {
      scale[k] = in.activity(s, static_cast<int>(k));
    }
    x.npv_eur = sim::option_npv(o, in, i, x.decision_year - in.start_year, x.start_year - in.start_year, value,
                                x.reduction_t, scale);
    a.npv_without_support_eur += x.npv_eur;
    a.lifetime_t += x.reduction_t * o.lifetime_yr[i];
  }
  a.funding_gap_eur = std::max(0.0, -a.npv_without_support_eur);
  a.aid_to_gap_ratio = a.funding_gap_eur > 0 ? a.support_eur / a.funding_gap_eur
                       : a.support_eur > 0   ? std::numeric_limits<double>::infinity()
                                             : 0.0;
  a.eur_per_t_target_year = a.reduction_target_year_t > 0 ? a.support_eur / a.reduction_target_year_t : 0.0;
  a.eur_per_t_lifetime = a.lifetime_t > 0 ? a.support_eur / a.lifetime_t : 0.0;

  // Generic instrument (SDE++-like, DESIGN §4.4): pays the unprofitable gap per tonne up to a cap
  // per category; here only CCS (€300/t) and electrification of heat (ring-fenced, €400/t).
  a.generic_eur_per_t_needed = a.lifetime_t > 0 ? a.funding_gap_eur / a.lifetime_t : 0.0;
  double cap = std::numeric_limits<double>::infinity();
  std::string uncovered;
  for (const auto& x : a.options) {
    if (x.technology == "ccs") {
      cap = std::min(cap, kSdeCapEurPerT);
    } else if (x.technology == "electrification") {
      cap = std::min(cap, kSdeRingFencedCapEurPerT);
    } else if (uncovered.empty()) {
      uncovered = o.id[x.option];
    }
  }
  if (!deal.generic_instrument_excluded.empty()) {
    a.generic_instrument_reason = "excluded: " + deal.generic_instrument_excluded;
  } else if (a.options.empty() || !uncovered.empty()) {
    a.generic_instrument_reason = fmt::format("no SDE++-like category for {}", uncovered.empty() ? "an empty deal" : uncovered);
  } else {
    a.generic_eur_per_t_cap = cap;
    a.generic_instrument_possible = a.generic_eur_per_t_needed <= cap;
    a.generic_instrument_reason = fmt::format("needs {:.1f} EUR/t over the lifetime against a cap of {:.0f} EUR/t",
                                              a.generic_eur_per_t_needed, cap);
  }

  // Infrastructure not yet built in the assessment year, and when it arrives (after the
  // scenario's delays).
  double dependent_t = 0;
  for (const auto& x : a.options) {
    const auto i = x.option;
    const auto cluster = sites.cluster[o.site[i]];
    struct Need {
      model::Index infra;
      double amount;
    };
    std::vector<Need> needs;
    if (o.grid_need_mw[i] > 0) {
      needs.push_back({serving(model.infrastructure, model::InfrastructureKind::grid, cluster), o.grid_need_mw[i]});
    }
    if (o.delta_hydrogen_gj[i] > 0) {
      const double hours = o.full_load_hours[i] > 0 ? o.full_load_hours[i] : 8000.0;
      needs.push_back({serving(model.infrastructure, model::InfrastructureKind::hydrogen, cluster),
                       o.delta_hydrogen_gj[i] / 3.6 / hours});
    }
    if (o.co2_stored_t[i] > 0) {
      const auto store = !o.co2_stores[i].empty()
                             ? o.co2_stores[i].front()
                             : serving(model.infrastructure, model::InfrastructureKind::co2_storage, cluster);
      needs.push_back({store, o.co2_stored_t[i]});
    }
    bool dependent = false;
    for (const auto& n : needs) {
      const bool built = n.infra != model::kNone && in.capacity(n.infra, year_index(a.as_of_year)) + 1e-9 >= n.amount;
      if (built) {
        continue;
      }
      dependent = true;
      InfrastructureDependency dep{i, n.infra, n.amount, 0};
      if (n.infra != model::kNone) {
        for (int y = std::max(0, year_index(a.as_of_year)); y < in.years(); ++y) {
          if (in.capacity(n.infra, y) + 1e-9 >= n.amount) {
            dep.available_from = in.start_year + y;
            break;
          }
        }
      }
      a.infrastructure.push_back(dep);
    }
    if (dependent && x.start_year <= a.target_year) {
      dependent_t += x.reduction_t;
    }
  }
  a.infrastructure_dependent_share = a.reduction_target_year_t > 0 ? dependent_t / a.reduction_target_year_t : 0.0;

  for (const auto& b : deal.co_benefits) {
    a.co_benefits.push_back(b.by_year > 0 ? fmt::format("{}: {} (by {})", b.what, b.commitment, b.by_year)
                                          : fmt::format("{}: {}", b.what, b.commitment));
  }
  // Lock-in (AMVI theme, policy.md §2.3): assets that keep fossil fuel in the process.
  for (const auto& x : a.options) {
    const auto i = x.option;
    if (o.delta_gas_gj[i] > 0) {
      a.lock_in.push_back(fmt::format("{}: raises natural gas use by {:.0f} GJ/yr for {:.0f} years", o.id[i],
                                      o.delta_gas_gj[i], o.lifetime_yr[i]));
    }
    if (o.co2_stored_t[i] > 0) {
      a.lock_in.push_back(fmt::format("{}: CO2 capture keeps the fossil process running ({:.0f} years)", o.id[i],
                                      o.lifetime_yr[i]));
    }
  }

  // Credible path: residual emissions at the deal's sites in the target year against the straight
  // line from the assessment year to zero in the climate-neutral year.
  double e_ref = 0;
  double e_proj = 0;
  for (auto s : deal_sites) {
    e_ref += reference(s, a.target_year);
    e_proj += projected(s, a.target_year);
  }
  a.residual_share_target_year = e_ref > 0 ? e_proj / e_ref : 0.0;
  if (deal.climate_neutral_year > a.as_of_year) {
    a.path_share_target_year =
        std::clamp(static_cast<double>(deal.climate_neutral_year - a.target_year) /
                       static_cast<double>(deal.climate_neutral_year - a.as_of_year),
                   0.0, 1.0);
    a.path_credible = a.residual_share_target_year <= a.path_share_target_year + 1e-9;
  }

  // State-aid stacking (issue 17 §5). CEEAG 2022 (OJ C 80, 18.2.2022,
  // https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52022XC0218(03)): aid is
  // proportionate when it does not exceed the net extra cost, the funding gap against the
  // counterfactual (section 3.2.1.3, "Proportionality"; for aid to reduce greenhouse-gas
  // emissions, section 4.1.3.5); aid from several measures, and Union funding such as the
  // Innovation Fund, is cumulated and together must stay within that ceiling (section 3.2.1.3,
  // "Cumulation"). Maatwerk aid is negotiated, not bid, so the ceiling is the gap itself.
  a.support_stack.push_back({"package", "klimaatfonds", deal.max_support_eur});
  a.stacked_support_eur = deal.max_support_eur;
  for (const auto& x : deal.other_support) {
    a.support_stack.push_back({x.id, x.scheme, x.amount_eur});
    a.stacked_support_eur += x.amount_eur;
  }
  a.aid_ceiling_eur = a.funding_gap_eur;
  a.stacked_aid_to_gap_ratio = a.funding_gap_eur > 0 ? a.stacked_support_eur / a.funding_gap_eur
                               : a.stacked_support_eur > 0 ? std::numeric_limits<double>::infinity()
                                                           : 0.0;

  // Long-term plan (issue 17 §7): the committed projects and the plan's elements against the
  // baseline, split by whether the dataset knows an option for them, and the infrastructure they
  // wait for.
  double baseline = deal.baseline_emissions_t;
  if (baseline <= 0) {
    for (auto s : deal_sites) {
      baseline += sites.base_emissions_t[s];
    }
  }
  double committed_known = 0;
  for (const auto& x : a.options) {
    committed_known += x.reduction_t;
  }
  double known_t = committed_known, stated_t = std::max(committed_known, a.committed_target_year_t);
  for (const auto& e : deal.long_term_plan.elements) {
    PlanElementCheck c;
    c.id = e.id;
    c.what = e.what;
    c.year = e.year;
    double option_t = 0;
    if (!e.option.empty()) {
      for (auto i : model::project_options(model, {e.option, e.year, ""})) {
        // An option already committed is not counted twice.
        if (std::none_of(a.options.begin(), a.options.end(), [i](const AssessedOption& x) { return x.option == i; })) {
          option_t += std::max(0.0, -o.delta_emissions_t[i]);
        }
        c.option_known = true;
      }
    }
    c.reduction_t = e.reduction_t > 0 ? e.reduction_t : option_t;
    stated_t += c.reduction_t;
    known_t += c.option_known ? c.reduction_t : 0.0;
    for (const auto& id : e.infra) {
      const auto k = model.find_infrastructure(id);
      int from = 0;
      for (int y = 0; k != model::kNone && y < in.years(); ++y) {
        if (in.capacity(k, y) > 0) {
          from = in.start_year + y;
          break;
        }
      }
      c.infra.emplace_back(id, from);
    }
    a.plan.push_back(std::move(c));
  }
  a.path_known_share = baseline > 0 ? std::min(1.0, known_t / baseline) : 0.0;
  a.path_stated_share = baseline > 0 ? std::min(1.0, stated_t / baseline) : 0.0;
  a.employment = deal.long_term_plan.employment;
  a.value_added_eur = deal.long_term_plan.value_added_eur;
  a.future_perspective = deal.long_term_plan.future_perspective;

  // Flags (docs/deals.md, "Flags").
  auto flag = [&](bool on, const char* code) {
    if (on) {
      a.flags.emplace_back(code);
    }
  };
  flag(a.funding_gap_eur <= 0, "no_funding_gap");
  flag(a.funding_gap_eur > 0 && a.support_eur > a.funding_gap_eur * (1 + 1e-9), "aid_exceeds_funding_gap");
  flag(!deal.other_support.empty() && a.stacked_support_eur > a.aid_ceiling_eur * (1 + 1e-9),
       "stacked_aid_exceeds_funding_gap");
  flag(std::any_of(a.plan.begin(), a.plan.end(),
                   [](const PlanElementCheck& c) {
                     return std::any_of(c.infra.begin(), c.infra.end(),
                                        [&](const auto& d) { return d.second == 0 || d.second > c.year; });
                   }),
       "plan_waits_on_infrastructure");
  flag(a.generic_instrument_possible, "generic_instrument_possible");
  flag(a.infrastructure_dependent_share > 0, "infrastructure_dependent");
  flag(std::any_of(a.infrastructure.begin(), a.infrastructure.end(),
                   [&](const InfrastructureDependency& d) {
                     const auto& x = *std::find_if(a.options.begin(), a.options.end(),
                                                   [&](const AssessedOption& y) { return y.option == d.option; });
                     return d.available_from == 0 || d.available_from > x.start_year;
                   }),
       "infrastructure_late");
  const double additional_target =
      a.additional_t_by_year.count(a.target_year) ? a.additional_t_by_year.at(a.target_year) : 0.0;
  a.additional_target_year_t = additional_target;
  flag(a.reduction_target_year_t > kTonneTolerance && additional_target < a.reduction_target_year_t - kTonneTolerance,
       "partly_required_by_levy");
  if (a.stated_additional_target_year_t) {
    const double stated = *a.stated_additional_target_year_t;
    flag(additional_target > kAdditionalityDifferenceFactor * stated + kTonneTolerance ||
             stated > kAdditionalityDifferenceFactor * additional_target + kTonneTolerance,
         "additionality_differs");
  }
  flag(!a.uncited_facts.empty(), "uncited_facts");
  flag(a.reduction_target_year_t < a.committed_target_year_t * 0.95 - kTonneTolerance, "projects_below_commitment");
  flag(!a.lock_in.empty(), "lock_in");
  flag(deal.climate_neutral_year == 0, "no_climate_neutral_year");
  flag(deal.climate_neutral_year != 0 && !a.path_credible, "path_not_credible");
  flag(deal.claw_back.rule == model::ClawBackRule::none, "no_claw_back");
  return a;
}

}  // namespace decarbfund::analysis
