#include "report/registry_html.hpp"

#include <fmt/format.h>

#include "report/append.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

std::string registry_html(const std::vector<registry::DealStatus>& rows, const std::vector<registry::AuditEntry>& audit,
                          const RunInfo& info, Audience audience) {
  std::string h;
  append(h, R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><title>decarbfund registry report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin-bottom:1em}}td,th{{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child,td.l{{text-align:left}}small{{color:#666}}code{{font-size:0.85em}}
.on_track{{color:#2a2}}.at_risk{{color:#b80}}.breached{{color:#c00}}pre{{margin:0;font-size:0.8em}}</style></head><body>
)");
  append(h, "<h1>Maatwerk deals: portfolio report</h1>\n<p><small>{}</small></p>\n", run_info_html(info));
  append(h, "<h2>Deals</h2><table><tr><th>deal</th><th>company</th><th>phase</th><th>year</th><th>committed t</th>"
            "<th>realised t</th><th>overdue milestones</th><th>status</th><th>max support EUR m</th><th>paid EUR m</th>"
            "<th>claw-back EUR m</th></tr>\n");
  for (const auto& s : rows) {
    const std::string status(registry::status_name(s.status));
    append(h, "<tr><td>{}</td><td class=l>{}</td><td class=l>{}</td><td>{}</td><td>{:.0f}</td><td>{:.0f}</td><td>{}</td>"
              "<td class=\"{}\">{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.1f}</td></tr>\n",
           html_escape(s.deal_id), html_escape(s.company), model::phase_name(s.phase),
           s.year == 0 ? std::string("–") : std::to_string(s.year), s.committed_t, s.realised_t, s.overdue_milestones,
           status, status, s.max_support_eur / 1e6, s.paid_eur / 1e6, s.claw_back_eur / 1e6);
  }
  const auto t = portfolio_totals(rows);
  append(h, "<tr><th>total</th><th></th><th></th><th></th><th>{:.0f}</th><th>{:.0f}</th><th></th><th></th><th>{:.1f}</th>"
            "<th>{:.1f}</th><th>{:.1f}</th></tr></table>\n",
         t.committed_t, t.realised_t, t.max_support_eur / 1e6, t.paid_eur / 1e6, t.claw_back_eur / 1e6);
  append(h, "<p>{} deals: {} on track, {} at risk, {} breached, {} without monitoring data.</p>\n", t.deals, t.on_track,
         t.at_risk, t.breached, t.no_data);
  append(h, "<h2>Audit log</h2><p><small>Each entry's hash covers the previous hash and its own fields; "
            "<code>decarbfund registry audit --verify</code> recomputes the chain.</small></p>\n");
  append(h, "<table><tr><th>seq</th><th>recorded at (UTC)</th><th>actor</th><th>action</th><th>deal</th><th>hash</th>{}</tr>\n",
         audience == Audience::internal ? "<th>change</th>" : "");
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
  append(h, "</table>\n</body></html>\n");
  return h;
}

}  // namespace decarbfund::report
