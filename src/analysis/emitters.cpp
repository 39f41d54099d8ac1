#include "analysis/emitters.hpp"

#include <algorithm>
#include <map>

namespace decarbfund::analysis {

EmitterRanking rank_emitters(const model::Model& model, const model::DealBook* deals, const model::Target& target,
                             std::size_t top) {
  EmitterRanking out;
  out.target_year = target.year;
  out.target_t = target.required_t;
  const auto& s = model.sites;
  // The deal covering each site (the first deal naming it, in the book's file order).
  std::vector<const model::Deal*> deal_of(s.size(), nullptr);
  if (deals) {
    for (const auto& d : deals->deals) {
      for (const auto& id : d.sites) {
        const auto i = model.find_site(id);
        if (i != model::kNone && !deal_of[i]) {
          deal_of[i] = &d;
        }
      }
    }
  }
  std::map<std::string, std::size_t> row_of;  // "deal:<id>" or "company:<name>" → row
  std::vector<Emitter> rows;
  for (model::Index i = 0; i < s.size(); ++i) {
    out.total_emissions_t += s.base_emissions_t[i];
    const std::string owner = s.company[i].empty() ? s.name[i] : s.company[i];
    const auto* d = deal_of[i];
    const std::string key = d ? "deal:" + d->id : "company:" + owner;
    auto [it, fresh] = row_of.emplace(key, rows.size());
    if (fresh) {
      Emitter e;
      e.company = d ? d->company : owner;
      if (d) {
        e.deal = d->id;
        e.phase = d->phase;
        e.committed_t = d->committed_in(target.year);
        e.share_of_target = target.required_t > 0 ? e.committed_t / target.required_t : 0;
      }
      rows.push_back(std::move(e));
    }
    auto& e = rows[it->second];
    e.sites.push_back(i);
    e.emissions_t += s.base_emissions_t[i];
    if (std::find(e.owners.begin(), e.owners.end(), owner) == e.owners.end()) {
      e.owners.push_back(owner);
    }
  }
  // An owner's plants outside its deal (Air Liquide's Enecal and Eurogen CHPs) are a row of their
  // own, named so that the table does not show one company twice under the same name.
  for (auto& e : rows) {
    const bool deal_company = std::any_of(rows.begin(), rows.end(), [&](const Emitter& other) {
      return !other.deal.empty() && other.company == e.company;
    });
    if (e.deal.empty() && deal_company) {
      e.company += " (sites outside its deal)";
    }
  }
  for (auto& e : rows) {
    e.share_of_emissions = out.total_emissions_t > 0 ? e.emissions_t / out.total_emissions_t : 0;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Emitter& a, const Emitter& b) {
    return a.emissions_t != b.emissions_t ? a.emissions_t > b.emissions_t : a.company < b.company;
  });
  out.companies = rows.size();
  if (top > 0 && rows.size() > top) {
    rows.resize(top);
  }
  out.rows = std::move(rows);
  return out;
}

}  // namespace decarbfund::analysis
