// data::parse_yaml: duplicate keys are errors with both lines and the key path, nesting beyond the
// bound is refused before yaml-cpp sees it (by indentation and by brackets), and the bound counts
// brackets even inside quotes, so quoting cannot hide depth.

#include "data/yaml_document.hpp"

#include <string>

#include <gtest/gtest.h>

namespace decarbfund::data {
namespace {

std::string problems(std::string_view text) {
  core::Diagnostics diags;
  EXPECT_FALSE(parse_yaml(text, "f.yaml", "yaml.syntax", diags));
  return diags.to_string();
}

TEST(YamlDocument, AGoodDocumentParses) {
  core::Diagnostics diags;
  const auto n = parse_yaml("a: 1\nb: {c: [1, 2]}\nd:\n  - e: 1\n  - e: 1\n", "f.yaml", "yaml.syntax", diags);
  ASSERT_TRUE(n) << diags.to_string();
  EXPECT_EQ((*n)["b"]["c"][1].as<int>(), 2);
}

TEST(YamlDocument, DuplicateKeysAreErrorsWithTheKeyPath) {
  EXPECT_EQ(problems("a: 1\nb:\n  c: 1\n  c: 2\n"),
            "f.yaml:4: b.c: expected each key once in a mapping, found a second entry for this key (the first is on "
            "line 3)\n");
  EXPECT_EQ(problems("list:\n  - {x: 1, y: 2, x: 3}\n"),
            "f.yaml:2: list[0].x: expected each key once in a mapping, found a second entry for this key (the first "
            "is on line 2)\n");
  core::Diagnostics diags;
  EXPECT_TRUE(parse_yaml("- {x: 1}\n- {x: 2}\n", "f.yaml", "c", diags)) << "the same key in two mappings is fine";
}

TEST(YamlDocument, NestingIsBoundedBeforeParsing) {
  EXPECT_EQ(problems("a: " + std::string(300, '{')),
            "f.yaml:1: expected YAML with at most 256 flow brackets ('[' and '{'), found 300 brackets (nesting that "
            "deep is refused)\n");
  EXPECT_EQ(problems("a: '" + std::string(300, '[') + "'"),
            "f.yaml:1: expected YAML with at most 256 flow brackets ('[' and '{'), found 300 brackets (nesting that "
            "deep is refused)\n");
  EXPECT_EQ(problems("a:\n" + std::string(101, ' ') + "b: 1\n"),
            "f.yaml:2: expected YAML indented at most 100 columns, found a line indented 101 columns (nesting that "
            "deep is refused)\n");
}

TEST(YamlDocument, SyntaxErrorsNameTheLine) {
  EXPECT_EQ(problems("a: [1\nb: 2\n"), "f.yaml:2: expected valid YAML, found end of sequence flow not found\n");
}

TEST(YamlDepthBound, CountsIndentationAndIndicators) {
  const auto b = detail::yaml_depth_bound("a:\n  b:\n    - - - c\n");
  EXPECT_EQ(b.indent, 10);
  EXPECT_EQ(b.indent_line, 3);
  EXPECT_EQ(b.brackets, 0);
}

}  // namespace
}  // namespace decarbfund::data
