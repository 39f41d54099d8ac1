// The package leg per instrument (issue 14 §3, docs/outlook.md "Package leg"): each deal's credited
// tonnes, its own effect by leave-one-out and add-one-in runs, the expected package leg, and the
// interaction line that makes the lines add up to the leg.

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "analysis/outlook.hpp"
#include "analysis/package_levers.hpp"
#include "core/helper_thread.hpp"

namespace decarbfund::analysis::detail {

namespace {

/// Target-year total emissions of a run of `in` (stopped after the target year, which leaves the
/// target year's figure as a full run's; sim::simulate), in the lean accounting mode for that
/// figure alone: the total is all this reads, and sim::Accounting::target_total computes it
/// exactly as a full run does (issue 21: no work the caller will not read). `ws` is reused from
/// run to run, as Monte Carlo does: simulate() writes every buffer it reads.
double target_total(const model::Model& model, const sim::Inputs& in, int target_year, sim::Workspace& ws) {
  sim::simulate(model, in, ws, target_year, sim::Accounting::target_total);
  return ws.outcome().total_emissions_t[static_cast<std::size_t>(target_year - in.start_year)];
}

/// Puts deal d's realisation and its options' support from `full` into `only`, whose deals and
/// supports are otherwise 0: deal d as the package's only deal, every other deal falls through
/// and no project outside deal d gets support.
void set_only_deal(const model::Model& model, const sim::Inputs& full, std::size_t d, sim::Inputs& only) {
  only.deal_realisation[d] = full.deal_realisation[d];
  for (model::Index i = 0; i < model.options.size(); ++i) {
    if (full.option_deal[i] == static_cast<model::Index>(d)) {
      only.option_max_support_eur[i] = full.option_max_support_eur[i];
    }
  }
}

/// Undoes set_only_deal.
void clear_only_deal(const model::Model& model, std::size_t d, sim::Inputs& only) {
  only.deal_realisation[d] = 0.0;
  for (model::Index i = 0; i < model.options.size(); ++i) {
    if (only.option_deal[i] == static_cast<model::Index>(d)) {
      only.option_max_support_eur[i] = 0.0;
    }
  }
}

}  // namespace

void credit_package(const model::Model& model, const DealBook* deals, const DealLevers* levers,
                    const SmeInput* sme, sim::Workspace& ws, Outlook& out) {
  const auto& o = model.options;
  const int t = out.target_index();
  const auto& full_in = out.runs[2].inputs;
  const auto& F = out.runs[2].outcome;
  const double levy_only_total = out.runs[1].outcome.total_emissions_t[static_cast<std::size_t>(t)];
  // The full run as simulated (its reported total has the SME scheme's tonnes taken off): the
  // workspace still holds it, and a run stopped after the target year would give the same figure.
  const double full_total = ws.outcome().total_emissions_t[static_cast<std::size_t>(t)];
  std::vector<InstrumentCredit> by_deal;
  std::vector<std::size_t> own;  // the deals with an own effect
  if (deals != nullptr && levers != nullptr) {
    for (std::size_t d = 0; d < deals->deals.size(); ++d) {
      const auto& deal = levers->book.deals[d];
      const auto& st = levers->status[d];
      InstrumentCredit c;
      c.deal = deal.id;
      c.phase = std::string(model::phase_name(st.phase));
      c.instrument = fmt::format("maatwerk deal: {} ({})", deal.company, c.phase);
      if (st.overridden) {
        c.phase_in_file = std::string(model::phase_name(st.file_phase));
        c.instrument = fmt::format("maatwerk deal: {} ({}; file: {})", deal.company, c.phase, c.phase_in_file);
      }
      c.funded = st.funded;
      c.not_funded = st.not_funded;
      if (!st.funded) {
        c.instrument += fmt::format(", not funded ({})", st.not_funded);
      }
      c.probability = st.probability;  // the phase's, also for an unfunded deal (its tonnes are 0)
      c.committed_t = deal.committed_in(out.target_year);
      // Own effect: only where the package runs and the deal is funded (else both are 0).
      if (full_in.package_enabled && d < full_in.deal_realisation.size() && full_in.deal_realisation[d] >= 0.5) {
        own.push_back(d);
      }
      by_deal.push_back(std::move(c));
    }
  }
  // Each deal's two own effects are independent runs, shared by two threads
  // (core::share_with_helper): this one takes the leave-one-out runs from the front, the helper
  // thread the add-one-in runs from the back, and either goes on into the other's once its own are
  // done. Each figure lands in its deal's slot, and a lean run's figure
  // does not depend on which workspace ran it before, so none depends on the threads. The runs'
  // inputs are one copy of the full run's per kind and thread, changed for a deal and put back
  // after it.
  if (!own.empty()) {
    std::vector<double> without_total(own.size()), only_total(own.size());
    // Per thread ([0] this one, [1] the helper): made at its first run of each kind.
    std::optional<sim::Workspace> helper_ws;
    std::optional<sim::Inputs> without[2], only[2];
    core::share_with_helper(2 * own.size(), [&](std::size_t job, bool on_helper) {  // [0, n): leave-one-out
      sim::Workspace& w = !on_helper ? ws : helper_ws ? *helper_ws : helper_ws.emplace(model, full_in);
      const std::size_t k = job % own.size();
      const auto d = own[k];
      if (job < own.size()) {
        auto& in = without[on_helper];
        if (!in) {
          in = full_in;
        }
        in->deal_realisation[d] = 0.0;
        without_total[k] = target_total(model, *in, out.target_year, w);
        in->deal_realisation[d] = full_in.deal_realisation[d];
      } else {
        auto& in = only[on_helper];
        if (!in) {
          in = full_in;
          std::fill(in->deal_realisation.begin(), in->deal_realisation.end(), 0.0);
          std::fill(in->option_max_support_eur.begin(), in->option_max_support_eur.end(), 0.0);
        }
        set_only_deal(model, full_in, d, *in);
        only_total[k] = target_total(model, *in, out.target_year, w);
        clear_only_deal(model, d, *in);
      }
    });
    for (std::size_t k = 0; k < own.size(); ++k) {
      by_deal[own[k]].leave_one_out_t = without_total[k] - full_total;
      by_deal[own[k]].add_one_in_t = levy_only_total - only_total[k];
    }
  }
  for (auto& c : by_deal) {
    c.expected_t = c.probability * c.leave_one_out_t;
  }

  // Credited tonnes: the supported options' share of their sites' reductions in the target year,
  // and those of a deal's committed projects, which run only where the package is on and the deal
  // delivers (Yara's CCS): they are the deal's own tonnes, whatever its own effect (issue 13).
  std::vector<double> tonnes(o.size(), 0.0);
  sim::option_reductions(model, full_in, F, t, tonnes);
  std::map<std::string, InstrumentCredit> by_company;
  double credited = 0;
  for (model::Index i = 0; i < o.size(); ++i) {
    const bool deal_committed =
        F.option_instrument[i] == sim::Instrument::committed && full_in.option_deal[i] != model::kNone;
    if (F.option_instrument[i] != sim::Instrument::package && !deal_committed) {
      continue;
    }
    const auto site = o.site[i];
    const std::string company = model.sites.company[site].empty() ? model.sites.name[site] : model.sites.company[site];
    const auto deal = full_in.option_deal[i];
    auto& c = deal != model::kNone && deal < by_deal.size() ? by_deal[deal] : by_company[company];
    if (deal == model::kNone) {
      c.instrument = "maatwerk: " + company;
    }
    c.support_eur += F.option_support_eur[i];
    if (tonnes[i] != 0) {
      c.reduction_t += tonnes[i];
      credited += tonnes[i];
      // Which funder's infrastructure the tonne hangs on (one line per option: the first need).
      std::string funder = "none";
      for (auto infra : {F.option_store[i], F.option_hydrogen[i], F.option_grid[i]}) {
        if (infra != model::kNone) {
          funder = model.infrastructure.funded_by[infra];
          break;
        }
      }
      out.package_t_by_infrastructure_funder[funder] += tonnes[i];
    }
  }

  // Expected package leg (docs/outlook.md): each deal that does not deliver takes its own effect
  // with it, with probability 1 − p.
  out.package_leg_expected_t = out.package_leg_t;
  for (auto& credit : by_deal) {
    out.package_leg_expected_t -= (1 - credit.probability) * credit.leave_one_out_t;
    out.package_credits.push_back(std::move(credit));
  }
  for (auto& [name, credit] : by_company) {
    credit.expected_t = credit.reduction_t;
    out.package_credits.push_back(credit);
  }
  if (sme != nullptr) {
    InstrumentCredit c;
    c.instrument = "SME scheme: " + sme->label;
    c.reduction_t = static_cast<std::size_t>(t) < sme->reduction_t_by_year.size()
                        ? sme->reduction_t_by_year[static_cast<std::size_t>(t)]
                        : 0.0;
    c.expected_t = c.reduction_t;  // already an expected value (realisation rate applied)
    c.support_eur = sme->budget_used_eur;
    credited += c.reduction_t;
    out.package_t_by_infrastructure_funder["none"] += c.reduction_t;
    out.package_credits.push_back(std::move(c));
  }
  std::stable_sort(out.package_credits.begin(), out.package_credits.end(),
                   [](const InstrumentCredit& a, const InstrumentCredit& b) { return a.reduction_t > b.reduction_t; });
  // The interaction line makes each column add up to its leg: the every-deal column (own tonnes)
  // to the package leg, the expected column (a deal at p × its own effect) to the expected leg.
  // They differ where a deal's own effect is not its own options' tonnes (Shell's projects booked
  // under the ETS, issue 14).
  double expected = 0;
  for (const auto& c : out.package_credits) {
    expected += c.expected_t;
  }
  if (std::fabs(out.package_leg_t - credited) > 0.5 || std::fabs(out.package_leg_expected_t - expected) > 0.5) {
    InstrumentCredit interaction;
    interaction.instrument = "interaction: tonnes the package displaced or added elsewhere";
    interaction.reduction_t = out.package_leg_t - credited;
    interaction.expected_t = out.package_leg_expected_t - expected;
    out.package_credits.push_back(std::move(interaction));
  }
}

}  // namespace decarbfund::analysis::detail
