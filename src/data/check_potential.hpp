#pragma once
// The dataset's options must add up (issue 13): a site's section options cut at most their
// sections' emissions, the sections at most the site's, and an option that acts on what is left
// at most the site's emissions. docs/model.md "Options that add up".

#include "core/diagnostic.hpp"
#include "model/model.hpp"

namespace decarbfund::data {

/// Adds an error per site whose options could remove more than it emits in its base year, naming
/// the site, the sections and the options; and per option at a site that emits nothing.
void check_option_potential(const model::Model& model, core::Diagnostics& diags);

}  // namespace decarbfund::data
