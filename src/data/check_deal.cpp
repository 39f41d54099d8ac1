// A deal against the dataset (docs/deals.md): its sites, options and infrastructure exist.

#include <algorithm>

#include <fmt/format.h>

#include "data/deal_reader.hpp"
#include "data/load_deal.hpp"

namespace decarbfund::data {

using detail::indexed;

bool check_deal(const model::Model& model, const model::Deal& deal, core::Diagnostics& diags) {
  const auto before = diags.error_count();
  auto error = [&](std::string path, std::string expected, std::string found,
                   const char* code = "deal.reference") {
    core::Diagnostic d;
    d.code = code;
    d.file = deal.file;
    d.key_path = std::move(path);
    d.expected = std::move(expected);
    d.found = std::move(found);
    diags.add(std::move(d));
  };
  std::vector<model::Index> sites;
  for (std::size_t i = 0; i < deal.sites.size(); ++i) {
    const auto s = model.find_site(deal.sites[i]);
    if (s == model::kNone) {
      error(indexed("sites", i), fmt::format("a site id of dataset {}", model.info.name),
            core::quote_found(deal.sites[i]));
    }
    sites.push_back(s);
  }
  for (std::size_t k = 0; k < deal.projects.size(); ++k) {
    const auto& p = deal.projects[k];
    const auto at = indexed("company_commitments.projects", k) + ".option";
    const auto options = model::project_options(model, p);
    if (options.empty()) {
      error(at, fmt::format("an option id (or prefix*) of dataset {}", model.info.name), core::quote_found(p.option));
    }
    for (auto o : options) {
      if (std::find(sites.begin(), sites.end(), model.options.site[o]) == sites.end()) {
        error(at, "options at the deal's sites",
              fmt::format("{} at site {}", model.options.id[o], model.sites.id[model.options.site[o]]));
      }
    }
  }
  for (std::size_t k = 0; k < deal.infrastructure.size(); ++k) {
    if (model.find_infrastructure(deal.infrastructure[k].infra) == model::kNone) {
      error(indexed("government_commitments.infrastructure", k) + ".infra",
            fmt::format("an infrastructure id of dataset {}", model.info.name),
            core::quote_found(deal.infrastructure[k].infra));
    }
  }
  for (std::size_t k = 0; k < deal.state_obligations.size(); ++k) {
    const auto& o = deal.state_obligations[k];
    if (!o.infra.empty() && model.find_infrastructure(o.infra) == model::kNone) {
      error(indexed("government_commitments.obligations", k) + ".infra",
            fmt::format("an infrastructure id of dataset {}", model.info.name), core::quote_found(o.infra));
    }
  }
  for (std::size_t k = 0; k < deal.long_term_plan.elements.size(); ++k) {
    const auto& e = deal.long_term_plan.elements[k];
    const auto at = indexed("long_term_plan.elements", k);
    if (!e.option.empty() && model::project_options(model, {e.option, 0, ""}).empty()) {
      error(at + ".option", fmt::format("an option id (or prefix*) of dataset {}", model.info.name),
            core::quote_found(e.option));
    }
    for (std::size_t j = 0; j < e.infra.size(); ++j) {
      if (model.find_infrastructure(e.infra[j]) == model::kNone) {
        error(indexed(at + ".infra", j), fmt::format("an infrastructure id of dataset {}", model.info.name),
              core::quote_found(e.infra[j]));
      }
    }
  }
  // A deal cannot cut more than its sites emit (issue 17: Air Liquide's 1.05 Mt on 0.959 Mt of
  // sites, before the Pergen CHP M178 was counted): each committed year's tonnes fit inside both
  // the stated baseline and the sites' emissions in the dataset.
  double sites_t = 0;
  bool sites_known = true;
  for (auto s : sites) {
    sites_known = sites_known && s != model::kNone;
    sites_t += s == model::kNone ? 0 : model.sites.base_emissions_t[s];
  }
  for (const auto& [year, t] : deal.committed_reduction_t) {
    const auto at = fmt::format("company_commitments.committed_reduction_t[{}]", year);
    if (deal.baseline_emissions_t > 0 && t > deal.baseline_emissions_t) {
      error(at, fmt::format("at most the baseline_emissions_t ({:.0f} t/yr)", deal.baseline_emissions_t),
            fmt::format("{:.0f}", t), "deal.commitment_exceeds_baseline");
    }
    if (sites_known && t > sites_t) {
      error(at, fmt::format("at most the deal's sites' emissions in dataset {} ({:.0f} t/yr): a site left out?",
                            model.info.name, sites_t),
            fmt::format("{:.0f}", t), "deal.commitment_exceeds_baseline");
    }
  }
  return diags.error_count() == before;
}

}  // namespace decarbfund::data
