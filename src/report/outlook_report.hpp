#pragma once
// Writing an outlook for people and programs: a terminal summary, a JSON document and a
// self-contained HTML report with charts (issue 3 §4). Pure functions returning text; the CLI
// writes the files.

#include <string>

#include "analysis/outlook.hpp"
#include "model/model.hpp"
#include "report/data_labels.hpp"
#include "report/lang.hpp"
#include "report/localizer.hpp"

namespace decarbfund::report {

/// The terminal summary: target table, legs, top sites, levy revenue per year, bottlenecks.
std::string outlook_text(const model::Model& model, const analysis::Outlook& outlook);

/// The package levers in effect (docs/scenarios.md "package") in one line for the header, e.g.
/// "package levers: deal phase tata-steel binding (file: jloi); deal budget EUR 3000.0 m …";
/// empty when the scenario sets none. Without `tr` the terminal's English with plain numbers;
/// with it, the report's language and its number format.
std::string package_levers_text(const analysis::PackageLeverSummary& levers, const Localizer* tr = nullptr);

/// The reference-world line of the outlook and Monte Carlo headers: "reference run in the
/// scenario's world; the reference file's own prices.ets_eur_per_t replaced", or "" when the
/// reference file sets the same world as the scenario (model/scenario_world.hpp).
std::string reference_world_text(const std::vector<std::string>& replaced, const Localizer* tr = nullptr);

/// The JSON document (docs/outlook.md lists the keys).
std::string outlook_json(const model::Model& model, const analysis::Outlook& outlook);

/// A self-contained HTML page in `lang` (inline SVG charts, no network needed to open it).
std::string outlook_html(const model::Model& model, const analysis::Outlook& outlook, Lang lang = Lang::en);

}  // namespace decarbfund::report
