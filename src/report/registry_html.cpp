#include "report/registry_html.hpp"

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/html_page.hpp"

namespace decarbfund::report {

std::string registry_html(const std::vector<registry::DealStatus>& rows, const std::vector<registry::AuditEntry>& audit,
                          const RunInfo& info, Audience audience, Lang lang) {
  const Localizer tr(lang);
  const auto m = [&tr](double eur) { return tr.num(eur / 1e6, 1); };
  std::string h = page_start(tr, std::string(tr("reg.title")), 1100);
  append(h, "<h1>{}</h1>\n<p><small>{}</small></p>\n", tr("reg.h1"), run_info_html(info, tr));
  append(h, "<h2>{}</h2><table><tr>", tr("reg.deals"));
  for (const char* key :
       {"deal.col_deal", "deal.company", "deal.phase", "common.year", "reg.col_committed", "reg.col_realised",
        "reg.col_overdue", "reg.col_status", "reg.col_max_support", "reg.col_paid", "reg.col_claw_back"}) {
    append(h, "<th>{}</th>", tr(key));
  }
  append(h, "</tr>\n");
  for (const auto& s : rows) {
    const std::string status(registry::status_name(s.status));
    append(h, "<tr><td>{}</td><td class=l>{}</td><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
              "<td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
           html_escape(s.deal_id), html_escape(s.company), model::phase_name(s.phase),
           s.year == 0 ? std::string("–") : std::to_string(s.year), tr.num(s.committed_t, 0), tr.num(s.realised_t, 0),
           s.overdue_milestones, status, tr("status." + status), m(s.max_support_eur), m(s.paid_eur), m(s.claw_back_eur));
  }
  const auto t = portfolio_totals(rows);
  append(h,
         "<tr><th>{}</th><th></th><th></th><th></th><th>{}</th><th>{}</th><th></th><th></th><th>{}</th><th>{}</"
         "th><th>{}</th></tr></table>\n",
         tr("common.total"), tr.num(t.committed_t, 0), tr.num(t.realised_t, 0), m(t.max_support_eur), m(t.paid_eur),
         m(t.claw_back_eur));
  append(h, "<p>{}</p>\n", html_escape(tr.format("reg.counts", t.deals, t.on_track, t.at_risk, t.breached, t.no_data)));
  append(h, "<h2>{}</h2><p><small>{}</small></p>\n", tr("reg.audit"), tr("reg.audit_note"));
  append(h, "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>{}</tr>\n", tr("reg.col_seq"),
         tr("reg.col_recorded"), tr("reg.col_actor"), tr("reg.col_action"), tr("deal.col_deal"), tr("reg.col_hash"),
         audience == Audience::internal ? fmt::format("<th>{}</th>", tr("reg.col_change")) : "");
  for (const auto& e : audit) {
    append(h, "<tr><td>{}</td><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td>"
              "<td class=l><code>{}</code></td>",
           e.seq, html_escape(e.recorded_at), html_escape(e.actor), html_escape(e.action), html_escape(e.deal_id),
           html_escape(e.hash.substr(0, 16)));
    if (audience == Audience::internal) {
      append(h, "<td class=l><pre>{}</pre></td>", html_escape(e.payload));
    }
    append(h, "</tr>\n");
  }
  append(h, "</table>\n{}", kPageEnd);
  return h;
}

}  // namespace decarbfund::report
