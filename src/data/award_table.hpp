#pragma once
// The award list of an SME round as CSV (awards.csv; docs/sme.md "Award file"): one row per
// application in input order, with the decision, the reason for every rejection and the terms
// that set the grant.

#include <span>
#include <string>

#include "model/sme_scheme.hpp"

namespace decarbfund::data {

/// CSV text of the awards; `round` names the phases. Infinite values (a payback that never
/// comes, EUR/t without tonnes) are written as empty fields.
std::string awards_csv(std::span<const model::Award> awards, const model::Round& round);

}  // namespace decarbfund::data
