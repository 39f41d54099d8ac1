#include "registry/audit_log.hpp"

#include <chrono>
#include <ctime>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "core/sha256.hpp"

namespace decarbfund::registry::detail {

namespace {

// What the state hash reads, in order, each with its ORDER BY: the schema (so dropping the
// audit triggers shows), meta, then the data tables. The audit log and its head are not state.
constexpr const char* kStateQueries[] = {
    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
    "SELECT key, value FROM meta ORDER BY key",
    "SELECT id, company, phase, max_support_eur, baseline_emissions_t, climate_neutral_year, claw_back_rule, "
    "claw_back_share, on_track_tolerance, breach_below, source_text FROM deals ORDER BY id",
    "SELECT * FROM phase_history ORDER BY deal_id, seq",
    "SELECT * FROM committed ORDER BY deal_id, year",
    "SELECT * FROM projected_profit ORDER BY deal_id, year",
    "SELECT * FROM milestones ORDER BY deal_id, id",
    "SELECT * FROM milestone_progress ORDER BY deal_id, milestone_id, seq",
    "SELECT * FROM monitoring ORDER BY deal_id, year",
    "SELECT * FROM payments ORDER BY deal_id, seq",
    "SELECT * FROM co_benefits ORDER BY deal_id, what",
    "SELECT * FROM co_benefit_monitoring ORDER BY deal_id, what, year",
    "SELECT * FROM obligations ORDER BY deal_id, id",
    "SELECT * FROM obligation_updates ORDER BY deal_id, obligation_id, seq",
    "SELECT * FROM delivery_measure ORDER BY deal_id",
    "SELECT * FROM production ORDER BY deal_id, year",
};

/// Data tables and the audit actions that add their rows (verify's accounting).
struct Accounted {
  const char* table;
  const char* import_count;  ///< payload key of an import entry giving the rows it added, or null
  const char* action;        ///< the action that adds one row each, or null
};
constexpr Accounted kAccounted[] = {
    {"deals", nullptr, "import"},
    {"phase_history", "history_rows", "phase"},
    {"committed", "committed_rows", nullptr},
    {"projected_profit", "projected_profit_rows", nullptr},
    {"milestones", "milestone_rows", nullptr},
    {"milestone_progress", nullptr, "milestone"},
    {"payments", nullptr, "pay"},
    {"co_benefits", "co_benefit_rows", nullptr},
    {"co_benefit_monitoring", nullptr, "co-benefit"},
    {"obligations", "obligation_rows", nullptr},
    {"obligation_updates", nullptr, "obligation"},
    {"delivery_measure", "delivery_measure_rows", nullptr},
    {"production", nullptr, "production"},
};

std::string fmt_number(double v) { return fmt::format("{:.17g}", v); }

std::string now_utc() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// What an entry's MAC covers.
std::string entry_message(const AuditEntry& e) {
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", e.prev_hash, e.seq, e.recorded_at, e.actor, e.action,
                     e.deal_id, e.payload, e.state_hash);
}

std::string head_message(const AuditHead& h) { return fmt::format("decarbfund audit head\n{}\n{}", h.entries, h.hash); }

std::string short_hash(const std::string& h) { return h.substr(0, 12) + "…"; }

/// key=value lines of a payload.
std::map<std::string, std::string> payload_fields(const std::string& payload) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < payload.size()) {
    const auto end = std::min(payload.find('\n', start), payload.size());
    const auto line = payload.substr(start, end - start);
    if (const auto eq = line.find('='); eq != std::string::npos) {
      out.emplace(line.substr(0, eq), line.substr(eq + 1));
    }
    start = end + 1;
  }
  return out;
}

/// The stored head record with its MAC.
struct StoredHead {
  AuditHead head;
  std::string mac;
  bool present = false;
};

StoredHead read_stored_head(sqlite3* db, const std::string& path) {
  StoredHead h;
  Stmt s(db, path, "SELECT entries, hash, mac FROM audit_head WHERE id = 1");
  if (s.step()) {
    h.present = true;
    h.head.entries = s.integer(0);
    h.head.hash = s.text(1);
    h.mac = s.text(2);
  }
  return h;
}

/// Problems with the head record against the log's entry count and last hash: what proves the
/// tail.
std::vector<std::string> head_problems(sqlite3* db, const std::string& path, const AuditKey& key,
                                       const AuditHead& actual) {
  std::vector<std::string> problems;
  const auto stored = read_stored_head(db, path);
  if (!stored.present) {
    problems.push_back("the head record is missing (the audit_head table was emptied)");
    return problems;
  }
  if (key.mac_hex(head_message(stored.head)) != stored.mac) {
    problems.push_back("the head record does not match its MAC (the record was edited)");
  }
  if (stored.head.entries != actual.entries || stored.head.hash != actual.hash) {
    problems.push_back(fmt::format(
        "the head record says {} entries ending in {}, the log has {} ending in {} (entries were removed or added "
        "outside the registry)",
        stored.head.entries, short_hash(stored.head.hash), actual.entries,
        actual.entries == 0 ? std::string("nothing") : short_hash(actual.hash)));
  }
  return problems;
}

}  // namespace

std::string state_hash(sqlite3* db, const std::string& path) {
  core::Sha256 h;
  for (const char* q : kStateQueries) {
    Stmt s(db, path, q);
    h.update(q);
    while (s.step()) {
      for (int c = 0; c < s.columns(); ++c) {
        // Type-tagged, length-prefixed fields: no two different tables hash alike.
        const int type = sqlite3_column_type(s.raw(), c);
        const std::string v = type == SQLITE_NULL    ? std::string()
                              : type == SQLITE_FLOAT ? fmt_number(s.number(c))
                                                     : s.text(c);
        h.update(fmt::format("|{}:{}:", type, v.size()));
        h.update(v);
      }
      h.update("\n");
    }
  }
  const auto d = h.finish();
  std::string out;
  for (auto b : d) {
    out += fmt::format("{:02x}", b);
  }
  return out;
}

AuditMeta read_audit_meta(sqlite3* db, const std::string& path) {
  AuditMeta m;
  Stmt s(db, path, "SELECT key, value FROM meta WHERE key IN ('audit_mac', 'audit_key_id')");
  while (s.step()) {
    (s.text(0) == "audit_mac" ? m.scheme : m.key_id) = s.text(1);
  }
  return m;
}

std::vector<std::pair<std::string, std::string>> initial_meta(const AuditKey& key) {
  return {{"format", "decarbfund-registry"},
          {"schema_version", std::to_string(kRegistrySchemaVersion)},
          {"audit_mac", std::string(key.scheme())},
          {"audit_key_id", key.id()}};
}

void require_key(const std::string& path, const AuditMeta& meta, const AuditKey& key) {
  if (meta.scheme == "hmac-sha256" && !key.keyed()) {
    fail(path, "audit key",
         fmt::format("the key this registry's audit log is kept with (key id {}): pass --key-file FILE or set {}",
                     meta.key_id, kAuditKeyEnv),
         "no key", "registry.key_needed");
  }
  if (meta.scheme != std::string(key.scheme())) {
    fail(path, "audit key",
         fmt::format("a registry keyed like the key given ({}, {})", key.scheme(), key.source()),
         fmt::format("a registry whose meta says audit_mac = {} (created without a key, or its meta table was "
                     "edited)",
                     core::quote_found(meta.scheme)),
         "registry.key_mismatch");
  }
  if (meta.key_id != key.id()) {
    fail(path, "audit key", fmt::format("the key with id {} (this registry's)", meta.key_id),
         fmt::format("the key with id {} ({})", key.id(), key.source()), "registry.key_mismatch");
  }
}

std::vector<AuditEntry> read_log(sqlite3* db, const std::string& path) {
  std::vector<AuditEntry> out;
  Stmt s(db, path,
         "SELECT seq, recorded_at, actor, action, deal_id, payload, state_hash, prev_hash, hash FROM audit ORDER BY seq");
  while (s.step()) {
    AuditEntry e;
    e.seq = s.integer(0);
    e.recorded_at = s.text(1);
    e.actor = s.text(2);
    e.action = s.text(3);
    e.deal_id = s.text(4);
    e.payload = s.text(5);
    e.state_hash = s.text(6);
    e.prev_hash = s.text(7);
    e.hash = s.text(8);
    out.push_back(std::move(e));
  }
  return out;
}

AuditHead read_head(sqlite3* db, const std::string& path) { return read_stored_head(db, path).head; }

void check_before_write(sqlite3* db, const std::string& path, const AuditKey& key) {
  require_key(path, read_audit_meta(db, path), key);
  std::optional<AuditEntry> last;
  {
    Stmt s(db, path,
           "SELECT seq, recorded_at, actor, action, deal_id, payload, state_hash, prev_hash, hash FROM audit "
           "ORDER BY seq DESC LIMIT 1");
    if (s.step()) {
      last = AuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                        s.text(5),    s.text(6), s.text(7), s.text(8)};
    }
  }
  Stmt count(db, path, "SELECT COUNT(*) FROM audit");
  count.step();
  std::vector<std::string> problems;
  if (!last) {
    problems.push_back("the audit log is empty");
  } else {
    if (key.mac_hex(entry_message(*last)) != last->hash) {
      problems.push_back(fmt::format("the last entry ({}) does not match its hash", last->seq));
    }
    if (state_hash(db, path) != last->state_hash) {
      problems.push_back(
          fmt::format("the data differ from the state entry {} recorded (changed outside the registry)", last->seq));
    }
  }
  const auto head = head_problems(db, path, key, AuditHead{count.integer(0), last ? last->hash : std::string()});
  problems.insert(problems.end(), head.begin(), head.end());
  if (!problems.empty()) {
    std::string found;
    for (const auto& p : problems) {
      found += (found.empty() ? "" : "; ") + p;
    }
    fail(path, "audit", "the data and audit log as the registry last left them",
         found + fmt::format("; nothing was written (see `decarbfund registry audit {} --verify`)", path),
         "registry.tampered");
  }
}

void append_entry(sqlite3* db, const std::string& path, const AuditKey& key, const std::string& actor,
                  const std::string& action, const std::string& deal_id, const std::string& payload) {
  AuditEntry e;
  e.prev_hash = std::string(kGenesisHash);
  e.seq = 1;
  {
    Stmt s(db, path, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (s.step()) {
      e.seq = s.integer(0) + 1;
      e.prev_hash = s.text(1);
    }
  }
  e.recorded_at = now_utc();
  e.actor = actor;
  e.action = action;
  e.deal_id = deal_id;
  e.payload = payload;
  e.state_hash = state_hash(db, path);
  e.hash = key.mac_hex(entry_message(e));
  Stmt s(db, path, "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, e.seq).bind(2, e.recorded_at).bind(3, e.actor).bind(4, e.action).bind(5, e.deal_id).bind(6, e.payload);
  s.bind(7, e.state_hash).bind(8, e.prev_hash).bind(9, e.hash);
  s.step();
  const AuditHead head{e.seq, e.hash};
  Stmt h(db, path, "INSERT OR REPLACE INTO audit_head (id, entries, hash, mac) VALUES (1, ?, ?, ?)");
  h.bind(1, head.entries).bind(2, head.hash).bind(3, key.mac_hex(head_message(head)));
  h.step();
}

AuditCheck verify(sqlite3* db, const std::string& path, const AuditKey& key, const std::optional<AuditHead>& expected) {
  AuditCheck c;
  const auto meta = read_audit_meta(db, path);
  if (meta.scheme == "hmac-sha256" && !key.keyed()) {
    require_key(path, meta, key);  // throws: the MACs cannot be checked without the key
  }
  c.scheme = std::string(key.scheme());
  if (meta.scheme != std::string(key.scheme())) {
    c.problems.push_back(fmt::format(
        "meta says audit_mac = {}, but a key was given: the entries may have been recomputed without the key",
        core::quote_found(meta.scheme)));
  } else if (meta.key_id != key.id()) {
    c.problems.push_back(fmt::format("meta names key id {}, the key given is {} (a wrong key, or meta was edited)",
                                     meta.key_id, key.id()));
  }
  {
    Stmt q(db, path, "PRAGMA quick_check");
    if (q.step() && q.text(0) != "ok") {
      c.problems.push_back("the database file is damaged: " + q.text(0));
    }
  }
  const auto log = read_log(db, path);
  const auto current = state_hash(db, path);
  c.entries = static_cast<long long>(log.size());
  std::string prev(kGenesisHash);
  for (std::size_t i = 0; i < log.size(); ++i) {
    const auto& e = log[i];
    if (e.seq != static_cast<long long>(i + 1)) {
      c.problems.push_back(fmt::format("entry {}: expected sequence number {} (an entry is missing)", e.seq, i + 1));
    }
    if (e.prev_hash != prev) {
      c.problems.push_back(fmt::format("entry {}: prev_hash does not match the hash of entry {}", e.seq, e.seq - 1));
    }
    if (key.mac_hex(entry_message(e)) != e.hash) {
      c.problems.push_back(fmt::format("entry {}: hash does not match its contents (the row was edited{})", e.seq,
                                       key.keyed() ? ", or the chain was recomputed without the key" : ""));
    }
    prev = e.hash;
  }
  if (log.empty()) {
    c.problems.push_back("the audit log is empty, but every registry starts with its init entry (entries were deleted)");
  } else if (log.back().state_hash != current) {
    c.problems.push_back(fmt::format(
        "data tables, meta or schema differ from the state recorded by entry {} (changed outside the registry)",
        log.back().seq));
  }
  const auto head = head_problems(db, path, key, AuditHead{c.entries, log.empty() ? std::string() : log.back().hash});
  c.problems.insert(c.problems.end(), head.begin(), head.end());

  // Rows and entries account for each other, per table and deal, in both directions.
  for (const auto& a : kAccounted) {
    std::map<std::string, long long> expected_rows;
    for (const auto& e : log) {
      if (a.action != nullptr && e.action == a.action) {
        ++expected_rows[e.deal_id];
      }
      if (a.import_count != nullptr && e.action == "import") {
        const auto f = payload_fields(e.payload);
        if (const auto it = f.find(a.import_count); it != f.end()) {
          expected_rows[e.deal_id] += std::atoll(it->second.c_str());
        }
      }
    }
    std::map<std::string, long long> actual_rows;
    Stmt s(db, path, fmt::format("SELECT {}, COUNT(*) FROM {} GROUP BY 1", std::string(a.table) == "deals" ? "id" : "deal_id",
                                 a.table)
                         .c_str());
    while (s.step()) {
      actual_rows[s.text(0)] = s.integer(1);
    }
    for (const auto& [deal, n] : actual_rows) {
      const auto want = expected_rows.contains(deal) ? expected_rows[deal] : 0;
      if (n > want) {
        c.problems.push_back(fmt::format("table {}: deal '{}' has {} row(s) the audit log does not account for "
                                         "(rows without entries)",
                                         a.table, deal, n - want));
      }
    }
    for (const auto& [deal, want] : expected_rows) {
      const auto n = actual_rows.contains(deal) ? actual_rows[deal] : 0;
      if (n < want) {
        c.problems.push_back(fmt::format(
            "table {}: deal '{}' lacks {} row(s) the audit log records (entries without rows)", a.table, deal, want - n));
      }
    }
  }
  {
    std::map<std::string, std::set<std::string>> recorded;  // deal → years monitored per the log
    for (const auto& e : log) {
      if (e.action == "monitor" || e.action == "monitor-replace") {
        recorded[e.deal_id].insert(payload_fields(e.payload)["year"]);
      }
    }
    std::map<std::string, std::set<std::string>> stored;
    Stmt s(db, path, "SELECT deal_id, year FROM monitoring");
    while (s.step()) {
      stored[s.text(0)].insert(s.text(1));
    }
    if (recorded != stored) {
      c.problems.push_back(
          "table monitoring: the (deal, year) rows differ from the years the audit log records (rows without "
          "entries, or entries without rows)");
    }
  }
  if (expected) {
    if (expected->entries < 1 || expected->entries > c.entries ||
        log[static_cast<std::size_t>(expected->entries - 1)].hash != expected->hash) {
      c.problems.push_back(fmt::format(
          "the published head {} is not in this log (the log has {} entries): it was rewritten or rolled back",
          expected->to_string(), c.entries));
    }
  }
  c.head = AuditHead{c.entries, log.empty() ? std::string() : log.back().hash};
  c.ok = c.problems.empty();
  return c;
}

}  // namespace decarbfund::registry::detail
