#include "model/deal.hpp"

namespace decarbfund::model {

bool project_matches(std::string_view pattern, std::string_view id) {
  if (!pattern.empty() && pattern.back() == '*') {
    const auto prefix = pattern.substr(0, pattern.size() - 1);
    return id.substr(0, prefix.size()) == prefix;
  }
  return pattern == id;
}

std::vector<std::string> deal_facts(const Deal& deal) {
  std::vector<std::string> out;
  if (deal.baseline_emissions_t > 0) {
    out.emplace_back("baseline_emissions_t");
  }
  for (const auto& [year, t] : deal.committed_reduction_t) {
    out.push_back("committed_reduction_t." + std::to_string(year));
  }
  for (const auto& [year, t] : deal.stated_additional_t) {
    out.push_back("stated_additional_t." + std::to_string(year));
  }
  if (deal.climate_neutral_year > 0) {
    out.emplace_back("climate_neutral_year");
  }
  out.emplace_back("max_support_eur");
  if (!deal.payments.empty()) {
    out.emplace_back("payments");
  }
  if (!deal.infrastructure.empty()) {
    out.emplace_back("infrastructure");
  }
  out.emplace_back("projects");
  if (!deal.milestones.empty()) {
    out.emplace_back("milestones");
  }
  for (const auto& b : deal.co_benefits) {
    out.push_back("co_benefits." + b.what);
  }
  for (const auto& o : deal.state_obligations) {
    out.push_back("obligations." + o.id);
  }
  for (const auto& o : deal.other_support) {
    out.push_back("other_support." + o.id);
  }
  for (const auto& e : deal.long_term_plan.elements) {
    out.push_back("long_term_plan." + e.id);
  }
  if (deal.long_term_plan.employment > 0) {
    out.emplace_back("employment");
  }
  if (deal.long_term_plan.value_added_eur > 0) {
    out.emplace_back("value_added_eur");
  }
  return out;
}

std::vector<std::string> uncited_facts(const Deal& deal) {
  std::vector<std::string> out;
  for (auto& f : deal_facts(deal)) {
    if (!deal.fact_sources.contains(f) && !deal.assumed_facts.contains(f)) {
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<Index> project_options(const Model& model, const DealProject& project) {
  std::vector<Index> out;
  for (Index i = 0; i < model.options.size(); ++i) {
    if (project_matches(project.option, model.options.id[i])) {
      out.push_back(i);
    }
  }
  return out;
}

}  // namespace decarbfund::model
