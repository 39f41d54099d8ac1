#include "report/html_page.hpp"

#include <fmt/format.h>

namespace decarbfund::report {

std::string html_escape(const std::string& in) {
  std::string s;
  for (char c : in) {
    switch (c) {
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '&': s += "&amp;"; break;
      case '"': s += "&quot;"; break;
      default: s += c;
    }
  }
  return s;
}

std::string page_start(const Localizer& tr, const std::string& title, int max_width_px) {
  // Colours keep WCAG AA contrast on white (#666 is 5.7:1); numbers align right, text left.
  return fmt::format(R"(<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:{}px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin-bottom:1em}}td,th{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}
td:first-child,th:first-child,td.l,th.l{{text-align:left}}small{{color:#666}}code{{font-size:0.85em}}pre{{margin:0;font-size:0.8em}}
.met,.on_track{{color:#1a7a1a}}.missed,.bad,.flag,.breached{{color:#c00}}.at_risk{{color:#8a5a00}}.p{{font-size:1.6em;font-weight:600}}
svg{{max-width:100%;height:auto}}</style></head><body>
)",
                     lang_code(tr.lang()), html_escape(title), max_width_px);
}

}  // namespace decarbfund::report
