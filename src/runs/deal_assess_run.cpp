#include "runs/deal_assess_run.hpp"

#include "analysis/deal_own_effect.hpp"

namespace decarbfund::runs {

analysis::DealAssessment assess_deal_run(const DatasetInputs& dataset, const model::Scenario& scenario,
                                         const std::string& reference, const model::Deal& deal) {
  auto a = analysis::assess_deal(dataset.model, scenario, deal);
  if (const auto* book = dataset.deal_book()) {
    const auto pair = with_reference(scenario, reference, book);
    a.own_effect = analysis::deal_own_effect(dataset.model, pair.scenario, pair.reference, *book, deal);
  }
  return a;
}

}  // namespace decarbfund::runs
