#include "analysis/montecarlo_perturb.hpp"

#include <algorithm>
#include <cmath>

#include "core/distribution.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis {

namespace {

using PriceMember = std::vector<double> sim::PricePath::*;

/// The price column of sim::PricePath a prices.csv series scales, or nullptr when the outlook does
/// not read that series (SME prices; the stated ETS reference prices are history).
PriceMember price_member(model::PriceSeries s) {
  switch (s) {
    case model::PriceSeries::ets_eur_per_t: return &sim::PricePath::ets_eur_per_t;
    case model::PriceSeries::gas_industry_eur_per_gj: return &sim::PricePath::gas_eur_per_gj;
    case model::PriceSeries::electricity_industry_eur_per_mwh: return &sim::PricePath::electricity_eur_per_gj;
    case model::PriceSeries::hydrogen_eur_per_gj: return &sim::PricePath::hydrogen_eur_per_gj;
    case model::PriceSeries::biomass_eur_per_gj: return &sim::PricePath::biomass_eur_per_gj;
    case model::PriceSeries::co2_transport_storage_eur_per_t:
      return &sim::PricePath::co2_transport_storage_eur_per_t;
    default: return nullptr;
  }
}

// The drawn quantity of one (variable, entity) at uniform u. draw_world and input_column both go
// through these, so a regenerated record has the bits of the draw.
double capex_of(const MonteCarloSetup& s, model::Index i, double u) { return s.capex_dist[i].quantile(u); }
double delta_of(const MonteCarloSetup& s, model::Index i, double u) { return s.delta_dist[i].quantile(u); }
int permit_delay_of(const MonteCarloSetup& s, double u) {
  return static_cast<int>(std::lround(s.uncertainty.permit_delay_yr.quantile(u)));
}
int infra_delay_of(const MonteCarloSetup& s, model::Index k, double u) {
  return static_cast<int>(std::lround(s.infra_dist[k].quantile(u)));
}
double deal_of(const MonteCarloSetup& s, std::size_t d, double u) {
  return core::Distribution::bernoulli(s.deal_p[d]).quantile(u);
}
double sme_of(const MonteCarloSetup& s, double u) { return s.uncertainty.sme_realisation.quantile(u); }

/// A drawn value over the dataset's central one, or 1 where that is 0 (apply_world then takes the
/// drawn value itself).
double central_scale(double drawn, double central) { return central != 0 ? drawn / central : 1.0; }

/// What an option's draw adds to its input's recorded value: a group records the mean quantile of
/// its members, a single option its drawn value.
double option_record(const MonteCarloSetup& s, int g, double u, double x) {
  const auto& in = s.inputs[static_cast<std::size_t>(g)];
  return in.group ? u / in.members : x;
}

}  // namespace

namespace detail {

bool outlook_reads_price(model::PriceSeries s) { return price_member(s) != nullptr; }

double Sampler::u(int input, UncertainVariable v, model::Index entity) const {
  if (forced_ != nullptr) {
    const double f = (*forced_)[static_cast<std::size_t>(input)];
    if (!std::isnan(f)) {
      return f;
    }
  }
  return core::open_uniform_in(draw_key_, core::VariableKey{static_cast<std::uint32_t>(v), entity});
}

DrawnWorld::DrawnWorld(const MonteCarloSetup& s)
    : price_factor(model::kPriceSeriesCount, 1.0),
      activity_multiplier(s.activity_input.size() * s.activity_weight.size(), 1.0),
      capex_eur(s.capex_input.size(), 0.0),
      delta_t(s.delta_input.size(), 0.0),
      capex_scale(s.capex_input.size(), 1.0),
      delta_scale(s.delta_input.size(), 1.0),
      permit_delay_yr(s.permit_input.size(), 0),
      infra_delay_yr(s.infra_input.size(), 0),
      deal_delivers(s.deal_input.size(), 1.0),
      values(s.inputs.size(), 0.0) {}

void draw_world(const MonteCarloSetup& s, const Sampler& smp, DrawnWorld& w) {
  std::fill(w.values.begin(), w.values.end(), 0.0);
  for (std::size_t k = 0; k < model::kPriceSeriesCount; ++k) {
    if (const int g = s.price_input[k]; g >= 0) {
      w.price_factor[k] = s.price_dist[k].quantile(smp.u(g, UncertainVariable::price_factor, static_cast<model::Index>(k)));
      w.values[static_cast<std::size_t>(g)] = w.price_factor[k];
    }
  }
  if (const int g = s.levy_balance_input; g >= 0) {
    w.levy_balance_factor = s.uncertainty.levy_balance_sigma.quantile(smp.u(g, UncertainVariable::levy_balance_sigma, 0));
    w.values[static_cast<std::size_t>(g)] = w.levy_balance_factor;
  }
  for (std::size_t a = 0; a < s.activity_input.size(); ++a) {
    if (const int g = s.activity_input[a]; g >= 0) {
      const double factor =
          s.activity_dist[a].quantile(smp.u(g, UncertainVariable::activity, static_cast<model::Index>(a)));
      w.values[static_cast<std::size_t>(g)] = factor;
      // Once per draw, for the sites of both runs (apply_world).
      const std::size_t years = s.activity_weight.size();
      for (std::size_t y = 0; y < years; ++y) {
        w.activity_multiplier[a * years + y] = 1.0 + (factor - 1.0) * s.activity_weight[y];
      }
    }
  }
  // Options in index order, capex, tonnes, permit: a group's mean quantile adds up in that order.
  for (model::Index i = 0; i < s.capex_input.size(); ++i) {
    if (const int g = s.capex_input[i]; g >= 0) {
      const double u = smp.u(g, UncertainVariable::capex, i);
      w.capex_eur[i] = capex_of(s, i, u);
      w.capex_scale[i] = central_scale(w.capex_eur[i], s.model->options.capex_eur[i]);
      w.values[static_cast<std::size_t>(g)] += option_record(s, g, u, w.capex_eur[i]);
    }
    if (const int g = s.delta_input[i]; g >= 0) {
      const double u = smp.u(g, UncertainVariable::delta_emissions, i);
      w.delta_t[i] = delta_of(s, i, u);
      w.delta_scale[i] = central_scale(w.delta_t[i], s.model->options.delta_emissions_t[i]);
      w.values[static_cast<std::size_t>(g)] += option_record(s, g, u, w.delta_t[i]);
    }
    if (const int g = s.permit_input[i]; g >= 0) {
      const double u = smp.u(g, UncertainVariable::permit_delay, i);
      w.permit_delay_yr[i] = permit_delay_of(s, u);
      w.values[static_cast<std::size_t>(g)] += option_record(s, g, u, w.permit_delay_yr[i]);
    }
  }
  for (model::Index k = 0; k < s.infra_input.size(); ++k) {
    if (const int g = s.infra_input[k]; g >= 0) {
      w.infra_delay_yr[k] = infra_delay_of(s, k, smp.u(g, UncertainVariable::infrastructure_delay, k));
      w.values[static_cast<std::size_t>(g)] = w.infra_delay_yr[k];
    }
  }
  for (std::size_t d = 0; d < s.deal_input.size(); ++d) {
    if (const int g = s.deal_input[d]; g >= 0) {
      w.deal_delivers[d] = deal_of(s, d, smp.u(g, UncertainVariable::deal_realisation, static_cast<model::Index>(d)));
      w.values[static_cast<std::size_t>(g)] = w.deal_delivers[d];
    }
  }
  w.sme_factor = 1.0;
  if (const int g = s.sme_input; g >= 0) {
    const double x = sme_of(s, smp.u(g, UncertainVariable::sme_realisation, 0));
    w.sme_factor = x / s.uncertainty.sme_realisation.mean();
    w.values[static_cast<std::size_t>(g)] = x;
  }
}

void apply_world(const MonteCarloSetup& s, const sim::Inputs& base, const std::vector<int>& stated_delay,
                 const DrawnWorld& w, sim::Inputs& out) {
  const auto& model = *s.model;
  // `out` is `base` with at most an earlier draw's world over it (montecarlo_perturb.hpp): every
  // value a draw may change is set here from `base`, and nothing else is copied (copying the
  // whole inputs twice a draw was a twentieth of it, issue 21).
  out.package_enabled = base.package_enabled;  // (run_case turns it off and on)
  for (std::size_t k = 0; k < model::kPriceSeriesCount; ++k) {
    if (s.price_input[k] < 0) {
      continue;
    }
    const double factor = w.price_factor[k];
    const auto member = price_member(static_cast<model::PriceSeries>(k));
    const auto& from = base.prices.*member;
    auto& to = out.prices.*member;
    for (std::size_t y = 0; y < from.size(); ++y) {
      to[y] = from[y] * factor;
    }
  }
  // What firms see of their DPR pool's balance: one multiplier, the same in both runs' world.
  if (s.levy_balance_input >= 0) {
    out.levy_balance_sigma = base.levy_balance_sigma * w.levy_balance_factor;
  }
  // Production after the history (MonteCarloSetup::activity_weight); emissions and DPR basis move
  // together. Up to the history's last year the multiplier is 1, which leaves the base as it was.
  const auto row_years = static_cast<std::size_t>(out.years());
  const std::size_t stride = s.activity_weight.size();  // the same years (MonteCarloSetup)
  const auto after_history = static_cast<std::size_t>(
      std::clamp(model.history.last_year + 1 - out.start_year, 0, static_cast<int>(row_years)));
  const std::size_t drawn_end = std::min(row_years, stride);
  // Every drawn row back to its base first: a site in two groups takes both multipliers.
  for (std::size_t g = 0; g < s.activity_input.size(); ++g) {
    if (s.activity_input[g] < 0) {
      continue;
    }
    for (const auto site : s.activity_sites[g]) {
      const std::size_t row = static_cast<std::size_t>(site) * row_years;
      std::copy(base.site_activity.begin() + static_cast<std::ptrdiff_t>(row + after_history),
                base.site_activity.begin() + static_cast<std::ptrdiff_t>(row + std::max(after_history, drawn_end)),
                out.site_activity.begin() + static_cast<std::ptrdiff_t>(row + after_history));
    }
  }
  for (std::size_t g = 0; g < s.activity_input.size(); ++g) {
    if (s.activity_input[g] < 0) {
      continue;
    }
    const double* multiplier = w.activity_multiplier.data() + g * stride;
    for (const auto site : s.activity_sites[g]) {
      double* row = out.site_activity.data() + static_cast<std::size_t>(site) * row_years;
      for (std::size_t y = after_history; y < drawn_end; ++y) {
        row[y] *= multiplier[y];
      }
    }
  }
  const auto& o = model.options;
  for (model::Index i = 0; i < o.size(); ++i) {
    // Costs and tonnes: the draw replaces the central value, scaled so that a scenario that moved
    // the central value moves the range with it.
    if (s.capex_input[i] >= 0) {
      out.option_capex_eur[i] = o.capex_eur[i] != 0 ? base.option_capex_eur[i] * w.capex_scale[i] : w.capex_eur[i];
    }
    if (s.delta_input[i] >= 0) {
      out.option_delta_emissions_t[i] =
          o.delta_emissions_t[i] != 0 ? base.option_delta_emissions_t[i] * w.delta_scale[i] : w.delta_t[i];
    }
    // A permit delay postpones the first operating year, counted from the first decision year:
    // earliest' = max(earliest, first decision year + lead time) + delay.
    if (s.permit_input[i] >= 0) {
      // A deal's permit acceleration takes years off the drawn delay (docs/deals.md).
      const int effective = std::max(0, w.permit_delay_yr[i] - base.option_permit_saving_yr[i]);
      const int earliest = base.option_earliest_year[i];
      out.option_earliest_year[i] =
          effective == 0 ? earliest
                         : std::max(earliest, base.response.decision_from_year + o.lead_time_yr[i]) + effective;
    }
  }
  // Infrastructure: one delay per item, shared by every option that uses it.
  const auto& inf = model.infrastructure;
  const int years = base.years();
  bool delayed = false;
  for (model::Index k = 0; k < inf.size(); ++k) {
    if (s.infra_input[k] < 0) {
      continue;
    }
    const int delay = w.infra_delay_yr[k];
    const int shift = stated_delay[k] + delay;
    for (int y = 0; y < years; ++y) {
      out.infrastructure_capacity[static_cast<std::size_t>(k) * static_cast<std::size_t>(years) + static_cast<std::size_t>(y)] =
          inf.capacity_at(k, base.start_year + y - shift);
    }
    // The item's contracts move with it (the contracted years are its first years).
    for (std::size_t c = 0; c < out.contracts.size(); ++c) {
      if (out.contracts[c].infra == k && out.contracts[c].deal == model::kNone) {
        out.contracts[c].from_year = base.contracts[c].from_year + delay;
        out.contracts[c].to_year = base.contracts[c].to_year + delay;
      }
    }
    delayed = delayed || delay != 0;
  }
  if (delayed) {
    sim::update_contract_capacity(out);
  } else {  // (an earlier draw may have delayed them)
    std::copy(base.contract_capacity.begin(), base.contract_capacity.end(), out.contract_capacity.begin());
    std::copy(base.open_capacity.begin(), base.open_capacity.end(), out.open_capacity.begin());
  }
  // Deals: each delivers (1) or falls through (0), a Bernoulli trial with its phase's probability.
  for (std::size_t d = 0; d < s.deal_input.size() && d < out.deal_realisation.size(); ++d) {
    if (s.deal_input[d] >= 0) {
      out.deal_realisation[d] = w.deal_delivers[d];
    }
  }
}

std::vector<std::vector<InputMember>> input_members(const MonteCarloSetup& s) {
  std::vector<std::vector<InputMember>> m(s.inputs.size());
  const auto add = [&](int g, UncertainVariable v, std::size_t entity) {
    if (g >= 0) {
      m[static_cast<std::size_t>(g)].push_back({v, static_cast<model::Index>(entity)});
    }
  };
  for (std::size_t k = 0; k < s.price_input.size(); ++k) {
    add(s.price_input[k], UncertainVariable::price_factor, k);
  }
  add(s.levy_balance_input, UncertainVariable::levy_balance_sigma, 0);
  for (std::size_t a = 0; a < s.activity_input.size(); ++a) {
    add(s.activity_input[a], UncertainVariable::activity, a);
  }
  for (std::size_t i = 0; i < s.capex_input.size(); ++i) {
    add(s.capex_input[i], UncertainVariable::capex, i);
    add(s.delta_input[i], UncertainVariable::delta_emissions, i);
    add(s.permit_input[i], UncertainVariable::permit_delay, i);
  }
  for (std::size_t k = 0; k < s.infra_input.size(); ++k) {
    add(s.infra_input[k], UncertainVariable::infrastructure_delay, k);
  }
  for (std::size_t d = 0; d < s.deal_input.size(); ++d) {
    add(s.deal_input[d], UncertainVariable::deal_realisation, d);
  }
  add(s.sme_input, UncertainVariable::sme_realisation, 0);
  return m;
}

void input_column(const MonteCarloSetup& s, std::size_t g, const std::vector<InputMember>& members,
                  std::uint32_t first, std::span<double> out) {
  const int gi = static_cast<int>(g);
  for (std::size_t n = 0; n < out.size(); ++n) {
    const Sampler smp{s.seed, first + n, nullptr};
    double v = 0;  // options add up from 0, as draw_world's record does; the others are set
    for (const auto& m : members) {
      const double u = smp.u(gi, m.variable, m.entity);
      const model::Index e = m.entity;
      switch (m.variable) {
        case UncertainVariable::price_factor: v = s.price_dist[e].quantile(u); break;
        case UncertainVariable::levy_balance_sigma: v = s.uncertainty.levy_balance_sigma.quantile(u); break;
        case UncertainVariable::activity: v = s.activity_dist[e].quantile(u); break;
        case UncertainVariable::capex:
          v += option_record(s, gi, u, s.inputs[g].group ? 0.0 : capex_of(s, e, u));
          break;
        case UncertainVariable::delta_emissions:
          v += option_record(s, gi, u, s.inputs[g].group ? 0.0 : delta_of(s, e, u));
          break;
        case UncertainVariable::permit_delay:
          v += option_record(s, gi, u, s.inputs[g].group ? 0 : permit_delay_of(s, u));
          break;
        case UncertainVariable::infrastructure_delay: v = infra_delay_of(s, e, u); break;
        case UncertainVariable::deal_realisation: v = deal_of(s, e, u); break;
        case UncertainVariable::sme_realisation: v = sme_of(s, u); break;
      }
    }
    out[n] = v;
  }
}

}  // namespace detail

}  // namespace decarbfund::analysis
