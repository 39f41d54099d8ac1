#include "data/company_name.hpp"

namespace decarbfund::data {

std::string normalize_company_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    // U+00A0 is C2 A0 in UTF-8: white space in names pasted from web pages.
    const bool nbsp = c == '\xC2' && i + 1 < name.size() && name[i + 1] == '\xA0';
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || nbsp) {
      pending_space = !out.empty();
      i += nbsp ? 1 : 0;
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  return out;
}

}  // namespace decarbfund::data
