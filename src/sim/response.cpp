#include "sim/response.hpp"

#include <algorithm>
#include <cmath>

#include "sim/economics.hpp"

namespace decarbfund::sim::detail {

namespace {

constexpr double kRoomTolerance = 1e-9;

std::size_t at(int row, int years, int y) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(years) + static_cast<std::size_t>(y);
}

/// The last year index an option starting at `start` relies on item `infra`: the horizon, or the
/// year before the item closes (capacity back to 0 after having been positive, e.g. Porthos after
/// its 15 years). What happens after a closure — a move to a successor store — is not modelled:
/// the option keeps operating (docs/model.md, "Infrastructure ledgers").
int last_year_relied_on(const Inputs& in, model::Index infra, int start) {
  const int years = in.years();
  for (int y = start + 1; y < years; ++y) {
    if (in.capacity(infra, y) <= 0 && in.capacity(infra, y - 1) > 0) {
      return y - 1;
    }
  }
  return years - 1;
}

/// Whether `need` fits in infrastructure item `infra` in every year it is relied on.
bool has_room(const Inputs& in, const Workspace& ws, model::Index infra, int start, double need) {
  const int years = in.years();
  const int last = last_year_relied_on(in, infra, start);
  for (int y = start; y <= last; ++y) {
    if (ws.out_.infrastructure_used[at(static_cast<int>(infra), years, y)] + need >
        in.capacity(infra, y) + kRoomTolerance) {
      return false;
    }
  }
  return true;
}

void reserve(const Inputs& in, Workspace& ws, model::Index infra, int start, double need) {
  const int years = in.years();
  const int last = last_year_relied_on(in, infra, start);
  for (int y = start; y <= last; ++y) {
    ws.out_.infrastructure_used[at(static_cast<int>(infra), years, y)] += need;
  }
}

/// Hydrogen use as transport capacity: GJ/yr ÷ 3.6 = MWh/yr, ÷ full-load hours = MW.
double hydrogen_mw(const model::Options& o, model::Index i) {
  const double hours = o.full_load_hours[i] > 0 ? o.full_load_hours[i] : 8000.0;
  return std::max(0.0, o.delta_hydrogen_gj[i]) / 3.6 / hours;
}

}  // namespace

double expected_levy_price(const Inputs& in, const Workspace& ws, model::LevyCategory category,
                           DprPool pool, int y) {
  if (pool == DprPool::none) {
    return 0.0;
  }
  const int years = in.years();
  const int yc = std::min(y, years - 1);
  const auto p = static_cast<int>(pool);
  const bool shortage = ws.projected_pool_t_[at(p, years, yc)] > ws.pool_dpr_t_[at(p, years, yc)];
  return shortage ? ws.rate_[at(static_cast<int>(category), years, yc)] : 0.0;
}

void decide(const model::Model& model, const Inputs& in, Workspace& ws, int y) {
  const auto& o = model.options;
  const auto& sites = model.sites;
  auto& out = ws.out_;
  const int years = in.years();
  const double threshold = in.response.npv_threshold_eur;

  ws.candidates_.clear();
  for (model::Index i = 0; i < o.size(); ++i) {
    if (out.option_decided[i] >= 0 || ws.group_taken_[o.exclusive_group[i]] ||
        in.option_delta_emissions_t[i] >= 0 || (in.option_needs_package[i] && !in.package_enabled)) {
      continue;
    }
    const int start = std::max(y + o.lead_time_yr[i], in.option_earliest_year[i] - in.start_year);
    if (start >= years) {
      continue;
    }
    ws.candidates_.push_back({option_cost_per_t(o, in, i, start), i, start});
  }
  // Options of deals that deliver go first: infrastructure priority is part of what the state
  // gives in a maatwerk deal (policy.md §2.5); within each class, cheapest EUR/t first.
  const bool priority = in.package_enabled;
  std::sort(ws.candidates_.begin(), ws.candidates_.end(),
            [&in, priority](const Workspace::Candidate& a, const Workspace::Candidate& b) {
              const bool pa = priority && in.deal_delivers(a.option);
              const bool pb = priority && in.deal_delivers(b.option);
              if (pa != pb) {
                return pa;
              }
              return a.cost_per_t != b.cost_per_t ? a.cost_per_t < b.cost_per_t : a.option < b.option;
            });

  for (const auto& c : ws.candidates_) {
    const auto i = c.option;
    if (ws.group_taken_[o.exclusive_group[i]]) {
      continue;
    }
    const auto site = o.site[i];
    const auto category = sites.levy_category[site];
    const auto pool = dpr_pool(in.levy, category);
    const bool in_ets = category == model::LevyCategory::ets_industrial;
    const int life_end = std::min(static_cast<int>(ws.co2_value_.size()),
                                  c.start + static_cast<int>(std::lround(o.lifetime_yr[i])) + 1);

    // NPV with the ETS price only, then with the levy's expected marginal price on top: the
    // difference says which instrument made the option pay (attribution within a run).
    for (int k = c.start; k < life_end; ++k) {
      ws.co2_value_[static_cast<std::size_t>(k)] =
          in_ets ? in.prices.ets_eur_per_t[static_cast<std::size_t>(k)] : 0.0;
    }
    const double npv_ets = option_npv(o, in, i, y, c.start, ws.co2_value_);
    double npv = npv_ets;
    if (pool != DprPool::none) {
      for (int k = c.start; k < life_end; ++k) {
        ws.co2_value_[static_cast<std::size_t>(k)] += expected_levy_price(in, ws, category, pool, k);
      }
      npv = option_npv(o, in, i, y, c.start, ws.co2_value_);
    }
    const double npv_levy = npv;
    double support = 0.0;
    // A deal that delivers is a contract (docs/deals.md, "Deals in the outlook"): its projects go
    // ahead once the infrastructure has room, whatever their NPV; the package pays the funding gap
    // up to the deal's cap and the company carries the rest, as it signed up to.
    const bool committed = in.package_enabled && in.deal_delivers(i);
    if (committed) {
      support = std::min(std::max(0.0, threshold - npv), in.option_max_support_eur[i]);
    } else if (npv < threshold && in.package_enabled && in.option_max_support_eur[i] > 0 && !in.deal_fails(i)) {
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

    // Infrastructure ledgers, filled in merit order within the year (DESIGN §4.2).
    const double grid_need = o.grid_need_mw[i];
    const double h2_need = hydrogen_mw(o, i);
    const double store_need = o.co2_stored_t[i];
    model::Index grid = model::kNone;
    model::Index h2 = model::kNone;
    model::Index store = model::kNone;
    model::Index blocked = model::kNone;  // stays kNone when no item serves the cluster
    bool ok = true;
    if (grid_need > 0) {
      grid = ws.site_grid_[site];
      if (grid == model::kNone || !has_room(in, ws, grid, c.start, grid_need)) {
        ok = false;
        blocked = grid;
      }
    }
    if (ok && h2_need > 0) {
      h2 = ws.site_hydrogen_[site];
      if (h2 == model::kNone || !has_room(in, ws, h2, c.start, h2_need)) {
        ok = false;
        blocked = h2;
      }
    }
    if (ok && store_need > 0) {
      if (o.co2_store[i] != model::kNone) {
        if (has_room(in, ws, o.co2_store[i], c.start, store_need)) {
          store = o.co2_store[i];
        } else {
          blocked = o.co2_store[i];
        }
      } else {
        for (auto s : ws.cluster_stores_[sites.cluster[site]]) {
          if (has_room(in, ws, s, c.start, store_need)) {
            store = s;
            break;
          }
          blocked = s;
        }
      }
      ok = store != model::kNone;
    }
    if (!ok) {
      out.option_blocked_by[i] = blocked;
      continue;
    }

    // Adopt.
    out.option_decided[i] = y;
    out.option_start[i] = c.start;
    out.option_support_eur[i] = support;
    out.option_instrument[i] = npv_ets >= threshold    ? Instrument::ets
                               : npv_levy >= threshold ? Instrument::levy
                                                       : Instrument::package;
    out.option_grid[i] = grid;
    out.option_hydrogen[i] = h2;
    out.option_store[i] = store;
    out.option_blocked_by[i] = model::kNone;
    out.support_outlay_eur[static_cast<std::size_t>(y)] += support;
    ws.group_taken_[o.exclusive_group[i]] = 1;
    if (grid != model::kNone) {
      reserve(in, ws, grid, c.start, grid_need);
    }
    if (h2 != model::kNone) {
      reserve(in, ws, h2, c.start, h2_need);
    }
    if (store != model::kNone) {
      reserve(in, ws, store, c.start, store_need);
    }
    if (pool != DprPool::none) {
      const auto p = static_cast<int>(pool);
      for (int k = c.start; k < years; ++k) {
        ws.projected_pool_t_[at(p, years, k)] += in.option_delta_emissions_t[i];
      }
    }
  }
}

}  // namespace decarbfund::sim::detail
