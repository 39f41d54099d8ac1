#pragma once
// Texts and numbers of a report in one language (issue 20). A report holds a Localizer and asks
// it for every label (`tr("outlook.title")`, `tr.format("outlook.h1", year, name)`) and every
// number it prints (`tr.num(v, 2)`, `tr.percent(p)`), so that nothing English is left in a Dutch
// page and numbers read as each language writes them:
//   en 1,234.5   -0.25   0.2 %      nl 1.234,5   -0,25   0,2 %
// A value that rounds to zero prints without a sign ("0.00", never "-0.00").

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "report/lang.hpp"

namespace decarbfund::report {

class Localizer {
 public:
  explicit Localizer(Lang lang = Lang::en) : lang_(lang) {}

  Lang lang() const { return lang_; }

  /// The text of `key` in this language. A key missing from the table is a programming error:
  /// std::out_of_range naming the key and the language (the string-table tests render every
  /// report in both languages, so none reaches a user).
  const std::string& operator()(std::string_view key) const;

  /// The text of `key`, or "" when the table has none (for keys made from data, e.g. a flag code).
  std::string_view find(std::string_view key) const;

  /// The text of `key` with its `{}` placeholders filled.
  template <typename... Args>
  std::string format(std::string_view key, const Args&... args) const {
    return fmt::format(fmt::runtime((*this)(key)), args...);
  }

  /// `v` with `decimals` decimals and thousands separators; "–" for NaN or infinity.
  std::string num(double v, int decimals) const;

  /// As num, with a "+" before a positive value (a change).
  std::string signed_num(double v, int decimals) const;

  /// A share as a percentage by one rule for every report: one decimal ("0.2 %"), "0 %" and
  /// "100 %" only when exact, "< 0.1 %" and "> 99.9 %" for what would round to them. The Monte
  /// Carlo headline and its table say the same.
  std::string percent(double share) const;

  /// A whole number (a count, a year is printed plainly with std::to_string): with separators.
  std::string count(double v) const { return num(v, 0); }

 private:
  Lang lang_;
};

/// Groups the digits of a formatted non-negative number "1234567.89" as `lang` writes it.
std::string group_digits(std::string_view plain, Lang lang);

}  // namespace decarbfund::report
