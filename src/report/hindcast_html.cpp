// The hindcast as a self-contained HTML page (report/hindcast_report.hpp): the NEa scope by year
// with a chart, the checks, the largest sites and the levy, in the report's language.

#include <cmath>

#include "core/version.hpp"
#include "report/append.hpp"
#include "report/hindcast_report.hpp"
#include "report/html_page.hpp"
#include "report/localizer.hpp"
#include "report/svg_chart.hpp"

namespace decarbfund::report {

namespace {

std::string mt_cell(const Localizer& tr, double t) { return std::isnan(t) ? "–" : tr.num(t / 1e6, 2); }

std::string error_cell(const Localizer& tr, double model, double published) {
  return std::isnan(published) || published == 0 ? "–" : html_escape_percent(tr, (model - published) / published);
}

}  // namespace

std::string hindcast_html(const model::Model& model, const analysis::Hindcast& h, Lang lang) {
  const Localizer tr(lang);
  std::string s = page_start(tr, std::string(tr("hindcast.title")), 960);
  append(s, "<h1>{}</h1>\n", html_escape(tr.format("hindcast.h1", h.first_year, h.last_published_year)));
  append(s, "<p><small>{}</small></p>\n",
         html_escape(tr.format("hindcast.meta", model.info.name, model.info.version, h.scenario, h.policy_version,
                               h.seed, h.decision_from_year, model.info.price_year)));

  std::vector<double> x, published, modelled, activity;
  for (const auto& y : h.years) {
    if (!std::isnan(y.published_t)) {
      x.push_back(y.year);
      published.push_back(y.published_t / 1e6);
      modelled.push_back(y.model_t / 1e6);
      activity.push_back(y.activity_only_t / 1e6);
    }
  }
  const std::string chart_title(tr("hindcast.scope"));
  append(s, "<h2>{}</h2>\n{}\n", html_escape(chart_title),
         svg_line_chart({{std::string(tr("hindcast.published")), "#333333", x, published, false},
                         {std::string(tr("hindcast.model")), "#4a6fa5", x, modelled, false},
                         {std::string(tr("hindcast.activity_only")), "#c0504d", x, activity, true}},
                        std::string(tr("unit.mt_co2eq_per_yr")), tr, chart_title));
  append(s, "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>λ</th></tr>\n",
         tr("common.year"), tr("hindcast.published"), tr("hindcast.model"), tr("hindcast.error"), tr("hindcast.history"),
         tr("hindcast.activity_only"), tr("hindcast.error"));
  for (const auto& y : h.years) {
    append(s, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", y.year,
           mt_cell(tr, y.published_t), mt_cell(tr, y.model_t), error_cell(tr, y.model_t, y.published_t),
           mt_cell(tr, y.history_t), mt_cell(tr, y.activity_only_t), error_cell(tr, y.activity_only_t, y.published_t),
           std::isnan(y.calibration_factor) ? "–" : tr.num(y.calibration_factor, 3));
  }
  append(s, "</table>\n<p><small>{}</small></p>\n", html_escape(tr.format("hindcast.scope_note", h.last_published_year,
                                                                         h.options_operating,
                                                                         tr.num(h.options_operating_t / 1e6, 2))));

  append(s, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n", tr("hindcast.checks"),
         tr("hindcast.check"), tr("hindcast.model"), tr("hindcast.published"), tr("hindcast.bound"), tr("hindcast.within"));
  for (const auto& c : h.checks) {
    const auto value = [&](double v) {
      if (c.unit == "t") {
        return tr.num(v / 1e6, 2) + " Mt";
      }
      if (c.unit == "EUR") {
        return "EUR " + tr.num(v / 1e6, 2) + " M";
      }
      return html_escape_percent(tr, v);
    };
    append(s, "<tr><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
           html_escape(c.source), html_escape(c.what), value(c.model), value(c.published), html_escape(c.bound),
           c.within ? "met" : "missed", c.within ? tr("hindcast.yes") : tr("hindcast.no"));
  }
  append(s, "</table>\n");

  append(s, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
         html_escape(tr.format("hindcast.largest", h.largest_sites.size(), h.last_published_year)), tr("common.site"),
         tr("hindcast.base"), tr("hindcast.model"), tr("hindcast.published"), tr("hindcast.error"),
         tr("hindcast.basis"));
  for (const auto& r : h.largest_sites) {
    append(s, "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", model.sites.id[r.site],
           html_escape(model.sites.name[r.site]), mt_cell(tr, r.base_t), mt_cell(tr, r.model_t),
           mt_cell(tr, r.published_t), error_cell(tr, r.model_t, r.published_t),
           tr(std::string("hindcast.basis_") + std::string(model::kHistoryBasisNames[static_cast<std::size_t>(r.basis)])));
  }
  append(s, "</table>\n");

  append(s, "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
         tr("hindcast.levy"), tr("common.year"), tr("hindcast.liable"), tr("hindcast.dpr"), tr("hindcast.long"),
         tr("hindcast.short"), tr("hindcast.levy_eur"));
  for (const auto& y : h.years) {
    if (y.dpr_allocated_t <= 0) {
      continue;  // before the levy's first year
    }
    append(s, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", y.year,
           mt_cell(tr, y.liable_t), mt_cell(tr, y.dpr_allocated_t), y.sites_long, y.sites_short,
           tr.num(y.levy_revenue_eur / 1e6, 2));
  }
  append(s, "</table>\n<p><small>{}</small></p>{}", html_escape(tr.format("hindcast.footer", core::kGenerator)), kPageEnd);
  return s;
}

}  // namespace decarbfund::report
