#include "server/json_body.hpp"

#include <fmt/format.h>

#include "core/json_nesting.hpp"
#include "core/utf8.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {

constexpr const char* kBody = "request body";

/// Line and column (1-based) of byte `pos`.
std::pair<long, long> line_column(std::string_view text, std::size_t pos) {
  long line = 1;
  long col = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

[[noreturn]] void refuse(long line, std::string code, std::string expected, std::string found) {
  core::Diagnostics d;
  d.add({core::Severity::error, std::move(code), kBody, line, {}, {}, std::move(expected), std::move(found), {}});
  throw RequestError(400, d.all().front().to_string(), d);
}

}  // namespace

void check_json_body(std::string_view text) {
  if (const auto bad = core::find_invalid_utf8(text); bad != std::string_view::npos) {
    const auto [line, col] = line_column(text, bad);
    refuse(line, "request.encoding", "UTF-8 text",
           fmt::format("an invalid byte 0x{:02x} at column {}", static_cast<unsigned char>(text[bad]), col));
  }
  if (const auto deep = core::find_json_nesting_excess(text, kMaxBodyDepth)) {
    refuse(deep->line, "request.too_deep", fmt::format("JSON nested at most {} levels deep", kMaxBodyDepth),
           "deeper nesting");
  }
}

nlohmann::json parse_json_body(std::string_view text, const std::string& expected) {
  check_json_body(text);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, col] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    refuse(line, "request.json", expected, fmt::format("malformed JSON at column {}: {}", col, e.what()));
  } catch (const nlohmann::json::exception& e) {  // out_of_range 406: a number like 1e999
    refuse(0, "request.json", expected + " with finite numbers", e.what());
  }
}

}  // namespace decarbfund::server
