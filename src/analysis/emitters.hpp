#pragma once
// Who's who (issue 17 §6): the dataset's companies ranked by emissions, each with its sites, the
// maatwerk deal that covers them (phase, committed tonnes in the target year) and the share of
// the lot's target those tonnes stand for — so that the largest emitters without a deal
// (ExxonMobil, SABIC, the waste incinerators) show up next to those with one. docs/deals.md
// "Who's who".

#include <optional>
#include <string>
#include <vector>

#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace decarbfund::analysis {

/// One company: the sites of one deal, or the sites sites.csv gives one owner that no deal covers.
struct Emitter {
  /// The deal's company; else sites.csv's (the site name if empty), with " (sites outside its
  /// deal)" added when a deal carries the same company name.
  std::string company;
  std::vector<model::Index> sites;  ///< in dataset order
  std::vector<std::string> owners;  ///< the distinct sites.csv companies of `sites`, first seen first
  double emissions_t = 0;           ///< Σ the sites' base-year emissions (sites.csv emissions_t)
  double share_of_emissions = 0;    ///< of the dataset's total
  std::string deal;                 ///< deal id; empty when no deal covers the sites
  std::optional<model::DealPhase> phase;
  double committed_t = 0;           ///< the deal's committed reduction in the target year
  double share_of_target = 0;       ///< committed_t ÷ the lot's required reduction
};

struct EmitterRanking {
  int target_year = 0;
  double target_t = 0;          ///< the lot's required additional reduction in target_year
  double total_emissions_t = 0; ///< Σ all sites
  std::size_t companies = 0;    ///< before the cut to `top`
  std::vector<Emitter> rows;    ///< by emissions, largest first; ties by company name
};

/// Groups the sites by deal (a deal's sites are one company, whoever owns each plant: Tata's deal
/// counts Vattenfall's Velsen plants that burn its gases) and the rest by sites.csv company,
/// ranks by emissions and keeps the first `top` (0: all). `deals` may be null (no deal book).
EmitterRanking rank_emitters(const model::Model& model, const model::DealBook* deals, const model::Target& target,
                             std::size_t top);

}  // namespace decarbfund::analysis
