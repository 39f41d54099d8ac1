#include "server/scenario_catalog.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "data/load_scenario.hpp"

namespace decarbfund::server {

namespace fs = std::filesystem;

namespace {
fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  auto abs = fs::weakly_canonical(p, ec);
  return ec ? fs::absolute(p).lexically_normal() : abs;
}
}  // namespace

std::optional<ScenarioCatalog> ScenarioCatalog::load(const fs::path& dir, core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  ScenarioCatalog c;
  c.dir_ = absolute_normal(dir);
  std::error_code ec;
  if (!fs::is_directory(c.dir_, ec)) {
    diags.error(dir.string(), 0, "--scenarios", "a directory of scenario files", "no such directory",
                "server.scenarios_dir");
    return std::nullopt;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(c.dir_, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto s = data::load_scenario(f, diags);
    if (s) {
      c.entries_.push_back({f.stem().string(), absolute_normal(f), std::move(*s)});
    }
  }
  if (c.entries_.empty() && diags.error_count() == errors_before) {
    diags.error(dir.string(), 0, "--scenarios", "at least one *.yaml scenario", "none",
                "server.no_scenarios");
  }
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return c;
}

const ScenarioEntry* ScenarioCatalog::find(std::string_view name) const {
  for (const auto& e : entries_) {
    if (e.name == name) {
      return &e;
    }
  }
  return nullptr;
}

const ScenarioEntry* ScenarioCatalog::find_path(const fs::path& path) const {
  const auto p = absolute_normal(path);
  for (const auto& e : entries_) {
    if (e.path == p) {
      return &e;
    }
  }
  return nullptr;
}

std::string ScenarioCatalog::names() const {
  std::string out;
  for (const auto& e : entries_) {
    out += out.empty() ? "" : ", ";
    out += e.name;
  }
  return out;
}

}  // namespace decarbfund::server
