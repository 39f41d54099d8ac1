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
                          const RunInfo& info, Audience audience, Lang lang) {
  const Localizer tr(lang);
  Workbook wb(info.created_utc);
  auto& deals = add_sheet(wb, tr, "sheet.deals",
                          {"col.deal", "col.company", "col.phase", "col.year_judged_year", "col.committed_t_co2",
                           "col.realised_t_co2", "col.verified_emissions_t_co2", "col.overdue_milestones_count",
                           "col.status", "col.max_support_eur", "col.paid_eur", "col.claw_back_eur"});
  for (const auto& s : rows) {
    deals.text(s.deal_id).text(s.company).text(std::string(model::phase_name(s.phase)));
    if (s.year == 0) {
      deals.blank();  // nothing monitored yet
    } else {
      deals.number(s.year);
    }
    deals.number(s.committed_t).number(s.realised_t).number(s.verified_emissions_t).number(s.overdue_milestones);
    // English keeps the JSON's status code, so the two match; another language says it.
    const std::string status(registry::status_name(s.status));
    deals.text(lang == Lang::en ? status : std::string(tr("status." + status)))
        .number(s.max_support_eur)
        .number(s.paid_eur)
        .number(s.claw_back_eur);
    deals.next();
  }

  const auto t = portfolio_totals(rows);
  auto& totals = add_sheet(wb, tr, "sheet.totals", {"col.item", "col.value", "col.unit"});
  totals.item(tr("item.deals"), static_cast<double>(t.deals), tr("unit.count"));
  totals.item(tr("item.max_support"), t.max_support_eur, tr("unit.eur"));
  totals.item(tr("item.paid"), t.paid_eur, tr("unit.eur"));
  totals.item(tr("item.claw_back"), t.claw_back_eur, tr("unit.eur"));
  totals.item(tr("item.committed"), t.committed_t, tr("unit.t_co2"));
  totals.item(tr("item.realised"), t.realised_t, tr("unit.t_co2"));
  totals.item(tr("item.on_track"), t.on_track, tr("unit.count"));
  totals.item(tr("item.at_risk"), t.at_risk, tr("unit.count"));
  totals.item(tr("item.breached"), t.breached, tr("unit.count"));
  totals.item(tr("item.no_data"), t.no_data, tr("unit.count"));

  std::vector<std::string> headers;
  for (const char* key : {"col.seq", "col.recorded_at_utc", "col.actor", "col.action", "col.deal", "col.hash_sha_256"}) {
    headers.emplace_back(tr(key));
  }
  if (audience == Audience::internal) {
    headers.emplace_back(tr("col.change_key_value_lines"));
  }
  auto& log = wb.add_sheet(std::string(tr("sheet.audit_log")), headers);
  for (const auto& e : audit) {
    log.number(static_cast<double>(e.seq), CellFormat::plain)
        .date(e.recorded_at)
        .text(e.actor)
        .text(e.action)
        .text(e.deal_id)
        .text(e.hash);
    if (audience == Audience::internal) {
      log.text(e.payload);
    }
    log.next();
  }

  add_about_sheet(wb, info, tr);
  return wb.render();
}

}  // namespace decarbfund::report
