#pragma once
// The registry's audit log (internal to the registry room; docs/deals.md "Integrity"):
//   - each entry's hash is a MAC (HMAC-SHA256 under the audit key, registry/audit_key.hpp) over
//     the previous entry's hash and the entry's fields, including a hash of the whole database
//     state after the change (data tables, meta and the schema with its triggers);
//   - a head record (entry count, last hash, MAC) proves the tail: removing the last entries is
//     seen even though the shorter chain still links;
//   - every write first checks that the state is the one the last entry recorded, so an edit made
//     outside the registry is refused instead of being hashed into the chain ("laundering");
//   - verify checks the chain, the head, the state and that data rows and entries account for
//     each other in both directions.

#include <optional>
#include <string>
#include <vector>

#include "registry/audit_key.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"

namespace decarbfund::registry::detail {

/// SHA-256 of the database state: schema (tables, triggers), meta and every data table.
std::string state_hash(sqlite3* db, const std::string& path);

/// The audit scheme and key id the registry's meta table records.
struct AuditMeta {
  std::string scheme;  ///< "hmac-sha256" or "sha256"
  std::string key_id;  ///< AuditKey::id() of the key the registry was created with
};
AuditMeta read_audit_meta(sqlite3* db, const std::string& path);

/// The meta rows and the payload of the first ("init") entry of a new registry.
std::vector<std::pair<std::string, std::string>> initial_meta(const AuditKey& key);

/// Throws core::Error unless `key` is the registry's key (or both are "no key").
void require_key(const std::string& path, const AuditMeta& meta, const AuditKey& key);

/// Called at the start of every write, inside its transaction: throws core::Error
/// (registry.tampered) when the last entry, the head record or the state do not match.
void check_before_write(sqlite3* db, const std::string& path, const AuditKey& key);

/// Appends an entry for the change just made (inside the same transaction) and moves the head.
void append_entry(sqlite3* db, const std::string& path, const AuditKey& key, const std::string& actor,
                  const std::string& action, const std::string& deal_id, const std::string& payload);

std::vector<AuditEntry> read_log(sqlite3* db, const std::string& path);

/// The head record as stored (entries 0 when missing).
AuditHead read_head(sqlite3* db, const std::string& path);

/// Everything verify_audit checks; `expected` is a head published earlier.
AuditCheck verify(sqlite3* db, const std::string& path, const AuditKey& key,
                  const std::optional<AuditHead>& expected);

}  // namespace decarbfund::registry::detail
