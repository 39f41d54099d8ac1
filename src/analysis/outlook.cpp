#include "analysis/outlook.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analysis/package_levers.hpp"
#include "model/scenario_world.hpp"
#include "sim/economics.hpp"

namespace decarbfund::analysis {

namespace {

OutlookRun run(const model::Model& model, const model::Scenario& scenario, std::string label,
               bool package, const DealLevers* deals) {
  OutlookRun r;
  r.label = std::move(label);
  r.inputs = sim::resolve_inputs(model, scenario);
  r.inputs.package_enabled = package && scenario.package_enabled;
  if (deals != nullptr) {
    sim::apply_deals(model, deals->book.deals, deals->book.phases, r.inputs);
    apply_funding(model, *deals, r.inputs);
  }
  sim::Workspace ws(model, r.inputs);
  sim::simulate(model, r.inputs, ws);
  r.outcome = ws.outcome();
  return r;
}

double total_at(const sim::Outcome& o, int y) { return o.total_emissions_t[static_cast<std::size_t>(y)]; }

}  // namespace

PackageLeverSummary summarise_levers(const model::Scenario& scenario, const model::DealBook* deals,
                                     const DealLevers* levers) {
  PackageLeverSummary out;
  out.deal_budget_eur = scenario.deal_budget_eur;
  out.sme_budget_eur = scenario.sme_budget_eur;
  if (deals == nullptr || levers == nullptr) {
    return out;
  }
  out.deal_max_support_funded_eur = levers->committed_support_eur;
  for (const auto d : levers->funding_order) {
    if (!levers->status[d].funded) {
      out.deals_not_funded.push_back(deals->deals[d].id);
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
  const std::optional<DealLevers> levers =
      deals != nullptr ? std::optional(apply_deal_levers(scenario, *deals)) : std::nullopt;
  const DealLevers* book = levers ? &*levers : nullptr;
  out.levers = summarise_levers(scenario, deals, book);
  out.runs.push_back(run(model, ref, "reference", false, book));
  out.runs.push_back(run(model, scenario, "levy_only", false, book));
  out.runs.push_back(run(model, scenario, "full", true, book));
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
  out.achieved_t = out.levy_leg_t + out.package_leg_t;
  out.gap_t = out.required_t - out.achieved_t;

  // Sites by reduction in the target year.
  for (model::Index s = 0; s < model.sites.size(); ++s) {
    const double d = R.emissions(s, t) - F.emissions(s, t);
    if (std::fabs(d) > 0.5) {
      out.top_sites.push_back({s, d, F.levy_eur[s * static_cast<std::size_t>(F.years) + static_cast<std::size_t>(t)]});
    }
  }
  std::stable_sort(out.top_sites.begin(), out.top_sites.end(),
                   [](const SiteReduction& a, const SiteReduction& b) { return a.reduction_t > b.reduction_t; });

  // Package credits: supported options in the full run, one line per deal (every deal, also
  // those that deliver nothing in the run) and per company for projects without a deal, plus the
  // interaction line.
  const auto& o = model.options;
  const auto& full_in = out.runs[2].inputs;
  std::map<std::string, InstrumentCredit> by_company;
  std::vector<InstrumentCredit> by_deal;
  if (deals != nullptr) {
    for (std::size_t d = 0; d < deals->deals.size(); ++d) {
      const auto& deal = levers->book.deals[d];
      const auto& st = levers->status[d];
      InstrumentCredit c;
      c.deal = deal.id;
      c.phase = std::string(model::phase_name(st.phase));
      c.instrument = fmt::format("maatwerk deal: {} ({})", deal.company, c.phase);
      if (st.overridden) {
        c.phase_in_file = std::string(model::phase_name(st.file_phase));
        c.instrument = fmt::format("maatwerk deal: {} ({}; file: {})", deal.company, c.phase, c.phase_in_file);
      }
      c.funded = st.funded;
      c.not_funded = st.not_funded;
      if (!st.funded) {
        c.instrument += fmt::format(", not funded ({})", st.not_funded);
      }
      c.probability = st.probability;  // the phase's, also for an unfunded deal (its tonnes are 0)
      c.committed_t = deal.committed_in(out.target_year);
      by_deal.push_back(std::move(c));
    }
    out.deals_dir = deals->dir;
  }
  double credited = 0;
  for (model::Index i = 0; i < o.size(); ++i) {
    if (F.option_instrument[i] != sim::Instrument::package) {
      continue;
    }
    const auto site = o.site[i];
    const std::string company =
        model.sites.company[site].empty() ? model.sites.name[site] : model.sites.company[site];
    const auto deal = full_in.option_deal[i];
    auto& c = deal != model::kNone ? by_deal[deal] : by_company[company];
    if (deal == model::kNone) {
      c.instrument = "maatwerk: " + company;
    }
    c.support_eur += F.option_support_eur[i];
    if (F.operating(i, t)) {
      const double tonnes = -out.runs[2].inputs.option_delta_emissions_t[i];
      c.reduction_t += tonnes;
      credited += tonnes;
      // Which funder's infrastructure the tonne hangs on (one line per option: the first need).
      std::string funder = "none";
      for (auto infra : {F.option_store[i], F.option_hydrogen[i], F.option_grid[i]}) {
        if (infra != model::kNone) {
          funder = model.infrastructure.funded_by[infra];
          break;
        }
      }
      out.package_t_by_infrastructure_funder[funder] += tonnes;
    }
  }
  out.package_leg_expected_t = out.package_leg_t;
  for (auto& credit : by_deal) {
    credit.expected_t = credit.probability * credit.reduction_t;
    out.package_leg_expected_t -= (1 - credit.probability) * credit.reduction_t;
    out.package_credits.push_back(std::move(credit));
  }
  for (auto& [name, credit] : by_company) {
    credit.expected_t = credit.reduction_t;
    out.package_credits.push_back(credit);
  }
  if (sme_on) {
    InstrumentCredit c;
    c.instrument = "SME scheme: " + sme->label;
    c.reduction_t = static_cast<std::size_t>(t) < sme->reduction_t_by_year.size()
                        ? sme->reduction_t_by_year[static_cast<std::size_t>(t)]
                        : 0.0;
    c.expected_t = c.reduction_t;  // already an expected value (realisation rate applied)
    c.support_eur = sme->budget_used_eur;
    credited += c.reduction_t;
    out.package_t_by_infrastructure_funder["none"] += c.reduction_t;
    out.package_credits.push_back(std::move(c));
  }
  std::stable_sort(out.package_credits.begin(), out.package_credits.end(),
                   [](const InstrumentCredit& a, const InstrumentCredit& b) { return a.reduction_t > b.reduction_t; });
  if (std::fabs(out.package_leg_t - credited) > 0.5) {
    InstrumentCredit interaction;
    interaction.instrument = "interaction: ETS- or levy-driven options displaced";
    interaction.reduction_t = out.package_leg_t - credited;
    interaction.expected_t = interaction.reduction_t;
    out.package_credits.push_back(std::move(interaction));
  }

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

  // National MACC in the target year: every reducing option at target-year prices.
  for (model::Index i = 0; i < o.size(); ++i) {
    const double tonnes = -in.option_delta_emissions_t[i];
    if (tonnes <= 0 || (in.option_needs_package[i] && !in.package_enabled)) {
      continue;
    }
    out.macc.push_back({i, sim::option_cost_per_t(o, in, i, t), tonnes, F.operating(i, t)});
  }
  std::stable_sort(out.macc.begin(), out.macc.end(),
                   [](const MaccPoint& a, const MaccPoint& b) { return a.cost_eur_per_t < b.cost_eur_per_t; });
  return out;
}

}  // namespace decarbfund::analysis
