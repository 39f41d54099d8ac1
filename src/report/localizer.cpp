#include "report/localizer.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "report/string_table.hpp"

namespace decarbfund::report {

namespace {

using Index = std::unordered_map<std::string_view, std::string>;

/// One index per language, built on first use (thread-safe: a function-local static).
const Index& index_of(Lang lang) {
  static const auto build = [](Lang l) {
    Index index;
    for (const auto& e : string_table(l)) {
      index.emplace(e.key, std::string(e.text));
    }
    return index;
  };
  static const Index en = build(Lang::en);
  static const Index nl = build(Lang::nl);
  return lang == Lang::nl ? nl : en;
}

}  // namespace

std::span<const StringEntry> string_table(Lang lang) { return lang == Lang::nl ? strings_nl() : strings_en(); }

const std::string& Localizer::operator()(std::string_view key) const {
  const auto& index = index_of(lang_);
  const auto it = index.find(key);
  if (it == index.end()) {
    throw std::out_of_range(fmt::format("no report text for key '{}' in language {}", key, lang_code(lang_)));
  }
  return it->second;
}

std::string_view Localizer::find(std::string_view key) const {
  const auto& index = index_of(lang_);
  const auto it = index.find(key);
  return it == index.end() ? std::string_view() : it->second;
}

std::string group_digits(std::string_view plain, Lang lang) {
  const char group = lang == Lang::nl ? '.' : ',';
  const char mark = lang == Lang::nl ? ',' : '.';
  const auto dot = plain.find('.');
  const std::string_view whole = plain.substr(0, dot);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) {
      out += group;
    }
    out += whole[i];
  }
  if (dot != std::string_view::npos) {
    out += mark;
    out += plain.substr(dot + 1);
  }
  return out;
}

std::string Localizer::num(double v, int decimals) const {
  if (!std::isfinite(v)) {
    return "–";
  }
  const std::string plain = fmt::format("{:.{}f}", std::fabs(v), decimals);
  // No "-0.00": a value that rounds to zero has no sign.
  const bool zero = plain.find_first_not_of("0.") == std::string::npos;
  return (v < 0 && !zero ? "-" : "") + group_digits(plain, lang_);
}

std::string Localizer::signed_num(double v, int decimals) const {
  const std::string s = num(v, decimals);
  return v > 0 && s.find_first_not_of("0.,") != std::string::npos ? "+" + s : s;
}

std::string Localizer::percent(double share) const {
  if (!std::isfinite(share)) {
    return "–";
  }
  const double pct = 100 * share;
  if (pct <= 0) {
    return "0 %";
  }
  if (pct >= 100) {
    return "100 %";
  }
  if (pct < 0.05) {
    return "< " + num(0.1, 1) + " %";
  }
  if (pct >= 99.95) {
    return "> " + num(99.9, 1) + " %";
  }
  return num(pct, 1) + " %";
}

}  // namespace decarbfund::report
