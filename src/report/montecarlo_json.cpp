#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/version.hpp"
#include "report/montecarlo_report.hpp"
#include "report/package_levers_json.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

json percentiles(const analysis::Percentiles& p) {
  return {{"mean", p.mean}, {"p5", p.p5},   {"p10", p.p10}, {"p25", p.p25},
          {"p50", p.p50},   {"p75", p.p75}, {"p90", p.p90}, {"p95", p.p95}};
}

}  // namespace

std::string montecarlo_json(const model::Model& model, const analysis::MonteCarloResult& r) {
  const auto& s = *r.setup;
  json j;
  j["meta"] = {{"dataset", model.info.name},
               {"dataset_version", model.info.version},
               {"scenario", s.scenario},
               {"scenario_file", s.scenario_file},
               {"reference_scenario", s.reference_scenario},
               {"policy_version", s.policy_version},
               {"reference_policy_version", s.reference_policy_version},
               {"reference_world_replaced", s.reference_world_replaced},
               {"deals_dir", s.deals_dir},
               {"seed", s.seed},
               {"draws", r.draws},
               {"start_year", s.start_year},
               {"target_year", s.target_year},
               {"runs_per_draw", s.package ? 3 : 2},
               {"note", "runs stop after the target year; emissions and outlay cover start_year to target_year"},
               {"generator", core::kGenerator}};
  // As in the outlook's document: only when the scenario sets a package lever.
  if (s.levers.any()) {
    j["meta"]["package_levers"] = package_levers_json(s.levers);
  }
  j["target"] = {{"required_t", s.required_t},
                 {"levy_leg_required_t", s.levy_leg_required_t},
                 {"package_leg_required_t", s.package_leg_required_t}};
  j["p_target_met"] = {{"total", r.p_total}, {"levy_leg", r.p_levy_leg}, {"package_leg", r.p_package_leg}};
  j["central"] = {{"description", "the outlook without uncertainty: every input at its central value"},
                  {"achieved_t", r.central_achieved_t},
                  {"levy_leg_t", r.central_levy_leg_t},
                  {"package_leg_t", r.central_package_leg_t},
                  {"budget_outlay_eur", r.central_outlay_eur},
                  {"reference_emissions_t", r.central_reference_t}};
  j["achieved_t"] = percentiles(r.achieved_t);
  j["levy_leg_t"] = percentiles(r.levy_leg_t);
  j["package_leg_t"] = percentiles(r.package_leg_t);
  j["budget_outlay_eur"] = percentiles(r.outlay_eur);
  j["budget_outlay_eur"]["description"] = "package support committed from start_year to target_year";
  json fan = {{"years", r.years}};
  for (const auto& [key, member] : std::vector<std::pair<const char*, double analysis::Percentiles::*>>{
           {"mean", &analysis::Percentiles::mean}, {"p5", &analysis::Percentiles::p5},
           {"p10", &analysis::Percentiles::p10}, {"p25", &analysis::Percentiles::p25},
           {"p50", &analysis::Percentiles::p50}, {"p75", &analysis::Percentiles::p75},
           {"p90", &analysis::Percentiles::p90}, {"p95", &analysis::Percentiles::p95}}) {
    json col = json::array();
    for (const auto& p : r.emissions_t) {
      col.push_back(p.*member);
    }
    fan[key] = std::move(col);
  }
  j["emissions_t"] = std::move(fan);
  json inputs = json::array();
  for (const auto& in : s.inputs) {
    inputs.push_back({{"id", in.id}, {"label", in.label}, {"distribution", in.distribution}, {"unit", in.unit},
                      {"members", in.members}});
  }
  j["uncertain_inputs"] = std::move(inputs);
  json inactive = json::array();
  for (const auto& in : s.inactive) {
    inactive.push_back({{"id", in.id}, {"distribution", in.distribution}, {"reason", in.reason}});
  }
  j["inactive_inputs"] = std::move(inactive);
  json rank = json::array();
  for (const auto& c : r.rank_correlation) {
    rank.push_back({{"input", s.inputs[c.input].id}, {"rho", c.rho}});
  }
  json tornado = json::array();
  for (const auto& b : r.tornado) {
    tornado.push_back({{"input", s.inputs[b.input].id},
                       {"low_value", b.low_value},
                       {"high_value", b.high_value},
                       {"achieved_low_t", b.low_t},
                       {"achieved_high_t", b.high_t},
                       {"swing_t", b.swing_t()}});
  }
  json tornado_doc = {
      {"method", "one-at-a-time: each input at its P10 and P90 (a deal: falls through / delivers), every "
                 "other input at its median; sorted by swing"},
      {"base_t", r.tornado_base_t},
      {"bars", std::move(tornado)}};
  // Only when the tornado left inputs out (--tornado-top): a run with every input keeps its bytes.
  if (!r.tornado_not_run.empty()) {
    json not_run = json::array();
    for (const auto g : r.tornado_not_run) {
      not_run.push_back(s.inputs[g].id);
    }
    tornado_doc["selection"] = fmt::format(
        "the {} inputs with the largest |rho| in rank_correlation, of {} (--tornado-top {}; 0 runs every input)",
        r.tornado.size(), s.inputs.size(), s.tornado_top);
    tornado_doc["inputs_run"] = r.tornado.size();
    tornado_doc["not_run"] = std::move(not_run);
  }
  j["sensitivity"] = {
      {"outcome", "achieved_t"},
      {"rank_correlation",
       {{"method", "Spearman rank correlation between each input's drawn value (a group: the mean quantile "
                   "of its members) and the achieved target-year reduction, over all draws"},
        {"inputs", std::move(rank)}}},
      {"tornado", std::move(tornado_doc)}};
  return j.dump(2) + "\n";
}

}  // namespace decarbfund::report
