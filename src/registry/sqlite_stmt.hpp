#pragma once
// SQLite helpers of the registry room (internal: only src/registry/*.cpp include this header, as
// SQLite stays in this room, STYLE §2.3): errors that name the registry file, a prepared
// statement and a BEGIN IMMEDIATE transaction.

#include <sqlite3.h>

#include <string>

namespace decarbfund::registry::detail {

/// Throws core::Error for `path` with a key path, what was expected and what was found.
[[noreturn]] void fail(const std::string& path, std::string key, std::string expected, std::string found,
                       std::string code = "registry.invalid");

/// Throws core::Error (registry.unknown_deal) naming `deal_id` as no deal of the registry at `path`.
[[noreturn]] void fail_unknown_deal(const std::string& path, const std::string& deal_id);

/// Throws as fail_unknown_deal unless the registry `db` holds a deal `deal_id`.
void require_deal(sqlite3* db, const std::string& path, const std::string& deal_id);

/// Throws core::Error for a failed SQLite call on `db`: a damaged or truncated file is named as
/// such (registry.damaged), a busy one as registry.busy, anything else as registry.sqlite.
[[noreturn]] void fail_sqlite(sqlite3* db, const std::string& path, const std::string& expected);

/// A prepared statement (RAII).
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& path, const char* sql);
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, const std::string& v);
  Stmt& bind(int i, double v);
  Stmt& bind(int i, long long v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<long long>(v)); }
  Stmt& bind_null(int i);
  /// True while a row is available.
  bool step();
  std::string text(int c) const;
  double number(int c) const { return sqlite3_column_double(s_, c); }
  long long integer(int c) const { return sqlite3_column_int64(s_, c); }
  bool is_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  int columns() const { return sqlite3_column_count(s_); }
  sqlite3_stmt* raw() { return s_; }

 private:
  sqlite3* db_;
  const std::string& path_;
  sqlite3_stmt* s_ = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back when left by an exception.
class Transaction {
 public:
  Transaction(sqlite3* db, const std::string& path);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  void run(const char* sql);
  sqlite3* db_;
  const std::string& path_;
  bool done_ = false;
};

/// Runs SQL without results; throws like fail_sqlite.
void exec(sqlite3* db, const std::string& path, const char* sql);

}  // namespace decarbfund::registry::detail
