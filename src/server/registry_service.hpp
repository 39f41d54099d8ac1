#pragma once
// The registry endpoints of the API (issue 8 "the registry's deals and their status"; "writes to
// the registry need a token and a role"): reads and writes on the agreements registry of
// `serve --registry FILE` (registry/registry.hpp, docs/deals.md). Each request opens the SQLite
// file for itself; the registry's own transactions (BEGIN IMMEDIATE, WAL, busy timeout) make
// concurrent requests — and a `decarbfund registry` command run beside the server — take turns.
// Request bodies are JSON objects whose keys are checked here; registry errors are re-worded
// from the CLI's flags (--date) to the body's keys (date) and carry no server file path.

#include <filesystem>
#include <string>
#include <string_view>

#include "registry/audit_key.hpp"
#include "registry/registry.hpp"
#include "report/registry_report.hpp"

namespace decarbfund::server {

class RegistryService {
 public:
  /// Opens `path` once to check it is a registry (throws core::Error otherwise). Writes use
  /// `key`, the registry's audit key (none for an unkeyed registry).
  RegistryService(std::filesystem::path path, registry::AuditKey key);

  /// GET /api/registry/deals: `registry report --json` for `year` (0: each deal's latest); for the
  /// public audience built from an allow-list, profit-share claw-backs withheld.
  std::string deals_json(int year, report::Audience audience) const;
  /// GET /api/registry/deals/{id}: status, claw-back and the deal's audit trail. For the public
  /// audience every field comes from an allow-list: no profit figure, no profit-share claw-back
  /// amount, audit payloads by line (docs/deals.md "Confidential fields"). Throws RequestError
  /// 404 for an unknown id.
  std::string deal_json(std::string_view id, int year, report::Audience audience) const;
  /// GET /api/registry/audit: the chain check of `registry audit --verify`.
  std::string audit_json() const;

  /// POST /api/registry/deals/{id}/phase {"phase", "date", "reason"}.
  std::string move_phase(std::string_view id, std::string_view body, const std::string& actor) const;
  /// POST /api/registry/deals/{id}/milestones {"milestone", "date", "progress_pct", "note"?}.
  std::string record_milestone(std::string_view id, std::string_view body, const std::string& actor) const;
  /// POST /api/registry/deals/{id}/monitoring {"year", "verified_emissions_t", "profit_eur"?, "replace"?}.
  std::string record_monitoring(std::string_view id, std::string_view body, const std::string& actor) const;
  /// POST /api/registry/deals/{id}/payments {"date", "amount_eur", "performance_linked"?}.
  std::string record_payment(std::string_view id, std::string_view body, const std::string& actor) const;

 private:
  registry::Registry open() const;
  std::filesystem::path path_;
  registry::AuditKey key_;
};

}  // namespace decarbfund::server
