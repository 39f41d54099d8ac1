#include "registry/sqlite_stmt.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/diagnostic.hpp"

namespace decarbfund::registry::detail {

void fail(const std::string& path, std::string key, std::string expected, std::string found, std::string code) {
  core::Diagnostic d;
  d.code = std::move(code);
  d.file = path;
  d.key_path = std::move(key);
  d.expected = std::move(expected);
  d.found = std::move(found);
  throw core::Error(std::move(d));
}

void fail_unknown_deal(const std::string& path, const std::string& deal_id) {
  fail(path, "deal", "the id of a deal in the registry", core::quote_found(deal_id), "registry.unknown_deal");
}

void require_deal(sqlite3* db, const std::string& path, const std::string& deal_id) {
  Stmt s(db, path, "SELECT 1 FROM deals WHERE id = ?");
  s.bind(1, deal_id);
  if (!s.step()) {
    fail_unknown_deal(path, deal_id);
  }
}

void fail_sqlite(sqlite3* db, const std::string& path, const std::string& expected) {
  const int rc = sqlite3_errcode(db) & 0xff;
  const std::string msg = sqlite3_errmsg(db);
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
    fail(path, "", "a complete registry file",
         "a damaged or truncated database (" + msg + "); restore it from a backup", "registry.damaged");
  }
  fail(path, "", expected, msg, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? "registry.busy" : "registry.sqlite");
}

Stmt::Stmt(sqlite3* db, const std::string& path, const char* sql) : db_(db), path_(path) {
  if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) {
    fail_sqlite(db, path, "a working registry database");
  }
}

Stmt& Stmt::bind(int i, const std::string& v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}

Stmt& Stmt::bind(int i, long long v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}

Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc != SQLITE_DONE) {
    fail_sqlite(db_, path_, "a writable, consistent registry database");
  }
  return false;
}

std::string Stmt::text(int c) const {
  const auto* p = sqlite3_column_text(s_, c);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
           : std::string();
}

Transaction::Transaction(sqlite3* db, const std::string& path) : db_(db), path_(path) { run("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  // Test hook for the kill-during-write test (tests/registry): with the variable set, signal
  // that the change is written but not committed, then wait to be killed.
  if (const char* flag = std::getenv("DECARBFUND_TEST_PAUSE_BEFORE_COMMIT"); flag != nullptr && *flag != '\0') {
    std::ofstream(flag) << "paused\n";
    std::this_thread::sleep_for(std::chrono::seconds(60));
  }
  run("COMMIT");
  done_ = true;
}

void Transaction::run(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail_sqlite(db_, path_, "the registry to accept a transaction");
  }
}

void exec(sqlite3* db, const std::string& path, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail_sqlite(db, path, "a working registry database");
  }
}

}  // namespace decarbfund::registry::detail
