#include "report/xlsx_registry.hpp"

#include <string>

#include "report/workbook.hpp"

namespace decarbfund::report {

RunInfo registry_run_info(const std::string& db, int year, const std::vector<registry::AuditEntry>& audit) {
  RunInfo info;
  info.more.emplace_back("registry", db);
  info.more.emplace_back("year_judged", year == 0 ? "each deal's latest monitored year" : std::to_string(year));
  info.more.emplace_back("audit_entries", std::to_string(audit.size()));
  if (!audit.empty()) {
    info.more.emplace_back("last_audit_hash", audit.back().hash);
    info.more.emplace_back("last_change_at", audit.back().recorded_at);
    info.created_utc = audit.back().recorded_at;
  }
  return info;
}

std::string registry_xlsx(const std::vector<registry::DealStatus>& rows, const std::vector<registry::AuditEntry>& audit,
                          const RunInfo& info, Audience audience) {
  Workbook wb(info.created_utc);
  auto& deals = wb.add_sheet("deals", {"deal", "company", "phase", "year judged (year)", "committed (t CO2)",
                                       "realised (t CO2)", "verified_emissions (t CO2)", "overdue_milestones (count)",
                                       "status", "max_support (EUR)", "paid (EUR)", "claw_back (EUR)"});
  for (const auto& s : rows) {
    deals.text(s.deal_id).text(s.company).text(std::string(model::phase_name(s.phase)));
    if (s.year == 0) {
      deals.blank();  // nothing monitored yet
    } else {
      deals.number(s.year);
    }
    deals.number(s.committed_t).number(s.realised_t).number(s.verified_emissions_t).number(s.overdue_milestones);
    deals.text(std::string(registry::status_name(s.status))).number(s.max_support_eur).number(s.paid_eur).number(s.claw_back_eur);
    deals.next();
  }

  const auto t = portfolio_totals(rows);
  auto& totals = wb.add_sheet("totals", {"item", "value", "unit"});
  totals.item("deals", static_cast<double>(t.deals), "count");
  totals.item("max_support", t.max_support_eur, "EUR");
  totals.item("paid", t.paid_eur, "EUR");
  totals.item("claw_back", t.claw_back_eur, "EUR");
  totals.item("committed", t.committed_t, "t CO2");
  totals.item("realised", t.realised_t, "t CO2");
  totals.item("on_track", t.on_track, "count");
  totals.item("at_risk", t.at_risk, "count");
  totals.item("breached", t.breached, "count");
  totals.item("no_data", t.no_data, "count");

  std::vector<std::string> headers = {"seq", "recorded_at (UTC)", "actor", "action", "deal", "hash (SHA-256)"};
  if (audience == Audience::internal) {
    headers.push_back("change (key=value lines)");
  }
  auto& log = wb.add_sheet("audit_log", headers);
  for (const auto& e : audit) {
    log.number(static_cast<double>(e.seq)).text(e.recorded_at).text(e.actor).text(e.action).text(e.deal_id).text(e.hash);
    if (audience == Audience::internal) {
      log.text(e.payload);
    }
    log.next();
  }

  add_about_sheet(wb, info);
  return wb.render();
}

}  // namespace decarbfund::report
