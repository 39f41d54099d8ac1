#include "sim/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <ranges>
#include <span>

#include "sim/npv_bound.hpp"
#include "sim/response.hpp"

namespace decarbfund::sim {

namespace {

std::size_t at(std::size_t row, int years, int y) {
  return row * static_cast<std::size_t>(years) + static_cast<std::size_t>(y);
}

/// The first infrastructure item of `kind` serving `cluster`, or kNone.
model::Index serving(const model::Infrastructure& inf, model::InfrastructureKind kind,
                     model::Index cluster) {
  for (model::Index i = 0; i < inf.size(); ++i) {
    if (inf.kind[i] == kind &&
        std::find(inf.clusters[i].begin(), inf.clusters[i].end(), cluster) != inf.clusters[i].end()) {
      return i;
    }
  }
  return model::kNone;
}

/// Share of its full effect option i has in year index y (docs/model.md "Ramp-up"): 0 before its
/// first operating year, the ramp-up share in it, 1 after.
double output_share(const Inputs& in, const Outcome& out, model::Index i, int y) {
  const int start = out.option_start[i];
  if (start < 0 || start > y) {
    return 0.0;
  }
  return start == y ? in.response.first_year_output_share : 1.0;
}

/// Site s's emissions in year index y (docs/model.md "Options that add up"):
///   E = A · (E0 − Σ_section ρ·(−Δ)) · Π_remaining (1 − ρ·f),   f = −Δ / E0,
/// with ρ = share(i), option i's share of its full effect. `clamped` receives what section
/// options would have cut beyond the site's emissions.
/// `options` are the site's options that may have a share, in index order (all of them, or the
/// adopted ones: the others have none).
template <class Options, class Share>
double site_emissions_by(const model::Model& model, const Inputs& in, model::Index s, int y, const Options& options,
                         Share share, double& clamped) {
  const auto& o = model.options;
  const double e0 = in.site_base_emissions_t[s];
  double cut = 0, keep = 1;
  for (const model::Index i : options) {
    const double rho = share(i);
    if (rho <= 0) {
      continue;
    }
    const double removed = -in.option_delta_emissions_t[i];
    if (o.acts_on[i] == model::ActsOn::section) {
      cut += rho * removed;
    } else if (e0 > 0) {
      keep *= 1.0 - rho * std::min(1.0, removed / e0);
    }
  }
  clamped = 0;
  if (cut > e0) {
    clamped = (cut - e0) * in.activity(s, y);
    cut = e0;
  }
  return in.activity(s, y) * (e0 - cut) * keep;
}

/// The options of site s, in index order.
auto site_options(const model::Model& model, model::Index s) {
  return std::views::iota(model.sites.option_begin[s], model.sites.option_begin[s + 1]);
}

/// Step 5's emissions for year index y (the lean run's whole accounting): per site from the
/// options operating, their total, and what was clamped.
void account_emissions(const model::Model& model, const Inputs& in, Workspace& ws, int y) {
  auto& out = ws.out_;
  const int years = in.years();
  double total = 0;
  double clamped_total = 0;
  for (model::Index s = 0; s < model.sites.size(); ++s) {
    double clamped = 0;
    // Over the site's adopted options only (scanning all of them every year was a twentieth of a
    // Monte Carlo draw): the same shares in the same order.
    const auto adopted = std::span(ws.site_adopted_).subspan(model.sites.option_begin[s], ws.site_adopted_count_[s]);
    const double e = site_emissions_by(
        model, in, s, y, adopted, [&](model::Index i) { return output_share(in, out, i, y); }, clamped);
    clamped_total += clamped;
    out.emissions_t[at(s, years, y)] = e;
    total += e;
  }
  out.total_emissions_t[static_cast<std::size_t>(y)] = total;
  out.clamped_t[static_cast<std::size_t>(y)] = clamped_total;
}

/// Step 4 for year index y: emissions from the options operating (account_emissions, so a lean
/// run and a full run agree on every emission), DPRs and the market. The levy is settled from
/// these per site after the last year, with carry-back (simulate()).
void account_year(const model::Model& model, const Inputs& in, Workspace& ws, int y) {
  const auto& sites = model.sites;
  auto& out = ws.out_;
  const int years = in.years();
  const int year = in.start_year + y;
  account_emissions(model, in, ws, y);
  for (model::Index s = 0; s < sites.size(); ++s) {
    const auto category = sites.levy_category[s];
    ws.year_emissions_[s] = out.emissions_t[at(s, years, y)];
    // The DPR basis moves with production (actual activity level, policy.md §8.4).
    ws.year_dpr_[s] = dpr_allocation(in.levy, category, year, in.site_dpr_basis_t[s] * in.activity(s, y));
    ws.year_rate_[s] = ws.rate_[at(static_cast<std::size_t>(category), years, y)];
    out.dpr_allocated_t[at(s, years, y)] = ws.year_dpr_[s];
  }
  const DprMarketInput market{sites.levy_category, ws.year_emissions_, ws.year_dpr_, ws.year_rate_, {}};
  const auto clearing = clear_dpr_market(in.levy, market, ws.year_bought_, ws.year_sold_);
  for (std::size_t p = 0; p < kDprPoolCount; ++p) {
    out.dpr_price_eur_per_t[at(p, years, y)] = clearing.pool[p].price_eur_per_t;
  }
  for (model::Index s = 0; s < sites.size(); ++s) {
    out.dpr_bought_t[at(s, years, y)] = ws.year_bought_[s];
    out.dpr_sold_t[at(s, years, y)] = ws.year_sold_[s];
  }
}

}  // namespace

Workspace::Workspace(const model::Model& model, const Inputs& in) {
  const auto sites = model.sites.size();
  const auto options = model.options.size();
  const auto years = static_cast<std::size_t>(in.years());
  out_.start_year = in.start_year;
  out_.years = in.years();
  for (auto* v : {&out_.emissions_t, &out_.dpr_allocated_t, &out_.dpr_bought_t, &out_.dpr_sold_t,
                  &out_.levy_eur, &out_.refund_eur}) {
    v->assign(sites * years, 0.0);
  }
  out_.dpr_price_eur_per_t.assign(kDprPoolCount * years, 0.0);
  out_.total_emissions_t.assign(years, 0.0);
  out_.clamped_t.assign(years, 0.0);
  out_.levy_revenue_eur.assign(years, 0.0);
  out_.support_outlay_eur.assign(years, 0.0);
  out_.sde_committed_eur.assign(years, 0.0);
  out_.option_sde_obligation_eur.assign(options, 0.0);
  out_.option_sde_eur.assign(options, 0.0);
  sde_queue_.reserve(options);
  sde_rank_.reserve(options);
  sde_rank_scratch_.reserve(options);
  option_life_.resize(options);
  option_hydrogen_mw_.resize(options);
  for (model::Index i = 0; i < options; ++i) {
    option_life_[i] = static_cast<int>(std::lround(model.options.lifetime_yr[i]));
    option_hydrogen_mw_[i] = detail::hydrogen_mw(model.options, i);
  }
  last_relied_.assign(model.infrastructure.size() * years, 0);
  // The bound's buffers (npv_bound.cpp fills them per run and per decision year).
  const std::size_t span = years + static_cast<std::size_t>(kPriceTail) + 1;
  bound_prefix_.assign(detail::kBoundSeries * span, 0.0);
  bound_levy_prefix_.assign(model::kLevyCategoryCount * span, 0.0);
  bound_levy_year_.assign(model::kLevyCategoryCount, -1);
  bound_levy_end_.assign(model::kLevyCategoryCount, 0);
  activity_low_.assign(sites * years, 0.0);
  activity_high_.assign(sites * years, 0.0);
  ranged_activity_.reserve(sites * years);  // empty: no ranges yet
  bound_suffix_low_.assign(detail::kBoundSeries * (span - 1), 0.0);
  bound_suffix_high_.assign(detail::kBoundSeries * (span - 1), 0.0);
  rate_high_.assign(model::kLevyCategoryCount * years, 0.0);
  const int longest = options == 0 ? 1 : *std::max_element(option_life_.begin(), option_life_.end());
  discount_sum_.assign(static_cast<std::size_t>(std::clamp(longest, 1, detail::kLongestScreenedLife)) + 1, 0.0);
  run_options_.reserve(options);
  run_hopeless_.assign(options, 0);
  run_bound_eur_.assign(options, 0.0);
  run_bound_known_.assign(options, 0);
  capital_eur_per_yr_.assign(2 * options, std::numeric_limits<double>::quiet_NaN());
  sde_award_year_.assign(options, -1);
  sde_award_.assign(options, SdeOffer{});
  sde_group_year_.assign(model.options.exclusive_group_count, -1);
  out_.option_decided.assign(options, -1);
  out_.option_start.assign(options, -1);
  out_.option_instrument.assign(options, Instrument::none);
  out_.option_support_eur.assign(options, 0.0);
  for (auto* v : {&out_.option_grid, &out_.option_store, &out_.option_hydrogen, &out_.option_blocked_by}) {
    v->assign(options, model::kNone);
  }
  out_.infrastructure_used.assign(model.infrastructure.size() * years, 0.0);
  candidates_.reserve(options);
  group_taken_.assign(model.options.exclusive_group_count, 0);
  site_cut_t_.assign(sites, 0.0);
  site_keep_.assign(sites, 1.0);
  site_adopted_.assign(options, model::kNone);
  site_adopted_count_.assign(sites, 0);
  infra_contract_begin_.assign(model.infrastructure.size() + 1, 0);
  infra_contract_next_.assign(model.infrastructure.size(), 0);
  infra_contract_.reserve(in.contracts.size());
  open_used_.assign(model.infrastructure.size() * years, 0.0);
  open_room_min_.assign(model.infrastructure.size() * years, 0.0);
  contract_used_.assign(in.contracts.size() * years, 0.0);
  projected_pool_t_.assign(kDprPoolCount * years, 0.0);
  projected_pool_start_t_.assign(kDprPoolCount * years, 0.0);
  pool_dpr_t_.assign(kDprPoolCount * years, 0.0);
  rate_.assign(model::kLevyCategoryCount * years, 0.0);
  year_pool_.assign(model::kLevyCategoryCount * years, DprPool::none);
  year_dpr_factors_.assign(model::kLevyCategoryCount * years, DprFactors{});
  co2_value_.assign(years + static_cast<std::size_t>(kPriceTail), 0.0);
  ets_value_.assign(co2_value_.size(), 0.0);
  levy_price_memo_.assign(model::kLevyCategoryCount * co2_value_.size(), 0.0);
  levy_price_stamp_.assign(levy_price_memo_.size(), 0);  // older than every epoch
  scale_.assign(years + static_cast<std::size_t>(kPriceTail), 1.0);
  sde_subsidy_.assign(scale_.size(), 0.0);
  for (auto* v : {&year_emissions_, &year_dpr_, &year_rate_, &year_bought_, &year_sold_}) {
    v->assign(sites, 0.0);
  }
  levy_years_.assign(years, LevyYear{});
  const auto& inf = model.infrastructure;
  site_grid_.resize(sites);
  site_hydrogen_.resize(sites);
  for (model::Index s = 0; s < sites; ++s) {
    site_grid_[s] = serving(inf, model::InfrastructureKind::grid, model.sites.cluster[s]);
    site_hydrogen_[s] = serving(inf, model::InfrastructureKind::hydrogen, model.sites.cluster[s]);
  }
  cluster_stores_.resize(model.clusters.size());
  for (model::Index i = 0; i < inf.size(); ++i) {
    if (inf.kind[i] == model::InfrastructureKind::co2_storage) {
      for (auto c : inf.clusters[i]) {
        cluster_stores_[c].push_back(i);
      }
    }
  }
}

void Workspace::remember_sde_offers() {
  sde_offer_memo_.assign(static_cast<std::size_t>(out_.years) * out_.option_decided.size(), SdeOffer{});
  sde_offer_set_up_.assign(sde_offer_memo_.size(), 0);
}

bool Workspace::fits(const Inputs& in) const {
  return out_.start_year == in.start_year && out_.years == in.years() &&
         contract_used_.size() == in.contracts.size() * static_cast<std::size_t>(in.years());
}

void simulate(const model::Model& model, const Inputs& in, Workspace& ws, int last_year, Accounting accounting,
              SetUp set_up) noexcept {
  const auto& sites = model.sites;
  auto& out = ws.out_;
  const int years = in.years();
  // Years actually run (all of them unless last_year ends the run early).
  const int run_years = std::clamp(last_year - in.start_year + 1, 0, years);

  // Reset the outcome (a workspace is reused across draws). A lean run leaves the levy columns
  // alone once they are 0: it never writes them (Monte Carlo would zero ~0.5 MB per draw for
  // nothing).
  const bool full = accounting == Accounting::full;
  if (full || ws.levy_written_) {
    for (auto* v : {&out.dpr_allocated_t, &out.dpr_bought_t, &out.dpr_sold_t, &out.levy_eur, &out.refund_eur,
                    &out.dpr_price_eur_per_t, &out.levy_revenue_eur}) {
      std::fill(v->begin(), v->end(), 0.0);
    }
    ws.levy_written_ = full;
  }
  ws.attribute_ = full;
  // A run whose caller reads only the yearly totals leaves each site's emissions of the years it
  // does not account as they were (simulate.hpp Accounting): zeroing them was 200 kB a Monte
  // Carlo draw.
  if (accounting == Accounting::full || accounting == Accounting::emissions) {
    std::fill(out.emissions_t.begin(), out.emissions_t.end(), 0.0);
  }
  for (auto* v : {&out.total_emissions_t, &out.support_outlay_eur, &out.option_support_eur,
                  &out.sde_committed_eur, &out.option_sde_obligation_eur, &out.option_sde_eur,
                  &out.infrastructure_used, &out.clamped_t, &ws.site_cut_t_, &ws.open_used_, &ws.contract_used_}) {
    std::fill(v->begin(), v->end(), 0.0);
  }
  std::fill(out.option_decided.begin(), out.option_decided.end(), -1);
  std::fill(out.option_start.begin(), out.option_start.end(), -1);
  std::fill(out.option_instrument.begin(), out.option_instrument.end(), Instrument::none);
  for (auto* v : {&out.option_grid, &out.option_store, &out.option_hydrogen, &out.option_blocked_by}) {
    std::fill(v->begin(), v->end(), model::kNone);
  }
  std::fill(ws.group_taken_.begin(), ws.group_taken_.end(), 0);
  std::fill(ws.sde_award_year_.begin(), ws.sde_award_year_.end(), -1);
  std::fill(ws.sde_group_year_.begin(), ws.sde_group_year_.end(), -1);
  ws.sde_subsidy_for_.option = model::kNone;
  std::fill(ws.site_keep_.begin(), ws.site_keep_.end(), 1.0);
  std::fill(ws.site_adopted_count_.begin(), ws.site_adopted_count_.end(), 0);

  // Each item's contracts, so the ledgers scan only those (response.cpp).
  const auto items = model.infrastructure.size();
  // (No allocation: the workspace holds room for the contracts of the inputs it was sized with.)
  std::fill(ws.infra_contract_begin_.begin(), ws.infra_contract_begin_.end(), std::size_t{0});
  for (const auto& c : in.contracts) {
    ++ws.infra_contract_begin_[static_cast<std::size_t>(c.infra) + 1];
  }
  for (std::size_t k = 0; k < items; ++k) {
    ws.infra_contract_begin_[k + 1] += ws.infra_contract_begin_[k];
  }
  ws.infra_contract_.resize(in.contracts.size());
  std::copy(ws.infra_contract_begin_.begin(), ws.infra_contract_begin_.end() - 1, ws.infra_contract_next_.begin());
  for (std::size_t c = 0; c < in.contracts.size(); ++c) {
    ws.infra_contract_[ws.infra_contract_next_[static_cast<std::size_t>(in.contracts[c].infra)]++] = c;
  }

  detail::list_closures(model, in, ws);
  for (model::Index k = 0; k < items; ++k) {
    detail::update_open_room(in, ws, k);
  }

  // Levy rates per category and year; each pool's DPRs and its liable emissions if nothing
  // changes (what firms project when they value the levy, response.cpp). Every cell is written. A
  // set-up kept from the last run (the same inputs but the package) has them already; the
  // projections only need the adoptions of that run undone.
  const bool keep = set_up == SetUp::kept_but_package && ws.set_up_for_ == &in;
  if (!keep) {
    for (int y = 0; y < years; ++y) {
      const int year = in.start_year + y;
      const double ets_last_year = in.prices.ets_eur_per_t[static_cast<std::size_t>(std::max(0, y - 1))];
      const double reference = ets_reference_price(in.levy, year, ets_last_year);
      for (std::size_t c = 0; c < model::kLevyCategoryCount; ++c) {
        const auto category = static_cast<model::LevyCategory>(c);
        ws.rate_[at(c, years, y)] = levy_rate(in.levy, category, year, reference);
        // Each category's pool and DPR factors, looked up once per year rather than per site.
        ws.year_pool_[at(c, years, y)] =
            levy_applies(in.levy, category, year) ? dpr_pool(in.levy, category) : DprPool::none;
        ws.year_dpr_factors_[at(c, years, y)] = dpr_factors(in.levy, category, year);
      }
    }
    // Each pool's liable emissions and DPRs per year: every site's terms added to its pool's cell,
    // in site order (so the bits of a sum per cell), site by site over a row of its activity. (Year
    // by year over the sites, each site's terms added to both pools' sums, +0.0 to the other's,
    // was a twentieth of a Monte Carlo draw's instructions.)
    std::fill(ws.projected_pool_t_.begin(), ws.projected_pool_t_.end(), 0.0);
    std::fill(ws.pool_dpr_t_.begin(), ws.pool_dpr_t_.end(), 0.0);
    // A category's years fall in stretches of one pool each (the levy starts, or a category changes
    // pool, in a few years at most); over a stretch the terms go to consecutive cells, a loop the
    // compiler vectorises (each cell's sum keeps its order: one term per site).
    for (model::Index s = 0; s < sites.size(); ++s) {
      const auto c = static_cast<std::size_t>(sites.levy_category[s]);
      const double base = in.site_base_emissions_t[s], basis = in.site_dpr_basis_t[s];
      const double* activity = in.site_activity.data() + at(s, years, 0);
      const DprPool* pool = ws.year_pool_.data() + at(c, years, 0);
      const DprFactors* factors = ws.year_dpr_factors_.data() + at(c, years, 0);
      for (int from = 0, to = 0; from < years; from = to) {
        const auto p = static_cast<std::size_t>(pool[from]);
        for (to = from + 1; to < years && pool[to] == pool[from]; ++to) {
        }
        if (p >= kDprPoolCount) {
          continue;  // DprPool::none
        }
        // (= in.emissions_before_options(s, y) and dpr_allocation of the basis at that activity.)
        double* projected = ws.projected_pool_t_.data() + at(p, years, 0);
        double* dprs = ws.pool_dpr_t_.data() + at(p, years, 0);
        for (int y = from; y < to; ++y) {
          projected[y] += base * activity[y];
          dprs[y] += dpr_allocation(factors[y], basis * activity[y]);
        }
      }
    }
  }

  if (keep) {
    std::copy(ws.projected_pool_start_t_.begin(), ws.projected_pool_start_t_.end(), ws.projected_pool_t_.begin());
  } else {
    std::copy(ws.projected_pool_t_.begin(), ws.projected_pool_t_.end(), ws.projected_pool_start_t_.begin());
  }

  // Committed projects first: they were decided before the outlook and hold their infrastructure.
  detail::adopt_committed(model, in, ws);
  if (!keep) {
    detail::prepare_npv_bounds(model, in, ws);
    std::fill(ws.run_bound_known_.begin(), ws.run_bound_known_.end(), 0);
    std::fill(ws.capital_eur_per_yr_.begin(), ws.capital_eur_per_yr_.end(),
              std::numeric_limits<double>::quiet_NaN());
    // A new number for the set-up, so no offer remembered from another is taken (sde.cpp), unless
    // the caller found the offers the same; after 2^32 set-ups the numbers start again, the
    // remembered offers forgotten.
    if (set_up != SetUp::fresh_but_offers && ++ws.set_up_number_ == 0) {
      std::fill(ws.sde_offer_set_up_.begin(), ws.sde_offer_set_up_.end(), 0U);
      ws.set_up_number_ = 1;
    }
  }
  detail::check_levy_bounded(ws);
  detail::list_run_options(model, in, ws);
  ws.set_up_for_ = &in;

  // The decision years that can change an emission the caller reads (Accounting::target_total,
  // path_and_outlay): those from which some option of the run could operate by the last year run.
  const bool target_only = accounting == Accounting::target_total;
  const bool outlay_only_late = accounting == Accounting::path_and_outlay;
  int emission_years = run_years;
  if (target_only || outlay_only_late) {
    int least_lead = std::numeric_limits<int>::max();
    for (const auto i : ws.run_options_) {
      least_lead = std::min(least_lead, model.options.lead_time_yr[i]);
    }
    emission_years = least_lead > run_years ? 0 : std::clamp(run_years - least_lead, 0, run_years);
  }
  bool deciding = true;
  for (int y = 0; y < run_years; ++y) {
    if (y >= emission_years) {
      deciding = deciding && !target_only && (!outlay_only_late || detail::package_may_pay_any(model, in, ws));
    }
    if (deciding && in.start_year + y >= in.response.decision_from_year) {
      detail::decide(model, in, ws, y);
    }
    if (full) {
      account_year(model, in, ws, y);
    } else if (!target_only || y == run_years - 1) {
      account_emissions(model, in, ws, y);
    }
  }
  if (!full) {
    return;
  }

  // Each site's yearly accounts from what step 4 recorded (policy.md §1.3), carry-back over its
  // years (§1.7), then the yearly totals. One site's years at a time: a table of every site's
  // accounts was 1 MB of fresh pages per workspace (issue 21).
  for (model::Index s = 0; s < sites.size(); ++s) {
    std::span<LevyYear> site_years(ws.levy_years_.data(), static_cast<std::size_t>(run_years));
    const auto category = static_cast<std::size_t>(sites.levy_category[s]);
    for (int y = 0; y < run_years; ++y) {
      const auto k = at(s, years, y);
      site_years[static_cast<std::size_t>(y)] =
          levy_year(in.start_year + y, out.emissions_t[k], out.dpr_allocated_t[k], out.dpr_bought_t[k],
                    out.dpr_sold_t[k], ws.rate_[at(category, years, y)]);
    }
    if (in.levy.carry_back) {
      apply_carry_back(site_years);
    }
    for (int y = 0; y < run_years; ++y) {
      const auto& ly = site_years[static_cast<std::size_t>(y)];
      out.levy_eur[at(s, years, y)] = ly.levy_eur + ly.minimum_price_levy_eur;
      out.refund_eur[at(s, years, y)] = ly.refund_eur;
      out.levy_revenue_eur[static_cast<std::size_t>(y)] += ly.levy_eur + ly.minimum_price_levy_eur - ly.refund_eur;
    }
  }
}

double site_emissions_with(const model::Model& model, const Inputs& in, const Outcome& outcome, int y,
                           model::Index add, model::Index remove) {
  double clamped = 0;
  return site_emissions_by(
      model, in, model.options.site[add], y, site_options(model, model.options.site[add]),
      [&](model::Index i) { return i == add ? 1.0 : i == remove ? 0.0 : output_share(in, outcome, i, y); }, clamped);
}

double marginal_reduction_t(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i) {
  const auto s = model.options.site[i];
  const double removed = -in.option_delta_emissions_t[i];
  if (model.options.acts_on[i] == model::ActsOn::section) {
    return removed * ws.site_keep_[s];
  }
  const double e0 = in.site_base_emissions_t[s];
  return e0 > 0 ? std::min(1.0, removed / e0) * std::max(0.0, e0 - ws.site_cut_t_[s]) * ws.site_keep_[s] : 0.0;
}

void add_to_site(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i) {
  const auto site = model.options.site[i];
  const double removed = -in.option_delta_emissions_t[i];
  if (model.options.acts_on[i] == model::ActsOn::section) {
    ws.site_cut_t_[site] += removed;
  } else if (in.site_base_emissions_t[site] > 0) {
    ws.site_keep_[site] *= 1.0 - std::min(1.0, removed / in.site_base_emissions_t[site]);
  }
}

void option_reductions(const model::Model& model, const Inputs& in, const Outcome& outcome, int y,
                       std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  const auto& sites = model.sites;
  for (model::Index s = 0; s < sites.size(); ++s) {
    double alone = 0;
    for (auto i = sites.option_begin[s]; i < sites.option_begin[s + 1]; ++i) {
      out[i] = output_share(in, outcome, i, y) * -in.option_delta_emissions_t[i] * in.activity(s, y);
      alone += out[i];
    }
    if (alone <= 0) {
      continue;
    }
    const double reduction = in.emissions_before_options(s, y) - outcome.emissions(s, y);
    for (auto i = sites.option_begin[s]; i < sites.option_begin[s + 1]; ++i) {
      out[i] *= reduction / alone;
    }
  }
}

}  // namespace decarbfund::sim
