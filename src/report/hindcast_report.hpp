#pragma once
// Writing a hindcast (issue 12; docs/model.md "Hindcast"): a terminal summary, a JSON document and
// a self-contained HTML page. Pure functions returning text; the CLI writes the files.

#include <string>

#include "analysis/hindcast.hpp"
#include "model/model.hpp"
#include "report/lang.hpp"

namespace decarbfund::report {

/// The terminal summary: the NEa scope by year, the levy by year, the checks, the largest sites,
/// emissions by sector and cluster.
std::string hindcast_text(const model::Model& model, const analysis::Hindcast& hindcast);

/// The JSON document (docs/model.md "Hindcast" lists the keys).
std::string hindcast_json(const model::Model& model, const analysis::Hindcast& hindcast);

/// A self-contained HTML page in `lang`.
std::string hindcast_html(const model::Model& model, const analysis::Hindcast& hindcast, Lang lang = Lang::en);

/// The outlook header's line: how well the model reproduced the last published year, e.g.
/// "hindcast: NEa industry 2024 published 37.00 Mt, model 37.00 Mt (+0.0 %), production indices
/// alone 38.36 Mt (+3.7 %, calibrated away; decarbfund hindcast)".
std::string hindcast_line(const analysis::HindcastSummary& summary);

}  // namespace decarbfund::report
