#include "analysis/deal_own_effect.hpp"

#include <algorithm>

#include "analysis/outlook.hpp"

namespace decarbfund::analysis {

DealOwnEffect deal_own_effect(const model::Model& model, const model::Scenario& scenario,
                              const model::Scenario& reference, const model::DealBook& book,
                              const model::Deal& deal) {
  // The book with the assessed deal in its id's place (a draft of a deal the book has), else added.
  model::DealBook with = book;
  const auto same = std::find_if(with.deals.begin(), with.deals.end(),
                                 [&](const model::Deal& d) { return d.id == deal.id; });
  if (same != with.deals.end()) {
    *same = deal;
  } else {
    with.deals.push_back(deal);
  }
  const auto o = run_outlook(model, scenario, reference, &with);
  DealOwnEffect e;
  e.reference_scenario = o.reference_scenario;
  e.other_deals = with.deals.size() - 1;
  e.package = o.runs[2].inputs.package_enabled;
  for (const auto& c : o.package_credits) {
    if (c.deal != deal.id) {
      continue;
    }
    e.own_t = c.reduction_t;
    e.leave_one_out_t = c.leave_one_out_t;
    e.add_one_in_t = c.add_one_in_t;
    e.interaction_t = c.reduction_t - c.leave_one_out_t;
    e.probability = c.probability;
    e.expected_t = c.expected_t;
    e.support_eur = c.support_eur;
    // The outlook's EUR/t column (outlook_text.cpp, outlook_json.cpp): support ÷ own effect.
    if (c.leave_one_out_t > 0.5) {
      e.eur_per_t = c.support_eur / c.leave_one_out_t;
    }
  }
  return e;
}

}  // namespace decarbfund::analysis
