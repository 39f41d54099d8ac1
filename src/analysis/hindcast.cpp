#include "analysis/hindcast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "sim/inputs.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis {

namespace {

using model::Index;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// published.csv's series the hindcast reads (docs/data-sources.md "History").
constexpr std::string_view kNeaIndustry = "nea_industry_emissions_t";

struct Published {
  double value = kNaN;
  std::string source;
};

Published published(const model::Model& model, std::string_view series, int year) {
  const Index r = model.published.find(series, year);
  if (r == model::kNone) {
    return {};
  }
  return {model.published.value[r], model.published.source[r]};
}

bool liable(const model::Model& model, Index s) {
  return model.sites.levy_category[s] != model::LevyCategory::none;
}

/// The site's base figure moved by its activity group's production index: what the indices alone
/// say, before any published figure or calibration (data/load_history.cpp does the same first).
double activity_only(const model::Model& model, Index s, int year) {
  const auto& sites = model.sites;
  if (sites.closed_from[s] != 0 && year >= sites.closed_from[s]) {
    return 0;
  }
  const auto g = sites.activity_group[s];
  const auto& index = model.activity.index[g == model::kNone ? 0 : g];
  const double at_base = index.at(sites.base_year[s], 1.0);
  return at_base > 0 ? sites.base_emissions_t[s] * index.at(year, 1.0) / at_base : sites.base_emissions_t[s];
}

void add_check(Hindcast& h, std::string key, std::string what, double model_value, double published_value,
               std::string unit, std::string bound, bool within, std::string source) {
  h.checks.push_back({std::move(key), std::move(what), model_value, published_value, std::move(unit),
                      std::move(bound), within, std::move(source)});
}

}  // namespace

std::optional<HindcastSummary> hindcast_summary(const model::Model& model, const model::Scenario& scenario) {
  const auto& series = model.published.series;
  if (std::find(series.begin(), series.end(), kNeaIndustry) == series.end()) {
    return std::nullopt;
  }
  const auto h = run_hindcast(model, scenario);
  for (const auto& y : h.years) {
    if (y.year == h.last_published_year) {
      return HindcastSummary{y.year, y.published_t, y.model_t, y.activity_only_t};
    }
  }
  return std::nullopt;
}

double Hindcast::last_year_error() const {
  for (const auto& y : years) {
    if (y.year == last_published_year) {
      return (y.model_t - y.published_t) / y.published_t;
    }
  }
  return kNaN;
}

Hindcast run_hindcast(const model::Model& model, const model::Scenario& scenario) {
  const auto& hist = model.history;
  Hindcast h;
  h.scenario = scenario.name;
  h.policy_version = scenario.levy.version;
  h.seed = scenario.seed;
  h.first_year = hist.first_year;
  h.last_published_year = 0;
  for (int y = hist.first_year; y <= hist.last_year; ++y) {
    if (!std::isnan(published(model, kNeaIndustry, y).value)) {
      h.last_published_year = y;
    }
  }
  if (h.last_published_year == 0) {
    throw core::Error(model.info.name, fmt::format("the dataset has no published {} (published.csv): the hindcast "
                                                   "has nothing to compare with",
                                                   kNeaIndustry));
  }

  // The world and levy of the scenario; no package (no deal or SME round before 2025); firms
  // decide every year from the first year after the base year, as they could have.
  auto in = sim::resolve_inputs(model, scenario);
  in.package_enabled = false;
  h.decision_from_year = hist.first_year + 1;
  in.response.decision_from_year = h.decision_from_year;
  const int last_year = std::min(h.last_published_year + 1, in.start_year + in.years() - 1);
  sim::Workspace ws(model, in);
  sim::simulate(model, in, ws, last_year);
  const auto& out = ws.outcome();
  const auto yi = [&](int year) { return year - out.start_year; };

  const auto& sites = model.sites;
  for (int year = std::max(h.first_year, out.start_year); year <= last_year; ++year) {
    HindcastYear row;
    row.year = year;
    row.published_t = published(model, kNeaIndustry, year).value;
    const bool in_history = year >= hist.first_year && year <= hist.last_year;
    row.calibration_factor = in_history ? hist.calibration_factor[static_cast<std::size_t>(year - hist.first_year)] : kNaN;
    for (Index s = 0; s < sites.size(); ++s) {
      const double e = out.emissions(s, yi(year));
      if (sites.in_nea_industry(s)) {
        row.model_t += e;
        row.history_t += in_history ? hist.emissions(s, year) : kNaN;
        row.activity_only_t += activity_only(model, s, year);
      }
      if (liable(model, s) && (sites.closed_from[s] == 0 || year < sites.closed_from[s])) {
        const auto k = static_cast<std::size_t>(s) * static_cast<std::size_t>(out.years) + static_cast<std::size_t>(yi(year));
        const double dpr = out.dpr_allocated_t[k];
        row.liable_t += e;
        row.dpr_allocated_t += dpr;
        (dpr >= e ? row.sites_long : row.sites_short) += 1;
      }
    }
    // The levy as NEa and the budget state it: in each year's nominal EUR.
    row.levy_revenue_eur = model.nominal_eur(out.levy_revenue_eur[static_cast<std::size_t>(yi(year))], year);
    h.years.push_back(row);
  }

  // Sectors (activity groups) and clusters, all sites, against the dataset's history.
  const auto group_rows = [&](std::size_t n, auto id_of, auto name_of, auto member) {
    std::vector<HindcastGroup> groups(n);
    for (std::size_t g = 0; g < n; ++g) {
      groups[g].id = id_of(g);
      groups[g].name = name_of(g);
      groups[g].history_t.assign(h.years.size(), 0.0);
      groups[g].model_t.assign(h.years.size(), 0.0);
    }
    for (Index s = 0; s < sites.size(); ++s) {
      auto& g = groups[member(s)];
      for (std::size_t k = 0; k < h.years.size(); ++k) {
        const int year = h.years[k].year;
        g.history_t[k] += year <= hist.last_year ? hist.emissions(s, year) : kNaN;
        g.model_t[k] += out.emissions(s, yi(year));
      }
    }
    return groups;
  };
  h.sectors = group_rows(
      model.activity.size(), [&](std::size_t g) { return model.activity.id[g]; },
      [&](std::size_t g) { return model.activity.name[g]; },
      [&](Index s) { return static_cast<std::size_t>(sites.activity_group[s] == model::kNone ? 0 : sites.activity_group[s]); });
  h.clusters = group_rows(
      model.clusters.size(), [&](std::size_t c) { return model.clusters.id[c]; },
      [&](std::size_t c) { return model.clusters.name[c]; },
      [&](Index s) { return static_cast<std::size_t>(sites.cluster[s]); });

  // The largest sites by base-year emissions, in the last published year.
  std::vector<Index> order(sites.size());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Index a, Index b) { return sites.base_emissions_t[a] > sites.base_emissions_t[b]; });
  const int ly = h.last_published_year;
  for (std::size_t k = 0; k < std::min(kLargestSites, order.size()); ++k) {
    const Index s = order[k];
    HindcastSite row;
    row.site = s;
    row.base_t = sites.base_emissions_t[s];
    row.model_t = out.emissions(s, yi(ly));
    row.basis = hist.basis_of(s, ly);
    row.published_t = row.basis == model::HistoryBasis::verified ? hist.emissions(s, ly) : kNaN;
    h.largest_sites.push_back(row);
  }

  // Options the run has operating in a published year: abatement the record does not show.
  std::vector<double> reductions(model.options.size());
  sim::option_reductions(model, in, out, yi(ly), reductions);
  for (std::size_t o = 0; o < model.options.size(); ++o) {
    if (out.operating(static_cast<Index>(o), yi(ly))) {
      ++h.options_operating;
      h.options_operating_t += reductions[o];
    }
  }

  // The checks, with the bounds docs/model.md "Hindcast" states.
  for (const auto& y : h.years) {
    if (std::isnan(y.published_t)) {
      continue;
    }
    const double err = (y.model_t - y.published_t) / y.published_t;
    add_check(h, fmt::format("emissions_{}", y.year),
              fmt::format("NEa industry emissions {}", y.year), y.model_t, y.published_t, "t",
              fmt::format("within {:.0f} %", kEmissionsBound * 100), std::abs(err) <= kEmissionsBound,
              published(model, kNeaIndustry, y.year).source);
  }
  const auto year_row = [&](int year) -> const HindcastYear* {
    const auto it = std::find_if(h.years.begin(), h.years.end(), [&](const auto& r) { return r.year == year; });
    return it == h.years.end() ? nullptr : &*it;
  };
  for (std::size_t r = 0; r < model.published.size(); ++r) {
    const auto& series = model.published.series[r];
    const int year = model.published.year[r];
    const double value = model.published.value[r];
    const auto& source = model.published.source[r];
    if (series == "levy_paid_2021_2024_eur") {
      double paid = 0;
      for (const auto& y : h.years) {
        paid += y.year <= year ? y.levy_revenue_eur : 0.0;
      }
      add_check(h, "levy_paid_to_" + std::to_string(year), fmt::format("levy paid, levy years to {}", year), paid,
                value, "EUR", fmt::format("close to nothing: below EUR {:.0f} M", kLevyPaidBoundEur / 1e6),
                paid <= kLevyPaidBoundEur, source);
    } else if (series == "levy_budget_eur") {
      if (const auto* y = year_row(year)) {
        const double ratio = value > 0 ? y->levy_revenue_eur / value : kNaN;
        add_check(h, fmt::format("levy_{}", year), fmt::format("levy revenue {} against the budget", year),
                  y->levy_revenue_eur, value, "EUR", fmt::format("within a factor {:.0f}", kLevyBudgetFactor),
                  ratio >= 1 / kLevyBudgetFactor && ratio <= kLevyBudgetFactor, source);
      }
    } else if (series == "levy_dpr_deposited_t") {
      if (const auto* y = year_row(year)) {
        add_check(h, fmt::format("dpr_deposited_{}", year), fmt::format("DPRs deposited for {}", year),
                  y->dpr_allocated_t, value, "t", fmt::format("within {:.0f} %", kDprDepositBound * 100),
                  std::abs(y->dpr_allocated_t - value) <= kDprDepositBound * value, source);
      }
    } else if (series == "levy_scope_emissions_t") {
      if (const auto* y = year_row(year)) {
        add_check(h, fmt::format("levy_scope_{}", year), fmt::format("emissions under the levy {}", year),
                  y->liable_t, value, "t", fmt::format("within {:.0f} %", kDprDepositBound * 100),
                  std::abs(y->liable_t - value) <= kDprDepositBound * value, source);
      }
    } else if (series == "levy_sites_short" || series == "levy_sites_long") {
      if (const auto* y = year_row(year)) {
        const bool short_ = series == "levy_sites_short";
        const double n = short_ ? y->sites_short : y->sites_long;
        // Share of the levy's sites: NEa counts companies, the dataset installations.
        const double total = static_cast<double>(y->sites_long + y->sites_short);
        const Index other = model.published.find(short_ ? "levy_sites_long" : "levy_sites_short", year);
        const double published_total = other == model::kNone ? kNaN : value + model.published.value[other];
        const double share = n / total;
        const double published_share = value / published_total;
        add_check(h, series + "_" + std::to_string(year),
                  fmt::format("share of the levy's sites {} of DPRs in {}", short_ ? "short" : "long", year), share,
                  published_share, "share", "within 10 percentage points",
                  std::abs(share - published_share) <= 0.10, source);
      }
    }
  }
  for (const auto& s : h.largest_sites) {
    if (!std::isnan(s.published_t)) {
      const double err = (s.model_t - s.published_t) / s.published_t;
      add_check(h, fmt::format("site_{}_{}", sites.id[s.site], ly), fmt::format("{} {}", sites.name[s.site], ly),
                s.model_t, s.published_t, "t", fmt::format("within {:.0f} %", kSiteBound * 100),
                std::abs(err) <= kSiteBound, "verified-emissions.csv");
    }
  }
  return h;
}

}  // namespace decarbfund::analysis
