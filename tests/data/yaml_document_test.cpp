// data::parse_yaml: duplicate keys are errors with both lines and the key path, nesting beyond the
// bound is refused before the parser sees it (by indentation and by brackets), and the bound counts
// brackets even inside quotes, so quoting cannot hide depth.

#include "data/yaml_document.hpp"

#include <memory>
#include <string>
#include <vector>

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
  EXPECT_EQ((*n)["b"]["c"][1].scalar(), "2");
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

// Aliases, or a collection as a key, elsewhere in the text change nothing: the duplicate reported
// is the first in document order, with its path and lines.
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

// An alias as a value (the scenarios' `n2o: *tariff_bp2026`): a duplicate inside its anchor is
// reported where the anchor stands. An aliased key is not compared (its anchor's text `x` is not
// a second `x`).
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

// Aliases nest without copies: the tree holds each node once, however often an alias names it (a
// walk of the expanded tree would visit 10^9 nodes).
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
  EXPECT_EQ(problems("a: [1\nb: 2\n"),
            "f.yaml:2: expected valid YAML, found a syntax error: "
            "did not find expected ',' or ']' (while parsing a flow sequence from line 1)\n");
}

// What a reader sees (data/yaml_node.hpp): nulls as YAML 1.2's core schema and yaml-cpp read them,
// an empty value on its key's line, missing keys and items undefined, never an exception.
TEST(YamlNode, NullsScalarsAndMissingNodes) {
  core::Diagnostics diags;
  const auto n = parse_yaml("a: ~\nb: null\nc: \"null\"\nd:\ne: !!str ~\n~: 1\nf: [x, {g: 2}]\n", "f.yaml", "c", diags);
  ASSERT_TRUE(n) << diags.to_string();
  EXPECT_TRUE((*n)["a"].is_null());
  EXPECT_TRUE((*n)["b"].is_null());
  EXPECT_TRUE((*n)["c"].is_scalar()) << "a quoted null is text";
  EXPECT_EQ((*n)["c"].scalar(), "null");
  EXPECT_TRUE((*n)["d"].is_null());
  EXPECT_EQ((*n)["d"].line(), 4) << "an empty value stands on its key's line";
  EXPECT_TRUE((*n)["e"].is_scalar()) << "a tagged ~ is text";
  EXPECT_EQ((*n)["e"].scalar(), "~");
  std::vector<std::string> keys;
  for (const auto& kv : *n) {
    keys.push_back(kv.first.key_text());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c", "d", "e", "null", "f"}));
  EXPECT_EQ((*n)["f"].size(), 2U);
  EXPECT_EQ((*n)["f"][1]["g"].scalar(), "2");
  EXPECT_EQ((*n)["f"][1].line(), 7);
  EXPECT_FALSE((*n)["f"][2].defined()) << "past the end";
  EXPECT_FALSE((*n)["missing"]["deeper"].defined());
  EXPECT_FALSE((*n)["c"]["key of a scalar"].defined());
  EXPECT_EQ((*n)["missing"].scalar(), "");
  EXPECT_EQ((*n)["missing"].line(), 0);
  EXPECT_EQ((*n)["missing"].size(), 0U);
  int items = 0;
  for (const auto& item : (*n)["f"][0]) {  // a scalar has no items
    (void)item;
    ++items;
  }
  EXPECT_EQ(items, 0);
}

TEST(YamlNode, ANodeKeepsItsDocument) {
  YamlNode item;
  {
    core::Diagnostics diags;
    auto root = parse_yaml("list: [{name: kept}]\n", "f.yaml", "c", diags);
    ASSERT_TRUE(root);
    item = (*root)["list"][0];
  }
  EXPECT_EQ(item["name"].scalar(), "kept");
}

TEST(YamlDocument, OnlyTheFirstDocumentIsRead) {
  core::Diagnostics diags;
  const auto n = parse_yaml("a: 1\n---\nb: [\n", "f.yaml", "c", diags);
  ASSERT_TRUE(n) << diags.to_string();
  EXPECT_EQ((*n)["a"].scalar(), "1");
  EXPECT_TRUE(parse_yaml("", "f.yaml", "c", diags)->is_null()) << "an empty text is a null";
}

TEST(YamlDocument, AnAliasNeedsAWholeAnchorBeforeIt) {
  EXPECT_EQ(problems("a: *x\nb: &x 1\n"),
            "f.yaml:1: expected valid YAML, found the alias *x before its anchor &x is whole (or with no such "
            "anchor)\n");
  EXPECT_EQ(problems("a: &x [1, *x]\n"),
            "f.yaml:1: expected valid YAML, found the alias *x before its anchor &x is whole (or with no such "
            "anchor)\n")
      << "a node cannot hold itself";
}

TEST(YamlDocument, BadEncodingNamesTheLine) {
  const auto p = problems("a: 1\nb: \xff\n");
  EXPECT_EQ(p.rfind("f.yaml:2: expected valid YAML, found a syntax error: invalid leading UTF-8 octet", 0), 0U) << p;
}

// Past kLinearKeys the keys are compared through a hash table: the same answer.
TEST(YamlDocument, DuplicateKeysInALongMapping) {
  std::string text = "m:\n";
  for (int k = 0; k < 40; ++k) {
    text += fmt::format("  k{}: {}\n", k, k);
  }
  EXPECT_TRUE(parse_yaml(text, "f.yaml", "c", *std::make_unique<core::Diagnostics>()));
  EXPECT_EQ(problems(text + "  k3: again\n"),
            "f.yaml:42: m.k3: expected each key once in a mapping, found a second entry for this key (the first is "
            "on line 5)\n");
  EXPECT_EQ(problems(text + "  k39: again\n"),
            "f.yaml:42: m.k39: expected each key once in a mapping, found a second entry for this key (the first is "
            "on line 41)\n");
}

TEST(YamlDepthBound, CountsIndentationAndIndicators) {
  const auto b = detail::yaml_depth_bound("a:\n  b:\n    - - - c\n");
  EXPECT_EQ(b.indent, 10);
  EXPECT_EQ(b.indent_line, 3);
  EXPECT_EQ(b.brackets, 0);
}

}  // namespace
}  // namespace decarbfund::data
