#pragma once
// Writing the agreements registry's reports (issue 4 §5, issue 8): the status of one deal or all,
// the portfolio report with totals, and a claw-back computation, as terminal text and as JSON.
// One place for what `decarbfund registry …` prints and what the server answers, so the two
// cannot drift apart. Pure functions returning text.

#include <string>
#include <vector>

#include "registry/registry.hpp"

namespace decarbfund::report {

/// Sums over a portfolio (the `totals` object of the JSON report).
struct PortfolioTotals {
  std::size_t deals = 0;
  double max_support_eur = 0;
  double paid_eur = 0;
  double claw_back_eur = 0;
  double committed_t = 0;
  double realised_t = 0;
  int on_track = 0;
  int at_risk = 0;
  int breached = 0;
  int no_data = 0;
};
PortfolioTotals portfolio_totals(const std::vector<registry::DealStatus>& rows);

/// Who reads a report: company-confidential figures (the business case's projected and realised
/// profit, and the excess profit a profit-share claw-back is computed from; docs/deals.md
/// "Confidential fields") are left out for `public_reader` and null in JSON.
enum class Audience { public_reader, internal };

/// `registry status --json`: an array with one object per deal (keys in docs/deals.md).
std::string registry_status_json(const std::vector<registry::DealStatus>& rows);
/// `registry status`: a table, one line per deal.
std::string registry_status_text(const std::vector<registry::DealStatus>& rows);

/// `registry report --json`: {"deals": [...], "totals": {...}}.
std::string registry_report_json(const std::vector<registry::DealStatus>& rows);
/// `registry report`: the table and a totals line; `db` names the registry file.
std::string registry_report_text(const std::vector<registry::DealStatus>& rows, const std::string& db);

/// `registry clawback --json` and the server's deal detail: the rule and each part of the sum.
std::string claw_back_json(const std::string& deal_id, const registry::ClawBackResult& c, Audience audience);
/// `registry clawback`: one line.
std::string claw_back_text(const std::string& deal_id, const registry::ClawBackResult& c);

}  // namespace decarbfund::report
