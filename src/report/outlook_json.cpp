#include <cmath>

#include <nlohmann/json.hpp>

#include "core/version.hpp"
#include "report/outlook_report.hpp"
#include "report/package_levers_json.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

json by_year(int start, const std::vector<double>& v) {
  json j = json::object();
  for (std::size_t y = 0; y < v.size(); ++y) {
    j[std::to_string(start + static_cast<int>(y))] = v[y];
  }
  return j;
}

}  // namespace

std::string outlook_json(const model::Model& model, const analysis::Outlook& o) {
  json j;
  j["meta"] = {{"dataset", model.info.name},
               {"dataset_version", model.info.version},
               {"price_year", model.info.price_year},
               {"scenario", o.scenario},
               {"scenario_file", o.scenario_file},
               {"policy_version", o.policy_version},
               {"reference_scenario", o.reference_scenario},
               {"reference_policy_version", o.reference_policy_version},
               {"reference_world_replaced", o.reference_world_replaced},
               {"seed", o.seed},
               {"generator", core::kGenerator}};
  // The package levers in effect (docs/scenarios.md "package"); the block is absent when the
  // scenario sets none, so such documents read as before the levers existed.
  if (o.hindcast) {
    j["meta"]["hindcast"] = {{"year", o.hindcast->year},
                             {"published_t", o.hindcast->published_t},
                             {"model_t", o.hindcast->model_t},
                             {"activity_only_t", o.hindcast->activity_only_t},
                             {"error", o.hindcast->error()}};
  }
  if (o.levers.any()) {
    j["meta"]["package_levers"] = package_levers_json(o.levers);
  }
  j["target_year"] = o.target_year;
  j["required_mt"] = o.required_t / 1e6;
  // Expected values first (issue 14): each deal at its phase's probability (docs/outlook.md).
  j["achieved_mt"] = o.achieved_t / 1e6;
  j["gap_mt"] = o.gap_t / 1e6;
  j["achieved_if_every_deal_delivers_mt"] = o.achieved_if_every_deal_delivers_t / 1e6;
  j["gap_if_every_deal_delivers_mt"] = o.gap_if_every_deal_delivers_t / 1e6;
  j["p_target_met"] = o.quick_draws > 0 ? json(o.p_target_met) : json(nullptr);
  j["p_target_met_draws"] = o.quick_draws;
  j["legs"] = {{"levy_mt", o.levy_leg_t / 1e6},
               {"package_mt", o.package_leg_expected_t / 1e6},
               {"package_if_every_deal_delivers_mt", o.package_leg_t / 1e6},
               {"levy_required_mt", o.levy_leg_required_t / 1e6},
               {"package_required_mt", o.package_leg_required_t / 1e6},
               {"levy_gap_mt", (o.levy_leg_required_t - o.levy_leg_t) / 1e6},
               {"package_gap_mt", (o.package_leg_required_t - o.package_leg_expected_t) / 1e6}};
  // SDE++ per run, its own instrument (docs/model.md "SDE++"): in the world of all three runs, so
  // the legs above exclude its tonnes by construction.
  j["sde"] = json::array();
  for (const auto& r : o.runs) {
    j["sde"].push_back({{"run", r.label},
                        {"enabled", r.sde.enabled},
                        {"options", r.sde.options},
                        {"options_needing_sde", r.sde.options_needing_sde},
                        {"reduction_mt", r.sde.reduction_t / 1e6},
                        {"committed_eur", r.sde.committed_eur},
                        {"expected_paid_eur", r.sde.expected_eur}});
  }
  const auto& F = o.full();
  j["emissions_t_by_year"] = by_year(o.start_year, F.total_emissions_t);
  j["reference_emissions_t_by_year"] = by_year(o.start_year, o.reference().total_emissions_t);
  j["levy_only_emissions_t_by_year"] = by_year(o.start_year, o.runs[1].outcome.total_emissions_t);
  j["levy_revenue_eur_by_year"] = by_year(o.start_year, F.levy_revenue_eur);
  j["support_committed_eur_by_year"] = by_year(o.start_year, F.support_outlay_eur);
  // One price per DPR pool (general; waste incinerators trade apart under Belastingplan 2026).
  json price = json::object();
  const char* pools[] = {"general", "waste_incineration"};
  for (std::size_t p = 0; p < sim::kDprPoolCount; ++p) {
    json series = json::object();
    for (std::size_t y = 0; y < static_cast<std::size_t>(F.years); ++y) {
      series[std::to_string(o.start_year + static_cast<int>(y))] =
          F.dpr_price_eur_per_t[p * static_cast<std::size_t>(F.years) + y];
    }
    price[pools[p]] = series;
  }
  j["dpr_price_eur_per_t_by_year"] = price;
  json credits = json::array();
  for (const auto& c : o.package_credits) {
    json line = {{"instrument", c.instrument}, {"reduction_t", c.reduction_t}, {"support_eur", c.support_eur},
                 {"expected_t", c.expected_t}};
    if (!c.deal.empty()) {
      line["deal"] = c.deal;
      line["phase"] = c.phase;
      line["probability"] = c.probability;
      line["committed_t"] = c.committed_t;
      line["leave_one_out_t"] = c.leave_one_out_t;
      line["add_one_in_t"] = c.add_one_in_t;
      line["support_eur_per_t_own_effect"] =
          c.leave_one_out_t > 0.5 ? json(c.support_eur / c.leave_one_out_t) : json(nullptr);
      if (!c.phase_in_file.empty()) {
        line["phase_in_file"] = c.phase_in_file;
      }
      if (o.levers.deal_budget_eur) {
        line["funded"] = c.funded;
        line["not_funded"] = c.funded ? json(nullptr) : json(c.not_funded);
      }
    }
    credits.push_back(line);
  }
  j["package_credits"] = credits;
  j["deals_dir"] = o.deals_dir;
  j["package_t_by_infrastructure_funder"] = o.package_t_by_infrastructure_funder;
  json sites = json::array();
  for (const auto& s : o.top_sites) {
    sites.push_back({{"site_id", model.sites.id[s.site]},
                     {"name", model.sites.name[s.site]},
                     {"cluster", model.clusters.id[model.sites.cluster[s.site]]},
                     {"reduction_t", s.reduction_t},
                     {"levy_eur", s.levy_eur}});
  }
  j["sites_by_reduction"] = sites;
  json bottlenecks = json::array();
  for (const auto& b : o.bottlenecks) {
    bottlenecks.push_back({{"infra_id", model.infrastructure.id[b.infra]},
                           {"used_target_year", b.used_target_year},
                           {"capacity_target_year", b.capacity_target_year},
                           {"options_blocked", b.options_blocked},
                           {"blocked_reduction_t", b.blocked_t}});
  }
  j["infrastructure_bottlenecks"] = bottlenecks;
  json adopted = json::array();
  const auto& opt = model.options;
  for (model::Index i = 0; i < opt.size(); ++i) {
    if (F.option_decided[i] < 0) {
      continue;
    }
    adopted.push_back({{"option_id", opt.id[i]},
                       {"site_id", model.sites.id[opt.site[i]]},
                       {"decided", o.start_year + F.option_decided[i]},
                       {"operating_from", o.start_year + F.option_start[i]},
                       {"instrument", sim::instrument_name(F.option_instrument[i])},
                       {"reduction_t", -o.runs[2].inputs.option_delta_emissions_t[i]},
                       {"support_eur", F.option_support_eur[i]},
                       {"sde_obligation_eur", F.option_sde_obligation_eur[i]},
                       {"sde_expected_eur", F.option_sde_eur[i]}});
  }
  j["options_adopted"] = adopted;
  json macc = json::array();
  for (const auto& p : o.macc) {
    macc.push_back({{"option_id", opt.id[p.option]},
                    {"cost_eur_per_t", std::isfinite(p.cost_eur_per_t) ? json(p.cost_eur_per_t) : json(nullptr)},
                    {"reduction_t", p.reduction_t},
                    {"adopted", p.adopted}});
  }
  j["macc_target_year"] = macc;
  return j.dump(2) + "\n";
}

nlohmann::ordered_json package_levers_json(const analysis::PackageLeverSummary& l) {
  nlohmann::ordered_json phases = nlohmann::ordered_json::object();
  for (const auto& [id, p] : l.deal_phase) {
    phases[id] = {{"phase", p.first}, {"phase_in_file", p.second}};
  }
  return {{"deal_phase", phases},
          {"deal_budget_eur", l.deal_budget_eur ? nlohmann::ordered_json(*l.deal_budget_eur) : nlohmann::ordered_json(nullptr)},
          {"deal_max_support_funded_eur", l.deal_max_support_funded_eur},
          {"deals_not_funded", l.deals_not_funded},
          {"sme_budget_eur", l.sme_budget_eur ? nlohmann::ordered_json(*l.sme_budget_eur) : nlohmann::ordered_json(nullptr)}};
}

}  // namespace decarbfund::report
