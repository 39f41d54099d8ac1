#include "sim/inputs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/levy_expectation.hpp"

namespace decarbfund::sim {

namespace {

/// `levy` with every money amount through `convert(eur, year)`, marked `nominal`.
template <class Convert>
model::LevyPolicy convert_levy(const model::LevyPolicy& levy, bool nominal, Convert convert) {
  model::LevyPolicy out = levy;
  auto series = [&](const model::YearSeries& in) {
    model::YearSeries s;
    for (int y = in.first_year; !in.empty() && y <= in.last_year(); ++y) {
      s.set(y, convert(in.at(y), y));
    }
    return s;
  };
  for (std::size_t c = 0; c < model::kLevyCategoryCount; ++c) {
    out.tariff_eur_per_t[c] = series(levy.tariff_eur_per_t[c]);
  }
  out.ets_reference_price_eur_per_t = series(levy.ets_reference_price_eur_per_t);
  out.minimum_price_eur_per_t = series(levy.minimum_price_eur_per_t);
  out.nominal = nominal;
  return out;
}

/// The levy of `scenario` with every money amount in EUR of the dataset's price year.
model::LevyPolicy real_levy(const model::Model& model, const model::LevyPolicy& levy) {
  if (!levy.nominal) {
    return levy;
  }
  return convert_levy(levy, false, [&](double eur, int y) { return model.real_eur(eur, y); });
}

}  // namespace

model::LevyPolicy nominal_levy(const model::Model& model, const model::LevyPolicy& levy) {
  if (levy.nominal) {
    return levy;
  }
  return convert_levy(levy, true, [&](double eur, int y) { return model.nominal_eur(eur, y); });
}

namespace {

/// A site's production index path relative to its emissions year (Inputs::site_activity).
void fill_activity(const model::Model& model, const model::Scenario& scenario, model::Index s, Inputs& in) {
  const auto& sites = model.sites;
  const auto& h = model.history;
  const auto group = sites.activity_group[s];
  model::YearSeries index = model.activity.index[group == model::kNone ? 0 : group];
  if (const auto it = scenario.activity.find(model.activity.id[group == model::kNone ? 0 : group]);
      it != scenario.activity.end()) {
    for (int y = it->second.first_year; y <= it->second.last_year(); ++y) {
      index.set(y, it->second.at(y));  // check_scenario keeps overrides after the history
    }
  }
  const double e0 = sites.base_emissions_t[s];
  const double at_base = index.at(sites.base_year[s], 1.0);
  const double last = e0 > 0 && h.years() > 0 ? h.emissions(s, h.last_year) / e0 : 1.0;
  const double at_last = index.at(h.last_year, 1.0);
  for (int y = 0; y < in.years(); ++y) {
    const int year = in.start_year + y;
    double a = 1.0;
    if (sites.closed_from[s] != 0 && year >= sites.closed_from[s]) {
      a = 0.0;
    } else if (e0 <= 0) {
      a = 1.0;  // emits nothing either way
    } else if (year >= h.first_year && year <= h.last_year) {
      a = h.emissions(s, year) / e0;
    } else if (year < h.first_year) {
      a = at_base > 0 ? index.at(year, 1.0) / at_base : 1.0;
    } else {
      a = at_last > 0 ? last * index.at(year, 1.0) / at_last : last;
    }
    in.site_activity[static_cast<std::size_t>(s) * static_cast<std::size_t>(in.years()) +
                     static_cast<std::size_t>(y)] = a;
  }
}

}  // namespace

void check_scenario(const model::Model& model, const model::Scenario& scenario, core::Diagnostics& diags) {
  for (const auto& [group, series] : scenario.activity) {
    if (model.activity.find(group) == model::kNone) {
      std::string known;
      for (const auto& g : model.activity.id) {
        known += (known.empty() ? "" : ", ") + g;
      }
      core::Diagnostic d;
      d.code = "scenario.unknown_activity_group";
      d.file = scenario.file;
      d.key_path = "activity." + group;
      d.expected = "an activity group of the dataset (" + known + ")";
      d.found = core::quote_found(group);
      diags.add(std::move(d));
    } else if (!series.empty() && series.first_year <= model.history.last_year) {
      core::Diagnostic d;
      d.code = "scenario.activity_history";
      d.file = scenario.file;
      d.key_path = "activity." + group;
      d.expected = fmt::format("years after the dataset's history (its last year is {}; history is data, "
                               "not a scenario key)",
                               model.history.last_year);
      d.found = fmt::format("a value for {}", series.first_year);
      diags.add(std::move(d));
    }
  }
}

void update_contract_capacity(Inputs& in) {
  const auto years = static_cast<std::size_t>(in.years());
  const auto items = in.infrastructure_capacity.size() / std::max<std::size_t>(1, years);
  in.open_capacity = in.infrastructure_capacity;
  in.contract_capacity.assign(in.contracts.size() * years, 0.0);
  // Each year in three passes over the contracts (not three per item: Monte Carlo redoes this
  // twice a draw). An item's promised capacity is summed in contract order, as it always was.
  std::vector<double> promised(items);
  const auto in_force = [&](const model::InfrastructureContract& c, int year) {
    return static_cast<std::size_t>(c.infra) < items && year >= c.from_year && year <= c.to_year;
  };
  for (std::size_t y = 0; y < years; ++y) {
    const int year = in.start_year + static_cast<int>(y);
    std::fill(promised.begin(), promised.end(), 0.0);
    for (std::size_t c = 0; c < in.contracts.size(); ++c) {
      const auto& contract = in.contracts[c];
      if (!in_force(contract, year)) {
        continue;
      }
      if (contract.deal != model::kNone) {
        // A deal's reservation is capacity on top of the item's (the state arranges it), from its
        // year on while the item exists at all.
        in.contract_capacity[c * years + y] = contract.amount;
      } else {
        promised[contract.infra] += contract.amount;
      }
    }
    for (std::size_t c = 0; c < in.contracts.size(); ++c) {
      const auto& contract = in.contracts[c];
      if (contract.deal == model::kNone && in_force(contract, year) && !(promised[contract.infra] <= 0)) {
        const double p = promised[contract.infra];
        const double cap = in.infrastructure_capacity[contract.infra * years + y];
        const double share = p > cap ? cap / p : 1.0;  // delayed item: pro rata
        in.contract_capacity[c * years + y] = contract.amount * share;
      }
    }
    for (std::size_t k = 0; k < items; ++k) {
      if (!(promised[k] <= 0)) {  // (a NaN amount carries through, as it always did)
        in.open_capacity[k * years + y] = std::max(0.0, in.infrastructure_capacity[k * years + y] - promised[k]);
      }
    }
  }
}

namespace {

/// SDE++'s rounds per year index and its categories; round money deflated from nominal EUR of the
/// round year (docs/model.md "Price basis"). Years without a row have no round.
void resolve_sde(const model::Model& model, const model::Scenario& scenario, Inputs& in) {
  const auto& sde = model.sde;
  auto& out = in.sde;
  const auto years = static_cast<std::size_t>(in.years());
  out.enabled = scenario.sde_enabled;
  out.round_budget_eur.assign(years, 0.0);
  out.round_cap_eur_per_t.assign(years, 0.0);
  out.round_fence_cap_eur_per_t.assign(years, 0.0);
  for (std::size_t r = 0; r < sde.rounds.size(); ++r) {
    const int year = sde.rounds.year[r];
    const int y = in.year_index(year);
    if (y < 0 || y >= in.years()) {
      continue;
    }
    const auto k = static_cast<std::size_t>(y);
    out.round_budget_eur[k] = model.real_eur(sde.rounds.budget_eur[r] * sde.rounds.industry_share[r], year);
    out.round_cap_eur_per_t[k] = model.real_eur(sde.rounds.max_intensity_eur_per_t[r], year);
    const double fence = sde.rounds.fence_max_intensity_eur_per_t[r];
    out.round_fence_cap_eur_per_t[k] = std::isnan(fence) ? out.round_cap_eur_per_t[k] : model.real_eur(fence, year);
  }
  const auto& c = sde.categories;
  out.term_yr = c.term_yr;
  out.floor_share = c.floor_share;
  out.in_fence = c.in_fence;
  out.max_base_eur_per_t = c.max_base_eur_per_t;
  out.option_category = sde.option_category;
  out.option_category.resize(model.options.size(), model::kNone);
}

}  // namespace

Inputs resolve_inputs(const model::Model& model, const model::Scenario& scenario) {
  Inputs in;
  in.start_year = scenario.start_year;
  in.end_year = scenario.end_year;
  in.levy = real_levy(model, scenario.levy);
  in.response = scenario.response;
  in.levy_balance_sigma = scenario.response.levy_balance_sigma.value_or(levy_balance_sigma_from_history(model.history));
  in.target = scenario.target;
  in.package_enabled = scenario.package_enabled;

  // Scenario price overrides are merged per year over the dataset's path.
  auto merged = [&](model::PriceSeries s) {
    model::YearSeries out = model.price(s);
    const auto name = std::string(model::kPriceSeriesNames[static_cast<std::size_t>(s)]);
    if (auto it = scenario.prices.find(name); it != scenario.prices.end()) {
      for (int y = it->second.first_year; y <= it->second.last_year(); ++y) {
        out.set(y, scenario.prices_nominal ? model.real_eur(it->second.at(y), y) : it->second.at(y));
      }
    }
    return out;
  };
  const int n = in.years() + kPriceTail;
  auto fill = [&](model::PriceSeries s, double scale, std::vector<double>& out) {
    const auto path = merged(s);
    out.resize(static_cast<std::size_t>(n));
    for (int y = 0; y < n; ++y) {
      out[static_cast<std::size_t>(y)] = path.at(in.start_year + y) * scale;
    }
  };
  fill(model::PriceSeries::ets_eur_per_t, 1.0, in.prices.ets_eur_per_t);
  fill(model::PriceSeries::gas_industry_eur_per_gj, 1.0, in.prices.gas_eur_per_gj);
  fill(model::PriceSeries::electricity_industry_eur_per_mwh, 1.0 / 3.6, in.prices.electricity_eur_per_gj);
  fill(model::PriceSeries::hydrogen_eur_per_gj, 1.0, in.prices.hydrogen_eur_per_gj);
  fill(model::PriceSeries::biomass_eur_per_gj, 1.0, in.prices.biomass_eur_per_gj);
  fill(model::PriceSeries::co2_transport_storage_eur_per_t, 1.0,
       in.prices.co2_transport_storage_eur_per_t);
  // Stated ETS reference prices from the dataset fill the policy's gaps (policy.md §8.2).
  const auto& stated_ref = model.price(model::PriceSeries::ets_reference_eur_per_t);
  if (!stated_ref.empty()) {
    for (int y = stated_ref.first_year; y <= stated_ref.last_year(); ++y) {
      if (!in.levy.ets_reference_price_eur_per_t.covers(y)) {
        in.levy.ets_reference_price_eur_per_t.set(y, stated_ref.at(y));
      }
    }
  }

  const auto& s = model.sites;
  in.site_base_emissions_t = s.base_emissions_t;
  in.site_dpr_basis_t = s.dpr_basis_t;
  in.site_activity.assign(s.size() * static_cast<std::size_t>(in.years()), 1.0);
  for (model::Index i = 0; i < s.size(); ++i) {
    fill_activity(model, scenario, i, in);
  }

  const auto& o = model.options;
  in.option_capex_eur = o.capex_eur;
  in.option_delta_emissions_t = o.delta_emissions_t;
  in.option_earliest_year = o.earliest_year;
  in.option_permit_saving_yr.assign(o.size(), 0);
  in.option_committed_start.assign(o.size(), -1);
  for (std::size_t i = 0; i < o.size(); ++i) {
    if (model::is_committed(o.status[i])) {
      in.option_committed_start[i] = std::max(0, o.committed_year[i] - in.start_year);
    }
  }
  in.option_needs_package.assign(o.size(), 0);
  in.option_max_support_eur.assign(o.size(), 0.0);
  in.option_deal.assign(o.size(), model::kNone);
  for (std::size_t i = 0; i < o.size(); ++i) {
    if (o.kind[i] == model::OptionKind::project) {
      // Announced company projects are what the maatwerk package pays for: until a deal file
      // says otherwise, the package covers the project's whole funding gap (state-aid maximum,
      // DESIGN §4.4) and without the package the project happens only if it pays on its own.
      in.option_max_support_eur[i] = std::numeric_limits<double>::infinity();
    }
  }

  in.deal_realisation.clear();
  in.deal_probability.clear();
  resolve_sde(model, scenario, in);

  const auto& inf = model.infrastructure;
  const auto years = static_cast<std::size_t>(in.years());
  in.infrastructure_capacity.assign(inf.size() * years, 0.0);
  for (model::Index i = 0; i < inf.size(); ++i) {
    int delay = 0;
    if (auto it = scenario.infrastructure_delay_yr.find(inf.id[i]);
        it != scenario.infrastructure_delay_yr.end()) {
      delay = it->second;
    }
    for (std::size_t y = 0; y < years; ++y) {
      // A delay of d years shifts the whole capacity path: year t gets what t − d had.
      in.infrastructure_capacity[i * years + y] =
          inf.capacity_at(i, in.start_year + static_cast<int>(y) - delay);
    }
  }
  // Contracts move with their item's delay (the contracted years are the item's first years).
  in.contracts = inf.contracts;
  for (auto& c : in.contracts) {
    if (auto it = scenario.infrastructure_delay_yr.find(inf.id[c.infra]); it != scenario.infrastructure_delay_yr.end()) {
      c.from_year += it->second;
      c.to_year += it->second;
    }
  }
  update_contract_capacity(in);
  return in;
}

void apply_deals(const model::Model& model, std::span<const model::Deal> deals,
                 const model::PhaseRealisation& phases, Inputs& in) {
  in.deal_realisation.assign(deals.size(), 1.0);
  in.deal_probability.assign(deals.size(), 0.0);
  for (std::size_t d = 0; d < deals.size(); ++d) {
    const auto& deal = deals[d];
    in.deal_probability[d] = phases.of(deal.phase);
    std::vector<model::Index> options;
    double capex = 0;
    for (const auto& project : deal.projects) {
      for (auto i : model::project_options(model, project)) {
        if (in.option_deal[i] == model::kNone &&
            std::find(options.begin(), options.end(), i) == options.end()) {
          options.push_back(i);
          capex += in.option_capex_eur[i];
        }
      }
    }
    // The state's infrastructure commitments: capacity for the deal's options on top of the item's.
    for (const auto& r : deal.infrastructure) {
      const auto infra = model.find_infrastructure(r.infra);
      if (infra != model::kNone) {
        in.contracts.push_back({infra, model::kNone, r.amount, r.from_year, in.end_year,
                                "deal " + deal.id, static_cast<model::Index>(d)});
      }
    }
    for (auto i : options) {
      in.option_deal[i] = static_cast<model::Index>(d);
      in.option_permit_saving_yr[i] = deal.permit_acceleration ? model::kPermitAccelerationYr : 0;
      // A stated reason why no generic instrument can fund it (Yara: storage outside the EU,
      // docs/deals.md) keeps SDE++ away from the deal's options.
      if (!deal.generic_instrument_excluded.empty() && i < in.sde.option_category.size()) {
        in.sde.option_category[i] = model::kNone;
      }
      // Capex share; equal shares when no option states a capex.
      const double share = capex > 0 ? in.option_capex_eur[i] / capex : 1.0 / static_cast<double>(options.size());
      in.option_max_support_eur[i] = deal.max_support_eur * share;
    }
  }
  update_contract_capacity(in);
}

}  // namespace decarbfund::sim
