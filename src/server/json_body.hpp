#pragma once
// Request bodies (issue 15): one place that checks and parses every JSON body the API accepts.
// Nothing reaches nlohmann's parser (or the code that walks its result, which recurses once per
// level) unless it is valid UTF-8 and nests at most kMaxBodyDepth levels; the size is bounded
// before the body is read (--max-body, server/connection_front.hpp). Parse errors, invalid UTF-8
// and numbers out of range (1e999) are 400 with the line and column, never 500.
// Internal to the server room (includes nlohmann/json).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace decarbfund::server {

/// Deepest nesting of any request body: a posted scenario diff nests up to kMaxDiffDepth (16),
/// a Monte Carlo request one more.
inline constexpr int kMaxBodyDepth = 20;

/// Throws RequestError 400 unless `text` is valid UTF-8 nested at most kMaxBodyDepth deep.
void check_json_body(std::string_view text);

/// check_json_body, then parse; throws RequestError 400 naming line and column for malformed
/// JSON, `expected` saying what the endpoint wants.
nlohmann::json parse_json_body(std::string_view text, const std::string& expected);

}  // namespace decarbfund::server
