// The hindcast's terminal summary (report/hindcast_report.hpp).

#include <cmath>

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "report/append.hpp"
#include "report/hindcast_report.hpp"

namespace decarbfund::report {

namespace {

/// 100 × a share, with −0.0 written as +0.0 (a calibrated year matches to rounding).
double percent(double share) {
  const double p = 100 * share;
  return std::abs(p) < 0.05 ? 0.0 : p;
}

std::string mt_or_dash(double t, int width) {
  return std::isnan(t) ? fmt::format("{:>{}}", "–", width) : fmt::format("{:>{}.2f}", t / 1e6, width);
}

std::string pct_or_dash(double model, double published, int width) {
  if (std::isnan(published) || published == 0) {
    return fmt::format("{:>{}}", "–", width);
  }
  return fmt::format("{:>+{}.1f} %", percent((model - published) / published), width - 2);
}

std::string value_text(double v, const std::string& unit) {
  if (unit == "t") {
    return fmt::format("{:.2f} Mt", v / 1e6);
  }
  if (unit == "EUR") {
    return fmt::format("EUR {:.2f} M", v / 1e6);
  }
  if (unit == "share") {
    return fmt::format("{:.0f} %", 100 * v);
  }
  return fmt::format("{:.0f} {}", v, unit);
}

void groups_table(std::string& s, const char* title, const std::vector<analysis::HindcastGroup>& groups,
                  const analysis::Hindcast& h) {
  append(s, "\n{} (Mt: history → model; history = verified, calibrated or estimated figures)\n", title);
  append(s, "  {:<22}", "");
  for (const auto& y : h.years) {
    append(s, " {:>15}", y.year);
  }
  append(s, "\n");
  for (const auto& g : groups) {
    append(s, "  {:<22}", g.id);
    for (std::size_t k = 0; k < h.years.size(); ++k) {
      append(s, " {:>6} → {:>6}", std::isnan(g.history_t[k]) ? std::string("–") : fmt::format("{:.2f}", g.history_t[k] / 1e6),
             fmt::format("{:.2f}", g.model_t[k] / 1e6));
    }
    append(s, "\n");
  }
}

}  // namespace

std::string hindcast_line(const analysis::HindcastSummary& h) {
  return fmt::format(
      "hindcast: NEa industry {} published {:.2f} Mt, model {:.2f} Mt ({:+.1f} %), production indices alone "
      "{:.2f} Mt ({:+.1f} %, calibrated away; decarbfund hindcast)",
      h.year, h.published_t / 1e6, h.model_t / 1e6, percent(h.error()), h.activity_only_t / 1e6,
      percent(h.activity_only_error()));
}

std::string hindcast_text(const model::Model& model, const analysis::Hindcast& h) {
  std::string s;
  append(s,
         "decarbfund hindcast — dataset {} {}, scenario {} (levy {}), seed {}; firms decide from {}, package off; "
         "levy in each year's nominal EUR\n",
         model.info.name, model.info.version, h.scenario, h.policy_version, h.seed, h.decision_from_year);

  append(s, "\nNEa industry scope (ETS installations outside electricity supply), Mt\n");
  append(s, "  {:<6} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8} {:>7}\n", "year", "published", "model", "error", "history",
         "activity", "error", "λ");
  for (const auto& y : h.years) {
    append(s, "  {:<6} {} {} {} {} {} {} {:>7}\n", y.year, mt_or_dash(y.published_t, 9), mt_or_dash(y.model_t, 8),
           pct_or_dash(y.model_t, y.published_t, 8), mt_or_dash(y.history_t, 9), mt_or_dash(y.activity_only_t, 9),
           pct_or_dash(y.activity_only_t, y.published_t, 8),
           std::isnan(y.calibration_factor) ? std::string("–") : fmt::format("{:.3f}", y.calibration_factor));
  }
  append(s,
         "  model: the run (history less abatement the firm response adopts); activity: base figures × "
         "production index, before calibration; λ: the calibration factor of the history's estimated sites\n");
  append(s, "  options operating in {}: {} ({:.2f} Mt)\n", h.last_published_year, h.options_operating,
         h.options_operating_t / 1e6);

  append(s, "\nLevy (the model's levy sites: ETS industry, N2O, waste incinerators)\n");
  append(s, "  {:<6} {:>10} {:>8} {:>6} {:>6} {:>14}\n", "year", "liable Mt", "DPR Mt", "long", "short", "levy EUR M");
  for (const auto& y : h.years) {
    if (y.dpr_allocated_t <= 0) {
      continue;  // before the levy's first year
    }
    append(s, "  {:<6} {:>10.2f} {:>8.2f} {:>6} {:>6} {:>14.2f}\n", y.year, y.liable_t / 1e6, y.dpr_allocated_t / 1e6,
           y.sites_long, y.sites_short, y.levy_revenue_eur / 1e6);
  }

  append(s, "\nChecks against published figures\n");
  for (const auto& c : h.checks) {
    std::string diff;
    if (c.unit == "share") {
      diff = fmt::format("{:+.0f} pt", 100 * (c.model - c.published));
    } else if (c.published != 0) {
      diff = c.unit == "EUR" && std::abs(c.model / c.published) > 2 ? fmt::format("×{:.1f}", c.model / c.published)
                                                                      : fmt::format("{:+.1f} %", percent((c.model - c.published) / c.published));
    }
    append(s, "  {:<5} {:<48} model {:>14}  published {:>14}  {:>9}  ({})\n", c.within ? "ok" : "MISS", c.what,
           value_text(c.model, c.unit), value_text(c.published, c.unit), diff, c.bound);
  }

  append(s, "\nThe {} largest sites in {} (by base-year emissions), Mt\n", h.largest_sites.size(), h.last_published_year);
  append(s, "  {:<8} {:<38} {:>7} {:>7} {:>9} {:>8}  {}\n", "site", "name", "base", "model", "published", "error",
         "history figure");
  for (const auto& r : h.largest_sites) {
    const std::string name = core::truncate_utf8(model.sites.name[r.site], 38);
    append(s, "  {:<8} {:<38} {:>7.2f} {:>7.2f} {} {}  {}\n", model.sites.id[r.site], name, r.base_t / 1e6,
           r.model_t / 1e6, mt_or_dash(r.published_t, 9), pct_or_dash(r.model_t, r.published_t, 8),
           model::kHistoryBasisNames[static_cast<std::size_t>(r.basis)]);
  }
  append(s,
         "  history figure: verified (published for the site), calibrated (its share of NEa's total: no site "
         "figure is published), estimate (outside NEa's scope: base × production index), base, closed\n");

  groups_table(s, "By sector", h.sectors, h);
  groups_table(s, "By cluster", h.clusters, h);
  return s;
}

}  // namespace decarbfund::report
