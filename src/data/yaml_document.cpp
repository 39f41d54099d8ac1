#include "data/yaml_document.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <yaml.h>

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

/// The nodes of one document; YamlNode handles share it.
struct YamlTree {
  std::deque<YamlNodeData> nodes;  // a deque: nodes stay where they are as the tree grows
};

/// The first key given twice in one mapping, in document order.
struct DuplicateKey {
  std::string path;
  long line = 0;
  long first_line = 0;
};

/// A null is an unquoted, untagged `~`, `null`, `Null`, `NULL` or nothing (YAML 1.2 core schema,
/// as yaml-cpp read it).
bool null_text(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

/// Builds the tree from libyaml's events, without recursion, and finds duplicate keys on the way.
/// A key is compared by its text (a null key reads "~"); an alias or a collection as a key is
/// not compared.
class TreeBuilder {
 public:
  explicit TreeBuilder(YamlTree& tree) : tree_(tree) {}

  const YamlNodeData* root() const { return root_; }
  const std::optional<DuplicateKey>& duplicate() const { return duplicate_; }

  YamlNodeData* make(YamlKind kind, long line) {
    auto& n = tree_.nodes.emplace_back();
    n.kind = kind;
    n.line = line;
    return &n;
  }

  /// A scalar, or an alias (`line` is where the alias stands; the node is its anchor's).
  void leaf(const YamlNodeData* node, bool alias, long line) { attach(node, !alias, line); }

  /// A collection starts: attached to its parent now (document order), filled until it ends.
  void open(YamlNodeData* node, std::string anchor) {
    std::string path = child_path();
    attach(node, false, node->line);
    frames_.push_back(Frame{node, std::move(path), std::move(anchor), true, 0, {}, {}});
  }

  /// The innermost collection ends: returns it and its anchor (empty for none), now that it is whole.
  std::pair<const YamlNodeData*, std::string> close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    return {f.node, std::move(f.anchor)};
  }

 private:
  struct Frame {
    YamlNodeData* node;
    std::string path;
    std::string anchor;
    bool at_key = true;     // a mapping's next node is a key
    std::size_t index = 0;  // a sequence's next item
    std::vector<std::pair<const std::string*, long>> keys;  // a mapping's compared keys and their lines
    std::unordered_map<std::string_view, long> index_of;      // the same, once past kLinearKeys
  };
  static constexpr std::size_t kLinearKeys = 16;

  static const std::string& key_text(const YamlNodeData* key) {
    static const std::string kNull = "~";
    static const std::string kComplex = "(complex key)";
    switch (key->kind) {
      case YamlKind::null: return kNull;
      case YamlKind::scalar: return key->scalar;
      default: return kComplex;
    }
  }

  /// The key path of the node that comes next, as the diagnostics write it: `a.b`, `a[2]`.
  std::string child_path() const {
    if (frames_.empty()) {
      return {};
    }
    const auto& f = frames_.back();
    if (f.node->kind == YamlKind::sequence) {
      return fmt::format("{}[{}]", f.path, f.index);
    }
    if (f.at_key) {
      return f.path;  // a collection as a key has no path of its own
    }
    const std::string& key = key_text(f.node->children.back());
    return f.path.empty() ? key : f.path + "." + key;
  }

  void attach(const YamlNodeData* node, bool compared_as_key, long line) {
    if (frames_.empty()) {
      root_ = node;
      return;
    }
    auto& f = frames_.back();
    f.node->children.push_back(node);
    if (f.node->kind == YamlKind::sequence) {
      ++f.index;
      return;
    }
    if (f.at_key && compared_as_key && !duplicate_) {
      check_key(f, key_text(node), line);
    }
    f.at_key = !f.at_key;
  }

  /// Whether a mapping's new key `text` (on `line`) repeats an earlier one: a scan of the keys
  /// for a short mapping, a hash table past kLinearKeys (a generated file's thousands of keys).
  void check_key(Frame& f, const std::string& text, long line) {
    std::optional<long> first;
    if (f.keys.size() < kLinearKeys) {
      for (const auto& [earlier, at] : f.keys) {
        if (*earlier == text) {
          first = at;
          break;
        }
      }
    } else {
      if (f.index_of.empty()) {
        for (const auto& [earlier, at] : f.keys) {
          f.index_of.emplace(*earlier, at);
        }
      }
      const auto [it, fresh] = f.index_of.emplace(text, line);
      if (!fresh) {
        first = it->second;
      }
    }
    f.keys.emplace_back(&text, line);
    if (first) {
      duplicate_ = DuplicateKey{f.path.empty() ? text : f.path + "." + text, line, *first};
    }
  }

  YamlTree& tree_;
  std::vector<Frame> frames_;
  const YamlNodeData* root_ = nullptr;
  std::optional<DuplicateKey> duplicate_;
};

/// libyaml's parser and one event, freed however the parse ends.
struct LibYaml {
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  explicit LibYaml(std::string_view text) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~LibYaml() {
    drop();
    yaml_parser_delete(&parser);
  }
  LibYaml(const LibYaml&) = delete;
  LibYaml& operator=(const LibYaml&) = delete;
  bool next() {
    drop();
    has_event = yaml_parser_parse(&parser, &event) != 0;
    return has_event;
  }
  void drop() {
    if (has_event) {
      yaml_event_delete(&event);
      has_event = false;
    }
  }
};

long line_at_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

/// libyaml's account of a syntax error: the problem, where it is, and what it was parsing.
std::pair<long, std::string> syntax_error(const yaml_parser_t& p, std::string_view text) {
  const std::string problem = fmt::format("a syntax error: {}", p.problem ? p.problem : "unknown");
  if (p.error == YAML_READER_ERROR) {  // bad encoding: libyaml gives the byte offset, not a mark
    return {line_at_offset(text, p.problem_offset), fmt::format("{} (byte {})", problem, p.problem_offset)};
  }
  const long line = static_cast<long>(p.problem_mark.line) + 1;
  if (p.context) {
    return {line, fmt::format("{} ({} from line {})", problem, p.context, p.context_mark.line + 1)};
  }
  return {line, problem};
}

const char* anchor_of(const yaml_event_t& e) {
  switch (e.type) {
    case YAML_SCALAR_EVENT: return reinterpret_cast<const char*>(e.data.scalar.anchor);
    case YAML_SEQUENCE_START_EVENT: return reinterpret_cast<const char*>(e.data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT: return reinterpret_cast<const char*>(e.data.mapping_start.anchor);
    default: return nullptr;
  }
}

}  // namespace

std::optional<YamlNode> parse_yaml(std::string_view text, const std::string& file, const std::string& code,
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

  auto tree = std::make_shared<YamlTree>();
  TreeBuilder build(*tree);
  std::unordered_map<std::string, const YamlNodeData*> anchors;  // whole nodes only: no alias can make a cycle
  LibYaml yaml(text);
  bool document = false;  // inside the first document
  while (true) {
    if (!yaml.next()) {
      const auto [line, what] = syntax_error(yaml.parser, text);
      error(line, {}, std::string(expected), what);
      return std::nullopt;
    }
    const yaml_event_t& e = yaml.event;
    const long line = static_cast<long>(e.start_mark.line) + 1;
    if (e.type == YAML_STREAM_END_EVENT || e.type == YAML_DOCUMENT_END_EVENT) {
      break;
    }
    if (e.type == YAML_DOCUMENT_START_EVENT) {
      document = true;
      continue;
    }
    if (!document) {
      continue;  // the stream's start
    }
    if (e.type == YAML_ALIAS_EVENT) {
      const std::string name = reinterpret_cast<const char*>(e.data.alias.anchor);
      const auto it = anchors.find(name);
      if (it == anchors.end()) {
        error(line, {}, std::string(expected),
              fmt::format("the alias *{} before its anchor &{} is whole (or with no such anchor)", name, name));
        return std::nullopt;
      }
      build.leaf(it->second, true, line);
      continue;
    }
    const YamlNodeData* whole = nullptr;
    std::string anchor = anchor_of(e) ? anchor_of(e) : "";
    if (e.type == YAML_SCALAR_EVENT) {
      const std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
      const bool null = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !e.data.scalar.tag && null_text(value);
      YamlNodeData* n = build.make(null ? YamlKind::null : YamlKind::scalar, line);
      if (!null) {
        n->scalar = value;
      }
      build.leaf(n, false, line);
      whole = n;
    } else if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) {
      build.open(build.make(e.type == YAML_SEQUENCE_START_EVENT ? YamlKind::sequence : YamlKind::map, line),
                 std::move(anchor));
      continue;
    } else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
      auto [node, name] = build.close();
      whole = node;
      anchor = std::move(name);
    }
    if (whole && !anchor.empty()) {
      anchors[anchor] = whole;  // a later anchor of the same name stands for the nodes after it
    }
  }
  if (build.duplicate()) {
    const auto& d = *build.duplicate();
    error(d.line, d.path, "each key once in a mapping",
          fmt::format("a second entry for this key (the first is on line {})", d.first_line));
    return std::nullopt;
  }
  if (!build.root()) {  // no document, or an empty one: a null, as yaml-cpp read it
    build.leaf(build.make(YamlKind::null, 0), false, 0);
  }
  const YamlNodeData* root = build.root();
  return YamlNode(std::shared_ptr<const void>(tree, root), root);
}

}  // namespace decarbfund::data
