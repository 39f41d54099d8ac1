#include "sim/response.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "sim/economics.hpp"
#include "sim/levy_expectation.hpp"
#include "sim/npv_bound.hpp"
#include "sim/sde.hpp"

namespace decarbfund::sim::detail {

namespace {

constexpr double kRoomTolerance = 1e-9;

std::size_t at(std::size_t row, int years, int y) {
  return row * static_cast<std::size_t>(years) + static_cast<std::size_t>(y);
}

/// Whether contract c is option i's to use: its site's contract, or its deal's reservation while
/// the deal delivers under the package.
bool holds(const model::Model& model, const Inputs& in, std::size_t c, model::Index i) {
  const auto& contract = in.contracts[c];
  if (contract.deal != model::kNone) {
    return in.package_enabled && in.option_deal[i] == contract.deal && in.deal_delivers(i);
  }
  return contract.site == model.options.site[i];
}

/// What is left of item `infra` in year index y to an option holding the contracts `held(k)` says
/// it holds (k indexes ws.infra_contract_): their unused capacity plus the item's unused open
/// capacity (docs/model.md "Infrastructure ledgers").
template <class Held>
double available_by(const Inputs& in, const Workspace& ws, model::Index infra, int y, Held held) {
  const int years = in.years();
  double room = in.open(infra, y) - ws.open_used_[at(infra, years, y)];
  for (auto k = ws.infra_contract_begin_[infra]; k < ws.infra_contract_begin_[infra + 1]; ++k) {
    if (held(k)) {
      const auto c = ws.infra_contract_[k];
      room += in.contracted(c, y) - ws.contract_used_[at(c, years, y)];
    }
  }
  return room;
}

/// Whether item `infra`'s contracts fit a held_contracts() mask (at most 64 of them).
bool held_contracts_fit(const Workspace& ws, model::Index infra) {
  return ws.infra_contract_begin_[infra + 1] - ws.infra_contract_begin_[infra] <= 64;
}

/// Which of item `infra`'s contracts option i holds: bit k − begin for ws.infra_contract_[k].
std::uint64_t held_contracts(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i,
                             model::Index infra) {
  const auto begin = ws.infra_contract_begin_[infra], end = ws.infra_contract_begin_[infra + 1];
  std::uint64_t mask = 0;
  for (auto k = begin; k < end; ++k) {
    mask |= static_cast<std::uint64_t>(holds(model, in, ws.infra_contract_[k], i)) << (k - begin);
  }
  return mask;
}

/// Whether `need` fits for option i in item `infra` in every year it is relied on.
bool has_room(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i,
              model::Index infra, int start, double need) {
  const int last = ws.last_relied_[at(infra, in.years(), start)];
  const auto begin = ws.infra_contract_begin_[infra];
  const auto fits_every_year = [&](auto held) {
    for (int y = start; y <= last; ++y) {
      if (need > available_by(in, ws, infra, y, held) + kRoomTolerance) {
        return false;
      }
    }
    return true;
  };
  if (!held_contracts_fit(ws, infra)) {
    return fits_every_year([&](std::size_t k) { return holds(model, in, ws.infra_contract_[k], i); });
  }
  // Which contracts option i holds does not change with the year: found once, as a mask.
  const std::uint64_t mask = held_contracts(model, in, ws, i, infra);
  if (mask == 0) {
    // Open room only, whose least value over the years is kept (update_open_room). The same
    // answer as the loop: x ↦ x + tolerance rounds monotonically, so need exceeds some year's
    // room + tolerance iff it exceeds the least room + tolerance; a NaN year passes in both.
    return !(need > ws.open_room_min_[at(infra, in.years(), start)] + kRoomTolerance);
  }
  return fits_every_year([&](std::size_t k) { return ((mask >> (k - begin)) & 1U) != 0; });
}

/// Takes `need` of item `infra` for option i in every year it is relied on: from the contracts it
/// holds first, then from the open capacity.
void reserve(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, model::Index infra,
             int start, double need) {
  const int years = in.years();
  const int last = ws.last_relied_[at(infra, in.years(), start)];
  const auto begin = ws.infra_contract_begin_[infra], end = ws.infra_contract_begin_[infra + 1];
  // As has_room: which contracts it holds is the same every year (found once where it fits a mask;
  // without one, the open capacity takes it all, as the loop over no held contract would).
  const bool masked = held_contracts_fit(ws, infra);
  const std::uint64_t mask = masked ? held_contracts(model, in, ws, i, infra) : 0;
  for (int y = start; y <= last; ++y) {
    double left = need;
    if (!masked || mask != 0) {
      for (auto k = begin; k < end && left > 0; ++k) {
        const auto c = ws.infra_contract_[k];
        if (masked ? ((mask >> (k - begin)) & 1U) != 0 : holds(model, in, c, i)) {
          auto& used = ws.contract_used_[at(c, years, y)];
          const double take = std::min(left, std::max(0.0, in.contracted(c, y) - used));
          used += take;
          left -= take;
        }
      }
    }
    ws.open_used_[at(infra, years, y)] += left;
    ws.out_.infrastructure_used[at(infra, years, y)] += need;
  }
  update_open_room(in, ws, infra);
}

/// The items option i would use from year index `start`, or the one that blocks it.
struct Ledgers {
  model::Index grid = model::kNone, h2 = model::kNone, store = model::kNone;
  model::Index blocked = model::kNone;
  bool ok = true;
};

Ledgers find_room(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i, int start) {
  const auto& o = model.options;
  const auto site = o.site[i];
  Ledgers l;
  if (o.grid_need_mw[i] > 0) {
    l.grid = ws.site_grid_[site];
    if (l.grid == model::kNone || !has_room(model, in, ws, i, l.grid, start, o.grid_need_mw[i])) {
      l.ok = false;
      l.blocked = l.grid;
      return l;
    }
  }
  if (const double h2 = ws.option_hydrogen_mw_[i]; h2 > 0) {
    l.h2 = ws.site_hydrogen_[site];
    if (l.h2 == model::kNone || !has_room(model, in, ws, i, l.h2, start, h2)) {
      l.ok = false;
      l.blocked = l.h2;
      return l;
    }
  }
  if (o.co2_stored_t[i] > 0) {
    const auto& named = o.co2_stores[i];
    const auto& stores = named.empty() ? ws.cluster_stores_[model.sites.cluster[site]] : named;
    for (auto s : stores) {
      if (has_room(model, in, ws, i, s, start, o.co2_stored_t[i])) {
        l.store = s;
        break;
      }
      l.blocked = s;
    }
    l.ok = l.store != model::kNone;
  }
  return l;
}

/// Forgets every remembered expected levy price (a new decision year).
void forget_all_levy_prices(Workspace& ws) {
  ++ws.levy_epoch_;
  ws.levy_pool_epoch_.fill(ws.levy_epoch_);
}

/// Records option i as adopted in decision year index `decided`, operating from `start`.
void adopt(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int decided, int start,
           const Ledgers& l, Instrument instrument, double support) {
  const auto& o = model.options;
  auto& out = ws.out_;
  const auto site = o.site[i];
  const int years = in.years();
  // The levy's projection sees the tonnes this option removes, given the site's other options.
  const double removed = marginal_reduction_t(model, in, ws, i);
  out.option_decided[i] = decided;
  out.option_start[i] = start;
  // Into the site's adopted options, keeping index order (simulate.cpp sums them in that order).
  auto* adopted = ws.site_adopted_.data() + model.sites.option_begin[site];
  auto slot = ws.site_adopted_count_[site]++;
  for (; slot > 0 && adopted[slot - 1] > i; --slot) {
    adopted[slot] = adopted[slot - 1];
  }
  adopted[slot] = i;
  out.option_support_eur[i] = support;
  out.option_instrument[i] = instrument;
  out.option_grid[i] = l.grid;
  out.option_hydrogen[i] = l.h2;
  out.option_store[i] = l.store;
  out.option_blocked_by[i] = model::kNone;
  out.support_outlay_eur[static_cast<std::size_t>(decided)] += support;
  ws.group_taken_[o.exclusive_group[i]] = 1;
  if (l.grid != model::kNone) {
    reserve(model, in, ws, i, l.grid, start, o.grid_need_mw[i]);
  }
  if (l.h2 != model::kNone) {
    reserve(model, in, ws, i, l.h2, start, ws.option_hydrogen_mw_[i]);
  }
  if (l.store != model::kNone) {
    reserve(model, in, ws, i, l.store, start, o.co2_stored_t[i]);
  }
  add_to_site(model, in, ws, i);
  const auto pool = dpr_pool(in.levy, model.sites.levy_category[site]);
  if (pool != DprPool::none) {
    const auto p = static_cast<std::size_t>(pool);
    for (int k = start; k < years; ++k) {
      ws.projected_pool_t_[at(p, years, k)] -= removed * in.activity(site, k);
    }
    forget_levy_prices(ws, pool);
  }
}

/// Whether option i belongs to a deal that delivers in this run, with the package on: it goes ahead
/// whatever its NPV, the package paying its gap up to the deal's cap (decide()).
bool deal_holds(const Inputs& in, model::Index i) { return in.package_enabled && in.deal_delivers(i); }

/// Whether the package may pay option i's funding gap when its NPV falls short: it has a support
/// cap and is not in a deal that falls through (decide()).
bool package_may_pay_gap(const Inputs& in, model::Index i) {
  return in.package_enabled && in.option_max_support_eur[i] > 0 && !in.deal_fails(i);
}

/// Whether option i is committed in this run: past FID, and — for a deal's project, which the
/// lot's package pays for — only where the package is on and the deal delivers.
bool committed_here(const Inputs& in, model::Index i) {
  if (in.option_committed_start[i] < 0) {
    return false;
  }
  return in.option_deal[i] == model::kNone || deal_holds(in, i);
}

}  // namespace

double hydrogen_mw(const model::Options& o, model::Index i) {
  const double hours = o.full_load_hours[i] > 0 ? o.full_load_hours[i] : 8000.0;
  return std::max(0.0, o.delta_hydrogen_gj[i]) / 3.6 / hours;
}

double expected_levy_price(const Inputs& in, const Workspace& ws, model::LevyCategory category,
                           DprPool pool, int decided, int y) {
  if (pool == DprPool::none) {
    return 0.0;
  }
  const int years = in.years();
  const int yc = std::min(y, years - 1);
  const auto p = static_cast<std::size_t>(pool);
  const double rate = ws.rate_[at(static_cast<std::size_t>(category), years, yc)];
  if (rate <= 0) {
    return 0.0;
  }
  return rate * chance_pool_short(ws.projected_pool_t_[at(p, years, yc)], ws.pool_dpr_t_[at(p, years, yc)],
                                  in.levy_balance_sigma, y - decided + 1);
}

void forget_levy_prices(Workspace& ws, DprPool pool) {
  ws.levy_pool_epoch_[static_cast<std::size_t>(pool)] = ++ws.levy_epoch_;
}

double remembered_levy_price(const Inputs& in, Workspace& ws, model::LevyCategory category, DprPool pool,
                             int decided, int k) {
  if (pool == DprPool::none) {
    return expected_levy_price(in, ws, category, pool, decided, k);  // 0: not liable
  }
  const std::size_t slot = static_cast<std::size_t>(category) * ws.co2_value_.size() + static_cast<std::size_t>(k);
  if (ws.levy_price_stamp_[slot] < ws.levy_pool_epoch_[static_cast<std::size_t>(pool)]) {
    ws.levy_price_memo_[slot] = expected_levy_price(in, ws, category, pool, decided, k);
    ws.levy_price_stamp_[slot] = ws.levy_epoch_;
  }
  return ws.levy_price_memo_[slot];
}

void update_open_room(const Inputs& in, Workspace& ws, model::Index infra) {
  // Backwards over the years: the least room from y to the last year relied on from y, which ends
  // a stretch of years (list_closures): at that year the minimum starts afresh.
  const int years = in.years();
  double least = std::numeric_limits<double>::infinity();
  for (int y = years - 1; y >= 0; --y) {
    const auto k = at(infra, years, y);
    if (ws.last_relied_[k] == y) {
      least = std::numeric_limits<double>::infinity();
    }
    const double room = in.open(infra, y) - ws.open_used_[k];
    if (room < least) {  // false for NaN: a NaN year never blocks (as in has_room's loop)
      least = room;
    }
    ws.open_room_min_[k] = least;
  }
}

double remembered_capital_cost(const Inputs& in, Workspace& ws, model::Index i, double years, CapitalOver over) {
  double& slot = ws.capital_eur_per_yr_[2 * static_cast<std::size_t>(i) + static_cast<std::size_t>(over)];
  if (std::isnan(slot)) {
    slot = option_capital_cost(in, i, years);
  }
  return slot;
}

double candidate_operating_eur(const model::Model& model, const Inputs& in, Workspace::Candidate& c) {
  if (std::isnan(c.operating_eur)) {
    c.operating_eur = option_operating_cost(model.options, in, c.option, c.start);
  }
  return c.operating_eur;
}

void list_closures(const model::Model& model, const Inputs& in, Workspace& ws) {
  // A closure is capacity back to 0 after having been positive (e.g. Porthos after its 15 years);
  // what happens after it — a move to a successor store — is not modelled: the option keeps
  // operating (docs/model.md, "Infrastructure ledgers").
  const int years = in.years();
  for (model::Index k = 0; k < model.infrastructure.size(); ++k) {
    int last = years - 1;
    for (int y = years - 1; y >= 0; --y) {
      ws.last_relied_[at(k, years, y)] = last;
      if (y >= 1 && in.capacity(k, y) <= 0 && in.capacity(k, y - 1) > 0) {
        last = y - 1;  // a closure in y ends what starts before it
      }
    }
  }
}

void adopt_committed(const model::Model& model, const Inputs& in, Workspace& ws) {
  const auto& o = model.options;
  const int years = in.years();
  for (model::Index i = 0; i < o.size(); ++i) {
    if (!committed_here(in, i) || ws.group_taken_[o.exclusive_group[i]]) {
      continue;
    }
    // Its stated first year, or the first year its infrastructure has room (a delayed store).
    for (int start = std::min(in.option_committed_start[i], years - 1); start < years; ++start) {
      const auto l = find_room(model, in, ws, i, start);
      if (l.ok) {
        adopt(model, in, ws, i, std::max(0, start - o.lead_time_yr[i]), start, l, Instrument::committed, 0.0);
        break;
      }
      ws.out_.option_blocked_by[i] = l.blocked;
    }
  }
}

namespace {
/// The least NPV with which option i can be adopted (the screens' target): the threshold, less
/// the package's cap where the package may pay its funding gap (decide() below).
double needed_npv(const Inputs& in, model::Index i) {
  return in.response.npv_threshold_eur - (package_may_pay_gap(in, i) ? in.option_max_support_eur[i] : 0.0);
}

/// run_npv_bound of option i, computed once per set-up (SetUp::kept_but_package keeps them).
double run_bound(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int first_start) {
  if (ws.run_bound_known_[i] == 0) {
    ws.run_bound_eur_[i] = run_npv_bound(model, in, ws, i, first_start);
    ws.run_bound_known_[i] = 1;
  }
  return ws.run_bound_eur_[i];
}
}  // namespace

void list_run_options(const model::Model& model, const Inputs& in, Workspace& ws) {
  const auto& o = model.options;
  const int first_decision = std::max(0, in.response.decision_from_year - in.start_year);
  ws.run_options_.clear();
  for (model::Index i = 0; i < o.size(); ++i) {
    if (in.option_delta_emissions_t[i] >= 0 || (in.option_needs_package[i] && !in.package_enabled) ||
        committed_here(in, i)) {
      continue;
    }
    // A delivering deal's option is adopted whatever its NPV. An option that may apply for SDE++
    // stays listed (the round sees every candidate, and an award adds to its value) but, without
    // an award, is dropped by its flag.
    const int first_start = std::max(first_decision + o.lead_time_yr[i], in.option_earliest_year[i] - in.start_year);
    const bool hopeless = ws.screening && !deal_holds(in, i) &&
                          below_in_run(ws, run_bound(model, in, ws, i, first_start), needed_npv(in, i));
    ws.run_hopeless_[i] = hopeless ? 1 : 0;
    const bool sde_may_apply =
        in.sde.enabled && i < in.sde.option_category.size() && in.sde.option_category[i] != model::kNone;
    if (!hopeless || sde_may_apply) {
      ws.run_options_.push_back(i);
    }
  }
}

bool package_may_pay_any(const model::Model& model, const Inputs& in, const Workspace& ws) {
  if (!in.package_enabled) {
    return false;
  }
  for (const auto i : ws.run_options_) {
    if (ws.out_.option_decided[i] < 0 && ws.group_taken_[model.options.exclusive_group[i]] == 0 &&
        (deal_holds(in, i) || package_may_pay_gap(in, i))) {
      return true;
    }
  }
  return false;
}

void decide(const model::Model& model, const Inputs& in, Workspace& ws, int y) {
  const auto& o = model.options;
  const auto& sites = model.sites;
  auto& out = ws.out_;
  const int years = in.years();
  const double threshold = in.response.npv_threshold_eur;

  ws.candidates_.clear();
  forget_all_levy_prices(ws);
  open_bound_year(in, ws, y);
  for (const auto i : ws.run_options_) {
    if (out.option_decided[i] >= 0 || ws.group_taken_[o.exclusive_group[i]]) {
      continue;
    }
    const int start = std::max(y + o.lead_time_yr[i], in.option_earliest_year[i] - in.start_year);
    if (start >= years) {
      continue;
    }
    // A site that produces nothing from the option's first year (closures.csv) has nothing to
    // abate: no firm invests there, and no support can make it (it would buy no tonnes).
    if (in.activity(o.site[i], start) <= 0) {
      continue;
    }
    // (Its EUR/t, and the operating cost in it, are needed only if it survives the screening
    // below or applies for SDE++.)
    ws.candidates_.push_back({0.0, i, start, std::numeric_limits<double>::quiet_NaN()});
  }
  // SDE++'s round of the year (sde.cpp): applications ranked on subsidy intensity under
  // industry's budget; a project applies only with its grid and storage room (RVO asks for a
  // transport indication or storage contract).
  detail::open_sde_round(model, in, ws, y);
  const SdeOffer* offer = nullptr;
  while ((offer = detail::next_sde_offer(ws)) != nullptr) {
    if (find_room(model, in, ws, offer->option, offer->start).ok && !award_sde(model, in, ws, *offer, y)) {
      break;
    }
  }
  detail::close_sde_round(ws, offer);

  // Screening (npv_bound.hpp): drop the candidates whose NPV provably stays below what they need —
  // the threshold, or the threshold less the package's cap where the package may pay the gap. An
  // SDE++ award this year or a delivering deal keeps an option in. The SDE++ round above ranks on
  // its own key, so it sees every candidate either way.
  const auto screened = std::remove_if(ws.candidates_.begin(), ws.candidates_.end(), [&](const Workspace::Candidate& c) {
    const auto i = c.option;
    if (!ws.screening || deal_holds(in, i) || ws.sde_award_year_[i] == y) {
      return false;
    }
    if (ws.run_hopeless_[i] != 0) {
      return true;  // (list_run_options: below what it needs in every decision year of the run)
    }
    return cannot_reach(model, in, ws, i, y, c.start, marginal_reduction_t(model, in, ws, i), needed_npv(in, i));
  });
  ws.candidates_.erase(screened, ws.candidates_.end());
  for (auto& c : ws.candidates_) {
    c.cost_per_t = option_cost_per_t(
        in, c.option, remembered_capital_cost(in, ws, c.option, o.lifetime_yr[c.option], CapitalOver::lifetime),
        candidate_operating_eur(model, in, c));
  }
  // Cheapest EUR/t first (DESIGN §4.2). A deal's infrastructure priority is the capacity the state
  // arranges for it (its reservations, contracts added by apply_deals), not a place at the head of
  // the queue for what others would use: so a deal never takes a cheaper project's grid or storage
  // (issue 13; docs/model.md "Infrastructure ledgers").
  std::sort(ws.candidates_.begin(), ws.candidates_.end(), [](const Workspace::Candidate& a, const Workspace::Candidate& b) {
    return a.cost_per_t != b.cost_per_t ? a.cost_per_t < b.cost_per_t : a.option < b.option;
  });
  for (const auto& c : ws.candidates_) {
    const auto i = c.option;
    if (ws.group_taken_[o.exclusive_group[i]]) {
      continue;
    }
    // Screening, too: an option an item blocked before, and the same item blocks again, ends this
    // year as it was whether or not it pays (it would record that item again, or nothing), so its
    // NPV is not needed. Nothing below touches the ledgers before they are asked, so the answer
    // holds for the option further on. (Options that pay but find no room were a fifth of the NPVs
    // of a Monte Carlo draw, most of them blocked again year after year.)
    std::optional<Ledgers> room;
    if (ws.screening && out.option_blocked_by[i] != model::kNone) {
      room = find_room(model, in, ws, i, c.start);
      if (!room->ok && room->blocked == out.option_blocked_by[i]) {
        continue;
      }
    }
    const auto site = o.site[i];
    const auto category = sites.levy_category[site];
    const auto pool = dpr_pool(in.levy, category);
    const bool in_ets = sites.in_ets[site] != 0;
    const int life_end = std::min(static_cast<int>(ws.co2_value_.size()),
                                  c.start + ws.option_life_[i] + 1);
    // What it removes given the site's options so far, and how production and ramp-up scale that
    // (and its energy use) per year.
    const double avoided = marginal_reduction_t(model, in, ws, i);
    for (int k = c.start; k < life_end; ++k) {
      ws.scale_[static_cast<std::size_t>(k)] =
          in.activity(site, k) * (k == c.start ? in.response.first_year_output_share : 1.0);
    }

    // NPV with the ETS price only, then with the levy's expected marginal price on top: the
    // difference says which instrument made the option pay (attribution within a run). The
    // ETS-only NPV is needed only for an option that is adopted (or has no levy), so it is
    // computed then, from its own copy of the ETS values (the same bits either way).
    for (int k = c.start; k < life_end; ++k) {
      ws.ets_value_[static_cast<std::size_t>(k)] = in_ets ? in.prices.ets_eur_per_t[static_cast<std::size_t>(k)] : 0.0;
    }
    const auto ets_npv = [&] { return option_npv(o, in, i, y, c.start, ws.ets_value_, avoided, ws.scale_); };
    double npv = 0;
    double npv_ets = std::numeric_limits<double>::quiet_NaN();
    if (pool != DprPool::none) {
      for (int k = c.start; k < life_end; ++k) {
        ws.co2_value_[static_cast<std::size_t>(k)] =
            ws.ets_value_[static_cast<std::size_t>(k)] + remembered_levy_price(in, ws, category, pool, y, k);
      }
      npv = option_npv(o, in, i, y, c.start, ws.co2_value_, avoided, ws.scale_);
    } else {
      std::copy(ws.ets_value_.begin() + c.start, ws.ets_value_.begin() + life_end, ws.co2_value_.begin() + c.start);
      npv_ets = ets_npv();
      npv = npv_ets;
    }
    const double npv_levy = npv;
    // An SDE++ award counts in the NPV; the package pays only what is left (stacking, sde.hpp).
    if (add_sde_premium(model, in, ws, i, y, c.start, life_end)) {
      npv = option_npv(o, in, i, y, c.start, ws.co2_value_, avoided, ws.scale_);
    }
    const double npv_sde = npv;
    double support = 0.0;
    // A deal that delivers is a contract (docs/deals.md, "Deals in the outlook"): its projects go
    // ahead once the infrastructure has room, whatever their NPV; the package pays the funding gap
    // up to the deal's cap and the company carries the rest, as it signed up to.
    const bool committed = deal_holds(in, i);
    if (committed) {
      support = std::min(std::max(0.0, threshold - npv), in.option_max_support_eur[i]);
    } else if (npv < threshold && package_may_pay_gap(in, i)) {
      // Otherwise (projects without a deal) the package pays the gap only when it fits under the
      // cap; a deal that falls through pays nothing (its options may still pay on their own).
      const double gap = threshold - npv;  // the funding gap at the scenario's prices
      if (gap <= in.option_max_support_eur[i]) {
        support = gap;
        npv = threshold;
      }
    }
    if (npv < threshold && !committed) {
      continue;
    }

    // Infrastructure ledgers, filled in merit order within the year (DESIGN §4.2). An option that
    // finds no room leaves its group open: the next option of the group in the merit order, this
    // year or later, may take it (re-choice, docs/model.md).
    const auto l = room ? *room : find_room(model, in, ws, i, c.start);
    if (!l.ok) {
      out.option_blocked_by[i] = l.blocked;
      continue;
    }
    // (A lean run attributes nothing: simulate.hpp Accounting.)
    if (std::isnan(npv_ets) && ws.attribute_) {
      npv_ets = ets_npv();
    }
    const Instrument instrument = !ws.attribute_       ? Instrument::none
                                  : npv_ets >= threshold  ? Instrument::ets
                                  : npv_levy >= threshold ? Instrument::levy
                                  : npv_sde >= threshold  ? Instrument::sde
                                                          : Instrument::package;
    record_sde(model, in, ws, i, y, c.start, avoided, life_end);
    adopt(model, in, ws, i, y, c.start, l, instrument, support);
  }
}

}  // namespace decarbfund::sim::detail
