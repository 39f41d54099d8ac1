#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/append.hpp"
#include "report/hindcast_report.hpp"
#include "report/outlook_report.hpp"

namespace decarbfund::report {

namespace {
double mt(double t) { return t / 1e6; }
std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) {
    s += (s.empty() ? "" : ", ") + p;
  }
  return s;
}
}  // namespace

std::string package_levers_text(const analysis::PackageLeverSummary& l, const Localizer* tr) {
  if (!l.any()) {
    return {};
  }
  const Localizer en;
  const Localizer& t = tr != nullptr ? *tr : en;
  // The terminal keeps plain numbers ("EUR 3000.0 m"); a report writes its language's.
  const auto m = [tr](double eur) { return tr != nullptr ? tr->num(eur / 1e6, 1) : fmt::format("{:.1f}", eur / 1e6); };
  std::string s(t("levers.head"));
  std::string sep = " ";
  for (const auto& [id, phases] : l.deal_phase) {
    s += sep + t.format("levers.deal_phase", id, phases.first, phases.second);
    sep = "; ";
  }
  if (l.deal_budget_eur) {
    s += sep + t.format("levers.deal_budget", m(*l.deal_budget_eur), m(l.deal_max_support_funded_eur));
    if (!l.deals_not_funded.empty()) {
      s += t.format("levers.not_funded", join(l.deals_not_funded));
    }
    s += ")";
    sep = "; ";
  }
  if (!l.deal_budget_eur && l.fund_binds && l.fund_free_eur) {
    s += sep + t.format("levers.fund_free", m(*l.fund_free_eur), m(l.fund_new_support_eur)) +
         t.format("levers.not_funded", join(l.deals_not_funded)) + ")";
    sep = "; ";
  }
  if (l.sme_budget_eur) {
    s += sep + t.format("levers.sme_budget", m(*l.sme_budget_eur));
  }
  return s;
}

std::string reference_world_text(const std::vector<std::string>& replaced, const Localizer* tr) {
  if (replaced.empty()) {
    return {};
  }
  const Localizer en;
  return (tr != nullptr ? *tr : en).format("levers.reference_world", join(replaced));
}

std::string outlook_text(const model::Model& model, const analysis::Outlook& o) {
  std::string s;
  const int t = o.target_index();
  append(s, "decarbfund outlook — dataset {} {}, scenario {} (levy {}), reference {} (levy {}), seed {}\n",
      model.info.name, model.info.version, o.scenario, o.policy_version, o.reference_scenario,
      o.reference_policy_version, o.seed);
  if (const auto world = reference_world_text(o.reference_world_replaced); !world.empty()) {
    append(s, "{}\n", world);
  }
  if (const auto levers = package_levers_text(o.levers); !levers.empty()) {
    append(s, "{}\n", levers);
  }
  if (o.hindcast) {
    append(s, "{}\n", hindcast_line(*o.hindcast));
  }
  s += "\n";

  append(s, "Target {}: additional reduction against the reference path, expected (each deal at its phase's "
         "probability)\n",
         o.target_year);
  append(s, "  {:<28} {:>10} {:>10} {:>10} {:>12}\n", "", "required", "expected", "gap", "every deal");
  append(s, "  {:<28} {:>10.2f} {:>10.2f} {:>10.2f} {:>12.2f}  Mt\n", "levy leg", mt(o.levy_leg_required_t),
      mt(o.levy_leg_t), mt(o.levy_leg_required_t - o.levy_leg_t), mt(o.levy_leg_t));
  append(s, "  {:<28} {:>10.2f} {:>10.2f} {:>10.2f} {:>12.2f}  Mt\n", "package leg", mt(o.package_leg_required_t),
      mt(o.package_leg_expected_t), mt(o.package_leg_required_t - o.package_leg_expected_t), mt(o.package_leg_t));
  append(s, "  {:<28} {:>10.2f} {:>10.2f} {:>10.2f} {:>12.2f}  Mt   {}\n", "total", mt(o.required_t), mt(o.achieved_t),
      mt(o.gap_t), mt(o.achieved_if_every_deal_delivers_t), o.gap_t <= 0 ? "TARGET MET" : "TARGET MISSED");
  if (o.quick_draws > 0) {
    append(s, "  P(target met) {} ({} Monte Carlo draws, seed {}; decarbfund montecarlo for more)\n",
           Localizer{}.percent(o.p_target_met), o.quick_draws, o.seed);
  }
  append(s, "  emissions {}: reference {:.2f} Mt, levy only {:.2f} Mt, with package {:.2f} Mt\n\n", o.target_year,
      mt(o.reference().total_emissions_t[static_cast<std::size_t>(t)]),
      mt(o.runs[1].outcome.total_emissions_t[static_cast<std::size_t>(t)]),
      mt(o.full().total_emissions_t[static_cast<std::size_t>(t)]));
  // SDE++ is its own instrument in every run (docs/model.md "SDE++"), in the world of all three,
  // so the legs above exclude its tonnes.
  append(s, "SDE++ by run ({}; on in all three runs or none, so no leg counts its tonnes):\n", o.target_year);
  for (const auto& r : o.runs) {
    if (!r.sde.enabled) {
      append(s, "  {:<10} off\n", r.label);
      continue;
    }
    append(s, "  {:<10} {:>6.2f} Mt in {} from {} options ({} paying only with it), EUR {:.0f} M committed, "
              "EUR {:.0f} M expected paid\n",
           r.label, mt(r.sde.reduction_t), o.target_year, r.sde.options, r.sde.options_needing_sde,
           r.sde.committed_eur / 1e6, r.sde.expected_eur / 1e6);
  }
  s += "\n";

  if (!o.package_credits.empty()) {
    append(s, "Package leg by instrument ({}), Mt: own = its options' tonnes if every deal delivers; "
              "without = how much the leg falls\n  when the deal alone falls through; alone = what it adds as the "
              "only deal; expected = p × without\n",
           o.target_year);
    append(s, "  {:<52} {:>7} {:>7} {:>7} {:>7} {:>5} {:>8} {:>10} {:>8}\n", "", "own", "without", "alone", "commit",
           "p", "expected", "support", "EUR/t");
    for (const auto& c : o.package_credits) {
      if (c.deal.empty()) {
        append(s, "  {:<52} {:>7.3f} {:>7} {:>7} {:>7} {:>5} {:>8.3f} {:>6.1f} MEUR\n", c.instrument, mt(c.reduction_t),
               "", "", "", "", mt(c.expected_t), c.support_eur / 1e6);
      } else {
        const std::string per_t =
            c.leave_one_out_t > 0.5 ? fmt::format("{:.0f}", c.support_eur / c.leave_one_out_t) : std::string("–");
        append(s, "  {:<52} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f} {:>5.2f} {:>8.3f} {:>6.1f} MEUR {:>8}\n", c.instrument,
               mt(c.reduction_t), mt(c.leave_one_out_t), mt(c.add_one_in_t), mt(c.committed_t), c.probability,
               mt(c.expected_t), c.support_eur / 1e6, per_t);
      }
    }
    if (!o.deals_dir.empty()) {
      append(s, "  package leg if every deal delivers {:.2f} Mt; expected given the phases {:.2f} Mt (deals: {}); "
                "EUR/t = support ÷ the deal's own effect (without) in {}\n",
             mt(o.package_leg_t), mt(o.package_leg_expected_t), o.deals_dir, o.target_year);
    }
    append(s, "  package tonnes hanging on infrastructure funded by:");
    for (const auto& [funder, tonnes] : o.package_t_by_infrastructure_funder) {
      append(s, " {} {:.3f} Mt;", funder, mt(tonnes));
    }
    append(s, "\n\n");
  }

  append(s, "Top sites by reduction in {} (vs reference):\n", o.target_year);
  for (std::size_t k = 0; k < std::min<std::size_t>(10, o.top_sites.size()); ++k) {
    const auto& r = o.top_sites[k];
    append(s, "  {:<6} {:<44} {:<22} {:>8.3f} Mt\n", model.sites.id[r.site], model.sites.name[r.site].substr(0, 44),
        model.clusters.id[model.sites.cluster[r.site]], mt(r.reduction_t));
  }

  append(s, "\nLevy (full run): revenue net of refunds; DPR price in the general pool and among waste incinerators\n");
  const auto& F = o.full();
  for (int y = 0; y < F.years; ++y) {
    const int year = o.start_year + y;
    if (year > o.target_year + 5) {
      break;
    }
    const auto k = static_cast<std::size_t>(y);
    append(s, "  {}  {:>10.1f} MEUR   DPR price {:>7.2f} / {:>7.2f} EUR/t   emissions {:>7.2f} Mt\n", year,
           F.levy_revenue_eur[k] / 1e6, F.dpr_price_eur_per_t[k],
           F.dpr_price_eur_per_t[static_cast<std::size_t>(F.years) + k], mt(F.total_emissions_t[k]));
  }

  if (!o.bottlenecks.empty()) {
    append(s, "\nInfrastructure bottlenecks (options blocked, full run):\n");
    for (const auto& b : o.bottlenecks) {
      const bool storage = model.infrastructure.kind[b.infra] == model::InfrastructureKind::co2_storage;
      append(s, "  {:<28} {:>3} options, {:>7.3f} Mt blocked; {} use {:.1f} of {:.1f} {}\n",
          model.infrastructure.id[b.infra], b.options_blocked, mt(b.blocked_t), o.target_year,
          storage ? b.used_target_year / 1e6 : b.used_target_year,
          storage ? b.capacity_target_year / 1e6 : b.capacity_target_year, storage ? "Mt/yr" : "MW");
    }
  }

  // Options add up (issue 13, docs/model.md "Options that add up"): the curve stays below what
  // its sites emit, and no adopted tonne is clamped away unseen.
  double macc = 0;
  for (const auto& p : o.macc) {
    macc += p.reduction_t;
  }
  append(s, "\nOptions in {}: the national MACC ({} points, one per exclusive group) removes at most {:.2f} Mt of the "
            "{:.2f} Mt its sites emit; adopted reductions clamped in the full run: {:.0f} t\n",
         o.target_year, o.macc.size(), mt(macc), mt(o.macc_site_emissions_t),
         F.clamped_t[static_cast<std::size_t>(o.target_index())]);
  return s;
}

}  // namespace decarbfund::report
