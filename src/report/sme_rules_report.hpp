#pragma once
// An SME round's allocation compared across allocation rules (issue 20: `sme allocate … --html
// FILE --xlsx FILE --compare ROUND…`): the same applications allocated under the round's own rule
// and under each compared round file (examples/rounds: fcfs, ranking, points, phases), as one
// self-contained HTML page (a table of what each rule buys, bars of its cost per tonne and its
// tonnes, refusals by reason, budget by theme) and a workbook (the same tables, and every
// application's decision under the round's own rule with its submission time as a date).
// Pure functions: the same inputs give the same bytes.

#include <span>
#include <string>
#include <vector>

#include "analysis/sme_allocation.hpp"
#include "model/sme_scheme.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// One rule's run: the round file's rules and what they allocated.
struct SmeRuleRun {
  const model::Round* round = nullptr;
  analysis::Allocation allocation;
};

/// The page; `runs[0]` is the round the award file was written for.
std::string sme_rules_html(std::span<const SmeRuleRun> runs, const RunInfo& info, Lang lang = Lang::en);

/// The workbook: sheets rules, rejections, themes, awards (of `runs[0]`) and about.
std::string sme_rules_xlsx(std::span<const SmeRuleRun> runs, std::span<const model::Application> applications,
                           const RunInfo& info, Lang lang = Lang::en);

}  // namespace decarbfund::report
