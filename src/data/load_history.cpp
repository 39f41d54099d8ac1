// What happened before the outlook starts (issue 12; docs/model.md "Baseline" and "Activity"):
// activity groups and their production index, published per-site figures, closures, published
// totals, and from them every site's emissions in every history year — verified where a figure is
// published, else its share of NEa's published total for its scope (calibrated), else its base
// figure moved by its group's index (estimate).

#include "data/dataset_manifest.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace decarbfund::data::detail {

using model::HistoryBasis;
using model::Index;
using model::kNone;

namespace {

/// The published series the history calibrates on (published.csv): NEa's ETS "industrie" total.
constexpr std::string_view kNeaIndustry = "nea_industry_emissions_t";
/// A calibration factor outside this band means the sector indices and the total disagree badly:
/// reported as a warning (docs/model.md "Baseline").
constexpr double kLambdaLow = 0.8, kLambdaHigh = 1.2;

void load_groups(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& g = model.activity;
  IdRegistry ids;
  std::vector<std::vector<std::string>> prefixes;
  std::vector<std::pair<std::string, Index>> named;  // site id → group
  read_table(m, "activity_groups", diags, [&](TableReader& t, std::size_t r) {
    auto id = t.text(r, "group_id");
    const auto nace = t.text(r, "nace");
    const auto source = t.text(r, "source");
    if (!ids.add(t, r, "group_id", id)) {
      return;
    }
    g.id.push_back(id);
    g.name.push_back(t.text(r, "name"));
    g.source.push_back(source);
    g.index.emplace_back();
    prefixes.push_back(split(nace, ';'));
    if (const auto listed = t.raw(r, "sites"); !listed.empty()) {
      for (const auto& site : split(listed, ';')) {
        if (model.find_site(site) == kNone) {
          t.error(r, "sites", "site_ids of sites.csv separated by ';'", core::quote_found(site));
        } else {
          named.emplace_back(site, static_cast<Index>(g.size() - 1));
        }
      }
    }
  });
  if (g.size() == 0) {
    // A dataset without activity groups (e.g. a test fixture): one group, flat at 1.
    g.id.emplace_back("all");
    g.name.emplace_back("all sites");
    g.source.emplace_back("no activity-groups table: activity held flat");
    g.index.emplace_back();
    g.index.back().set(model.info.base_year, 1.0);
    prefixes.push_back({"*"});
  }
  auto& s = model.sites;
  for (Index i = 0; i < s.size(); ++i) {
    std::size_t best = 0;
    Index group = kNone;
    for (Index k = 0; k < g.size(); ++k) {
      for (const auto& p : prefixes[k]) {
        if (p == "*" && group == kNone) {
          group = k;
        } else if (p != "*" && !p.empty() && s.nace[i].rfind(p, 0) == 0 && p.size() > best) {
          best = p.size();
          group = k;
        }
      }
    }
    for (const auto& [site, k] : named) {
      if (site == s.id[i]) {
        group = k;
      }
    }
    if (group == kNone) {
      diags.error(model.info.path + "/activity-groups.csv", 0, "nace",
                  "a NACE code that a prefix of activity-groups.csv (or its '*' group) covers",
                  fmt::format("\"{}\" of site {}", s.nace[i], s.id[i]), "dataset.activity_group");
      continue;
    }
    s.activity_group[i] = group;
  }
}

void load_activity(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& g = model.activity;
  std::vector<std::map<long, double>> points(g.size());
  read_table(m, "activity", diags, [&](TableReader& t, std::size_t r) {
    const auto id = t.text(r, "group_id");
    const long year = t.integer(r, "year");
    const double index = t.number(r, "index");
    t.choice(r, "basis", kBasis);
    t.text(r, "source");
    const Index k = g.find(id);
    if (k == kNone) {
      t.error(r, "group_id", "a group_id of activity-groups.csv", core::quote_found(id));
      return;
    }
    if (std::isnan(index)) {
      return;
    }
    if (year == model.info.base_year && std::fabs(index - 1.0) > 1e-9) {
      t.error(r, "index", fmt::format("1 in the dataset's base year {} (the index is relative to it)",
                                      model.info.base_year),
              csv_number(index));
    }
    if (!points[k].emplace(year, index).second) {
      t.error(r, "year", "one row per group_id and year", fmt::format("{} again for {}", year, id));
    }
  });
  for (Index k = 0; k < g.size(); ++k) {
    auto& p = points[k];
    if (p.empty()) {
      continue;  // the default group of a dataset without the table
    }
    p.emplace(model.info.base_year, 1.0);
    // Stated years as given, years between interpolated linearly, years outside held flat (as
    // prices.csv).
    for (auto it = p.begin(); it != p.end(); ++it) {
      g.index[k].set(static_cast<int>(it->first), it->second);
      const auto next = std::next(it);
      if (next == p.end()) {
        break;
      }
      const double span = static_cast<double>(next->first - it->first);
      for (long y = it->first + 1; y < next->first; ++y) {
        g.index[k].set(static_cast<int>(y),
                       it->second + static_cast<double>(y - it->first) / span * (next->second - it->second));
      }
    }
  }
}

void load_closures(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& s = model.sites;
  read_table(m, "closures", diags, [&](TableReader& t, std::size_t r) {
    const auto id = t.text(r, "site_id");
    const long year = t.integer(r, "year");
    t.text(r, "source");
    const Index i = model.find_site(id);
    if (i == kNone) {
      t.error(r, "site_id", "a site_id of sites.csv", core::quote_found(id));
      return;
    }
    if (s.closed_from[i] != 0) {
      t.error(r, "site_id", "one closure per site", fmt::format("{} again", id));
      return;
    }
    if (year <= s.base_year[i]) {
      t.error(r, "year", fmt::format("a year after the site's emissions_year {}", s.base_year[i]),
              fmt::format("{}", year));
      return;
    }
    s.closed_from[i] = static_cast<int>(year);
  });
}

void load_published(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& p = model.published;
  std::set<std::pair<std::string, long>> seen;
  read_table(m, "published", diags, [&](TableReader& t, std::size_t r) {
    auto series = t.text(r, "series");
    const long year = t.integer(r, "year");
    const double value = t.number(r, "value");
    const int basis = t.choice(r, "basis", kBasis);
    auto source = t.text(r, "source");
    if (!seen.insert({series, year}).second) {
      t.error(r, "year", "one row per series and year", fmt::format("{} again for {}", year, series));
      return;
    }
    p.series.push_back(std::move(series));
    p.year.push_back(static_cast<int>(year));
    p.value.push_back(value);
    p.basis.push_back(static_cast<model::Basis>(std::max(basis, 0)));
    p.source.push_back(std::move(source));
  });
}

/// Published per-site figures (verified_emissions), keyed by (site, year).
std::map<std::pair<Index, int>, double> load_verified(const Manifest& m, const model::Model& model,
                                                      core::Diagnostics& diags) {
  std::map<std::pair<Index, int>, double> out;
  read_table(m, "verified_emissions", diags, [&](TableReader& t, std::size_t r) {
    const auto id = t.text(r, "site_id");
    const long year = t.integer(r, "year");
    const double e = t.number(r, "emissions_t");
    t.text(r, "source");
    const Index i = model.find_site(id);
    if (i == kNone) {
      t.error(r, "site_id", "a site_id of sites.csv", core::quote_found(id));
      return;
    }
    if (year == 0) {
      return;  // not a year: reported by the reader
    }
    if (year < model.info.base_year) {
      t.error(r, "year", fmt::format("a year from the dataset's base year {} on", model.info.base_year),
              fmt::format("{}", year));
      return;
    }
    if (!out.emplace(std::pair{i, static_cast<int>(year)}, e).second) {
      t.error(r, "year", "one row per site_id and year", fmt::format("{} again for {}", year, id));
    }
  });
  return out;
}

/// Every site's emissions in every history year, and the calibration factor per year.
void build_history(model::Model& model, const std::map<std::pair<Index, int>, double>& verified,
                   core::Diagnostics& diags) {
  const auto& s = model.sites;
  auto& h = model.history;
  h.first_year = model.info.base_year;
  h.last_year = h.first_year;
  for (std::size_t r = 0; r < model.published.size(); ++r) {
    if (model.published.series[r] == kNeaIndustry) {
      h.last_year = std::max(h.last_year, model.published.year[r]);
    }
  }
  for (const auto& [key, e] : verified) {
    h.last_year = std::max(h.last_year, key.second);
  }
  const int years = h.years();
  h.emissions_t.assign(s.size() * static_cast<std::size_t>(years), 0.0);
  h.basis.assign(s.size() * static_cast<std::size_t>(years), HistoryBasis::estimate);
  h.calibration_factor.assign(static_cast<std::size_t>(years), 1.0);
  h.published_total_t.assign(static_cast<std::size_t>(years), std::numeric_limits<double>::quiet_NaN());
  const auto at = [years](Index i, int y) { return static_cast<std::size_t>(i) * static_cast<std::size_t>(years) + static_cast<std::size_t>(y); };
  for (Index i = 0; i < s.size(); ++i) {
    const auto& index = model.activity.index[s.activity_group[i] == kNone ? 0 : s.activity_group[i]];
    const double at_base = index.at(s.base_year[i], 1.0);
    for (int y = 0; y < years; ++y) {
      const int year = h.first_year + y;
      auto& e = h.emissions_t[at(i, y)];
      auto& b = h.basis[at(i, y)];
      if (s.closed_from[i] != 0 && year >= s.closed_from[i]) {
        e = 0;
        b = HistoryBasis::closed;
      } else if (const auto it = verified.find({i, year}); it != verified.end()) {
        e = it->second;
        b = HistoryBasis::verified;
      } else if (year == s.base_year[i]) {
        e = s.base_emissions_t[i];
        b = HistoryBasis::base;
      } else {
        e = at_base > 0 ? s.base_emissions_t[i] * index.at(year, 1.0) / at_base : s.base_emissions_t[i];
        b = HistoryBasis::estimate;
      }
    }
  }
  // Calibration on NEa's "industrie" total: the estimated sites of its scope are scaled so that
  // the scope adds up to the published figure (docs/model.md "Baseline"). Years after the last
  // total keep the last factor.
  double lambda = 1.0;
  for (int y = 0; y < years; ++y) {
    const int year = h.first_year + y;
    const Index row = model.published.find(kNeaIndustry, year);
    if (row == kNone) {
      if (year > h.first_year) {
        h.calibration_factor[static_cast<std::size_t>(y)] = lambda;
        for (Index i = 0; i < s.size(); ++i) {
          if (s.in_nea_industry(i) && h.basis[at(i, y)] == HistoryBasis::estimate) {
            h.emissions_t[at(i, y)] *= lambda;
          }
        }
      }
      continue;
    }
    const double total = model.published.value[row];
    double fixed = 0, free = 0;
    for (Index i = 0; i < s.size(); ++i) {
      if (!s.in_nea_industry(i)) {
        continue;
      }
      (h.basis[at(i, y)] == HistoryBasis::estimate ? free : fixed) += h.emissions_t[at(i, y)];
    }
    if (free <= 0 || total < fixed) {
      diags.error(model.published.source[row], 0, std::string(kNeaIndustry),
                  fmt::format("a {} total above the {} t of the scope's verified and closed sites", year,
                              csv_number(fixed)),
                  csv_number(total), "dataset.history");
      continue;
    }
    lambda = (total - fixed) / free;
    if (lambda < kLambdaLow || lambda > kLambdaHigh) {
      diags.warning(model.published.source[row], 0, std::string(kNeaIndustry),
                    fmt::format("calibration factor {:.3f} for {} is outside {}–{}: the activity indices "
                                "and the published total disagree",
                                lambda, year, kLambdaLow, kLambdaHigh),
                    "dataset.calibration");
    }
    h.calibration_factor[static_cast<std::size_t>(y)] = lambda;
    h.published_total_t[static_cast<std::size_t>(y)] = total;
    for (Index i = 0; i < s.size(); ++i) {
      if (s.in_nea_industry(i) && h.basis[at(i, y)] == HistoryBasis::estimate) {
        h.emissions_t[at(i, y)] *= lambda;
        h.basis[at(i, y)] = HistoryBasis::calibrated;
      }
    }
  }
}

}  // namespace

void load_history(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  load_groups(m, model, diags);
  load_activity(m, model, diags);
  load_closures(m, model, diags);
  load_published(m, model, diags);
  const auto verified = load_verified(m, model, diags);
  if (diags.has_errors()) {
    return;  // the history would be built on holes
  }
  build_history(model, verified, diags);
}

}  // namespace decarbfund::data::detail
