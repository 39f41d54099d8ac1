#include "core/json_nesting.hpp"

namespace decarbfund::core {

std::optional<NestingExcess> find_json_nesting_excess(std::string_view text, int max_depth) noexcept {
  int depth = 0;
  long line = 1;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    }
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > max_depth) {
          return NestingExcess{i, line};
        }
        break;
      case ']':
      case '}':
        // Unbalanced closers are the parser's to report; they never make the text deeper.
        depth = depth > 0 ? depth - 1 : 0;
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace decarbfund::core
