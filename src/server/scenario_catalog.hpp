#pragma once
// The scenarios a server offers: the *.yaml files of one directory, listed and loaded at start.
// Requests name a scenario by its file stem ("belastingplan-2026"), never by a path, so no
// request can make the server read a file of its choosing (issue 8 "no file paths").

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/scenario.hpp"

namespace decarbfund::server {

struct ScenarioEntry {
  std::string name;             ///< file stem, the name requests use
  std::filesystem::path path;   ///< absolute, normalised
  model::Scenario scenario;     ///< loaded with its base chain
};

class ScenarioCatalog {
 public:
  /// Lists `dir`/*.yaml (sorted by name) and loads each; every problem goes into `diags`.
  static std::optional<ScenarioCatalog> load(const std::filesystem::path& dir, core::Diagnostics& diags);

  const std::vector<ScenarioEntry>& entries() const { return entries_; }
  const std::filesystem::path& dir() const { return dir_; }
  /// By file stem; nullptr when not listed.
  const ScenarioEntry* find(std::string_view name) const;
  /// By a path a loaded scenario refers to (e.g. its target.reference); nullptr when the path is
  /// not one of the listed files.
  const ScenarioEntry* find_path(const std::filesystem::path& path) const;
  /// "a, b, c" for messages.
  std::string names() const;

 private:
  std::filesystem::path dir_;
  std::vector<ScenarioEntry> entries_;
};

}  // namespace decarbfund::server
