#include "analysis/outlook.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "analysis/package_levers.hpp"
#include "core/helper_thread.hpp"
#include "model/scenario_world.hpp"
#include "sim/economics.hpp"

namespace decarbfund::analysis {

namespace {

/// One full run; `ws` is reused from run to run where it fits (a workspace costs ~1 MB of fresh
/// pages to build: issue 21) and holds the run's outcome afterwards.
OutlookRun run(const model::Model& model, const model::Scenario& scenario, std::string label,
               bool package, const DealLevers* deals, std::optional<sim::Workspace>& ws) {
  OutlookRun r;
  r.label = std::move(label);
  r.inputs = sim::resolve_inputs(model, scenario);
  r.inputs.package_enabled = package && scenario.package_enabled;
  if (deals != nullptr) {
    sim::apply_deals(model, deals->book.deals, deals->book.phases, r.inputs);
    apply_funding(model, *deals, r.inputs);
  }
  if (!ws || !ws->fits(r.inputs)) {
    ws.emplace(model, r.inputs);
  }
  sim::simulate(model, r.inputs, *ws);
  r.outcome = ws->outcome();
  return r;
}

double total_at(const sim::Outcome& o, int y) { return o.total_emissions_t[static_cast<std::size_t>(y)]; }

}  // namespace

SdeSummary summarise_sde(const model::Model& model, const sim::Inputs& in, const sim::Outcome& out, int t) {
  SdeSummary s;
  s.enabled = in.sde.enabled;
  std::vector<double> reductions(model.options.size(), 0.0);
  sim::option_reductions(model, in, out, t, reductions);
  for (model::Index i = 0; i < model.options.size(); ++i) {
    if (out.option_sde_obligation_eur[i] > 0 && out.option_decided[i] >= 0 && out.option_decided[i] <= t) {
      ++s.options;
      s.reduction_t += reductions[i];
      s.expected_eur += out.option_sde_eur[i];
      s.options_needing_sde += out.option_instrument[i] == sim::Instrument::sde ? 1 : 0;
    }
  }
  for (int y = 0; y <= t && y < out.years; ++y) {
    s.committed_eur += out.sde_committed_eur[static_cast<std::size_t>(y)];
  }
  return s;
}

PackageLeverSummary summarise_levers(const model::Scenario& scenario, const model::DealBook* deals,
                                     const DealLevers* levers) {
  PackageLeverSummary out;
  out.deal_budget_eur = scenario.deal_budget_eur;
  out.sme_budget_eur = scenario.sme_budget_eur;
  if (deals == nullptr || levers == nullptr) {
    return out;
  }
  out.deal_max_support_funded_eur = levers->committed_support_eur;
  out.fund_free_eur = levers->fund_free_eur;
  out.fund_new_support_eur = levers->new_support_eur;
  for (const auto d : levers->funding_order) {
    if (!levers->status[d].funded) {
      out.deals_not_funded.push_back(deals->deals[d].id);
      out.fund_binds = out.fund_binds || levers->status[d].not_funded == "fund";
    }
  }
  for (std::size_t d = 0; d < deals->deals.size(); ++d) {
    if (scenario.deal_phase.contains(deals->deals[d].id)) {
      out.deal_phase[deals->deals[d].id] = {std::string(model::phase_name(levers->status[d].phase)),
                                            std::string(model::phase_name(levers->status[d].file_phase))};
    }
  }
  return out;
}

Outlook run_outlook(const model::Model& model, const model::Scenario& scenario,
                    const model::Scenario& reference, const DealBook* deals, const SmeInput* sme) {
  Outlook out;
  out.scenario = scenario.name;
  out.scenario_file = scenario.file;
  out.reference_scenario = reference.name;
  out.policy_version = scenario.levy.version;
  out.reference_policy_version = reference.levy.version;
  out.seed = scenario.seed;
  out.start_year = scenario.start_year;
  out.target_year = scenario.target.year;
  out.required_t = scenario.target.required_t;
  out.levy_leg_required_t = scenario.target.levy_leg_t;
  out.package_leg_required_t = scenario.target.package_leg_t;

  // One world, two policies: the reference run is the reference's policy in the scenario's world
  // (prices, years, delays, behaviour), so the legs measure policy only (model/scenario_world.hpp).
  auto reference_run = model::reference_with_world_of(scenario, reference);
  const model::Scenario& ref = reference_run.scenario;
  out.reference_world_replaced = std::move(reference_run.world_replaced);
  // The deal book as the scenario's levers have it (phases, funded deals); every run sees the same.
  if (deals == nullptr) {
    check_deal_levers(scenario, nullptr);
  }
  // The fund's books limit the deals (issue 18): the maatwerk money still free to the target year.
  const auto fund = fund_limit(model, scenario.target.year);
  const std::optional<DealLevers> levers =
      deals != nullptr ? std::optional(apply_deal_levers(scenario, *deals, fund ? &*fund : nullptr)) : std::nullopt;
  const DealLevers* book = levers ? &*levers : nullptr;
  out.levers = summarise_levers(scenario, deals, book);
  // The reference run and the hindcast need nothing of the scenario's runs: the helper thread
  // takes them while this one does the levy-only and full runs, and this one takes whichever the
  // helper has not begun by then (core::share_with_helper). A run's figures
  // do not depend on its workspace's history (sim::SetUp), so the threads change no bit.
  std::optional<OutlookRun> reference_done, levy_only, full;
  std::optional<sim::Workspace> ws;
  core::share_with_helper(
      2,  // 0: the hindcast, 1: the reference run (the helper takes it first)
      [&](std::size_t job, bool) {
        if (job == 1) {
          std::optional<sim::Workspace> ref_ws;
          reference_done = run(model, ref, "reference", false, book, ref_ws);
        } else {
          out.hindcast = hindcast_summary(model, scenario);
        }
      },
      [&] {
        levy_only = run(model, scenario, "levy_only", false, book, ws);
        full = run(model, scenario, "full", true, book, ws);
      });
  out.runs.push_back(std::move(*reference_done));
  out.runs.push_back(std::move(*levy_only));
  out.runs.push_back(std::move(*full));
  for (auto& r : out.runs) {
    r.sde = summarise_sde(model, r.inputs, r.outcome, out.target_index());
  }
  // The SME scheme's expected tonnes come off the full run's total when the package is on.
  const bool sme_on = sme != nullptr && out.runs[2].inputs.package_enabled;
  if (sme_on) {
    auto& total = out.runs[2].outcome.total_emissions_t;
    for (std::size_t y = 0; y < total.size() && y < sme->reduction_t_by_year.size(); ++y) {
      total[y] -= sme->reduction_t_by_year[y];
    }
  }

  const int t = out.target_index();
  const auto& R = out.runs[0].outcome;
  const auto& L = out.runs[1].outcome;
  const auto& F = out.runs[2].outcome;
  out.levy_leg_t = total_at(R, t) - total_at(L, t);
  out.package_leg_t = total_at(L, t) - total_at(F, t);
  out.achieved_if_every_deal_delivers_t = out.levy_leg_t + out.package_leg_t;
  out.gap_if_every_deal_delivers_t = out.required_t - out.achieved_if_every_deal_delivers_t;

  // Sites by reduction in the target year.
  for (model::Index s = 0; s < model.sites.size(); ++s) {
    const double d = R.emissions(s, t) - F.emissions(s, t);
    if (std::fabs(d) > 0.5) {
      out.top_sites.push_back({s, d, F.levy_eur[s * static_cast<std::size_t>(F.years) + static_cast<std::size_t>(t)]});
    }
  }
  std::stable_sort(out.top_sites.begin(), out.top_sites.end(),
                   [](const SiteReduction& a, const SiteReduction& b) { return a.reduction_t > b.reduction_t; });

  // The package leg per instrument and each deal's own effect; the expected headline from them.
  if (deals != nullptr) {
    out.deals_dir = deals->dir;
  }
  detail::credit_package(model, deals, book, sme_on ? sme : nullptr, *ws, out);
  out.achieved_t = out.levy_leg_t + out.package_leg_expected_t;
  out.gap_t = out.required_t - out.achieved_t;

  const auto& o = model.options;
  // Bottlenecks: items that blocked options, and use against capacity in the target year.
  const auto& inf = model.infrastructure;
  const auto& in = out.runs[2].inputs;
  for (model::Index k = 0; k < inf.size(); ++k) {
    Bottleneck b;
    b.infra = k;
    b.used_target_year = F.infrastructure_used[k * static_cast<std::size_t>(F.years) + static_cast<std::size_t>(t)];
    b.capacity_target_year = in.capacity(k, t);
    for (model::Index i = 0; i < o.size(); ++i) {
      if (F.option_decided[i] < 0 && F.option_blocked_by[i] == k) {
        b.blocked_t += -in.option_delta_emissions_t[i];
        ++b.options_blocked;
      }
    }
    if (b.options_blocked > 0) {
      out.bottlenecks.push_back(b);
    }
  }
  std::stable_sort(out.bottlenecks.begin(), out.bottlenecks.end(),
                   [](const Bottleneck& a, const Bottleneck& b) { return a.blocked_t > b.blocked_t; });

  // National MACC in the target year (issue 13): one option per exclusive group — the one the full
  // run adopted, else the cheapest at target-year prices — each adding, at its site, what the
  // cheaper points there leave (sim::marginal_reduction_t on a scratch workspace), at target-year
  // production. So the curve's total is bounded by what the sites emit.
  std::map<model::Index, std::pair<model::Index, double>> pick;  // group → (option, EUR/t)
  for (model::Index i = 0; i < o.size(); ++i) {
    const double tonnes = -in.option_delta_emissions_t[i];
    if (tonnes <= 0 || (in.option_needs_package[i] && !in.package_enabled)) {
      continue;
    }
    const double cost = sim::option_cost_per_t(o, in, i, t);
    auto [it, fresh] = pick.try_emplace(o.exclusive_group[i], i, cost);
    const bool adopted = F.option_start[i] >= 0;
    const bool held_adopted = F.option_start[it->second.first] >= 0;
    if (!fresh && !held_adopted && (adopted || cost < it->second.second)) {
      it->second = {i, cost};
    }
  }
  std::vector<std::pair<model::Index, double>> points;
  for (const auto& [group, p] : pick) {
    points.push_back(p);
  }
  std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  sim::Workspace scratch(model, in);
  std::vector<std::uint8_t> site_on_curve(model.sites.size(), 0);
  for (const auto& [i, cost] : points) {
    const auto site = o.site[i];
    const double tonnes = sim::marginal_reduction_t(model, in, scratch, i) * in.activity(site, t);
    out.macc.push_back({i, cost, tonnes, F.operating(i, t)});
    sim::add_to_site(model, in, scratch, i);
    if (!site_on_curve[site]) {
      site_on_curve[site] = 1;
      out.macc_site_emissions_t += in.emissions_before_options(site, t);
    }
  }
  return out;
}

}  // namespace decarbfund::analysis
