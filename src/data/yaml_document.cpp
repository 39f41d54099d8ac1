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
  try {
    {
      std::istringstream in{std::string(text)};
      YAML::Parser parser(in);
      DuplicateKeys keys;
      parser.HandleNextDocument(keys);
      if (keys.found) {
        error(keys.found->line, keys.found->path, "each key once in a mapping",
              fmt::format("a second entry for this key (the first is on line {})", keys.found->first_line));
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
