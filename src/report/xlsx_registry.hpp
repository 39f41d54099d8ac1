#pragma once
// The agreements registry's portfolio report as an Excel workbook (issue 8 "Reports":
// `registry report --xlsx FILE`): the deals' status table, the totals (portfolio_totals, as the
// JSON report sums them) and the hash-chained audit log. Beside registry_report.hpp, which holds
// the text and JSON of the same report; registry_html.hpp holds its HTML page.

#include <string>
#include <vector>

#include "registry/registry.hpp"
#include "report/registry_report.hpp"
#include "report/lang.hpp"
#include "report/run_info.hpp"

namespace decarbfund::report {

/// What produced a registry report: the file, the year judged, the audit log's length and last
/// hash (which pins the state reported); the creation time is the last audit entry's, so the same
/// registry gives the same bytes.
RunInfo registry_run_info(const std::string& db, int year, const std::vector<registry::AuditEntry>& audit);

/// The .xlsx bytes: deals, totals, audit_log, about. For Audience::internal the audit log carries
/// each change's fields (a monitoring entry holds the realised profit, which is confidential,
/// docs/deals.md); for public_reader that column is left out.
std::string registry_xlsx(const std::vector<registry::DealStatus>& rows, const std::vector<registry::AuditEntry>& audit,
                          const RunInfo& info, Audience audience, Lang lang = Lang::en);

}  // namespace decarbfund::report
