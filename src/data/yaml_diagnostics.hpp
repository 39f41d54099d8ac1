#pragma once
// Key-path diagnostics for the YAML loaders (scenarios, SME rounds, deals): each problem names the
// file, the line, the key path, what was expected and what was found (STYLE §2.5), e.g.
//   scenarios/x.yaml:6: package.deal_phase.tata: expected one of …, found an unknown key
// YAML belongs to the data room (STYLE §2.3): only src/data/*.cpp include this header.

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "data/yaml_node.hpp"

namespace decarbfund::data {

/// What a node holds, for a diagnostic's `found`: "nothing", "a list", "a mapping" or the
/// quoted scalar.
std::string describe(const YamlNode& node);

/// `path.key`, or `key` at the document's root (empty `path`).
std::string join(const std::string& path, std::string_view key);

/// "a, b, c": names for an `expected` text.
std::string list_names(std::initializer_list<std::string_view> names);

/// Adds errors about one YAML file to `diags`, all with one diagnostic code.
class YamlDiagnostics {
 public:
  /// `root_label` is the key path reported when the document itself is not a mapping
  /// (deal files say "(document)"; scenarios and rounds leave it empty).
  YamlDiagnostics(std::string code, std::string file, core::Diagnostics& diags, std::string root_label = {});

  /// An error at `at`'s line (or `line_node`'s when `at` is undefined, e.g. a missing key).
  void error(const YamlNode& at, const std::string& key_path, std::string expected, std::string found,
             const YamlNode& line_node = YamlNode()) const;

  /// Whether `node` is a mapping (an error otherwise). Each key not in `allowed` is an error
  /// ("one of the keys …, found an unknown key"), as is each key of `required` that is missing.
  bool keys(const YamlNode& node, const std::string& path, std::initializer_list<std::string_view> allowed,
            std::initializer_list<std::string_view> required = {}) const;

  const std::string& file() const { return file_; }

 private:
  std::string code_;
  std::string file_;
  core::Diagnostics& diags_;
  std::string root_label_;
};

}  // namespace decarbfund::data
