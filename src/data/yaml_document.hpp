#pragma once
// One YAML document from text that came from outside (scenario, deal, round, phases and dataset
// files, posted scenario diffs), read so that no input can crash the reader or be misread:
//   - nesting is bounded before the parser sees the text (a tree 100,000 levels deep is no
//     scenario, and whoever walks it recursively would overflow the stack);
//   - a key given twice in one mapping is an error with both lines (a lookup would find the
//     first and drop the second silently);
//   - an alias names an anchor defined before it, outside its own node (no cycles);
//   - syntax errors are diagnostics with the file and line.
// libyaml (Debian libyaml-dev) parses; this file builds the tree (yaml_node.hpp). The parser
// belongs to the data room (STYLE §2.3): only src/data/*.cpp include this header.

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "data/yaml_node.hpp"

namespace decarbfund::data {

/// The tree's depth, and so the recursion of whoever walks it, is bounded from the text alone.
/// Block collections nest only by indentation (at least a column per level, "- - x" included),
/// flow collections by brackets, so the depth is at most the deepest indentation plus the number
/// of '[' and '{' in the text. Both are bounded, whatever the quoting: the shipped files are
/// indented at most 8 columns and hold at most 11 brackets.
inline constexpr int kMaxYamlIndent = 100;
inline constexpr int kMaxYamlBrackets = 256;

/// Parses the first document of `text`. Problems are added to `diags` with `file`, the line and
/// `code` (syntax: "expected `expected`, found <the parser's message>"); nullopt when there are
/// any. Text after the first document is not read.
std::optional<YamlNode> parse_yaml(std::string_view text, const std::string& file, const std::string& code,
                                   core::Diagnostics& diags, std::string_view expected = "valid YAML");

namespace detail {
/// How deep a YAML text's tree can be (see kMaxYamlIndent).
struct YamlDepthBound {
  int indent = 0;       ///< the deepest content column (spaces, tabs and "- ", "? ", ": " indicators)
  long indent_line = 0; ///< the first line with that column
  int brackets = 0;     ///< '[' and '{' anywhere, quoted or not
  long bracket_line = 0;  ///< the line of bracket number kMaxYamlBrackets + 1, if any
};
YamlDepthBound yaml_depth_bound(std::string_view text) noexcept;
}  // namespace detail

}  // namespace decarbfund::data
