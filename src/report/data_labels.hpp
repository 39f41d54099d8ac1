#pragma once
// Labels of things other rooms name in English (an outlook's package lines, a Monte Carlo run's
// inputs and reasons, an infrastructure item's unit), said in the report's language. The
// analysis keeps its English names (its JSON and terminal text are English); the reports rebuild
// each label from its parts, or translate the known phrases in it (the "phrase.*" keys of the
// string tables: English phrase → the language's).

#include <string>

#include "analysis/montecarlo.hpp"
#include "analysis/outlook.hpp"
#include "model/model.hpp"
#include "report/localizer.hpp"

namespace decarbfund::report {

/// `text` with every known English phrase of the analysis replaced by the language's, and its
/// numbers written as the language writes them: whole numbers of five digits or more grouped
/// ("21,851,250 GJ/yr"; not a seed), in Dutch a decimal comma ("123,4 EUR/t").
std::string translate_phrases(const std::string& text, const Localizer& tr);

/// A package line of the outlook ("maatwerk deal: Tata Steel Nederland (jloi)"); `short_form`
/// drops the instrument ("Tata Steel Nederland (jloi)"), as the waterfall shows it.
std::string credit_label(const analysis::InstrumentCredit& credit, const Localizer& tr, bool short_form);

/// The unit an infrastructure item's capacity is in: MW for grid and hydrogen, t CO2/yr for
/// CO2 storage.
std::string infrastructure_unit(const model::Model& model, model::Index infra, const Localizer& tr);

/// A Monte Carlo input for people ("permit delay of X-TATA-DRP-EAF (Tata Steel Europe Ltd.)
/// (years)"), built from its id in the report's language.
std::string input_label(const model::Model& model, const analysis::UncertainInput& input, const Localizer& tr);

}  // namespace decarbfund::report
