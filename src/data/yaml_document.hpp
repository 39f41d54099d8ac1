#pragma once
// One YAML document from text that came from outside (scenario, deal, round, phases and dataset
// files, posted scenario diffs), read so that no input can crash the reader or be misread:
//   - nesting is bounded before yaml-cpp sees the text (its parser recurses once per level, so
//     100,000 '[' would overflow the stack);
//   - a key given twice in one mapping is an error with both lines (yaml-cpp keeps the first and
//     drops the second silently);
//   - syntax errors are diagnostics with the file and line.
// yaml-cpp belongs to the data room (STYLE §2.3): only src/data/*.cpp include this header.

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/diagnostic.hpp"

namespace decarbfund::data {

/// yaml-cpp's parser recurses once per nesting level. Block collections nest only by
/// indentation (at least a column per level, "- - x" included), flow collections by brackets, so
/// the depth it can reach is at most the deepest indentation plus the number of '[' and '{' in
/// the text. Both are bounded, which bounds the recursion whatever the quoting: the shipped files
/// are indented at most 8 columns and hold at most 11 brackets.
inline constexpr int kMaxYamlIndent = 100;
inline constexpr int kMaxYamlBrackets = 256;

/// Parses the first document of `text`. Problems are added to `diags` with `file`, the line and
/// `code` (syntax: "expected `expected`, found <yaml-cpp's message>"); nullopt when there are any.
std::optional<YAML::Node> parse_yaml(std::string_view text, const std::string& file, const std::string& code,
                                     core::Diagnostics& diags, std::string_view expected = "valid YAML");

namespace detail {
/// How far a YAML text can make yaml-cpp recurse (see kMaxYamlIndent).
struct YamlDepthBound {
  int indent = 0;       ///< the deepest content column (spaces, tabs and "- ", "? ", ": " indicators)
  long indent_line = 0; ///< the first line with that column
  int brackets = 0;     ///< '[' and '{' anywhere, quoted or not
  long bracket_line = 0;  ///< the line of bracket number kMaxYamlBrackets + 1, if any
};
YamlDepthBound yaml_depth_bound(std::string_view text) noexcept;
}  // namespace detail

}  // namespace decarbfund::data
