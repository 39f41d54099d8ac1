#pragma once
// The outlook for a posted scenario diff (POST /api/outlook): check the diff, resolve it on a
// listed base, run analysis::run_outlook on the shared model and render report::outlook_json,
// the same document as `decarbfund outlook --json`. Results are kept in a small LRU cache keyed
// by the canonical diff, since the computation is deterministic (DESIGN §5). Like the CLI, the
// outlook runs with the deal book of <data>/deals and the SME scheme's default round
// (server/programme_service.hpp), so both give the same document.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/model.hpp"
#include "model/scenario.hpp"
#include "server/programme_service.hpp"
#include "server/scenario_catalog.hpp"

namespace decarbfund::server {

/// Deepest JSON nesting accepted in a diff (a scenario nests four levels; this bounds the
/// recursion of the YAML reader it is handed to).
inline constexpr int kMaxDiffDepth = 16;

class OutlookService {
 public:
  /// `programmes` (may be null: no deals, no SME scheme) must outlive the service.
  OutlookService(std::shared_ptr<const model::Model> model, const ScenarioCatalog& catalog,
                 const ProgrammeService* programmes, std::size_t cache_entries);

  /// Checks a posted diff and returns it in canonical form (compact JSON, keys sorted). Throws
  /// RequestError: 400 for text that is not a JSON object, 422 for a base or reference that is
  /// not a listed scenario.
  std::string canonical_diff(std::string_view body) const;

  /// Resolves a canonical diff into a scenario; throws RequestError 422 with the loader's
  /// diagnostics (key paths) when the diff is invalid.
  model::Scenario resolve(const std::string& canonical) const;

  /// The outlook document for a canonical diff.
  std::shared_ptr<const std::string> outlook_json(const std::string& canonical);

  std::size_t cache_hits() const;

 private:
  std::shared_ptr<const model::Model> model_;
  const ScenarioCatalog& catalog_;
  const ProgrammeService* programmes_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<std::pair<std::string, std::shared_ptr<const std::string>>> lru_;
  std::unordered_map<std::string, decltype(lru_)::iterator> index_;
  std::size_t hits_ = 0;
};

}  // namespace decarbfund::server
