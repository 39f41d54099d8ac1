#include "data/dataset_manifest.hpp"

#include <array>
#include <cmath>
#include <iterator>
#include <map>

namespace decarbfund::data::detail {

using model::Index;
using model::kNone;

namespace {

/// deflator.csv: one row per year, without gaps (a price basis cannot be interpolated silently).
void load_deflator(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  std::map<long, double> cpi;
  read_table(m, "deflator", diags, [&](TableReader& t, std::size_t r) {
    const long year = t.integer(r, "year");
    const double value = t.number(r, "cpi");
    t.choice(r, "basis", kBasis);
    t.text(r, "source");
    if (std::isnan(value)) {
      return;
    }
    if (!cpi.emplace(year, value).second) {
      t.error(r, "year", "one row per year", fmt::format("{} again", year));
    } else if (cpi.size() > 1 && std::prev(cpi.end())->first != year) {
      t.error(r, "year", "years in ascending order", fmt::format("{} after {}", year, cpi.rbegin()->first));
    } else if (cpi.size() > 1 && std::prev(std::prev(cpi.end()))->first != year - 1) {
      t.error(r, "year", fmt::format("the year after {} (no gaps)", std::prev(std::prev(cpi.end()))->first),
              fmt::format("{}", year));
    }
  });
  for (const auto& [year, value] : cpi) {
    model.cpi.set(static_cast<int>(year), value);
  }
}

}  // namespace

/// Price paths: stated years as given, years in between interpolated linearly, years outside
/// held flat (docs/data-format.md, "prices"). Rows marked `nominal` are first turned into EUR of
/// the dataset's price year with deflator.csv (docs/model.md "Price basis").
void load_prices(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  load_deflator(m, model, diags);
  std::array<std::map<long, double>, model::kPriceSeriesCount> points;
  read_table(m, "prices", diags, [&](TableReader& t, std::size_t r) {
    const int series = t.choice(r, "series", kPriceSeries);
    const long year = t.integer(r, "year");
    double value = t.number(r, "value");
    t.choice(r, "basis", kBasis);
    t.text(r, "source");
    const int price_basis = t.choice(r, "price_basis", kPriceBasis);
    if (series < 0 || std::isnan(value)) {
      return;
    }
    if (price_basis == 0) {  // nominal
      if (!model.cpi.covers(static_cast<int>(year)) || !model.cpi.covers(model.info.price_year)) {
        t.error(r, "price_basis",
                fmt::format("a year deflator.csv covers to turn nominal EUR into EUR {}", model.info.price_year),
                fmt::format("nominal EUR of {}", year));
        return;
      }
      value = model.real_eur(value, static_cast<int>(year));
    }
    if (!points[static_cast<std::size_t>(series)].emplace(year, value).second) {
      t.error(r, "year", "one row per series and year",
              fmt::format("{} again for {}", year, kPriceSeries[series]));
    }
  });
  for (std::size_t s = 0; s < points.size(); ++s) {
    const auto& p = points[s];
    auto& out = model.prices[s];
    for (auto it = p.begin(); it != p.end(); ++it) {
      const auto next = std::next(it);
      out.set(static_cast<int>(it->first), it->second);
      if (next == p.end()) {
        break;
      }
      const double span = static_cast<double>(next->first - it->first);
      for (long y = it->first + 1; y < next->first; ++y) {
        const double w = static_cast<double>(y - it->first) / span;
        out.set(static_cast<int>(y), it->second + w * (next->second - it->second));
      }
    }
  }
}
}  // namespace decarbfund::data::detail
