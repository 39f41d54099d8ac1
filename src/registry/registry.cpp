#include "registry/registry.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/civil_time.hpp"
#include "core/diagnostic.hpp"
#include "core/sha256.hpp"
#include "registry/audit_log.hpp"
#include "registry/create_tables.hpp"
#include "registry/sqlite_stmt.hpp"

namespace decarbfund::registry {

namespace {

constexpr int kBusyTimeoutMs = 30'000;  // a writer waits up to 30 s for another to finish

// The tables. The audit log is append-only (triggers refuse UPDATE and DELETE, and dropping them
// changes the schema, which the state hash covers); audit_head holds the one head record.
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
CREATE TABLE co_benefits (
  deal_id TEXT NOT NULL REFERENCES deals(id), what TEXT NOT NULL, unit TEXT NOT NULL, baseline REAL,
  committed_level REAL, by_year INTEGER NOT NULL, commitment TEXT NOT NULL, PRIMARY KEY (deal_id, what));
CREATE TABLE co_benefit_monitoring (
  deal_id TEXT NOT NULL, what TEXT NOT NULL, year INTEGER NOT NULL, value REAL NOT NULL, actor TEXT NOT NULL,
  PRIMARY KEY (deal_id, what, year), FOREIGN KEY (deal_id, what) REFERENCES co_benefits(deal_id, what));
CREATE TABLE payments (
  deal_id TEXT NOT NULL REFERENCES deals(id), seq INTEGER NOT NULL, date TEXT NOT NULL, amount_eur REAL NOT NULL,
  performance_linked INTEGER NOT NULL, actor TEXT NOT NULL, PRIMARY KEY (deal_id, seq));
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  deal_id TEXT NOT NULL, payload TEXT NOT NULL, state_hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1), entries INTEGER NOT NULL, hash TEXT NOT NULL, mac TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)";

using detail::fail;
using detail::fail_unknown_deal;
using detail::Stmt;
using detail::Transaction;

std::string fmt_number(double v) { return fmt::format("{:.17g}", v); }

void check_date(const std::string& path, const std::string& date) {
  if (!core::valid_iso_date(date)) {
    fail(path, "--date", "a date YYYY-MM-DD (a day of the calendar)", core::quote_found(date));
  }
}

/// Who makes a change, why, or a note: something a reader can see, not blanks.
void check_words(const std::string& path, const char* flag, const std::string& value, const char* expected) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(path, flag, expected, value.empty() ? "nothing" : core::quote_found(value));
  }
}

void check_actor(const std::string& path, const std::string& actor) {
  check_words(path, "--actor", actor, "who makes the change (a name or role)");
}

/// An amount in EUR above zero, in whole cents: 1e-300 or 0.001 is a typing error, not a payment.
void check_amount(const std::string& path, const char* flag, double eur) {
  const double cents = eur * 100;
  if (!(eur >= 0.01 && eur < 1e11) || std::fabs(cents - std::round(cents)) > 1e-6 * std::max(1.0, cents)) {
    fail(path, flag, "an amount in EUR of at least 0.01, in whole cents, below 1e11", fmt_number(eur));
  }
}

}  // namespace

std::string_view status_name(Status s) {
  switch (s) {
    case Status::on_track: return "on_track";
    case Status::at_risk: return "at_risk";
    case Status::breached: return "breached";
    default: return "no_data";
  }
}

void Registry::init(const std::string& path, const AuditKey& key) {
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
  try {
    detail::exec(db, path, "PRAGMA journal_mode=WAL");
    Transaction tx(db, path);
    detail::exec(db, path, kSchema);
    detail::create_obligation_tables(db, path);
    detail::create_intensity_tables(db, path);
    std::string payload;
    for (const auto& [k, v] : detail::initial_meta(key)) {
      Stmt s(db, path, "INSERT INTO meta VALUES (?, ?)");
      s.bind(1, k).bind(2, v);
      s.step();
      payload += fmt::format("{}{}={}", payload.empty() ? "" : "\n", k, v);
    }
    // The first entry records the meta table, so the log is never legitimately empty.
    detail::append_entry(db, path, key, "registry init", "init", "", payload);
    tx.commit();
  } catch (...) {
    sqlite3_close(db);
    std::filesystem::remove(path, ec);
    std::filesystem::remove(path + "-wal", ec);
    std::filesystem::remove(path + "-shm", ec);
    throw;
  }
  sqlite3_close(db);
}

Registry::Registry(const std::string& path, AuditKey key) : path_(path), key_(std::move(key)) {
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
  try {
    std::string format;
    std::string version;
    {
      Stmt s(db_, path_, "SELECT key, value FROM meta WHERE key IN ('format', 'schema_version')");
      while (s.step()) {
        (s.text(0) == "format" ? format : version) = s.text(1);
      }
    }
    if (format != "decarbfund-registry") {
      fail(path, "", "a decarbfund registry (made by `decarbfund registry init`)", "another kind of database",
           "registry.format");
    }
    if (version != std::to_string(kRegistrySchemaVersion)) {
      fail(path, "meta.schema_version",
           fmt::format("registry format {} (this build's; an earlier format lacks tables this build writes or "
                       "cannot prove its audit log's tail: import the deal files into a new registry)",
                       kRegistrySchemaVersion),
           core::quote_found(version), "registry.format");
    }
    // WAL: readers never block the writer and a crash leaves the last committed state; synchronous
    // FULL makes each commit durable before the command reports success.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  } catch (const core::Error& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    // A file that is not SQLite at all: say so rather than repeat SQLite's wording.
    if (e.diagnostics().front().code == "registry.damaged") {
      std::string magic(16, '\0');
      std::ifstream(path, std::ios::binary).read(magic.data(), 16);
      if (magic != std::string("SQLite format 3\0", 16)) {
        fail(path, "", "a decarbfund registry (made by `decarbfund registry init`)", "a file that is not a database",
             "registry.format");
      }
    }
    throw;
  }
}

Registry::~Registry() { sqlite3_close(db_); }

void Registry::exec(const char* sql) const { detail::exec(db_, path_, sql); }

void Registry::check_before_write() const { detail::check_before_write(db_, path_, key_); }

void Registry::append_audit(const std::string& actor, const std::string& action, const std::string& deal_id,
                            const std::string& payload) {
  detail::append_entry(db_, path_, key_, actor, action, deal_id, payload);
}

void Registry::import_deals(const std::vector<model::Deal>& deals, const std::vector<std::string>& source_texts,
                            const std::string& actor) {
  check_actor(path_, actor);
  Transaction tx(db_, path_);
  check_before_write();
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
    for (const auto& b : d.co_benefits) {
      Stmt s(db_, path_, "INSERT INTO co_benefits VALUES (?, ?, ?, ?, ?, ?, ?)");
      s.bind(1, d.id).bind(2, b.what).bind(3, b.unit);
      if (b.baseline > 0) {
        s.bind(4, b.baseline);
      }
      if (const auto level = b.committed_level()) {
        s.bind(5, *level);
      }
      s.bind(6, b.by_year).bind(7, b.commitment);
      s.step();
    }
    import_obligations(d);
    import_delivery_measure(d);
    // The rows the import adds, so that `audit --verify` can account for every row.
    append_audit(actor, "import", d.id,
                 fmt::format("file={}\nphase={}\nmax_support_eur={}\nsource_sha256={}\nhistory_rows={}\n"
                             "committed_rows={}\nprojected_profit_rows={}\nmilestone_rows={}\nco_benefit_rows={}\n"
                             "obligation_rows={}\ndelivery_measure_rows=1",
                             d.file, model::phase_name(d.phase), fmt_number(d.max_support_eur),
                             core::sha256_hex(k < source_texts.size() ? source_texts[k] : std::string()),
                             d.history.size(), d.committed_reduction_t.size(),
                             d.claw_back.projected_profit_eur.size(), d.milestones.size(), d.co_benefits.size(),
                             d.state_obligations.size()));
  }
  tx.commit();
}

void Registry::move_phase(const std::string& deal_id, model::DealPhase to, const std::string& date,
                          const std::string& actor, const std::string& reason) {
  check_actor(path_, actor);
  check_date(path_, date);
  check_words(path_, "--reason", reason, "why the deal changes phase");
  Transaction tx(db_, path_);
  check_before_write();
  std::vector<std::pair<std::string, std::string>> history;  // phase, date
  {
    Stmt s(db_, path_, "SELECT phase, date FROM phase_history WHERE deal_id = ? ORDER BY seq");
    s.bind(1, deal_id);
    while (s.step()) {
      history.emplace_back(s.text(0), s.text(1));
    }
  }
  if (history.empty()) {
    fail_unknown_deal(path_, deal_id);
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
  check_before_write();
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
  check_before_write();
  detail::require_deal(db_, path_, deal_id);
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
  check_amount(path_, "--amount", amount_eur);
  Transaction tx(db_, path_);
  check_before_write();
  double max_support = 0;
  {
    Stmt s(db_, path_, "SELECT max_support_eur FROM deals WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail_unknown_deal(path_, deal_id);
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

std::vector<AuditEntry> Registry::audit_log() const { return detail::read_log(db_, path_); }

AuditCheck Registry::verify_audit(const std::optional<AuditHead>& expected) const {
  // One read transaction, so that the log and the tables are seen at the same moment.
  exec("BEGIN");
  try {
    auto c = detail::verify(db_, path_, key_, expected);
    exec("COMMIT");
    return c;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

AuditHead Registry::audit_head() const { return detail::read_head(db_, path_); }

std::string AuditHead::to_string() const { return fmt::format("{}:{}", entries, hash); }

std::optional<AuditHead> AuditHead::parse(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 18 || text.size() - colon - 1 != 64) {
    return std::nullopt;
  }
  AuditHead h;
  for (const char c : text.substr(0, colon)) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    h.entries = h.entries * 10 + (c - '0');
  }
  h.hash = std::string(text.substr(colon + 1));
  for (const char c : h.hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return std::nullopt;
    }
  }
  return h;
}

}  // namespace decarbfund::registry
