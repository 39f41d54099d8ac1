#include "registry/registry.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "core/sha256.hpp"

namespace decarbfund::registry {

namespace {

constexpr int kBusyTimeoutMs = 30'000;  // a writer waits up to 30 s for another to finish
constexpr int kSchemaVersion = 1;

// Data tables (everything but the audit log), in the order the state hash reads them, each with
// its ORDER BY. The audit log is append-only: triggers refuse UPDATE and DELETE.
constexpr const char* kSchema = R"(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE deals (
  id TEXT PRIMARY KEY, company TEXT NOT NULL, phase TEXT NOT NULL, max_support_eur REAL NOT NULL,
  baseline_emissions_t REAL NOT NULL, climate_neutral_year INTEGER NOT NULL,
  claw_back_rule TEXT NOT NULL, claw_back_share REAL NOT NULL,
  on_track_tolerance REAL NOT NULL, breach_below REAL NOT NULL, source_text TEXT NOT NULL);
CREATE TABLE phase_history (
  deal_id TEXT NOT NULL REFERENCES deals(id), seq INTEGER NOT NULL, phase TEXT NOT NULL, date TEXT NOT NULL,
  actor TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (deal_id, seq));
CREATE TABLE committed (
  deal_id TEXT NOT NULL REFERENCES deals(id), year INTEGER NOT NULL, reduction_t REAL NOT NULL,
  PRIMARY KEY (deal_id, year));
CREATE TABLE projected_profit (
  deal_id TEXT NOT NULL REFERENCES deals(id), year INTEGER NOT NULL, profit_eur REAL NOT NULL,
  PRIMARY KEY (deal_id, year));
CREATE TABLE milestones (
  deal_id TEXT NOT NULL REFERENCES deals(id), id TEXT NOT NULL, name TEXT NOT NULL, due TEXT NOT NULL,
  PRIMARY KEY (deal_id, id));
CREATE TABLE milestone_progress (
  deal_id TEXT NOT NULL, milestone_id TEXT NOT NULL, seq INTEGER NOT NULL, date TEXT NOT NULL,
  progress_pct REAL NOT NULL, actor TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (deal_id, milestone_id, seq),
  FOREIGN KEY (deal_id, milestone_id) REFERENCES milestones(deal_id, id));
CREATE TABLE monitoring (
  deal_id TEXT NOT NULL REFERENCES deals(id), year INTEGER NOT NULL, verified_emissions_t REAL NOT NULL,
  profit_eur REAL, PRIMARY KEY (deal_id, year));
CREATE TABLE payments (
  deal_id TEXT NOT NULL REFERENCES deals(id), seq INTEGER NOT NULL, date TEXT NOT NULL, amount_eur REAL NOT NULL,
  performance_linked INTEGER NOT NULL, actor TEXT NOT NULL, PRIMARY KEY (deal_id, seq));
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  deal_id TEXT NOT NULL, payload TEXT NOT NULL, state_hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)";

constexpr const char* kStateQueries[] = {
    "SELECT id, company, phase, max_support_eur, baseline_emissions_t, climate_neutral_year, claw_back_rule, "
    "claw_back_share, on_track_tolerance, breach_below, source_text FROM deals ORDER BY id",
    "SELECT * FROM phase_history ORDER BY deal_id, seq",
    "SELECT * FROM committed ORDER BY deal_id, year",
    "SELECT * FROM projected_profit ORDER BY deal_id, year",
    "SELECT * FROM milestones ORDER BY deal_id, id",
    "SELECT * FROM milestone_progress ORDER BY deal_id, milestone_id, seq",
    "SELECT * FROM monitoring ORDER BY deal_id, year",
    "SELECT * FROM payments ORDER BY deal_id, seq",
};

[[noreturn]] void fail(const std::string& path, std::string key, std::string expected, std::string found,
                       std::string code = "registry.invalid") {
  core::Diagnostic d;
  d.code = std::move(code);
  d.file = path;
  d.key_path = std::move(key);
  d.expected = std::move(expected);
  d.found = std::move(found);
  throw core::Error(std::move(d));
}

/// A prepared statement (RAII).
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& path, const char* sql) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) {
      fail(path, "", "a working registry database", sqlite3_errmsg(db), "registry.sqlite");
    }
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, long long v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, int v) { return bind(i, static_cast<long long>(v)); }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  /// True while a row is available.
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc != SQLITE_DONE) {
      fail(path_, "", "a writable, consistent registry database", sqlite3_errmsg(db_), "registry.sqlite");
    }
    return false;
  }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }
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
  Transaction(sqlite3* db, const std::string& path) : db_(db), path_(path) { run("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  void commit() {
    // Test hook for the kill-during-write test (tests/registry): with the variable set, signal
    // that the change is written but not committed, then wait to be killed.
    if (const char* flag = std::getenv("DECARBFUND_TEST_PAUSE_BEFORE_COMMIT"); flag != nullptr && *flag != '\0') {
      std::ofstream(flag) << "paused\n";
      std::this_thread::sleep_for(std::chrono::seconds(60));
    }
    run("COMMIT");
    done_ = true;
  }

 private:
  void run(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      fail(path_, "", "the registry to accept a transaction", msg, "registry.busy");
    }
  }
  sqlite3* db_;
  const std::string& path_;
  bool done_ = false;
};

std::string now_utc() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool valid_date(const std::string& s) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return false;
  }
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  const int m = std::stoi(s.substr(5, 2));
  const int d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

void check_date(const std::string& path, const std::string& date) {
  if (!valid_date(date)) {
    fail(path, "--date", "a date YYYY-MM-DD", core::quote_found(date));
  }
}

void check_actor(const std::string& path, const std::string& actor) {
  if (actor.empty()) {
    fail(path, "--actor", "who makes the change (a name or role)", "nothing");
  }
}

std::string hash_entry(const AuditEntry& e) {
  return core::sha256_hex(fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", e.prev_hash, e.seq, e.recorded_at, e.actor,
                                      e.action, e.deal_id, e.payload, e.state_hash));
}

std::string fmt_number(double v) { return fmt::format("{:.17g}", v); }

}  // namespace

std::string_view status_name(Status s) {
  switch (s) {
    case Status::on_track: return "on_track";
    case Status::at_risk: return "at_risk";
    case Status::breached: return "breached";
    default: return "no_data";
  }
}

void Registry::init(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    fail(path, "", "a path where no file exists yet (init creates a new registry)", "an existing file",
         "registry.exists");
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    fail(path, "", "a writable location for the registry", msg, "registry.open");
  }
  char* err = nullptr;
  const std::string script = std::string("PRAGMA journal_mode=WAL; BEGIN IMMEDIATE;") + kSchema +
                             fmt::format("INSERT INTO meta VALUES ('format', 'decarbfund-registry'), ('schema_version', "
                                         "'{}'); COMMIT;",
                                         kSchemaVersion);
  if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    sqlite3_close(db);
    std::filesystem::remove(path, ec);
    fail(path, "", "a new registry schema", msg, "registry.sqlite");
  }
  sqlite3_close(db);
}

Registry::Registry(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    fail(path, "", "an existing registry file (create one with `decarbfund registry init`)", "no such file",
         "registry.missing");
  }
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    fail(path, "", "a readable and writable registry file", msg, "registry.open");
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  std::string format;
  {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key = 'format'", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
      format = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
  }
  if (format != "decarbfund-registry") {
    sqlite3_close(db_);
    db_ = nullptr;
    fail(path, "", "a decarbfund registry (made by `decarbfund registry init`)", "another kind of file",
         "registry.format");
  }
  // WAL: readers never block the writer and a crash leaves the last committed state; synchronous
  // FULL makes each commit durable before the command reports success.
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Registry::~Registry() { sqlite3_close(db_); }

void Registry::exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    fail(path_, "", "a working registry database", msg, "registry.sqlite");
  }
}

std::string Registry::state_hash() const {
  core::Sha256 h;
  for (const char* q : kStateQueries) {
    Stmt s(db_, path_, q);
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

void Registry::append_audit(const std::string& actor, const std::string& action, const std::string& deal_id,
                            const std::string& payload) {
  AuditEntry e;
  e.prev_hash = std::string(kGenesisHash);
  e.seq = 1;
  {
    Stmt s(db_, path_, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
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
  e.state_hash = state_hash();
  e.hash = hash_entry(e);
  Stmt s(db_, path_, "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, e.seq).bind(2, e.recorded_at).bind(3, e.actor).bind(4, e.action).bind(5, e.deal_id).bind(6, e.payload);
  s.bind(7, e.state_hash).bind(8, e.prev_hash).bind(9, e.hash);
  s.step();
}

void Registry::import_deals(const std::vector<model::Deal>& deals, const std::vector<std::string>& source_texts,
                            const std::string& actor) {
  check_actor(path_, actor);
  Transaction tx(db_, path_);
  for (std::size_t k = 0; k < deals.size(); ++k) {
    const auto& d = deals[k];
    {
      Stmt s(db_, path_, "SELECT 1 FROM deals WHERE id = ?");
      s.bind(1, d.id);
      if (s.step()) {
        fail(path_, "deal '" + d.id + "'", "a deal id not yet in the registry", "already imported (from " + d.file + ")",
             "registry.duplicate");
      }
    }
    if (d.baseline_emissions_t <= 0) {
      fail(d.file, "company_commitments.baseline_emissions_t",
           "the baseline emissions in t/yr (monitoring measures realised reduction against them)", "nothing");
    }
    Stmt ins(db_, path_, "INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, d.id).bind(2, d.company).bind(3, std::string(model::phase_name(d.phase))).bind(4, d.max_support_eur);
    ins.bind(5, d.baseline_emissions_t).bind(6, d.climate_neutral_year);
    ins.bind(7, std::string(model::kClawBackRuleNames[static_cast<std::size_t>(d.claw_back.rule)]));
    ins.bind(8, d.claw_back.share).bind(9, d.monitoring.on_track_tolerance).bind(10, d.monitoring.breach_below);
    ins.bind(11, k < source_texts.size() ? source_texts[k] : std::string());
    ins.step();
    for (std::size_t i = 0; i < d.history.size(); ++i) {
      Stmt s(db_, path_, "INSERT INTO phase_history VALUES (?, ?, ?, ?, ?, ?)");
      s.bind(1, d.id).bind(2, static_cast<long long>(i + 1)).bind(3, std::string(model::phase_name(d.history[i].phase)));
      s.bind(4, d.history[i].date).bind(5, std::string("deal file")).bind(6, d.history[i].source);
      s.step();
    }
    for (const auto& [year, t] : d.committed_reduction_t) {
      Stmt s(db_, path_, "INSERT INTO committed VALUES (?, ?, ?)");
      s.bind(1, d.id).bind(2, year).bind(3, t);
      s.step();
    }
    for (const auto& [year, p] : d.claw_back.projected_profit_eur) {
      Stmt s(db_, path_, "INSERT INTO projected_profit VALUES (?, ?, ?)");
      s.bind(1, d.id).bind(2, year).bind(3, p);
      s.step();
    }
    for (const auto& m : d.milestones) {
      Stmt s(db_, path_, "INSERT INTO milestones VALUES (?, ?, ?, ?)");
      s.bind(1, d.id).bind(2, m.id).bind(3, m.name).bind(4, m.due);
      s.step();
    }
    append_audit(actor, "import", d.id,
                 fmt::format("file={}\nphase={}\nmax_support_eur={}\nsource_sha256={}", d.file, model::phase_name(d.phase),
                             fmt_number(d.max_support_eur),
                             core::sha256_hex(k < source_texts.size() ? source_texts[k] : std::string())));
  }
  tx.commit();
}

void Registry::move_phase(const std::string& deal_id, model::DealPhase to, const std::string& date,
                          const std::string& actor, const std::string& reason) {
  check_actor(path_, actor);
  check_date(path_, date);
  if (reason.empty()) {
    fail(path_, "--reason", "why the deal changes phase", "nothing");
  }
  Transaction tx(db_, path_);
  std::vector<std::pair<std::string, std::string>> history;  // phase, date
  {
    Stmt s(db_, path_, "SELECT phase, date FROM phase_history WHERE deal_id = ? ORDER BY seq");
    s.bind(1, deal_id);
    while (s.step()) {
      history.emplace_back(s.text(0), s.text(1));
    }
  }
  if (history.empty()) {
    fail(path_, "deal", "the id of a deal in the registry", core::quote_found(deal_id), "registry.unknown_deal");
  }
  const auto from = *model::parse_phase(history.back().first);
  std::optional<model::DealPhase> paused_from;
  if (from == model::DealPhase::paused && history.size() >= 2) {
    paused_from = model::parse_phase(history[history.size() - 2].first);
  }
  if (!model::transition_allowed(from, to, paused_from)) {
    std::string allowed;
    for (std::size_t i = 0; i < model::kDealPhaseCount; ++i) {
      const auto p = static_cast<model::DealPhase>(i);
      if (model::transition_allowed(from, p, paused_from)) {
        allowed += allowed.empty() ? "" : ", ";
        allowed += model::phase_name(p);
      }
    }
    fail(path_, "deal '" + deal_id + "': phase",
         fmt::format("a phase reachable from {} ({})", model::phase_name(from), allowed.empty() ? "none: final" : allowed),
         std::string(model::phase_name(to)), "registry.transition");
  }
  if (date < history.back().second) {
    fail(path_, "--date", "a date on or after the current phase's date " + history.back().second, date);
  }
  Stmt s(db_, path_, "INSERT INTO phase_history VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, static_cast<long long>(history.size() + 1)).bind(3, std::string(model::phase_name(to)));
  s.bind(4, date).bind(5, actor).bind(6, reason);
  s.step();
  Stmt u(db_, path_, "UPDATE deals SET phase = ? WHERE id = ?");
  u.bind(1, std::string(model::phase_name(to))).bind(2, deal_id);
  u.step();
  append_audit(actor, "phase", deal_id,
               fmt::format("from={}\nto={}\ndate={}\nreason={}", model::phase_name(from), model::phase_name(to), date, reason));
  tx.commit();
}

void Registry::record_milestone(const std::string& deal_id, const std::string& milestone_id, const std::string& date,
                                double progress_pct, const std::string& actor, const std::string& note) {
  check_actor(path_, actor);
  check_date(path_, date);
  if (!(progress_pct >= 0 && progress_pct <= 100)) {
    fail(path_, "--progress", "a progress from 0 to 100 %", fmt_number(progress_pct));
  }
  Transaction tx(db_, path_);
  {
    Stmt s(db_, path_, "SELECT 1 FROM milestones WHERE deal_id = ? AND id = ?");
    s.bind(1, deal_id).bind(2, milestone_id);
    if (!s.step()) {
      fail(path_, "deal '" + deal_id + "': milestone", "a milestone id of the deal (its file's `milestones`)",
           core::quote_found(milestone_id), "registry.unknown_milestone");
    }
  }
  long long seq = 1;
  {
    Stmt s(db_, path_, "SELECT COALESCE(MAX(seq), 0) + 1 FROM milestone_progress WHERE deal_id = ? AND milestone_id = ?");
    s.bind(1, deal_id).bind(2, milestone_id);
    s.step();
    seq = s.integer(0);
  }
  Stmt s(db_, path_, "INSERT INTO milestone_progress VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, milestone_id).bind(3, seq).bind(4, date).bind(5, progress_pct).bind(6, actor).bind(7, note);
  s.step();
  append_audit(actor, "milestone", deal_id,
               fmt::format("milestone={}\ndate={}\nprogress_pct={}\nnote={}", milestone_id, date, fmt_number(progress_pct), note));
  tx.commit();
}

void Registry::record_monitoring(const std::string& deal_id, int year, double verified_emissions_t,
                                 std::optional<double> profit_eur, const std::string& actor, bool replace) {
  check_actor(path_, actor);
  if (year < 1990 || year > 2100) {
    fail(path_, "year", "a year from 1990 to 2100", std::to_string(year));
  }
  if (!(verified_emissions_t >= 0 && verified_emissions_t < 1e9)) {
    fail(path_, "--emissions", "verified emissions in t CO2-eq from 0 to 1e9", fmt_number(verified_emissions_t));
  }
  if (profit_eur && !std::isfinite(*profit_eur)) {
    fail(path_, "--profit", "a profit in EUR", fmt_number(*profit_eur));
  }
  Transaction tx(db_, path_);
  {
    Stmt s(db_, path_, "SELECT 1 FROM deals WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail(path_, "deal", "the id of a deal in the registry", core::quote_found(deal_id), "registry.unknown_deal");
    }
  }
  {
    Stmt s(db_, path_, "SELECT 1 FROM monitoring WHERE deal_id = ? AND year = ?");
    s.bind(1, deal_id).bind(2, year);
    if (s.step() && !replace) {
      fail(path_, fmt::format("deal '{}': monitoring {}", deal_id, year),
           "a year not yet recorded (pass --replace to correct it)", "already recorded", "registry.duplicate");
    }
  }
  Stmt s(db_, path_, "INSERT OR REPLACE INTO monitoring VALUES (?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, year).bind(3, verified_emissions_t);
  if (profit_eur) {
    s.bind(4, *profit_eur);
  } else {
    s.bind_null(4);
  }
  s.step();
  append_audit(actor, replace ? "monitor-replace" : "monitor", deal_id,
               fmt::format("year={}\nverified_emissions_t={}\nprofit_eur={}", year, fmt_number(verified_emissions_t),
                           profit_eur ? fmt_number(*profit_eur) : std::string("")));
  tx.commit();
}

void Registry::record_payment(const std::string& deal_id, const std::string& date, double amount_eur,
                              bool performance_linked, const std::string& actor) {
  check_actor(path_, actor);
  check_date(path_, date);
  if (!(amount_eur > 0 && amount_eur < 1e11)) {
    fail(path_, "--amount", "a payment in EUR above 0", fmt_number(amount_eur));
  }
  Transaction tx(db_, path_);
  double max_support = 0;
  {
    Stmt s(db_, path_, "SELECT max_support_eur FROM deals WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail(path_, "deal", "the id of a deal in the registry", core::quote_found(deal_id), "registry.unknown_deal");
    }
    max_support = s.number(0);
  }
  double paid = 0;
  long long seq = 1;
  {
    Stmt s(db_, path_, "SELECT COALESCE(SUM(amount_eur), 0), COALESCE(MAX(seq), 0) + 1 FROM payments WHERE deal_id = ?");
    s.bind(1, deal_id);
    s.step();
    paid = s.number(0);
    seq = s.integer(1);
  }
  if (paid + amount_eur > max_support * (1 + 1e-12) + 0.005) {
    fail(path_, fmt::format("deal '{}': --amount", deal_id),
         fmt::format("at most the support left under the maximum ({:.2f} EUR of {:.2f})", max_support - paid, max_support),
         fmt::format("{:.2f}", amount_eur), "registry.over_maximum");
  }
  Stmt s(db_, path_, "INSERT INTO payments VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, seq).bind(3, date).bind(4, amount_eur).bind(5, performance_linked ? 1 : 0).bind(6, actor);
  s.step();
  append_audit(actor, "pay", deal_id,
               fmt::format("date={}\namount_eur={}\nperformance_linked={}", date, fmt_number(amount_eur), performance_linked));
  tx.commit();
}

DealStatus Registry::status(const std::string& deal_id, int year) const {
  DealStatus st;
  st.deal_id = deal_id;
  double baseline = 0, tolerance = 0.05, breach = 0.8;
  {
    Stmt s(db_, path_,
           "SELECT company, phase, max_support_eur, baseline_emissions_t, on_track_tolerance, breach_below FROM deals "
           "WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail(path_, "deal", "the id of a deal in the registry", core::quote_found(deal_id), "registry.unknown_deal");
    }
    st.company = s.text(0);
    st.phase = model::parse_phase(s.text(1)).value_or(model::DealPhase::exploration);
    st.max_support_eur = s.number(2);
    baseline = s.number(3);
    tolerance = s.number(4);
    breach = s.number(5);
  }
  if (year == 0) {
    Stmt s(db_, path_, "SELECT MAX(year) FROM monitoring WHERE deal_id = ?");
    s.bind(1, deal_id);
    if (s.step() && !s.is_null(0)) {
      year = static_cast<int>(s.integer(0));
    }
  }
  st.year = year;
  bool monitored = false;
  if (year != 0) {
    Stmt s(db_, path_, "SELECT verified_emissions_t FROM monitoring WHERE deal_id = ? AND year = ?");
    s.bind(1, deal_id).bind(2, year);
    if (s.step()) {
      monitored = true;
      st.verified_emissions_t = s.number(0);
      st.realised_t = baseline - st.verified_emissions_t;
    }
    // The commitment holds from its year on (model::Deal::committed_in).
    Stmt c(db_, path_, "SELECT reduction_t FROM committed WHERE deal_id = ? AND year <= ? ORDER BY year DESC LIMIT 1");
    c.bind(1, deal_id).bind(2, year);
    if (c.step()) {
      st.committed_t = c.number(0);
    }
    Stmt m(db_, path_,
           "SELECT COUNT(*) FROM milestones m WHERE m.deal_id = ? AND m.due <= ? AND COALESCE((SELECT p.progress_pct "
           "FROM milestone_progress p WHERE p.deal_id = m.deal_id AND p.milestone_id = m.id ORDER BY p.seq DESC "
           "LIMIT 1), 0) < 100");
    m.bind(1, deal_id).bind(2, fmt::format("{}-12-31", year));
    m.step();
    st.overdue_milestones = static_cast<int>(m.integer(0));
    Stmt p(db_, path_, "SELECT COALESCE(SUM(amount_eur), 0) FROM payments WHERE deal_id = ? AND date <= ?");
    p.bind(1, deal_id).bind(2, fmt::format("{}-12-31", year));
    p.step();
    st.paid_eur = p.number(0);
  }
  if (monitored) {
    if (st.committed_t <= 0 || st.realised_t >= (1 - tolerance) * st.committed_t) {
      st.status = Status::on_track;
    } else if (st.realised_t < breach * st.committed_t) {
      st.status = Status::breached;
    } else {
      st.status = Status::at_risk;
    }
  }
  if (st.overdue_milestones > 0 && (st.status == Status::on_track || st.status == Status::no_data)) {
    st.status = Status::at_risk;
  }
  if (year != 0) {
    st.claw_back_eur = claw_back(deal_id, year).amount_eur;
  }
  return st;
}

ClawBackResult Registry::claw_back(const std::string& deal_id, int year) const {
  ClawBackResult r;
  double baseline = 0;
  {
    Stmt s(db_, path_, "SELECT claw_back_rule, claw_back_share, baseline_emissions_t FROM deals WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail(path_, "deal", "the id of a deal in the registry", core::quote_found(deal_id), "registry.unknown_deal");
    }
    const auto rule = s.text(0);
    for (std::size_t i = 0; i < model::kClawBackRuleNames.size(); ++i) {
      if (model::kClawBackRuleNames[i] == rule) {
        r.rule = static_cast<model::ClawBackRule>(i);
      }
    }
    r.share = s.number(1);
    baseline = s.number(2);
  }
  if (year == 0) {
    Stmt s(db_, path_, "SELECT MAX(year) FROM monitoring WHERE deal_id = ?");
    s.bind(1, deal_id);
    if (s.step() && !s.is_null(0)) {
      year = static_cast<int>(s.integer(0));
    }
  }
  r.year = year;
  if (year == 0) {
    return r;
  }
  {
    Stmt p(db_, path_, "SELECT COALESCE(SUM(amount_eur), 0) FROM payments WHERE deal_id = ? AND date <= ?");
    p.bind(1, deal_id).bind(2, fmt::format("{}-12-31", year));
    p.step();
    r.paid_eur = p.number(0);
  }
  // Per monitored year: committed (held from its year on), realised, profit against projection.
  Stmt s(db_, path_,
         "SELECT m.year, m.verified_emissions_t, m.profit_eur, "
         "(SELECT c.reduction_t FROM committed c WHERE c.deal_id = m.deal_id AND c.year <= m.year ORDER BY c.year DESC "
         "LIMIT 1), "
         "(SELECT p.profit_eur FROM projected_profit p WHERE p.deal_id = m.deal_id AND p.year <= m.year ORDER BY p.year "
         "DESC LIMIT 1) "
         "FROM monitoring m WHERE m.deal_id = ? AND m.year <= ? ORDER BY m.year");
  s.bind(1, deal_id).bind(2, year);
  while (s.step()) {
    const double committed = s.is_null(3) ? 0.0 : s.number(3);
    const double realised = baseline - s.number(1);
    if (committed > 0) {
      r.committed_t += committed;
      r.delivered_t += std::clamp(realised, 0.0, committed);
    }
    if (!s.is_null(2)) {
      const double projected = s.is_null(4) ? 0.0 : s.number(4);
      r.excess_profit_eur += std::max(0.0, s.number(2) - projected);
    }
  }
  r.shortfall_share = r.committed_t > 0 ? (r.committed_t - r.delivered_t) / r.committed_t : 0.0;
  switch (r.rule) {
    case model::ClawBackRule::pro_rata_shortfall: r.amount_eur = r.share * r.shortfall_share * r.paid_eur; break;
    case model::ClawBackRule::profit_share: r.amount_eur = std::min(r.paid_eur, r.share * r.excess_profit_eur); break;
    case model::ClawBackRule::none: r.amount_eur = 0; break;
  }
  return r;
}

std::vector<DealStatus> Registry::portfolio(int year) const {
  std::vector<std::string> ids;
  {
    Stmt s(db_, path_, "SELECT id FROM deals ORDER BY id");
    while (s.step()) {
      ids.push_back(s.text(0));
    }
  }
  std::vector<DealStatus> out;
  for (const auto& id : ids) {
    out.push_back(status(id, year));
  }
  return out;
}

std::vector<AuditEntry> Registry::audit_log() const {
  std::vector<AuditEntry> out;
  Stmt s(db_, path_,
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

AuditCheck Registry::verify_audit() const {
  AuditCheck c;
  // One read transaction, so that the log and the tables are seen at the same moment.
  exec("BEGIN");
  try {
    const auto log = audit_log();
    const auto current = state_hash();
    exec("COMMIT");
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
      if (hash_entry(e) != e.hash) {
        c.problems.push_back(fmt::format("entry {}: hash does not match its contents (the row was edited)", e.seq));
      }
      prev = e.hash;
    }
    const std::string recorded = log.empty() ? core::sha256_hex("") : log.back().state_hash;
    if (!log.empty() && recorded != current) {
      c.problems.push_back(fmt::format(
          "data tables differ from the state recorded by entry {} (changed outside the registry)", log.back().seq));
    }
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  c.ok = c.problems.empty();
  return c;
}

}  // namespace decarbfund::registry
