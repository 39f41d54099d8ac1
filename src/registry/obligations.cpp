// The state's obligations in the registry (issue 17 §2, docs/deals.md "The state's obligations"):
// what the state committed (infrastructure by a date, permit milestones, support tranches) with
// due dates, imported with the deal, and their status updates. `status` judges both sides: a
// state obligation is late once its due date has passed unmet (or when reported late), and a
// late one moves the company milestones the deal ties to it by the same number of days — the
// company is not overdue for what waits on the state.

#include "registry/create_tables.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/civil_time.hpp"
#include "core/diagnostic.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"

namespace decarbfund::registry {

using detail::fail;
using detail::Stmt;
using detail::Transaction;

namespace {

// `shifts` is kept as the milestone ids joined by ',' (ids are the deal file's, without commas).
constexpr const char* kObligationsSchema = R"(
CREATE TABLE obligations (
  deal_id TEXT NOT NULL REFERENCES deals(id), id TEXT NOT NULL, kind TEXT NOT NULL, what TEXT NOT NULL,
  infra TEXT NOT NULL, due TEXT NOT NULL, status TEXT NOT NULL, status_date TEXT NOT NULL, expected TEXT NOT NULL,
  shifts TEXT NOT NULL, PRIMARY KEY (deal_id, id));
CREATE TABLE obligation_updates (
  deal_id TEXT NOT NULL, obligation_id TEXT NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL, date TEXT NOT NULL,
  expected TEXT NOT NULL, actor TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (deal_id, obligation_id, seq),
  FOREIGN KEY (deal_id, obligation_id) REFERENCES obligations(deal_id, id));
)";

/// Days since 1970-01-01 of a YYYY-MM-DD date (valid: checked on the way in).
long long day_number(const std::string& iso) {
  const int y = std::stoi(iso.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  return core::days_from_civil(y, m, d);
}

std::string iso_date(long long days) {
  const auto c = core::civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < s.size()) {
    const auto to = std::min(s.find(',', from), s.size());
    out.push_back(s.substr(from, to - from));
    from = to + 1;
  }
  return out;
}

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    out += (out.empty() ? "" : ",") + id;
  }
  return out;
}

}  // namespace

namespace detail {

void create_obligation_tables(sqlite3* db, const std::string& path) { exec(db, path, kObligationsSchema); }

}  // namespace detail

void Registry::import_obligations(const model::Deal& d) {
  for (const auto& o : d.state_obligations) {
    Stmt s(db_, path_, "INSERT INTO obligations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, d.id).bind(2, o.id).bind(3, std::string(model::kObligationKindNames[static_cast<std::size_t>(o.kind)]));
    s.bind(4, o.what).bind(5, o.infra).bind(6, o.due);
    s.bind(7, std::string(model::kObligationStatusNames[static_cast<std::size_t>(o.status)]));
    s.bind(8, o.status_date).bind(9, o.expected).bind(10, join_ids(o.shifts));
    s.step();
  }
}

void Registry::record_obligation(const std::string& deal_id, const std::string& obligation_id,
                                 model::ObligationStatus status, const std::string& date, const std::string& expected,
                                 const std::string& actor, const std::string& note) {
  if (actor.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(path_, "--actor", "who records the change (a name or role)", actor.empty() ? "nothing" : core::quote_found(actor));
  }
  if (!core::valid_iso_date(date)) {
    fail(path_, "--date", "a date YYYY-MM-DD (a day of the calendar)", core::quote_found(date));
  }
  if (!expected.empty() && !core::valid_iso_date(expected)) {
    fail(path_, "--expected", "a date YYYY-MM-DD (a day of the calendar)", core::quote_found(expected));
  }
  if (!expected.empty() && status != model::ObligationStatus::late) {
    fail(path_, "--expected", "a new expected date only with --status late", core::quote_found(expected));
  }
  Transaction tx(db_, path_);
  check_before_write();
  std::string due;
  {
    Stmt s(db_, path_, "SELECT due FROM obligations WHERE deal_id = ? AND id = ?");
    s.bind(1, deal_id).bind(2, obligation_id);
    if (!s.step()) {
      std::string names;
      Stmt n(db_, path_, "SELECT id FROM obligations WHERE deal_id = ? ORDER BY id");
      n.bind(1, deal_id);
      while (n.step()) {
        names += (names.empty() ? "" : ", ") + n.text(0);
      }
      fail(path_, fmt::format("deal '{}': obligation", deal_id),
           names.empty() ? std::string("a deal in the registry whose file states the state's obligations")
                         : "one of the state's obligations in the deal: " + names,
           core::quote_found(obligation_id), "registry.unknown_obligation");
    }
    due = s.text(0);
  }
  if (!expected.empty() && expected <= due) {
    fail(path_, "--expected", fmt::format("a date after the obligation's due date {} (else it is not late)", due),
         expected);
  }
  long long seq = 1;
  {
    Stmt s(db_, path_, "SELECT COALESCE(MAX(seq), 0) + 1 FROM obligation_updates WHERE deal_id = ? AND obligation_id = ?");
    s.bind(1, deal_id).bind(2, obligation_id);
    s.step();
    seq = s.integer(0);
  }
  const std::string status_name(model::kObligationStatusNames[static_cast<std::size_t>(status)]);
  Stmt s(db_, path_, "INSERT INTO obligation_updates VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, obligation_id).bind(3, seq).bind(4, status_name).bind(5, date).bind(6, expected);
  s.bind(7, actor).bind(8, note);
  s.step();
  append_audit(actor, "obligation", deal_id,
               fmt::format("obligation={}\nstatus={}\ndate={}\nexpected={}\nnote={}", obligation_id, status_name, date,
                           expected, note));
  tx.commit();
}

std::vector<ObligationState> Registry::obligation_status(const std::string& deal_id, int year) const {
  // Judged at the end of `year`; with no year, only what was recorded (met, reported late) counts.
  const std::string judged = year != 0 ? fmt::format("{}-12-31", year) : std::string();
  std::vector<ObligationState> state;
  {
    Stmt s(db_, path_,
           "SELECT o.id, o.kind, o.what, o.due, "
           "COALESCE(u.status, o.status), COALESCE(u.date, o.status_date), COALESCE(u.expected, o.expected), o.shifts "
           "FROM obligations o LEFT JOIN obligation_updates u ON u.deal_id = o.deal_id AND u.obligation_id = o.id "
           "AND u.seq = (SELECT MAX(seq) FROM obligation_updates x WHERE x.deal_id = o.deal_id AND x.obligation_id = o.id) "
           "WHERE o.deal_id = ? ORDER BY o.due, o.id");
    s.bind(1, deal_id);
    while (s.step()) {
      ObligationState o;
      o.id = s.text(0);
      o.side = "state";
      o.kind = s.text(1);
      o.what = s.text(2);
      o.due = s.text(3);
      o.status = s.text(4);
      o.status_date = s.text(5);
      o.expected = s.text(6);
      o.shifts = split_ids(s.text(7));
      const long long due = day_number(o.due);
      // A met obligation is late by the days it came after its due date; a reported-late one by
      // the days to its new expected date (or to the judged date when none is known); an open one
      // once the judged date has passed its due date, by the days so far (at least that many).
      if (o.status == "met") {
        o.delay_days = std::max(0LL, day_number(o.status_date) - due);
      } else if (o.status == "late") {
        o.delay_days = !o.expected.empty() ? day_number(o.expected) - due
                       : !judged.empty()   ? std::max(0LL, day_number(judged) - due)
                                           : 0;
      } else if (o.status == "open" && !judged.empty() && day_number(judged) >= due) {
        o.delay_days = day_number(judged) - due;
      }
      // Due by the judged date and not met, reported late, or met after its due date.
      o.late = o.status == "late" || o.delay_days > 0 || (o.status == "open" && !judged.empty() && day_number(judged) >= due);
      state.push_back(std::move(o));
    }
  }
  // The company's milestones, each moved by the longest delay of the state obligations tied to it.
  std::vector<ObligationState> company;
  {
    Stmt s(db_, path_,
           "SELECT m.id, m.name, m.due, "
           "(SELECT p.progress_pct FROM milestone_progress p WHERE p.deal_id = m.deal_id AND p.milestone_id = m.id "
           "ORDER BY p.seq DESC LIMIT 1), "
           "(SELECT p.date FROM milestone_progress p WHERE p.deal_id = m.deal_id AND p.milestone_id = m.id "
           "ORDER BY p.seq DESC LIMIT 1) "
           "FROM milestones m WHERE m.deal_id = ? ORDER BY m.due, m.id");
    s.bind(1, deal_id);
    while (s.step()) {
      ObligationState m;
      m.id = s.text(0);
      m.side = "company";
      m.kind = "milestone";
      m.what = s.text(1);
      m.due = s.text(2);
      const bool met = !s.is_null(3) && s.number(3) >= 100;
      m.status = met ? "met" : "open";
      m.status_date = met ? s.text(4) : std::string();
      long long shift = 0;
      for (const auto& o : state) {
        if (o.status != "cancelled" && o.delay_days > 0 && std::find(o.shifts.begin(), o.shifts.end(), m.id) != o.shifts.end()) {
          shift = std::max(shift, o.delay_days);
          m.shifts.push_back(o.id);
        }
      }
      const long long due = day_number(m.due) + shift;
      if (shift > 0) {
        m.shifted_due = iso_date(due);
      }
      // As before the state's side was tracked: overdue when due by the judged date and not at
      // 100 % (now against the shifted due date).
      m.delay_days = met ? std::max(0LL, day_number(m.status_date) - due)
                         : (!judged.empty() ? std::max(0LL, day_number(judged) - due) : 0);
      m.late = !met && !judged.empty() && day_number(judged) >= due;
      company.push_back(std::move(m));
    }
  }
  state.insert(state.end(), std::make_move_iterator(company.begin()), std::make_move_iterator(company.end()));
  return state;
}

}  // namespace decarbfund::registry
