#include "sim/sde.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "sim/economics.hpp"
#include "sim/response.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::sim {

double sde_subsidy_per_t(double base, double correction, double floor, double cap) {
  return std::min(cap, std::max(0.0, base - std::max(correction, floor)));
}

namespace {

double ets_saved(const model::Model& model, const Inputs& in, model::Index i, int k) {
  const auto& ets = in.prices.ets_eur_per_t;
  const auto y = static_cast<std::size_t>(std::clamp(k, 0, static_cast<int>(ets.size()) - 1));
  return model.sites.in_ets[model.options.site[i]] != 0 ? ets[y] : 0.0;
}

/// The correction amount per tonne for an option awarded from its first year, in year index k:
/// the CO2 price its tonnes save (ETS where the site is in it) plus what its energy costs less
/// than at award, (energy cost(first year) − energy cost(k)) ÷ tonnes: the market value of what it
/// avoids moves with the scenario's energy and CO2 prices, the base amount does not.
/// `operating_start_eur` and `operating_eur` are option_operating_cost() in the first year and in k.
double correction_per_t(const model::Model& model, const Inputs& in, model::Index i, double operating_start_eur,
                        double operating_eur, int k) {
  const double tonnes = -in.option_delta_emissions_t[i];
  const double energy = tonnes > 0 ? (operating_start_eur - operating_eur) / tonnes : 0.0;
  return ets_saved(model, in, i, k) + energy;
}

/// sde_offer() but for its obligation (0 here; sde_obligation() gives it), written into `offer`
/// field by field (the round writes straight into its queue: a whole SdeOffer returned by value
/// and copied was a third of the round's cycles, its stores stalling the wider loads of the copy).
/// false, `offer` unspecified, when the option does not apply. `operating()` gives the option's
/// operating cost in its first year, and `capital(years)` its option_capital_cost over `years`,
/// asked for only once the option is known to apply.
template <class Operating, class Capital>
bool sde_rate(const model::Model& model, const Inputs& in, model::Index i, int y, int start, Operating&& operating,
              Capital&& capital, SdeOffer& offer) {
  const auto& sde = in.sde;
  if (!sde.enabled || y < 0 || static_cast<std::size_t>(y) >= sde.round_budget_eur.size() ||
      sde.round_budget_eur[static_cast<std::size_t>(y)] <= 0 || i >= sde.option_category.size()) {
    return false;
  }
  const auto category = sde.option_category[i];
  const double tonnes = -in.option_delta_emissions_t[i];
  if (category == model::kNone || tonnes <= 0) {
    return false;
  }
  const double operating_eur = operating();
  offer.option = i;
  offer.start = start;
  // PBL's base amount method: the investment is earned back over the subsidy term, not the
  // technical lifetime (a base amount covers the gap of a reference installation in its term).
  const auto& o = model.options;
  const double recovery_yr = std::min(static_cast<double>(sde.term_yr[category]), o.lifetime_yr[i]);
  offer.base_eur_per_t = (capital(recovery_yr) + operating_eur) / tonnes;
  if (const double max_base = sde.max_base_eur_per_t[category]; !std::isnan(max_base)) {
    offer.base_eur_per_t = std::min(offer.base_eur_per_t, max_base);
  }
  // correction_per_t in the first year (tonnes > 0 here).
  offer.correction_eur_per_t = correction_per_t(model, in, i, operating_eur, operating_eur, start);
  offer.floor_eur_per_t = sde.floor_share[category] * std::max(0.0, offer.correction_eur_per_t);
  const auto k = static_cast<std::size_t>(y);
  offer.cap_eur_per_t = sde.in_fence[category] != 0 ? sde.round_fence_cap_eur_per_t[k] : sde.round_cap_eur_per_t[k];
  offer.intensity_eur_per_t =
      std::min(offer.cap_eur_per_t, std::max(0.0, offer.base_eur_per_t - offer.correction_eur_per_t));
  if (offer.intensity_eur_per_t <= 0) {
    return false;  // the CO2 price covers its cost: it needs no subsidy and does not apply
  }
  offer.term_yr = sde.term_yr[category];
  offer.obligation_eur = 0;
  return true;
}

/// The offer's obligation: tonnes a year as the site produces in its first year, given the options
/// it has so far, at the most the award can pay per tonne, over the term.
double sde_obligation(const model::Model& model, const Inputs& in, const Workspace& ws, const SdeOffer& offer) {
  const double tonnes_yr = marginal_reduction_t(model, in, ws, offer.option) *
                           in.activity(model.options.site[offer.option], offer.start);
  return std::min(offer.cap_eur_per_t, std::max(0.0, offer.base_eur_per_t - offer.floor_eur_per_t)) * tonnes_yr *
         offer.term_yr;
}

/// Bit for bit (a NaN equals itself, −0 differs from +0: the offers' bits follow their inputs').
template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
}  // namespace

bool same_sde_offers(const Inputs& a, const Inputs& b) {
  const auto& s = a.sde;
  const auto& t = b.sde;
  const auto& p = a.prices;
  const auto& q = b.prices;
  return a.start_year == b.start_year && a.end_year == b.end_year && s.enabled == t.enabled &&
         same_bits(s.round_budget_eur, t.round_budget_eur) && same_bits(s.round_cap_eur_per_t, t.round_cap_eur_per_t) &&
         same_bits(s.round_fence_cap_eur_per_t, t.round_fence_cap_eur_per_t) && same_bits(s.term_yr, t.term_yr) &&
         same_bits(s.floor_share, t.floor_share) && same_bits(s.in_fence, t.in_fence) &&
         same_bits(s.max_base_eur_per_t, t.max_base_eur_per_t) && same_bits(s.option_category, t.option_category) &&
         same_bits(p.ets_eur_per_t, q.ets_eur_per_t) && same_bits(p.gas_eur_per_gj, q.gas_eur_per_gj) &&
         same_bits(p.electricity_eur_per_gj, q.electricity_eur_per_gj) &&
         same_bits(p.hydrogen_eur_per_gj, q.hydrogen_eur_per_gj) &&
         same_bits(p.biomass_eur_per_gj, q.biomass_eur_per_gj) &&
         same_bits(p.co2_transport_storage_eur_per_t, q.co2_transport_storage_eur_per_t) &&
         same_bits(a.option_capex_eur, b.option_capex_eur) &&
         same_bits(a.option_delta_emissions_t, b.option_delta_emissions_t) &&
         same_bits(a.response.hurdle_rate, b.response.hurdle_rate);
}

SdeOffer sde_offer(const model::Model& model, const Inputs& in, const Workspace& ws, model::Index i, int y,
                   int start) {
  SdeOffer offer;
  if (!sde_rate(
          model, in, i, y, start, [&] { return option_operating_cost(model.options, in, i, start); },
          [&](double years) { return option_capital_cost(in, i, years); }, offer)) {
    return SdeOffer{};
  }
  offer.obligation_eur = sde_obligation(model, in, ws, offer);
  return offer;
}

namespace detail {

namespace {
bool ranks_before(const Workspace::SdeRank& a, const Workspace::SdeRank& b) {
  return a.intensity_eur_per_t != b.intensity_eur_per_t ? a.intensity_eur_per_t < b.intensity_eur_per_t
                                                        : a.option < b.option;
}

/// Sorts ranks [first, last) into ranking order. (Through a lambda, which the sort inlines:
/// through the function's pointer, each comparison was a call, a sixth of the round.)
template <class It>
void sort_ranks(It first, It last) {
  std::sort(first, last, [](const Workspace::SdeRank& a, const Workspace::SdeRank& b) { return ranks_before(a, b); });
}

/// Writes the n ranks rank(0) … rank(n − 1) to out[0, n): those with an intensity of at most
/// `stage` to the front, in order, the rest to the back, in reverse order; returns how many went to
/// the front. Without a branch per rank (which side a rank falls on is a coin toss the CPU
/// mispredicts).
template <class Rank>
std::size_t split_ranks(std::size_t n, double stage, Rank&& rank, Workspace::SdeRank* out) {
  std::size_t front = 0, back = n;
  for (std::size_t k = 0; k < n; ++k) {
    const Workspace::SdeRank r = rank(k);
    const bool in_stage = r.intensity_eur_per_t <= stage;
    out[in_stage ? front : back - 1] = r;
    front += in_stage ? 1 : 0;
    back -= in_stage ? 0 : 1;
  }
  return front;
}

/// The next stage's limit: twice this one's (NaN, 0 or a negative limit does not double: the
/// rest at once).
void widen_sde_stage(Workspace& ws) {
  const double limit = ws.sde_stage_eur_per_t_;
  ws.sde_stage_eur_per_t_ = limit > 0 ? 2 * limit : std::numeric_limits<double>::infinity();
}

/// Sorts the offers not yet sorted whose intensity is at most ws.sde_stage_eur_per_t_ (all of them
/// at +inf) into place after the sorted ones, widening the stage until it holds one, unless none
/// is left.
void sort_sde_stage(Workspace& ws) {
  constexpr double kAll = std::numeric_limits<double>::infinity();
  const auto begin = ws.sde_rank_.begin() + static_cast<std::ptrdiff_t>(ws.sde_sorted_);
  auto end = ws.sde_rank_.end();
  for (; ws.sde_stage_eur_per_t_ < kAll; widen_sde_stage(ws)) {
    // Split through a scratch list. The order within each side is not kept, as std::partition's
    // is not: the stage is sorted next, and the rest before any of it is walked.
    auto& scratch = ws.sde_rank_scratch_;
    const auto n = static_cast<std::size_t>(ws.sde_rank_.end() - begin);
    scratch.resize(n);
    const std::size_t front =
        split_ranks(n, ws.sde_stage_eur_per_t_, [&](std::size_t k) { return begin[static_cast<std::ptrdiff_t>(k)]; },
                    scratch.data());
    std::copy(scratch.begin(), scratch.end(), begin);
    end = begin + static_cast<std::ptrdiff_t>(front);
    if (end != begin) {
      break;
    }
    end = ws.sde_rank_.end();
  }
  sort_ranks(begin, end);
  ws.sde_sorted_ = static_cast<std::size_t>(end - ws.sde_rank_.begin());
}
}  // namespace

void open_sde_round(const model::Model& model, const Inputs& in, Workspace& ws, int y) {
  ws.sde_queue_.clear();
  ws.sde_rank_.clear();
  ws.sde_sorted_ = 0;
  ws.sde_next_ = 0;
  if (!in.sde.enabled) {
    return;
  }
  ws.sde_budget_left_ = in.sde.round_budget_eur[static_cast<std::size_t>(y)];
  // An offer depends on the option, the year and the inputs but the package (its start follows
  // from them), not on the run's history: a set-up kept for the next run keeps its offers
  // (Workspace::remember_sde_offers), its obligation made at award (award_sde).
  const bool remember = !ws.sde_offer_memo_.empty();
  const std::size_t row = static_cast<std::size_t>(y) * model.options.size();
  for (auto& c : ws.candidates_) {
    const std::size_t slot = row + c.option;
    if (remember && ws.sde_offer_set_up_[slot] == ws.set_up_number_ && ws.sde_offer_memo_[slot].start == c.start) {
      if (const auto& kept = ws.sde_offer_memo_[slot]; kept.option != model::kNone) {
        ws.sde_queue_.push_back(kept);
      }
      continue;
    }
    auto& offer = ws.sde_queue_.emplace_back();
    const auto capital = [&](double years) {
      return detail::remembered_capital_cost(in, ws, c.option, years, CapitalOver::sde_term);
    };
    const bool applies = sde_rate(
        model, in, c.option, y, c.start, [&] { return detail::candidate_operating_eur(model, in, c); }, capital, offer);
    if (remember) {
      auto& kept = ws.sde_offer_memo_[slot];
      kept = applies ? offer : SdeOffer{};
      kept.start = c.start;
      ws.sde_offer_set_up_[slot] = ws.set_up_number_;
    }
    if (!applies) {
      ws.sde_queue_.pop_back();
    }
  }
  // Ranked as small keys; each offer stays where it was written. Sorted in stages: first the
  // offers up to where the last round closed, then, if the round gets that far, those up to twice
  // that, and so on. Every key of a later stage ranks after every key of an earlier one, so the
  // order is the whole sort's. All at once when a key is NaN, which no partition orders, or
  // without screening. The keys are written already split on the first stage, which saves that
  // stage's pass over them.
  constexpr double kAll = std::numeric_limits<double>::infinity();
  const std::size_t n = ws.sde_queue_.size();
  const double stage = ws.screening ? ws.sde_reach_eur_per_t_ : kAll;
  const auto rank = [&](std::size_t k) {
    return Workspace::SdeRank{ws.sde_queue_[k].intensity_eur_per_t, ws.sde_queue_[k].option,
                              static_cast<model::Index>(k)};
  };
  ws.sde_rank_.resize(n);
  const std::size_t front = split_ranks(n, stage, rank, ws.sde_rank_.data());
  const bool nan = std::any_of(ws.sde_queue_.begin(), ws.sde_queue_.end(),
                               [](const SdeOffer& offer) { return std::isnan(offer.intensity_eur_per_t); });
  if (nan) {  // in candidate order, one stage
    for (std::size_t k = 0; k < n; ++k) {
      ws.sde_rank_[k] = rank(k);
    }
    ws.sde_stage_eur_per_t_ = kAll;
    sort_sde_stage(ws);
    return;
  }
  ws.sde_stage_eur_per_t_ = stage;
  if (front == 0 && n > 0) {
    widen_sde_stage(ws);  // (the first stage is empty: on from the next)
    sort_sde_stage(ws);
    return;
  }
  sort_ranks(ws.sde_rank_.begin(), ws.sde_rank_.begin() + static_cast<std::ptrdiff_t>(front));
  ws.sde_sorted_ = front;
}

const SdeOffer* next_sde_offer(Workspace& ws) {
  if (ws.sde_next_ == ws.sde_sorted_) {
    if (ws.sde_sorted_ == ws.sde_rank_.size()) {
      return nullptr;
    }
    widen_sde_stage(ws);
    sort_sde_stage(ws);
  }
  return &ws.sde_queue_[ws.sde_rank_[ws.sde_next_++].slot];
}

void close_sde_round(Workspace& ws, const SdeOffer* refused) {
  ws.sde_reach_eur_per_t_ = refused != nullptr ? refused->intensity_eur_per_t : std::numeric_limits<double>::infinity();
}

bool award_sde(const model::Model& model, const Inputs& in, Workspace& ws, const SdeOffer& offer, int y) {
  const auto group = model.options.exclusive_group[offer.option];
  if (ws.sde_group_year_[group] == y) {
    return true;  // one application per section: its cheaper alternative holds this round's award
  }
  // Nothing is adopted during the round, so the site's options are those it had at ranking.
  const double obligation = sde_obligation(model, in, ws, offer);
  if (obligation > ws.sde_budget_left_) {
    return false;
  }
  ws.sde_budget_left_ -= obligation;
  ws.sde_group_year_[group] = y;
  ws.sde_award_year_[offer.option] = y;
  ws.sde_award_[offer.option] = offer;
  ws.sde_award_[offer.option].obligation_eur = obligation;
  return true;
}

namespace {
/// Award i's subsidy per tonne in each year index k of [start, end), into ws.sde_subsidy_[k]:
/// sde_subsidy_per_t at correction_per_t(…, k), with the term's operating costs
/// in one call (an award's NPV and its payments both ask for every year of the term). With
/// `reuse`, what the last call wrote for the same option and years is taken as it is: record_sde
/// follows add_sde_premium for the same candidate and award (decide()); any other call writes.
const double* sde_subsidies(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int start,
                            int end, bool reuse) {
  double* subsidy = ws.sde_subsidy_.data();
  auto& kept = ws.sde_subsidy_for_;
  if (reuse && kept.option == i && kept.start == start && kept.end == end) {
    return subsidy;
  }
  kept = {i, start, end};
  if (end <= start) {
    return subsidy;
  }
  const auto& a = ws.sde_award_[i];
  option_operating_costs(model.options, in, i, start, end, subsidy + start);
  const double operating_start = subsidy[start];
  for (int k = start; k < end; ++k) {
    const auto t = static_cast<std::size_t>(k);
    subsidy[t] = sde_subsidy_per_t(a.base_eur_per_t, correction_per_t(model, in, i, operating_start, subsidy[t], k),
                                   a.floor_eur_per_t, a.cap_eur_per_t);
  }
  return subsidy;
}
}  // namespace

bool add_sde_premium(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int y, int start,
                     int life_end) {
  if (ws.sde_award_year_[i] != y) {
    return false;
  }
  const int end = std::min(life_end, start + ws.sde_award_[i].term_yr);
  const double* subsidy = sde_subsidies(model, in, ws, i, start, end, false);
  for (int k = start; k < end; ++k) {
    ws.co2_value_[static_cast<std::size_t>(k)] += subsidy[k];
  }
  return true;
}

void record_sde(const model::Model& model, const Inputs& in, Workspace& ws, model::Index i, int y, int start,
                double avoided_t, int life_end) {
  if (ws.sde_award_year_[i] != y) {
    return;
  }
  const auto& a = ws.sde_award_[i];
  auto& out = ws.out_;
  double paid = 0;
  const int end = std::min(life_end, start + a.term_yr);
  const double* subsidy = sde_subsidies(model, in, ws, i, start, end, true);
  for (int k = start; k < end; ++k) {
    paid += subsidy[k] * avoided_t * ws.scale_[static_cast<std::size_t>(k)];
  }
  out.option_sde_eur[i] = paid;
  out.option_sde_obligation_eur[i] = a.obligation_eur;
  out.sde_committed_eur[static_cast<std::size_t>(y)] += a.obligation_eur;
}

}  // namespace detail

}  // namespace decarbfund::sim
