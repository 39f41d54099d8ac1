#pragma once
// Company names as one company is one name (issue 17): MIDDEN spells "Shell Nederland B.V." with
// and without a trailing space, and "Air Liquide " likewise, which made two pseudo-companies in
// the optimiser's per-company groups. Names are normalised once, on load.

#include <string>
#include <string_view>

namespace decarbfund::data {

/// `name` with leading and trailing white space removed and each inner run of white space (space,
/// tab, no-break space U+00A0) made one space. Letters and punctuation are kept as they are.
std::string normalize_company_name(std::string_view name);

}  // namespace decarbfund::data
