#include "report/deal_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "report/append.hpp"

namespace decarbfund::report {

namespace {

using nlohmann::json;

json by_year(const std::map<int, double>& m) {
  json j = json::object();
  for (const auto& [y, v] : m) {
    j[std::to_string(y)] = v;
  }
  return j;
}

std::string infra_name(const model::Model& model, model::Index i) {
  return i == model::kNone ? std::string("(none serves the cluster)") : model.infrastructure.id[i];
}

/// The own-effect block of the terminal summary (issue 14 §3; the outlook's deal line).
void own_effect_text(std::string& s, const analysis::DealAssessment& a) {
  if (!a.own_effect) {
    append(s, "Own effect in {}: not computed (no deal book with a phase table; give --deals DIR)\n", a.target_year);
    return;
  }
  const auto& e = *a.own_effect;
  append(s, "Own effect in {} (the outlook against {}, the {} other deals of the book delivering), Mt:\n",
         a.target_year, e.reference_scenario, e.other_deals);
  if (!e.package) {
    append(s, "  none: the scenario's package is off\n");
    return;
  }
  const auto line = [&](const char* what, double t) { append(s, "  {:<58} {:>7.3f}\n", what, t / 1e6); };
  line("its options' tonnes if every deal delivers", e.own_t);
  line("leave one out: emissions higher without it", e.leave_one_out_t);
  line("add one in: below the levy-only run as the only deal", e.add_one_in_t);
  line("interaction: its tonnes less leave one out", e.interaction_t);
  append(s, "  {:<58} {:>7.3f}  (p {:.2f})\n", "expected: p × leave one out", e.expected_t / 1e6, e.probability);
  append(s, "  support in the outlook {:.1f} MEUR: {} EUR per t of own effect\n", e.support_eur / 1e6,
         e.eur_per_t ? fmt::format("{:.0f}", *e.eur_per_t) : std::string("–"));
}

json own_effect_json(const analysis::DealAssessment& a) {
  if (!a.own_effect) {
    return nullptr;
  }
  const auto& e = *a.own_effect;
  return {{"reference_scenario", e.reference_scenario},
          {"other_deals", e.other_deals},
          {"package", e.package},
          {"own_t", e.own_t},
          {"leave_one_out_t", e.leave_one_out_t},
          {"add_one_in_t", e.add_one_in_t},
          {"interaction_t", e.interaction_t},
          {"probability", e.probability},
          {"expected_t", e.expected_t},
          {"support_eur", e.support_eur},
          {"support_eur_per_t_own_effect", e.eur_per_t ? json(*e.eur_per_t) : json(nullptr)}};
}


}  // namespace

std::string_view deal_flag_explanation(std::string_view code, const Localizer& tr) {
  // One line per code of analysis::assess_deal; the wording follows docs/deals.md "Flags".
  return tr.find("flag." + std::string(code));
}

std::string deal_sites_text(const model::Model& model, const model::Deal& deal) {
  std::string s;
  for (const auto& id : deal.sites) {
    s += s.empty() ? "" : ", ";
    s += id;
    const auto i = model.find_site(id);
    if (i != model::kNone && !model.sites.name[i].empty()) {
      s += " (" + model.sites.name[i] + ")";
    }
  }
  return s;
}

std::string deal_assessment_text(const model::Model& model, const analysis::DealAssessment& a) {
  std::string s;
  append(s, "Deal assessment: {} ({}), phase {}\n", a.company, a.deal_id, a.phase);
  append(s, "  dataset {} {}, scenario {}, additionality against the DPR path of levy version {}\n\n", model.info.name,
         model.info.version, a.scenario, a.policy_version);
  append(s, "Committed projects:\n");
  for (const auto& x : a.options) {
    append(s, "  {:<34} from {}  {:>10.0f} t/yr  NPV without support {:>8.1f} MEUR ({}, base year {})\n",
           model.options.id[x.option], x.start_year, x.reduction_t, x.npv_eur / 1e6, x.technology, x.decision_year);
  }
  append(s, "\nReduction and additional reduction (beyond the levy path), t/yr:\n");
  for (const auto& [year, t] : a.reduction_t_by_year) {
    append(s, "  {}  {:>10.0f}  additional {:>10.0f}\n", year, t, a.additional_t_by_year.at(year));
  }
  append(s, "  committed in the file for {}: {:.0f} t/yr\n", a.target_year, a.committed_target_year_t);
  if (a.stated_additional_target_year_t) {
    append(s, "  additional in {}: {:.0f} t/yr stated in the file (beyond existing policy), {:.0f} t/yr assessed (beyond the "
              "DPR path){}\n",
           a.target_year, *a.stated_additional_target_year_t, a.additional_target_year_t,
           std::find(a.flags.begin(), a.flags.end(), "additionality_differs") != a.flags.end()
               ? " — they differ by more than a factor 2"
               : "");
  } else {
    append(s, "  additional in {}: none stated in the file, {:.0f} t/yr assessed\n", a.target_year,
           a.additional_target_year_t);
  }
  append(s, "\n");
  append(s, "Support {:.1f} MEUR: {:.1f} EUR per t/yr in {}, {:.2f} EUR/t over the lifetime ({:.2f} Mt)\n",
         a.support_eur / 1e6, a.eur_per_t_target_year, a.target_year, a.eur_per_t_lifetime, a.lifetime_t / 1e6);
  append(s, "Funding gap {:.1f} MEUR (NPV without support {:.1f} MEUR); aid-to-gap ratio {}\n", a.funding_gap_eur / 1e6,
         a.npv_without_support_eur / 1e6,
         std::isfinite(a.aid_to_gap_ratio) ? fmt::format("{:.2f}", a.aid_to_gap_ratio) : std::string("n/a (no gap)"));
  // The public support stacked on the projects against the CEEAG ceiling (docs/deals.md).
  if (a.support_stack.size() > 1) {
    append(s, "Public support stacked: {:.1f} MEUR against a ceiling of {:.1f} MEUR (the funding gap, CEEAG 2022 "
              "3.2.1.3/4.1.3.5){}\n",
           a.stacked_support_eur / 1e6, a.aid_ceiling_eur / 1e6,
           a.stacked_support_eur > a.aid_ceiling_eur * (1 + 1e-9) ? " — above it" : "");
    for (const auto& l : a.support_stack) {
      append(s, "  {:<28} {:<16} {:>8.1f} MEUR\n", l.source, l.scheme, l.amount_eur / 1e6);
    }
  } else {
    append(s, "Public support stacked: the package's alone (no other support in the file)\n");
  }
  append(s, "Generic instrument (SDE++-like): {} — {}\n", a.generic_instrument_possible ? "could fund it" : "no",
         a.generic_instrument_reason);
  own_effect_text(s, a);
  append(s, "Infrastructure-dependent share of the {} reduction: {:.1f} %\n", a.target_year,
         100 * a.infrastructure_dependent_share);
  for (const auto& d : a.infrastructure) {
    const bool storage =
        d.infra != model::kNone && model.infrastructure.kind[d.infra] == model::InfrastructureKind::co2_storage;
    append(s, "  {} needs {:.1f} {} of {} — {}\n", model.options.id[d.option], d.need, storage ? "t CO2/yr" : "MW",
           infra_name(model, d.infra),
           d.available_from > 0 ? fmt::format("enough from {}", d.available_from) : std::string("not within the horizon"));
  }
  if (!a.co_benefits.empty()) {
    append(s, "Co-benefits:\n");
    for (const auto& c : a.co_benefits) {
      append(s, "  {}\n", c);
    }
  }
  if (!a.lock_in.empty()) {
    append(s, "Lock-in:\n");
    for (const auto& c : a.lock_in) {
      append(s, "  {}\n", c);
    }
  }
  if (a.climate_neutral_year > 0) {
    append(s, "Climate-neutral year {} ({})\n", a.climate_neutral_year,
           a.climate_neutral_basis.empty() ? std::string("no source") : a.climate_neutral_basis);
    append(s, "Path to climate neutrality in {}: residual {:.0f} % of reference in {} against {:.0f} % on a straight line "
              "from {} — {}\n",
           a.climate_neutral_year, 100 * a.residual_share_target_year, a.target_year, 100 * a.path_share_target_year,
           a.as_of_year, a.path_credible ? "credible" : "not credible");
  } else {
    append(s, "No climate-neutral year committed.\n");
  }
  append(s, "Path covered: {:.0f} % of the baseline by the committed projects and plan elements the model has options for, "
            "{:.0f} % as the file states it\n",
         100 * a.path_known_share, 100 * a.path_stated_share);
  for (const auto& c : a.plan) {
    std::string infra;
    for (const auto& [id, from] : c.infra) {
      infra += fmt::format("{}{} {}", infra.empty() ? "; needs " : ", ", id,
                           from > 0 ? fmt::format("(from {})", from) : std::string("(not within the horizon)"));
    }
    append(s, "  {} ({}): {} — {:.0f} t/yr, {}{}\n", c.id, c.year, c.what, c.reduction_t,
           c.option_known ? "an option of the dataset" : "not in the dataset", infra);
  }
  if (a.employment > 0 || a.value_added_eur > 0 || !a.future_perspective.empty()) {
    append(s, "Future perspective: {}{}{}\n", a.employment > 0 ? fmt::format("{} jobs", a.employment) : "jobs not public",
           a.value_added_eur > 0 ? fmt::format(", value added {:.0f} MEUR/yr", a.value_added_eur / 1e6)
                                 : std::string(", value added not public"),
           a.future_perspective.empty() ? std::string() : " — " + a.future_perspective);
  } else {
    append(s, "Future perspective: no public figures (employment, value added)\n");
  }
  append(s, "Flags: {}\n", a.flags.empty() ? std::string("none") : fmt::format("{}", fmt::join(a.flags, ", ")));
  if (!a.uncited_facts.empty()) {
    append(s, "Facts without a source or an assumption: {}\n", fmt::join(a.uncited_facts, ", "));
  }
  if (!a.assumptions.empty()) {
    append(s, "Assumptions in the deal file:\n");
    for (const auto& x : a.assumptions) {
      append(s, "  - {}\n", x);
    }
  }
  return s;
}

std::string deal_assessment_json(const model::Model& model, const analysis::DealAssessment& a) {
  json j;
  j["deal"] = a.deal_id;
  j["company"] = a.company;
  j["phase"] = a.phase;
  j["dataset"] = model.info.name;
  j["dataset_version"] = model.info.version;
  j["scenario"] = a.scenario;
  j["policy_version"] = a.policy_version;
  j["target_year"] = a.target_year;
  j["as_of_year"] = a.as_of_year;
  j["reduction_t_by_year"] = by_year(a.reduction_t_by_year);
  j["additional_t_by_year"] = by_year(a.additional_t_by_year);
  j["reduction_target_year_t"] = a.reduction_target_year_t;
  j["committed_target_year_t"] = a.committed_target_year_t;
  j["additional_target_year_t"] = a.additional_target_year_t;
  j["stated_additional_target_year_t"] =
      a.stated_additional_target_year_t ? json(*a.stated_additional_target_year_t) : json(nullptr);
  j["uncited_facts"] = a.uncited_facts;
  j["climate_neutral_basis"] = a.climate_neutral_basis.empty() ? json(nullptr) : json(a.climate_neutral_basis);
  j["lifetime_t"] = a.lifetime_t;
  j["support_eur"] = a.support_eur;
  j["eur_per_t_target_year"] = a.eur_per_t_target_year;
  j["eur_per_t_lifetime"] = a.eur_per_t_lifetime;
  j["npv_without_support_eur"] = a.npv_without_support_eur;
  j["funding_gap_eur"] = a.funding_gap_eur;
  j["aid_to_gap_ratio"] = std::isfinite(a.aid_to_gap_ratio) ? json(a.aid_to_gap_ratio) : json(nullptr);
  j["generic_instrument"] = {{"possible", a.generic_instrument_possible},
                             {"eur_per_t_needed", a.generic_eur_per_t_needed},
                             {"eur_per_t_cap", a.generic_eur_per_t_cap},
                             {"reason", a.generic_instrument_reason}};
  j["own_effect"] = own_effect_json(a);
  j["infrastructure_dependent_share"] = a.infrastructure_dependent_share;
  json deps = json::array();
  for (const auto& d : a.infrastructure) {
    deps.push_back({{"option", model.options.id[d.option]},
                    {"infra", d.infra == model::kNone ? json(nullptr) : json(model.infrastructure.id[d.infra])},
                    {"need", d.need},
                    {"available_from", d.available_from == 0 ? json(nullptr) : json(d.available_from)}});
  }
  j["infrastructure_dependencies"] = deps;
  json options = json::array();
  for (const auto& x : a.options) {
    options.push_back({{"option", model.options.id[x.option]},
                       {"start_year", x.start_year},
                       {"reduction_t", x.reduction_t},
                       {"npv_eur", x.npv_eur},
                       {"decision_year", x.decision_year},
                       {"technology", x.technology}});
  }
  j["options"] = options;
  j["co_benefits"] = a.co_benefits;
  j["lock_in"] = a.lock_in;
  j["climate_neutral_year"] = a.climate_neutral_year == 0 ? json(nullptr) : json(a.climate_neutral_year);
  j["residual_share_target_year"] = a.residual_share_target_year;
  j["path_share_target_year"] = a.path_share_target_year;
  j["path_credible"] = a.path_credible;
  json stack = json::array();
  for (const auto& l : a.support_stack) {
    stack.push_back({{"source", l.source}, {"scheme", l.scheme}, {"amount_eur", l.amount_eur}});
  }
  j["state_aid"] = {{"stack", stack},
                    {"stacked_support_eur", a.stacked_support_eur},
                    {"ceiling_eur", a.aid_ceiling_eur},
                    {"stacked_aid_to_gap_ratio",
                     std::isfinite(a.stacked_aid_to_gap_ratio) ? json(a.stacked_aid_to_gap_ratio) : json(nullptr)}};
  json plan = json::array();
  for (const auto& c : a.plan) {
    json infra = json::array();
    for (const auto& [id, from] : c.infra) {
      infra.push_back({{"infra", id}, {"available_from", from == 0 ? json(nullptr) : json(from)}});
    }
    plan.push_back({{"id", c.id},
                    {"what", c.what},
                    {"year", c.year},
                    {"reduction_t", c.reduction_t},
                    {"option_known", c.option_known},
                    {"infrastructure", infra}});
  }
  j["long_term_plan"] = {{"path_known_share", a.path_known_share},
                         {"path_stated_share", a.path_stated_share},
                         {"elements", plan},
                         {"employment", a.employment == 0 ? json(nullptr) : json(a.employment)},
                         {"value_added_eur", a.value_added_eur == 0 ? json(nullptr) : json(a.value_added_eur)},
                         {"future_perspective", a.future_perspective.empty() ? json(nullptr) : json(a.future_perspective)}};
  j["flags"] = a.flags;
  j["assumptions"] = a.assumptions;
  return j.dump(2) + "\n";
}

}  // namespace decarbfund::report
