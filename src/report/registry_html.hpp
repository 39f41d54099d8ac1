#pragma once
// The agreements registry's portfolio report as one self-contained HTML page (issue 8 "Reports":
// `registry report --html FILE`; no script, no network): the tables of its workbook
// (xlsx_registry.hpp), with the same Audience rule for the audit log's change fields.

#include <string>
#include <vector>

#include "registry/registry.hpp"
#include "report/registry_report.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

std::string registry_html(const std::vector<registry::DealStatus>& rows, const std::vector<registry::AuditEntry>& audit,
                          const RunInfo& info, Audience audience, Lang lang = Lang::en);

}  // namespace decarbfund::report
