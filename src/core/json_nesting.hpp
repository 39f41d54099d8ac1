#pragma once
// How deep a JSON text nests, found without parsing it. nlohmann's parser and the code that walks
// its result recurse once per level, so text from outside (request bodies, MIDDEN files) is
// measured with this first and refused when it nests deeper than its reader needs.

#include <cstddef>
#include <optional>
#include <string_view>

namespace decarbfund::core {

/// Where a JSON text first nests deeper than a limit.
struct NestingExcess {
  std::size_t offset = 0;  ///< byte offset of the '[' or '{' that went one level too deep
  long line = 0;           ///< its 1-based line
};

/// The first '[' or '{' (outside strings) that opens level `max_depth + 1`, or nothing. One pass,
/// no allocation; malformed text is left to the parser, which then sees at most `max_depth` levels.
std::optional<NestingExcess> find_json_nesting_excess(std::string_view text, int max_depth) noexcept;

}  // namespace decarbfund::core
