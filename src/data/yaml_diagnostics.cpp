#include "data/yaml_diagnostics.hpp"

#include <algorithm>

namespace decarbfund::data {

std::string describe(const YamlNode& node) {
  if (!node.defined() || node.is_null()) {
    return "nothing";
  }
  if (node.is_sequence()) {
    return "a list";
  }
  if (node.is_map()) {
    return "a mapping";
  }
  return core::quote_found(node.scalar());
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string list_names(std::initializer_list<std::string_view> names) {
  std::string out;
  for (auto n : names) {
    out += out.empty() ? "" : ", ";
    out += n;
  }
  return out;
}

YamlDiagnostics::YamlDiagnostics(std::string code, std::string file, core::Diagnostics& diags,
                                 std::string root_label)
    : code_(std::move(code)), file_(std::move(file)), diags_(diags), root_label_(std::move(root_label)) {}

void YamlDiagnostics::error(const YamlNode& at, const std::string& key_path, std::string expected,
                            std::string found, const YamlNode& line_node) const {
  core::Diagnostic d;
  d.code = code_;
  d.file = file_;
  d.line = (at.defined() ? at : line_node).line();
  d.key_path = key_path;
  d.expected = std::move(expected);
  d.found = std::move(found);
  diags_.add(std::move(d));
}

bool YamlDiagnostics::keys(const YamlNode& node, const std::string& path,
                           std::initializer_list<std::string_view> allowed,
                           std::initializer_list<std::string_view> required) const {
  if (!node.defined() || !node.is_map()) {
    error(node, path.empty() ? root_label_ : path, "a mapping (key: value lines)", describe(node));
    return false;
  }
  for (const auto& kv : node) {
    // A null key (`~:`) reads as "null", a non-scalar key as "".
    const auto key = kv.first.key_text();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      error(kv.first, join(path, key), "one of the keys " + list_names(allowed), "an unknown key");
    }
  }
  for (auto r : required) {
    if (!node[std::string(r)].defined()) {
      error(node, join(path, r), "this key", "nothing");
    }
  }
  return true;
}

}  // namespace decarbfund::data
