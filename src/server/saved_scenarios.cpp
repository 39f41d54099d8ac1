#include "server/saved_scenarios.hpp"

#include <chrono>
#include <ctime>
#include <mutex>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/diagnostic.hpp"

namespace decarbfund::server {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS saved_scenario ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  name TEXT NOT NULL,"
    "  diff TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL)";

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// Finalises a statement however the scope ends.
struct Statement {
  sqlite3_stmt* s = nullptr;
  ~Statement() { sqlite3_finalize(s); }
};

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = sqlite3_column_text(s, i);
  return p ? reinterpret_cast<const char*>(p) : "";
}

SavedScenario read_row(sqlite3_stmt* s) {
  return {sqlite3_column_int64(s, 0), column_text(s, 1), column_text(s, 2), column_text(s, 3),
          column_text(s, 4)};
}

}  // namespace

struct SavedScenarios::Impl {
  sqlite3* db = nullptr;
  std::string file;
  mutable std::mutex mutex;

  [[noreturn]] void fail(const char* what) const {
    throw core::Error(file, fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
  }
  void prepare(Statement& st, const char* sql) const {
    if (sqlite3_prepare_v2(db, sql, -1, &st.s, nullptr) != SQLITE_OK) {
      fail("cannot prepare a statement");
    }
  }
};

SavedScenarios::SavedScenarios(const std::filesystem::path& db) : impl_(std::make_unique<Impl>()) {
  impl_->file = db.empty() ? ":memory:" : db.string();
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(impl_->file.c_str(), &impl_->db, flags, nullptr) != SQLITE_OK) {
    const std::string why = impl_->db ? sqlite3_errmsg(impl_->db) : "out of memory";
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
    throw core::Error(impl_->file, fmt::format("cannot open the saved-scenario database: {}", why));
  }
  // Another server process on the same file waits for the lock rather than failing at once.
  sqlite3_busy_timeout(impl_->db, 5000);
  char* err = nullptr;
  if (sqlite3_exec(impl_->db, kSchema, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown";
    sqlite3_free(err);
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
    throw core::Error(impl_->file, fmt::format("cannot create table saved_scenario: {}", why));
  }
}

SavedScenarios::~SavedScenarios() { sqlite3_close(impl_->db); }

SavedScenario SavedScenarios::add(const std::string& name, const std::string& diff,
                                  const std::string& created_by) {
  std::lock_guard lock(impl_->mutex);
  Statement st;
  impl_->prepare(st, "INSERT INTO saved_scenario (name, diff, created_at, created_by) VALUES (?, ?, ?, ?)");
  const std::string now = utc_now();
  sqlite3_bind_text(st.s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, diff.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 3, now.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 4, created_by.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) {
    impl_->fail("cannot save the scenario");
  }
  return {sqlite3_last_insert_rowid(impl_->db), name, diff, now, created_by};
}

std::optional<SavedScenario> SavedScenarios::get(std::int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  Statement st;
  impl_->prepare(st, "SELECT id, name, diff, created_at, created_by FROM saved_scenario WHERE id = ?");
  sqlite3_bind_int64(st.s, 1, id);
  const int rc = sqlite3_step(st.s);
  if (rc == SQLITE_ROW) {
    return read_row(st.s);
  }
  if (rc != SQLITE_DONE) {
    impl_->fail("cannot read a saved scenario");
  }
  return std::nullopt;
}

std::vector<SavedScenario> SavedScenarios::list(std::size_t limit) const {
  std::lock_guard lock(impl_->mutex);
  Statement st;
  impl_->prepare(st, "SELECT id, name, diff, created_at, created_by FROM saved_scenario ORDER BY id DESC LIMIT ?");
  sqlite3_bind_int64(st.s, 1, static_cast<sqlite3_int64>(limit));
  std::vector<SavedScenario> out;
  int rc = 0;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    out.push_back(read_row(st.s));
  }
  if (rc != SQLITE_DONE) {
    impl_->fail("cannot list saved scenarios");
  }
  return out;
}

}  // namespace decarbfund::server
