#include "data/yaml_document.hpp"

#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

namespace decarbfund::data {

namespace detail {

YamlDepthBound yaml_depth_bound(std::string_view text) noexcept {
  YamlDepthBound b;
  long line = 1;
  bool line_start = true;
  int col = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = true;
      col = 0;
      continue;
    }
    if (line_start) {
      const char next = i + 1 < text.size() ? text[i + 1] : '\n';
      const bool blank_next = next == ' ' || next == '\t' || next == '\n' || next == '\r';
      if (c == ' ' || c == '\t' || ((c == '-' || c == '?' || c == ':') && blank_next)) {
        ++col;
      } else {
        line_start = false;
      }
      if (col > b.indent) {
        b.indent = col;
        b.indent_line = line;
      }
    }
    if ((c == '[' || c == '{') && ++b.brackets == kMaxYamlBrackets + 1) {
      b.bracket_line = line;
    }
  }
  return b;
}

}  // namespace detail

namespace {

/// Walks the parser's events and reports the first key given twice in one mapping, with the key
/// path. Keys that are collections (rare) are not compared.
class DuplicateKeys : public YAML::EventHandler {
 public:
  struct Found {
    std::string path;
    long line = 0;
    long first_line = 0;
  };
  std::optional<Found> found;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { scalar(mark, "~"); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { scalar(mark, {}); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    scalar(mark, value);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    bool map = false;
    bool at_key = true;  // a map's next node is a key
    std::string key;     // a map's current key
    std::size_t index = 0;
    std::map<std::string, long> keys;  // key → line
    std::string path;
  };

  std::string child_path() const {
    if (frames_.empty()) {
      return {};
    }
    const auto& f = frames_.back();
    if (f.map) {
      return f.path.empty() ? f.key : f.path + "." + f.key;
    }
    return fmt::format("{}[{}]", f.path, f.index);
  }

  /// A node has ended: the parent moves on to its next key, value or item.
  void done() {
    if (frames_.empty()) {
      return;
    }
    auto& f = frames_.back();
    if (f.map) {
      f.at_key = !f.at_key;
    } else {
      ++f.index;
    }
  }

  void scalar(const YAML::Mark& mark, std::optional<std::string> value) {
    if (!frames_.empty() && frames_.back().map && frames_.back().at_key) {
      auto& f = frames_.back();
      f.key = value.value_or("*alias");
      const long line = mark.line + 1;
      if (value) {
        const auto [it, fresh] = f.keys.emplace(*value, line);
        if (!fresh && !found) {
          found = Found{child_path(), line, it->second};
        }
      }
    }
    done();
  }

  void open(bool map) {
    std::string path = child_path();
    const bool is_key = !frames_.empty() && frames_.back().map && frames_.back().at_key;
    if (is_key) {
      frames_.back().key = "(complex key)";
    }
    frames_.push_back(Frame{map, true, {}, 0, {}, std::move(path)});
  }

  void close() {
    frames_.pop_back();
    done();
  }

  std::vector<Frame> frames_;
};

/// DuplicateKeys on the loaded tree instead of a second parse (issue 21: yaml-cpp's tokenizer
/// was a fifth of an outlook, and every file went through it twice). yaml-cpp keeps every entry
/// of a mapping, a lookup finding the first, so the tree still has the duplicate; walked in
/// document order (a key, then its value, then the next key), the first one found is the one the
/// events give, with the same path and lines. An alias as a value is walked again where it
/// stands (its anchor's node, already walked); an aliased key or a collection as a key has no
/// path of its own, so for a text that may have either (may_have_alias_key) the caller parses
/// the events instead.
class TreeDuplicateKeys {
 public:
  /// `text_size`: a tree of the text without aliases has fewer than two nodes per byte (an empty
  /// value takes none, its key at least two), so the walk stops there, asking for the events:
  /// aliases that nest (a billion laughs) are not walked node by node.
  explicit TreeDuplicateKeys(std::size_t text_size) : budget_(2 * text_size + 2) {}
  std::optional<DuplicateKeys::Found> found;
  bool needs_events = false;  ///< a collection as a key, or more nodes than the text can hold

  void walk(const YAML::Node& node, const std::string& path) {
    if (budget_ == 0) {
      needs_events = true;
      return;
    }
    --budget_;
    if (node.IsMap()) {
      std::map<std::string, long> keys;  // key → line
      for (auto it = node.begin(); it != node.end() && !found && !needs_events; ++it) {
        const auto entry = *it;  // a pair of nodes by value: `it->first` would be a temporary's
        const YAML::Node& k = entry.first;
        if (!k.IsScalar() && !k.IsNull()) {
          needs_events = true;
          return;
        }
        std::string key = k.IsNull() ? "~" : k.Scalar();
        const long line = static_cast<long>(k.Mark().line) + 1;
        std::string child = path.empty() ? key : path + "." + key;
        const auto [first, fresh] = keys.emplace(std::move(key), line);
        if (!fresh) {
          found = DuplicateKeys::Found{std::move(child), line, first->second};
          return;
        }
        walk(entry.second, child);
      }
    } else if (node.IsSequence()) {
      std::size_t index = 0;
      for (auto it = node.begin(); it != node.end() && !found && !needs_events; ++it, ++index) {
        walk(*it, fmt::format("{}[{}]", path, index));
      }
    }
  }

 private:
  std::size_t budget_;
};

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Whether `text` may hold an alias used as a mapping key, or an explicit key ('?'): the tree walk
/// cannot say which key an aliased key repeats as the events do, so such a text is checked on the
/// events. Conservative, from the text alone: an alias is a '*' where a node can start (at the
/// start of a line or after a blank, '[', '{', ',' or ':'; one inside a plain word, the deals'
/// "X-SHELL-OTHER-*", is none), and it may be a key when its name is followed, after blanks, by
/// a ':' (the name stops at a blank, a flow indicator or a ':') or when it stands in a flow
/// collection. A '?' between blanks may start an explicit key. A '*' in a comment or a quoted
/// text counts too. An alias that is a value only (the scenarios' `n2o: *tariff_bp2026`) leaves
/// the text to the tree walk: the walk finds a duplicate inside the anchor's node where the
/// anchor stands, before it reaches the alias, so it reports what the events report.
bool may_have_alias_key(std::string_view text) {
  const auto at = [&](std::size_t i) { return i < text.size() ? text[i] : '\n'; };
  for (std::size_t i = text.find_first_of("*?"); i != std::string_view::npos; i = text.find_first_of("*?", i + 1)) {
    const char before = i == 0 ? '\n' : text[i - 1];
    const bool node_start = blank(before) || before == '[' || before == '{' || before == ',' || before == ':';
    if (!node_start) {
      continue;
    }
    if (text[i] == '?') {
      if (blank(at(i + 1))) {
        return true;
      }
      continue;
    }
    if (before == '[' || before == '{' || before == ',') {
      return true;
    }
    std::size_t j = i + 1;
    while (j < text.size() && !blank(text[j]) && text[j] != ':' && text[j] != ',' && text[j] != '[' &&
           text[j] != ']' && text[j] != '{' && text[j] != '}') {
      ++j;
    }
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) {
      ++j;
    }
    if (at(j) == ':' || at(j) == ',' || at(j) == ']' || at(j) == '}') {
      return true;  // a key, or an item of a flow collection (which may be a key)
    }
  }
  return false;
}

}  // namespace

std::optional<YAML::Node> parse_yaml(std::string_view text, const std::string& file, const std::string& code,
                                     core::Diagnostics& diags, std::string_view expected) {
  const auto error = [&](long line, std::string key_path, std::string what, std::string found) {
    diags.add({core::Severity::error, code, file, line, std::move(key_path), {}, std::move(what), std::move(found), {}});
  };
  const auto bound = detail::yaml_depth_bound(text);
  if (bound.indent > kMaxYamlIndent) {
    error(bound.indent_line, {}, fmt::format("YAML indented at most {} columns", kMaxYamlIndent),
          fmt::format("a line indented {} columns (nesting that deep is refused)", bound.indent));
    return std::nullopt;
  }
  if (bound.brackets > kMaxYamlBrackets) {
    error(bound.bracket_line, {}, fmt::format("YAML with at most {} flow brackets ('[' and '{{')", kMaxYamlBrackets),
          fmt::format("{} brackets (nesting that deep is refused)", bound.brackets));
    return std::nullopt;
  }
  const auto duplicate = [&](const DuplicateKeys::Found& f) {
    error(f.line, f.path, "each key once in a mapping",
          fmt::format("a second entry for this key (the first is on line {})", f.first_line));
  };
  try {
    if (!may_have_alias_key(text)) {
      auto root = YAML::Load(std::string(text));
      TreeDuplicateKeys keys(text.size());
      keys.walk(root, {});
      if (keys.found) {
        duplicate(*keys.found);
        return std::nullopt;
      }
      if (!keys.needs_events) {
        return root;
      }
    }
    {
      std::istringstream in{std::string(text)};
      YAML::Parser parser(in);
      DuplicateKeys keys;
      parser.HandleNextDocument(keys);
      if (keys.found) {
        duplicate(*keys.found);
        return std::nullopt;
      }
    }
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    error(e.mark.is_null() ? 0 : e.mark.line + 1, {}, std::string(expected), e.msg);
    return std::nullopt;
  }
}

}  // namespace decarbfund::data
