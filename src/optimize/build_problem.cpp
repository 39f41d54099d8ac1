#include "optimize/build_problem.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "analysis/sme_allocation.hpp"
#include "sim/dpr_market.hpp"
#include "sim/economics.hpp"
#include "sim/response.hpp"

namespace decarbfund::optimize {

namespace {

/// The first infrastructure item of `kind` serving `cluster` (as simulate.cpp's `serving`).
model::Index serving(const model::Infrastructure& inf, model::InfrastructureKind kind, model::Index cluster) {
  for (model::Index i = 0; i < inf.size(); ++i) {
    if (inf.kind[i] == kind && std::find(inf.clusters[i].begin(), inf.clusters[i].end(), cluster) != inf.clusters[i].end()) {
      return i;
    }
  }
  return model::kNone;
}

/// Hydrogen use as transport capacity, as response.cpp counts it: GJ/yr ÷ 3.6 = MWh/yr, ÷
/// full-load hours (8,000 where unknown) = MW.
double hydrogen_mw(const model::Options& o, model::Index i) {
  const double hours = o.full_load_hours[i] > 0 ? o.full_load_hours[i] : 8000.0;
  return std::max(0.0, o.delta_hydrogen_gj[i]) / 3.6 / hours;
}

/// NPV of option i decided in year index `decided`, operating from year index `start`, with each
/// tonne valued at the ETS price (ETS sites) plus the levy's expected marginal price after the
/// levy-only response: the NPV the simulation's decision rule reads (response.cpp).
double option_value(const model::Model& model, const sim::Inputs& in, const sim::Workspace& ws,
                    model::Index i, int decided, int start) {
  const auto& o = model.options;
  const auto category = model.sites.levy_category[o.site[i]];
  const auto pool = sim::dpr_pool(in.levy, category);
  const bool in_ets = model.sites.in_ets[o.site[i]] != 0;
  std::vector<double> value(static_cast<std::size_t>(in.years() + sim::kPriceTail), 0.0);
  const int life_end = std::min(static_cast<int>(value.size()), start + static_cast<int>(std::lround(o.lifetime_yr[i])) + 1);
  for (int k = start; k < life_end; ++k) {
    value[static_cast<std::size_t>(k)] = (in_ets ? in.prices.ets_eur_per_t[static_cast<std::size_t>(k)] : 0.0) +
                                         sim::detail::expected_levy_price(in, ws, category, pool, decided, k);
  }
  // Tonnes and energy move with the site's production (docs/model.md "Activity"); the option is
  // valued alone, on top of what the levy-only run adopted at the site.
  std::vector<double> scale(value.size(), 1.0);
  for (std::size_t k = 0; k < scale.size(); ++k) {
    scale[k] = in.activity(o.site[i], static_cast<int>(k));
  }
  return sim::option_npv(o, in, i, decided, start, value, sim::marginal_reduction_t(model, in, ws, i), scale);
}

/// An infrastructure need of an option: item and amount (MW or t/yr).
struct Need {
  model::Index item = model::kNone;
  double amount = 0;
};

/// Why a committed project is not a candidate.
std::string committed_reason(const model::Options& o, model::Index i) {
  return fmt::format("committed ({}): it runs in every run", model::status_name(o.status[i]));
}

std::vector<CashShare> even_cash(int from, int to) {
  std::vector<CashShare> out;
  const int n = std::max(1, to - from + 1);
  for (int y = from; y < from + n; ++y) {
    out.push_back({y, 1.0 / n});
  }
  return out;
}

}  // namespace

std::vector<DealInput> company_deals(const model::Model& model, std::span<const model::Index> covered) {
  std::map<std::string, DealInput> by_company;
  const auto& o = model.options;
  for (model::Index i = 0; i < o.size(); ++i) {
    // A committed project (past FID) runs in every run: nothing for the package to buy.
    if (o.kind[i] != model::OptionKind::project || model::is_committed(o.status[i]) ||
        std::find(covered.begin(), covered.end(), i) != covered.end()) {
      continue;
    }
    const auto site = o.site[i];
    const auto& company = model.sites.company[site].empty() ? model.sites.name[site] : model.sites.company[site];
    auto& d = by_company[company];
    d.id = company;
    d.company = company;
    d.options.push_back(i);
    d.basis = "no deal file: the company's announced projects as one deal, realisation 1, no cap";
    d.in_parts = true;  // not an agreement: each project may be supported on its own
  }
  std::vector<DealInput> out;
  for (auto& [name, d] : by_company) {
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DealInput> deal_inputs(const model::Model& model, std::span<const model::Deal> deals,
                                   const model::PhaseRealisation& phases) {
  std::vector<DealInput> out;
  std::vector<model::Index> covered;
  for (const auto& deal : deals) {
    DealInput d;
    d.id = deal.id;
    d.company = deal.company;
    for (const auto& project : deal.projects) {
      for (const auto i : model::project_options(model, project)) {
        // An option named by two deals stays with the first (as sim::apply_deals does).
        if (std::find(covered.begin(), covered.end(), i) == covered.end()) {
          covered.push_back(i);
          d.options.push_back(i);
        }
      }
    }
    d.realisation = phases.of(deal.phase);
    d.max_support_eur = deal.max_support_eur;
    // A commitment, not a choice (issue 18): binding or implemented, or booked in the ledger.
    for (const auto& e : model.fund.entries) {
      if (e.kind == model::LedgerKind::committed && e.deal == deal.id) {
        d.committed = true;
        d.committed_year = d.committed_year == 0 ? e.year : std::min(d.committed_year, e.year);
      }
    }
    if (deal.phase == model::DealPhase::binding || deal.phase == model::DealPhase::implementation) {
      d.committed = true;
      for (const auto& h : deal.history) {
        if (d.committed_year == 0 && h.phase == model::DealPhase::binding && h.date.size() >= 4) {
          d.committed_year = std::stoi(h.date.substr(0, 4));
        }
      }
    }
    for (const auto& pay : deal.payments) {
      d.payments.push_back({pay.year, pay.amount_eur});
    }
    d.basis = fmt::format("{} (phase {}: realisation {:.2f}); cap {}", deal.file, model::phase_name(deal.phase),
                          d.realisation, deal.max_support_basis.empty() ? "as filed" : deal.max_support_basis);
    out.push_back(std::move(d));
  }
  for (auto& d : company_deals(model, covered)) {
    out.push_back(std::move(d));
  }
  return out;
}

BuiltProblem build_problem(const model::Model& model, const model::Scenario& scenario,
                           std::span<const DealInput> deals, const SmeInput& sme, const BuildOptions& options) {
  BuiltProblem b;
  auto& p = b.problem;
  p.objective = options.objective;
  p.budget = options.budget;
  p.required_t = options.required_t;
  p.target_year = scenario.target.year;
  p.as_of_year = options.as_of_year;

  // 1. The levy-only run: what the ETS and the levy make happen without the package.
  b.inputs = sim::resolve_inputs(model, scenario);
  b.inputs.package_enabled = false;
  sim::Workspace ws(model, b.inputs);
  sim::simulate(model, b.inputs, ws);
  b.levy_only = ws.outcome();
  const auto& in = b.inputs;
  const auto& L = b.levy_only;
  const int years = in.years();
  const int target = p.target_year - in.start_year;
  // No new decision before the dataset's as-of year (issue 18): earlier years are history.
  const int first = std::max({in.start_year, options.as_of_year,
                              options.first_decision_year > 0 ? options.first_decision_year
                                                              : in.response.decision_from_year});
  p.notes.push_back(fmt::format(
      "candidates: options the levy-only run of scenario {} does not adopt; infrastructure left = "
      "capacity − levy-only use, years {}–{}",
      scenario.name, first, p.target_year));
  p.notes.push_back(fmt::format("decision years {}–{}; a project counts when it operates in {}", first,
                                p.target_year, p.target_year));
  if (options.as_of_year > 0) {
    p.notes.push_back(fmt::format(
        "as of {}: no new decision or award before {}; binding deals and deals whose grant the fund's ledger "
        "books are commitments (supported in every portfolio, decided when signed, their money not new); a deal "
        "is funded whole",
        options.as_of_year, options.as_of_year));
  }

  // Exclusive groups already taken in the levy-only run (site + group name, as the loader interns).
  const auto& o = model.options;
  auto group_key = [&](model::Index i) { return model.sites.id[o.site[i]] + "/" + o.exclusive_group_name[i]; };
  std::map<std::string, model::Index> taken;
  for (model::Index i = 0; i < o.size(); ++i) {
    if (L.option_decided[i] >= 0) {
      taken.emplace(group_key(i), i);
    }
  }

  // Limits, created when first used: (item, year index) → index into p.limits.
  const auto& inf = model.infrastructure;
  std::map<std::pair<model::Index, int>, std::size_t> limit_of;
  auto limit = [&](model::Index item, int y) {
    auto [it, fresh] = limit_of.try_emplace({item, y}, p.limits.size());
    if (fresh) {
      const double used = L.infrastructure_used[static_cast<std::size_t>(item) * static_cast<std::size_t>(years) +
                                                static_cast<std::size_t>(y)];
      // simulate() never overfills a ledger; clip its rounding residue.
      const double left = std::max(0.0, in.capacity(item, y) - used);
      const bool store = inf.kind[item] == model::InfrastructureKind::co2_storage;
      p.limits.push_back({inf.id[item], inf.id[item], store ? "t/yr" : "MW", in.start_year + y, left});
    }
    return it->second;
  };

  // 2. Deals and their projects.
  for (const auto& d : deals) {
    const std::size_t deal_index = p.deals.size();
    p.deals.push_back({d.id, d.company, d.realisation, d.max_support_eur, d.basis, d.committed, d.in_parts});
    // A committed deal was decided when signed (history); a new one from the first open year.
    const int deal_first = d.committed && d.committed_year > 0 ? std::max(in.start_year, d.committed_year) : first;
    const int deal_last = d.committed && d.committed_year > 0 ? deal_first : p.target_year;
    for (const auto i : d.options) {
      const auto site = o.site[i];
      if (L.option_decided[i] >= 0) {
        p.excluded.push_back({o.id[i], model::is_committed(o.status[i])
                                           ? committed_reason(o, i)
                                           : fmt::format("the ETS/levy make it happen without support (decided {})",
                                                         in.start_year + L.option_decided[i])});
        continue;
      }
      // An option whose exclusive group the levy-only run has filled can still be supported as a
      // replacement: it then adds only the tonnes beyond the option it displaces, must make up
      // the NPV the company gives up, and must be decided no later than the displaced one was.
      model::Index displaced = model::kNone;
      if (auto it = taken.find(group_key(i)); it != taken.end()) {
        displaced = it->second;
      }
      // Target-year tonnes: how much lower the site's emissions are with the project at full
      // output instead of the option it displaces, the site's other options as the levy-only run
      // has them (options add up at a site, docs/model.md; production included).
      const double tonnes = L.emissions(site, target) - sim::site_emissions_with(model, in, L, target, i, displaced);
      if (!(tonnes > 0)) {
        p.excluded.push_back({o.id[i], displaced == model::kNone
                                           ? (in.activity(site, target) > 0 ? std::string("it does not reduce emissions")
                                                                            : fmt::format("its site is closed by {}", p.target_year))
                                           : fmt::format("it reduces no more than {}, adopted under the ETS/levy in its "
                                                         "exclusive group",
                                                         o.id[displaced])});
        continue;
      }
      const auto cluster = model.sites.cluster[site];
      const double grid_need = o.grid_need_mw[i];
      const double h2_need = hydrogen_mw(o, i);
      const double store_need = o.co2_stored_t[i];
      const auto grid = grid_need > 0 ? serving(inf, model::InfrastructureKind::grid, cluster) : model::kNone;
      const auto h2 = h2_need > 0 ? serving(inf, model::InfrastructureKind::hydrogen, cluster) : model::kNone;
      std::vector<model::Index> stores;
      if (store_need > 0) {
        if (!o.co2_stores[i].empty()) {
          stores = o.co2_stores[i];
        } else {
          for (model::Index s = 0; s < inf.size(); ++s) {
            if (inf.kind[s] == model::InfrastructureKind::co2_storage &&
                std::find(inf.clusters[s].begin(), inf.clusters[s].end(), cluster) != inf.clusters[s].end()) {
              stores.push_back(s);
            }
          }
        }
      }
      if ((grid_need > 0 && grid == model::kNone) || (h2_need > 0 && h2 == model::kNone) ||
          (store_need > 0 && stores.empty())) {
        p.excluded.push_back({o.id[i], "no infrastructure item serves its cluster for a need it has"});
        continue;
      }
      if (stores.empty()) {
        stores.push_back(model::kNone);
      }
      // What the displaced option holds in the ledgers from its start; the replacement needs only
      // the excess on the same item (what it frees is not offered to others: conservative).
      std::vector<Need> freed;
      if (displaced != model::kNone) {
        freed = {{L.option_grid[displaced], o.grid_need_mw[displaced]},
                 {L.option_hydrogen[displaced], hydrogen_mw(o, displaced)},
                 {L.option_store[displaced], o.co2_stored_t[displaced]}};
      }
      auto need_in = [&](model::Index item, double amount, int y) {
        for (const auto& f : freed) {
          if (f.item == item && L.operating(displaced, y)) {
            amount -= f.amount;
          }
        }
        return std::max(0.0, amount);
      };

      ProjectCandidate pr;
      pr.id = o.id[i];
      pr.deal = deal_index;
      pr.tonnes_t = tonnes;
      pr.group = group_key(i);
      int earliest_start = std::numeric_limits<int>::max();
      const int last_decision = displaced != model::kNone ? in.start_year + L.option_decided[displaced] : deal_last;
      for (int year = std::max(in.start_year, deal_first); year <= std::min({p.target_year, deal_last, last_decision});
           ++year) {
        const int decided = year - in.start_year;
        const int start = std::max(decided + o.lead_time_yr[i], in.option_earliest_year[i] - in.start_year);
        earliest_start = std::min(earliest_start, start);
        if (start > target || start >= years) {
          continue;
        }
        const double threshold = in.response.npv_threshold_eur;
        double gap = threshold - option_value(model, in, ws, i, decided, start);
        if (displaced != model::kNone) {
          const int d_start = std::max(decided + o.lead_time_yr[displaced],
                                       in.option_earliest_year[displaced] - in.start_year);
          gap += std::max(0.0, option_value(model, in, ws, displaced, decided, d_start) - threshold);
        }
        gap = std::max(0.0, gap);
        std::vector<CashShare> cash;
        if (!d.payments.empty()) {
          double total = 0;
          for (const auto& [py, amount] : d.payments) {
            total += amount;
          }
          // A committed deal pays as scheduled; a new one's schedule moves with its decision year.
          const int shift = d.committed ? 0 : year - d.payments.front().first;
          for (const auto& [py, amount] : d.payments) {
            cash.push_back({py + shift, total > 0 ? amount / total : 1.0 / static_cast<double>(d.payments.size())});
          }
        } else {
          cash = even_cash(year, in.start_year + start - 1);
        }
        for (const auto store : stores) {
          Alternative a;
          a.decision_year = year;
          a.start_year = in.start_year + start;
          a.gap_eur = gap;
          a.cash = cash;
          for (int y = start; y <= target; ++y) {
            for (const auto& [item, amount] : {std::pair{grid, grid_need}, std::pair{h2, h2_need}, std::pair{store, store_need}}) {
              if (item != model::kNone) {
                if (const double need = need_in(item, amount, y); need > 0) {
                  a.uses.push_back({limit(item, y), need});
                }
              }
            }
          }
          if (store != model::kNone) {
            a.note = "CO2 to " + inf.id[store];
          }
          if (displaced != model::kNone) {
            a.note += (a.note.empty() ? "" : "; ") + std::string("replaces ") + o.id[displaced];
          }
          pr.alternatives.push_back(std::move(a));
        }
      }
      if (pr.alternatives.empty()) {
        p.excluded.push_back({o.id[i], displaced != model::kNone && deal_first > last_decision
                                           ? fmt::format("{} takes its exclusive group under the ETS/levy, decided {}",
                                                         o.id[displaced], last_decision)
                                           : fmt::format("it cannot operate by {}: earliest start {}", p.target_year,
                                                         in.start_year + earliest_start)});
        continue;
      }
      b.project_option.push_back(i);
      p.projects.push_back(std::move(pr));
    }
  }
  // Committed projects no deal names (company_deals leaves them out) are listed too, so every
  // announced project is a candidate or excluded with a reason.
  for (model::Index i = 0; i < o.size(); ++i) {
    if (o.kind[i] == model::OptionKind::project && model::is_committed(o.status[i]) &&
        std::none_of(deals.begin(), deals.end(), [&](const DealInput& d) {
          return std::find(d.options.begin(), d.options.end(), i) != d.options.end();
        })) {
      p.excluded.push_back({o.id[i], committed_reason(o, i)});
    }
  }

  // 3. SME applications: eligibility and grant by the round's own rules with no budget limit, so
  // every application is decided on its merits alone — including the rule's own refusals (a MOOI
  // round's points threshold, a phases round's EUR/t ceiling), which no budget can lift.
  if (sme.round != nullptr) {
    model::Round open = *sme.round;
    open.budget_eur = std::numeric_limits<double>::infinity();
    open.fence_eur.fill(0);  // fences are budget too
    const auto alloc = analysis::allocate_round(open, sme.applications);
    b.application_tonnes_t.assign(sme.applications.size(), 0.0);
    std::size_t not_eligible = 0, free_riders = 0, late = 0, history = 0;
    for (std::size_t k = 0; k < alloc.awards.size(); ++k) {
      const auto& a = alloc.awards[k];
      const int start = a.submitted_year + sme.delay_yr;
      const int end = start + static_cast<int>(std::ceil(a.lifetime_yr));  // exclusive, as sme_contribution
      const bool operating = start <= p.target_year && p.target_year < end;
      const bool additional = a.npv_without_aid_eur < 0;
      if (operating && additional) {
        b.application_tonnes_t[k] = sme.realisation_rate * a.reduction_t_per_yr;
      }
      if (!a.eligible) {
        ++not_eligible;
        continue;
      }
      if (!additional) {
        ++free_riders;
        continue;
      }
      if (!operating) {
        ++late;
        continue;
      }
      if (a.submitted_year < options.as_of_year) {
        ++history;  // decided before the as-of year: history, not a choice
        continue;
      }
      SmeCandidate c;
      c.id = a.application_id;
      c.application = k;
      c.year = a.submitted_year;
      c.grant_eur = a.requested_grant_eur;
      c.gap_eur = -a.npv_without_aid_eur;
      c.cost_eur = std::min(c.grant_eur, c.gap_eur);
      c.tonnes_t = b.application_tonnes_t[k];
      c.cash = even_cash(c.year, c.year + std::max(0, sme.delay_yr - 1));
      if (c.cost_eur > 0 && c.tonnes_t > 0) {
        p.sme.push_back(std::move(c));
      }
    }
    p.notes.push_back(fmt::format(
        "SME round {}: {} applications, {} candidates; left out: {} not eligible, {} pay without aid (not "
        "additional), {} not operating in {}{}; realisation {:.2f}, operation {} years after submission",
        sme.round->id, sme.applications.size(), p.sme.size(), not_eligible, free_riders, late, p.target_year,
        history > 0 ? fmt::format(", {} submitted before the as-of year {}", history, options.as_of_year) : "",
        sme.realisation_rate, sme.delay_yr));
  }
  return b;
}

}  // namespace decarbfund::optimize
