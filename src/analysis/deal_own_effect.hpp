#pragma once
// A deal's own effect on target-year emissions (issue 14 §3) for `deal assess`: the figures of the
// deal's line in the outlook (outlook_deals.cpp) — leave one out, add one in, the interaction
// that remains, the expected tonnes and support per tonne of own effect — taken from an outlook of
// the scenario against its reference with the deal book in which the assessed deal has its id's
// place. One computation for the outlook and the assessment, so the two cannot disagree.

#include <optional>
#include <string>

#include "model/deal.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"

namespace decarbfund::analysis {

struct DealOwnEffect {
  std::string reference_scenario;  ///< the reference the outlook measures against
  std::size_t other_deals = 0;     ///< deals of the book besides the assessed one, all delivering
  bool package = true;             ///< false: the scenario's package is off and every figure is 0
  double own_t = 0;                ///< its options' target-year tonnes if every deal delivers
  /// How much higher target-year emissions are when it falls through, the others delivering.
  double leave_one_out_t = 0;
  /// How much lower they are than the levy-only run when it is the package's only deal.
  double add_one_in_t = 0;
  double interaction_t = 0;  ///< own_t − leave_one_out_t: its tonnes that others' would have made
  double probability = 0;    ///< that it delivers (its phase, phases.yaml; a deal_phase lever's)
  double expected_t = 0;     ///< probability × leave_one_out_t
  double support_eur = 0;    ///< support its options get in the outlook's full run
  /// support_eur ÷ leave_one_out_t; nullopt when the own effect is not positive (≤ 0.5 t).
  std::optional<double> eur_per_t;
};

/// `deal`'s own effect under `scenario` against `reference`, the other deals those of `book`
/// (a deal there with the assessed deal's id is replaced by it; its phase table is the book's).
/// Throws core::Error when the scenario's package levers name a deal the book does not have.
DealOwnEffect deal_own_effect(const model::Model& model, const model::Scenario& scenario,
                              const model::Scenario& reference, const model::DealBook& book,
                              const model::Deal& deal);

}  // namespace decarbfund::analysis
