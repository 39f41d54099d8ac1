#include "sim/inputs.hpp"

#include <algorithm>

namespace decarbfund::sim {

Inputs resolve_inputs(const model::Model& model, const model::Scenario& scenario) {
  Inputs in;
  in.start_year = scenario.start_year;
  in.end_year = scenario.end_year;
  in.levy = scenario.levy;
  in.response = scenario.response;
  in.target = scenario.target;
  in.package_enabled = scenario.package_enabled;

  // Scenario price overrides are merged per year over the dataset's path.
  auto merged = [&](model::PriceSeries s) {
    model::YearSeries out = model.price(s);
    const auto name = std::string(model::kPriceSeriesNames[static_cast<std::size_t>(s)]);
    if (auto it = scenario.prices.find(name); it != scenario.prices.end()) {
      for (int y = it->second.first_year; y <= it->second.last_year(); ++y) {
        out.set(y, it->second.at(y));
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
  in.site_emissions_t = s.latest_emissions_t;
  in.site_dpr_basis_t = s.dpr_basis_t;

  const auto& o = model.options;
  in.option_capex_eur = o.capex_eur;
  in.option_delta_emissions_t = o.delta_emissions_t;
  in.option_earliest_year = o.earliest_year;
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
    for (auto i : options) {
      in.option_deal[i] = static_cast<model::Index>(d);
      // Capex share; equal shares when no option states a capex.
      const double share = capex > 0 ? in.option_capex_eur[i] / capex : 1.0 / static_cast<double>(options.size());
      in.option_max_support_eur[i] = deal.max_support_eur * share;
    }
  }
}

}  // namespace decarbfund::sim
