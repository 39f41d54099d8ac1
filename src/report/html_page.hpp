#pragma once
// What every self-contained HTML report shares (outlook, Monte Carlo, deal, portfolio, registry,
// SME round): the page's head in its language with one style sheet, and escaping. No script, no
// network: the pages open from a memo's attachment.

#include <string>
#include <string_view>

#include "report/localizer.hpp"

namespace decarbfund::report {

/// Escapes text for HTML.
std::string html_escape(const std::string& s);

/// A share as Localizer::percent writes it, escaped ("&lt; 0.1 %").
inline std::string html_escape_percent(const Localizer& tr, double share) { return html_escape(tr.percent(share)); }

/// Doctype, <html lang="nl|en">, <head> with `title` and the reports' style sheet, <body>.
/// `max_width_px`: the page's width (wide tables need more).
std::string page_start(const Localizer& tr, const std::string& title, int max_width_px);

/// The end of a report page.
inline constexpr std::string_view kPageEnd = "</body></html>\n";

}  // namespace decarbfund::report
