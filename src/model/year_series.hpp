#pragma once
// A value per calendar year over a contiguous range, e.g. a tariff path or a price path.

#include <algorithm>
#include <vector>

namespace decarbfund::model {

/// Values for years first_year … first_year + size − 1. Reading outside the range holds the
/// nearest end value (a path is flat beyond its last stated year); empty reads as `fallback`.
struct YearSeries {
  int first_year = 0;
  std::vector<double> values;

  bool empty() const { return values.empty(); }
  int last_year() const { return first_year + static_cast<int>(values.size()) - 1; }
  bool covers(int year) const { return !values.empty() && year >= first_year && year <= last_year(); }
  double at(int year, double fallback = 0.0) const {
    if (values.empty()) {
      return fallback;
    }
    const int i = std::clamp(year - first_year, 0, static_cast<int>(values.size()) - 1);
    return values[static_cast<std::size_t>(i)];
  }
  /// Sets the value of `year`, growing the range (new years in between take the nearest value).
  void set(int year, double value) {
    if (values.empty()) {
      first_year = year;
      values.push_back(value);
      return;
    }
    if (year < first_year) {
      values.insert(values.begin(), static_cast<std::size_t>(first_year - year), values.front());
      first_year = year;
    } else if (year > last_year()) {
      values.resize(static_cast<std::size_t>(year - first_year + 1), values.back());
    }
    values[static_cast<std::size_t>(year - first_year)] = value;
  }
};

}  // namespace decarbfund::model
