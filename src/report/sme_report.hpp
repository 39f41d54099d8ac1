#pragma once
// The summary of an SME round's allocation (docs/sme.md lists the keys), as `sme allocate`
// prints it and the server's POST /api/sme/allocate returns it: one definition for both.

#include <string>

#include "analysis/sme_allocation.hpp"
#include "model/sme_scheme.hpp"

namespace decarbfund::report {

/// The summary as a JSON document (indented, ending in a newline).
std::string sme_summary_json(const model::Round& round, const analysis::Allocation& result);

/// The summary as terminal text.
std::string sme_summary_text(const model::Round& round, const analysis::Allocation& result);

}  // namespace decarbfund::report
