#pragma once
// Saved scenarios (issue 8 "scenarios that can be saved, named, compared and shared"): a SQLite
// table of name, canonical JSON diff, creation time and creator. The id is the share link
// (/#s=<id>). Thread-safe; each write is one transaction (STYLE §2.5).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace decarbfund::server {

struct SavedScenario {
  std::int64_t id = 0;
  std::string name;
  std::string diff;        ///< canonical JSON diff
  std::string created_at;  ///< UTC, ISO 8601 ("2026-03-01T12:00:00Z")
  std::string created_by;  ///< the token holder's `who`
};

class SavedScenarios {
 public:
  /// Opens (and creates) the database; empty path: an in-memory database. Throws core::Error
  /// naming the file when SQLite cannot open it.
  explicit SavedScenarios(const std::filesystem::path& db);
  ~SavedScenarios();
  SavedScenarios(const SavedScenarios&) = delete;
  SavedScenarios& operator=(const SavedScenarios&) = delete;

  SavedScenario add(const std::string& name, const std::string& diff, const std::string& created_by);
  std::optional<SavedScenario> get(std::int64_t id) const;
  /// Newest first, at most `limit`.
  std::vector<SavedScenario> list(std::size_t limit) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace decarbfund::server
