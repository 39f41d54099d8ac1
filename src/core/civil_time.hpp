#pragma once
// ISO 8601 civil date-times ("2024-04-22T09:00:00") as seconds since 1970-01-01T00:00:00, with no
// time zone: a round's applications are all stamped in one local clock, so ordering is all we
// need. Day arithmetic after Howard Hinnant's days_from_civil / civil_from_days
// (http://howardhinnant.github.io/date_algorithms.html).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace decarbfund::core {

/// Days since 1970-01-01 of a proleptic Gregorian date.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

/// The date of a day count since 1970-01-01.
constexpr CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

/// Parses "YYYY-MM-DDTHH:MM:SS", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD" (years 1900–2199) strictly:
/// fixed widths, real calendar dates, hours < 24. Returns seconds since 1970-01-01T00:00:00.
inline std::optional<std::int64_t> parse_iso_datetime(std::string_view s) noexcept {
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<unsigned> {
    if (at + n > s.size()) {
      return std::nullopt;
    }
    unsigned v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') {
        return std::nullopt;
      }
      v = v * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 && s.size() != 16 && s.size() != 19) {
    return std::nullopt;
  }
  auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  if (!y || !mo || !d || s[4] != '-' || s[7] != '-' || *y < 1900 || *y > 2199 || *mo < 1 ||
      *mo > 12 || *d < 1 || *d > days_in_month(*y, *mo)) {
    return std::nullopt;
  }
  unsigned hh = 0, mm = 0, ss = 0;
  if (s.size() >= 16) {
    auto h = digits(11, 2), mi = digits(14, 2);
    if (s[10] != 'T' || s[13] != ':' || !h || !mi || *h > 23 || *mi > 59) {
      return std::nullopt;
    }
    hh = *h;
    mm = *mi;
    if (s.size() == 19) {
      auto se = digits(17, 2);
      if (s[16] != ':' || !se || *se > 59) {
        return std::nullopt;
      }
      ss = *se;
    }
  }
  return days_from_civil(*y, *mo, *d) * 86400 + hh * 3600 + mm * 60 + ss;
}

/// Whether `s` is a calendar date "YYYY-MM-DD" with years `min_year`–`max_year`: fixed widths,
/// months 1–12 and days that exist (2024-02-29 does, 2025-02-29 does not).
constexpr bool valid_iso_date(std::string_view s, int min_year = 1900, int max_year = 2199) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return false;
  }
  unsigned v[3] = {0, 0, 0};
  const std::size_t start[3] = {0, 5, 8};
  const std::size_t width[3] = {4, 2, 2};
  for (std::size_t f = 0; f < 3; ++f) {
    for (std::size_t i = start[f]; i < start[f] + width[f]; ++i) {
      if (s[i] < '0' || s[i] > '9') {
        return false;
      }
      v[f] = v[f] * 10 + static_cast<unsigned>(s[i] - '0');
    }
  }
  const auto y = static_cast<int>(v[0]);
  return y >= min_year && y <= max_year && v[1] >= 1 && v[1] <= 12 && v[2] >= 1 &&
         v[2] <= days_in_month(y, v[1]);
}

/// "YYYY-MM-DDTHH:MM:SS" of seconds since 1970-01-01T00:00:00.
inline std::string format_iso_datetime(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const auto date = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", date.year, date.month, date.day,
                     rest / 3600, rest / 60 % 60, rest % 60);
}

/// The calendar year of seconds since 1970-01-01T00:00:00.
constexpr int year_of(std::int64_t seconds) noexcept {
  std::int64_t days = seconds / 86400;
  if (seconds % 86400 < 0) {
    --days;
  }
  return static_cast<int>(civil_from_days(days).year);
}

}  // namespace decarbfund::core
