#include <fmt/format.h>

#include "report/append.hpp"
#include "report/montecarlo_report.hpp"
#include "report/outlook_report.hpp"

namespace decarbfund::report {

namespace {
double mt(double t) { return t / 1e6; }
}  // namespace

std::string montecarlo_text(const model::Model& model, const analysis::MonteCarloResult& r) {
  const auto& s = *r.setup;
  std::string out;
  append(out, "decarbfund montecarlo — dataset {} {}, scenario {} (levy {}), reference {} (levy {}), seed {}, {} draws\n",
         model.info.name, model.info.version, s.scenario, s.policy_version, s.reference_scenario,
         s.reference_policy_version, s.seed, r.draws);
  if (const auto world = reference_world_text(s.reference_world_replaced); !world.empty()) {
    append(out, "{}\n", world);
  }
  if (s.levers.any()) {
    append(out, "{}\n", package_levers_text(s.levers));
  }
  out += "\n";
  append(out, "Target {}: additional reduction against the reference path (Mt)\n", s.target_year);
  append(out, "  {:<14} {:>9} {:>9} {:>9} {:>9} {:>9}   {}\n", "", "required", "central", "P10", "median", "P90",
         "P(met)");
  const auto row = [&](const char* name, double required, double central, const analysis::Percentiles& p, double prob) {
    append(out, "  {:<14} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f}   {:.1f} %\n", name, mt(required), mt(central),
           mt(p.p10), mt(p.p50), mt(p.p90), 100 * prob);
  };
  row("levy leg", s.levy_leg_required_t, r.central_levy_leg_t, r.levy_leg_t, r.p_levy_leg);
  row("package leg", s.package_leg_required_t, r.central_package_leg_t, r.package_leg_t, r.p_package_leg);
  row("total", s.required_t, r.central_achieved_t, r.achieved_t, r.p_total);
  append(out, "  (central = every input at its central value and every deal delivering, as the outlook's \"every deal\" column; P10/median/P90 over the draws)\n\n");
  const auto& last = r.emissions_t.back();
  append(out, "Emissions {} with the package: P5 {:.2f}, P50 {:.2f}, P95 {:.2f} Mt\n", s.target_year, mt(last.p5),
         mt(last.p50), mt(last.p95));
  append(out, "Package support committed {}–{}: P10 EUR {:.2f} bn, median {:.2f} bn, P90 {:.2f} bn (central {:.2f} bn)\n\n",
         s.start_year, s.target_year, r.outlay_eur.p10 / 1e9, r.outlay_eur.p50 / 1e9, r.outlay_eur.p90 / 1e9,
         r.central_outlay_eur / 1e9);
  append(out, "What matters most (tornado: achieved Mt with the input at P10 / P90, others at median {:.2f} Mt)\n",
         mt(r.tornado_base_t));
  if (!r.tornado_not_run.empty()) {
    append(out, "  ({} of {} inputs run: those with the largest |rank correlation|, --tornado-top {}; {} not run, listed in the JSON)\n",
           r.tornado.size(), s.inputs.size(), s.tornado_top, r.tornado_not_run.size());
  }
  for (std::size_t k = 0; k < r.tornado.size() && k < 10; ++k) {
    const auto& b = r.tornado[k];
    if (b.swing_t() <= 0) {
      break;
    }
    append(out, "  {:<58} {:>7.2f} → {:>7.2f}  (swing {:.2f})\n", s.inputs[b.input].label.substr(0, 58), mt(b.low_t),
           mt(b.high_t), mt(b.swing_t()));
  }
  append(out, "Rank correlation with the achieved reduction (Spearman)\n");
  for (std::size_t k = 0; k < r.rank_correlation.size() && k < 10; ++k) {
    const auto& c = r.rank_correlation[k];
    append(out, "  {:<58} {:+.2f}\n", s.inputs[c.input].label.substr(0, 58), c.rho);
  }
  for (const auto& in : s.inactive) {
    append(out, "not drawn: {} {} — {}\n", in.id, in.distribution, in.reason);
  }
  return out;
}

}  // namespace decarbfund::report
