#include "data/csv_reader.hpp"

// The CSV writers declared in csv_reader.hpp: quoting and deterministic numbers.

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/compile.h>
#include <fmt/format.h>

namespace decarbfund::data {

namespace {

// A table lookup per byte, not find_first_of, which calls memchr for each byte of the field
// (issue 21: a tenth of writing 100,000 awards).
constexpr auto kNeedsQuotes = [] {
  std::array<bool, 256> quote{};
  for (const unsigned char c : {',', '"', '\n', '\r'}) {
    quote[c] = true;
  }
  return quote;
}();

bool needs_quotes(std::string_view field) {
  return std::any_of(field.begin(), field.end(), [](char c) { return kNeedsQuotes[static_cast<unsigned char>(c)]; });
}

}  // namespace

std::string csv_escape(std::string_view field) {
  std::string out;
  append_csv_escaped(out, field);
  return out;
}

void append_csv_escaped(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out += field;
    return;
  }
  const std::size_t at = out.size();
  out.resize(at + 2 * field.size() + 2);
  out.resize(static_cast<std::size_t>(write_csv_escaped(out.data() + at, field) - out.data()));
}

char* write_csv_escaped(char* out, std::string_view field) {
  if (!needs_quotes(field)) {
    return std::copy(field.begin(), field.end(), out);
  }
  *out++ = '"';
  for (char c : field) {
    if (c == '"') {
      *out++ = '"';
    }
    *out++ = c;
  }
  *out++ = '"';
  return out;
}

std::string csv_number(double value) {
  std::string out;
  append_csv_number(out, value);
  return out;
}

void append_csv_number(std::string& out, double value) {
  char buffer[kMaxCsvNumberChars];
  out.append(buffer, write_csv_number(buffer, value));
}

char* write_csv_number(char* out, double value) {
  if (value == 0) {
    *out++ = '0';  // also folds -0
    return out;
  }
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    // A whole number below 1e15 is exact as a 64-bit integer, which prints the same digits as
    // "{:.0f}" without the multi-precision path fmt takes for fixed precision.
    const fmt::format_int whole(static_cast<long long>(value));
    return std::copy(whole.data(), whole.data() + whole.size(), out);
  }
  return fmt::format_to(out, FMT_COMPILE("{}"), value);  // shortest round-trip representation
}

char* write_csv_decimal(char* out, double steps, int decimals) {
  constexpr long long kPow10[] = {1, 10, 100, 1000, 10'000};
  if (!(std::fabs(steps) < 1e15) || steps != std::trunc(steps) || decimals < 0 || decimals > 4) {
    return write_csv_number(out, steps / std::pow(10.0, decimals));
  }
  auto k = static_cast<long long>(steps);
  if (k < 0) {
    *out++ = '-';
    k = -k;
  }
  const long long unit = kPow10[decimals];
  const fmt::format_int whole(k / unit);
  out = std::copy(whole.data(), whole.data() + whole.size(), out);
  long long frac = k % unit;
  if (frac == 0) {
    return out;  // a whole number, as csv_number prints it (also folds -0)
  }
  int digits = decimals;
  while (frac % 10 == 0) {  // no trailing zeros, as the shortest form has none
    frac /= 10;
    --digits;
  }
  *out++ = '.';
  for (char* d = out + digits; d != out; frac /= 10) {
    *--d = static_cast<char>('0' + frac % 10);
  }
  return out + digits;
}

}  // namespace decarbfund::data
