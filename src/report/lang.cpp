#include "report/lang.hpp"

namespace decarbfund::report {

std::optional<Lang> parse_lang(std::string_view code) {
  if (code == "en") {
    return Lang::en;
  }
  if (code == "nl") {
    return Lang::nl;
  }
  return std::nullopt;
}

std::string_view lang_code(Lang lang) { return lang == Lang::nl ? "nl" : "en"; }

}  // namespace decarbfund::report
