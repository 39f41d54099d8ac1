// data::parse_yaml: duplicate keys are errors with both lines and the key path, nesting beyond the
// bound is refused before yaml-cpp sees it (by indentation and by brackets), and the bound counts
// brackets even inside quotes, so quoting cannot hide depth.

#include "data/yaml_document.hpp"

#include <string>

#include <fmt/format.h>
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

// The duplicate found on the loaded tree (no alias) and from the parser's events (aliases, or
// a collection as a key) is the same: the first in document order, with its path and lines.
TEST(YamlDocument, DuplicateKeysWithAndWithoutAliasesReadTheSame) {
  const std::string plain = "a:\n  b: [1, {c: 1, d: 2, c: 3}]\n  e: 1\n  e: 2\n";
  const std::string expected =
      "f.yaml:2: a.b[1].c: expected each key once in a mapping, found a second entry for this key (the first is "
      "on line 2)\n";
  EXPECT_EQ(problems(plain), expected);
  EXPECT_EQ(problems(plain + "f: &x 1\ng: *x\n"), expected);
  EXPECT_EQ(problems(plain + "? [k]\n: 1\n"), expected);
  EXPECT_EQ(problems("w: X-SHELL-*\nw: 2\n"),
            "f.yaml:2: w: expected each key once in a mapping, found a second entry for this key (the first is on "
            "line 1)\n");
  EXPECT_EQ(problems("~: 1\nnull: 2\n"),
            "f.yaml:2: ~: expected each key once in a mapping, found a second entry for this key (the first is on "
            "line 1)\n");
}

// An alias as a value (the scenarios' `n2o: *tariff_bp2026`) is checked on the tree; a duplicate
// inside its anchor is reported where the anchor stands, as the events report it. An aliased key
// is left to the events, which do not compare it (the tree would see the anchor's text and call
// `x` a duplicate): the reader gives the same answer as before for both.
TEST(YamlDocument, AliasesAsValuesAndAsKeysReadAsOnTheEvents) {
  EXPECT_EQ(problems("a: &m {x: 1, x: 2}\nb: *m  # a comment\n"),
            "f.yaml:1: a.x: expected each key once in a mapping, found a second entry for this key (the first is "
            "on line 1)\n");
  for (const char* text : {"a: &k x\nb:\n  *k : 1\n  x: 2\n", "a: &k x\nb:\n  ? *k\n  : 1\n  x: 2\n",
                           "a: &k x\nb: {*k : 1, x: 2}\n", "a: &k x\nb:\n  *k: 1\n  x: 2\n"}) {
    core::Diagnostics diags;
    parse_yaml(text, "f.yaml", "c", diags);
    EXPECT_EQ(diags.to_string().find("each key once"), std::string::npos) << text << diags.to_string();
  }
}

// Aliases nest without copies: a walk of the tree would visit 10^9 nodes, the events a few dozen.
TEST(YamlDocument, AliasesAreNotWalkedNodeByNode) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int k = 1; k <= 9; ++k) {
    text += fmt::format("a{}: &a{} [", k, k);
    for (int j = 0; j < 10; ++j) {
      text += fmt::format("{}*a{}", j == 0 ? "" : ", ", k - 1);
    }
    text += "]\n";
  }
  core::Diagnostics diags;
  EXPECT_TRUE(parse_yaml(text, "f.yaml", "c", diags)) << diags.to_string();
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
