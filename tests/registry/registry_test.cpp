// The agreements registry as a library: phase transitions (allowed and refused), status and
// claw-back for a hand-computed shortfall, profit-share claw-back, the audit chain and the
// detection of an edited row, and bad commands that change nothing.

#include "registry/registry.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/load_deal.hpp"
#include "registry/registry_fixture.hpp"

namespace decarbfund::registry {
namespace {

namespace fs = std::filesystem;
using model::DealPhase;

TEST_F(RegistryTest, AllowedTransitionsAreRecordedWithDateActorReason) {
  Registry r(path_);
  r.move_phase("acme", DealPhase::binding, "2025-12-01", "kgg", "binding agreement signed");
  r.move_phase("acme", DealPhase::paused, "2026-02-01", "kgg", "company review");
  r.move_phase("acme", DealPhase::binding, "2026-05-01", "kgg", "review done");
  EXPECT_EQ(r.status("acme").phase, DealPhase::binding);
  const auto log = r.audit_log();
  ASSERT_EQ(log.size(), 6u);  // init, two imports, three moves
  EXPECT_EQ(log[3].action, "phase");
  EXPECT_EQ(log[3].actor, "kgg");
  EXPECT_EQ(log[3].payload, "from=jloi\nto=binding\ndate=2025-12-01\nreason=binding agreement signed");
}

TEST_F(RegistryTest, RefusedTransitionsChangeNothing) {
  Registry r(path_);
  try {
    r.move_phase("acme", DealPhase::implementation, "2025-12-01", "kgg", "skip ahead");
    FAIL() << "a JLoI cannot go straight to implementation";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": deal 'acme': phase: expected a phase reachable from jloi (binding, paused, "
                                  "stopped), found implementation");
  }
  EXPECT_THROW(r.move_phase("acme", DealPhase::binding, "2025-01-01", "kgg", "before the JLoI"), core::Error);
  EXPECT_THROW(r.move_phase("acme", DealPhase::binding, "2025-13-01", "kgg", "bad date"), core::Error);
  EXPECT_THROW(r.move_phase("nobody", DealPhase::binding, "2025-12-01", "kgg", "x"), core::Error);
  EXPECT_THROW(r.move_phase("acme", DealPhase::binding, "2025-12-01", "", "no actor"), core::Error);
  r.move_phase("acme", DealPhase::stopped, "2026-01-01", "kgg", "no ambition");
  EXPECT_THROW(r.move_phase("acme", DealPhase::jloi, "2026-02-01", "kgg", "restart"), core::Error);  // final
  EXPECT_EQ(r.status("acme").phase, DealPhase::stopped);
  EXPECT_EQ(r.audit_log().size(), 4u);
  EXPECT_TRUE(r.verify_audit().ok);
}

TEST_F(RegistryTest, StatusAndProRataClawBackForAShortfall) {
  Registry r(path_);
  r.record_payment("acme", "2029-01-15", 10e6, false, "rvo");
  // 2030: verified 920 kt → realised 1,000 − 920 = 80 kt of 100 kt committed: 0.80 ≥ breach 0.80
  // but < 0.95 → at risk. Shortfall 20 % of the EUR 10 m paid → claw-back EUR 2 m.
  r.record_monitoring("acme", 2030, 920'000, std::nullopt, "nea", false);
  auto s = r.status("acme", 2030);
  EXPECT_DOUBLE_EQ(s.realised_t, 80'000);
  EXPECT_DOUBLE_EQ(s.committed_t, 100'000);
  EXPECT_EQ(s.status, Status::at_risk);
  EXPECT_EQ(s.overdue_milestones, 1);
  auto c = r.claw_back("acme", 2030);
  EXPECT_DOUBLE_EQ(c.shortfall_share, 0.2);
  EXPECT_DOUBLE_EQ(c.amount_eur, 2e6);
  // 2031: 950 kt → 50 kt < 80 kt → breached; cumulative delivered 130 of 200 kt → 35 % → EUR 3.5 m.
  r.record_monitoring("acme", 2031, 950'000, std::nullopt, "nea", false);
  EXPECT_EQ(r.status("acme").status, Status::breached);
  c = r.claw_back("acme");
  EXPECT_EQ(c.year, 2031);
  EXPECT_DOUBLE_EQ(c.committed_t, 200'000);
  EXPECT_DOUBLE_EQ(c.delivered_t, 130'000);
  EXPECT_DOUBLE_EQ(c.amount_eur, 3.5e6);
  // Milestone reached and a year over-delivered: on track; over-delivery does not bank.
  r.record_milestone("acme", "op", "2030-05-01", 100, "rvo", "commissioned");
  r.record_monitoring("acme", 2032, 850'000, std::nullopt, "nea", false);
  EXPECT_EQ(r.status("acme", 2032).status, Status::on_track);
  EXPECT_DOUBLE_EQ(r.claw_back("acme", 2032).delivered_t, 230'000);
}

TEST_F(RegistryTest, ProfitShareClawBack) {
  Registry r(path_);
  r.record_payment("yara-like", "2024-06-01", 30e6, false, "rvo");
  // Profit 10 m in 2026 against a projected 0: half of the excess, EUR 5 m, is repaid.
  r.record_monitoring("yara-like", 2026, 2'500'000, 10e6, "nea", false);
  const auto c = r.claw_back("yara-like", 2026);
  EXPECT_DOUBLE_EQ(c.excess_profit_eur, 10e6);
  EXPECT_DOUBLE_EQ(c.amount_eur, 5e6);
  EXPECT_EQ(r.status("yara-like").status, Status::on_track);  // 800 kt realised of 800 kt
}

TEST_F(RegistryTest, BadCommandsChangeNothing) {
  Registry r(path_);
  r.record_payment("acme", "2029-01-15", 6e6, false, "rvo");
  try {
    r.record_payment("acme", "2029-02-15", 5e6, true, "rvo");
    FAIL() << "payments above the maximum support";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": deal 'acme': --amount: expected at most the support left under the maximum "
                                  "(4000000.00 EUR of 10000000.00), found 5000000.00");
  }
  r.record_monitoring("acme", 2030, 920'000, std::nullopt, "nea", false);
  EXPECT_THROW(r.record_monitoring("acme", 2030, 900'000, std::nullopt, "nea", false), core::Error);
  EXPECT_THROW(r.record_milestone("acme", "fid", "2028-01-01", 50, "rvo", ""), core::Error);
  EXPECT_THROW(r.record_milestone("acme", "op", "2028-01-01", 150, "rvo", ""), core::Error);
  EXPECT_THROW(r.import_deals({parse(kDeal)}, {kDeal}, "tester"), core::Error);  // already there
  EXPECT_EQ(r.audit_log().size(), 5u);
  EXPECT_DOUBLE_EQ(r.status("acme", 2030).verified_emissions_t, 920'000);
  EXPECT_DOUBLE_EQ(r.status("acme", 2030).paid_eur, 6e6);
  // A correction is allowed with replace, and audited.
  r.record_monitoring("acme", 2030, 900'000, std::nullopt, "nea", true);
  EXPECT_EQ(r.audit_log().back().action, "monitor-replace");
  EXPECT_TRUE(r.verify_audit().ok);
}

TEST_F(RegistryTest, AuditChainVerifies) {
  Registry r(path_);
  r.move_phase("acme", DealPhase::binding, "2025-12-01", "kgg", "signed");
  r.record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  const auto c = r.verify_audit();
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.entries, 5);
  const auto log = r.audit_log();
  EXPECT_EQ(log[0].action, "init");
  EXPECT_EQ(log[0].prev_hash, std::string(kGenesisHash));
  for (std::size_t i = 1; i < log.size(); ++i) {
    EXPECT_EQ(log[i].prev_hash, log[i - 1].hash);
  }
}

TEST_F(RegistryTest, AuditLogIsAppendOnly) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE seq = 1", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(Registry(path_).verify_audit().ok);
}

TEST_F(RegistryTest, VerifyDetectsAnEditedAuditRow) {
  { Registry(path_).record_payment("acme", "2026-01-15", 1e6, false, "rvo"); }
  tamper("DROP TRIGGER audit_no_update; UPDATE audit SET payload = replace(payload, '1000000', '100000') WHERE seq = 4");
  const auto c = Registry(path_).verify_audit();
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(c.problems.size(), 2u);
  EXPECT_EQ(c.problems[0], "entry 4: hash does not match its contents (the row was edited)");
  // Dropping the trigger changed the schema, which the state hash covers.
  EXPECT_EQ(c.problems[1],
            "data tables, meta or schema differ from the state recorded by entry 4 (changed outside the registry)");
}

TEST_F(RegistryTest, VerifyDetectsAnEditedDataRow) {
  tamper("UPDATE deals SET max_support_eur = 99000000 WHERE id = 'acme'");
  const auto c = Registry(path_).verify_audit();
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0],
            "data tables, meta or schema differ from the state recorded by entry 3 (changed outside the registry)");
}

TEST_F(RegistryTest, RefusesBlankActorsImpossibleDatesAndAmountsBelowACent) {
  Registry r(path_);
  const auto refused = [&](auto&& write) {
    try {
      write();
    } catch (const core::Error& e) {
      return message(e);
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused([&] { r.record_payment("acme", "2026-01-15", 1000, false, " "); }),
            path_ + ": --actor: expected who makes the change (a name or role), found \" \"");
  EXPECT_EQ(refused([&] { r.move_phase("acme", DealPhase::binding, "2025-12-01", "kgg", "\t"); }),
            path_ + ": --reason: expected why the deal changes phase, found \"\\x09\"");
  EXPECT_EQ(refused([&] { r.record_payment("acme", "2025-02-29", 1000, false, "rvo"); }),
            path_ + ": --date: expected a date YYYY-MM-DD (a day of the calendar), found \"2025-02-29\"");
  EXPECT_EQ(refused([&] { r.record_payment("acme", "2026-01-15", 1e-300, false, "rvo"); }),
            path_ + ": --amount: expected an amount in EUR of at least 0.01, in whole cents, below 1e11, found 1e-300");
  EXPECT_EQ(refused([&] { r.record_payment("acme", "2026-01-15", 100.005, false, "rvo"); }),
            path_ + ": --amount: expected an amount in EUR of at least 0.01, in whole cents, below 1e11, found 100.005");
  EXPECT_EQ(refused([&] { r.record_payment("acme", "2026-01-15", -5, false, "rvo"); }),
            path_ + ": --amount: expected an amount in EUR of at least 0.01, in whole cents, below 1e11, found -5");
  r.record_payment("acme", "2024-02-29", 1234.56, false, "rvo");  // a leap day, whole cents
  EXPECT_EQ(r.audit_log().size(), 4u);
}

TEST_F(RegistryTest, InitRefusesAnExistingFileAndOpenRefusesAForeignOne) {
  EXPECT_THROW(Registry::init(path_), core::Error);
  const auto other = path_ + ".other";
  fs::remove(other);
  {
    sqlite3* db = nullptr;
    sqlite3_open(other.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  EXPECT_THROW(Registry{other}, core::Error);
  EXPECT_THROW(Registry{path_ + ".missing"}, core::Error);
  fs::remove(other);
}

TEST_F(RegistryTest, AnEarlierFormatIsRefusedWithTheWayOut) {
  // Format 3 added the co-benefit tables, format 4 the obligation and production tables (issue
  // 17): a format-3 file would fail on its first obligation write, so it is refused on open with
  // the way out.
  { Registry r(path_); }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value = '3' WHERE key = 'schema_version'", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  try {
    Registry r(path_);
    ADD_FAILURE() << "a format-3 registry was opened";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": meta.schema_version: expected registry format 4 (this build's; an earlier "
                                  "format lacks tables this build writes or cannot prove its audit log's tail: import "
                                  "the deal files into a new registry), found \"3\"");
  }
}

TEST_F(RegistryTest, ATruncatedFileIsNamedDamagedAndAnotherFileNotADatabase) {
  { Registry(path_).record_payment("acme", "2026-01-15", 1e6, false, "rvo"); }  // closing checkpoints the WAL
  const auto half = path_ + ".half";
  {
    std::ifstream in(path_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(half, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  try {
    Registry r(half);
    r.portfolio();
    FAIL() << "a half-truncated registry must be refused";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), half + ": expected a complete registry file, found a damaged or truncated database "
                                 "(database disk image is malformed); restore it from a backup");
  }
  std::ofstream(half, std::ios::binary | std::ios::trunc) << "id,company\n";
  try {
    Registry r(half);
    FAIL() << "a text file is not a registry";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), half + ": expected a decarbfund registry (made by `decarbfund registry init`), found a file "
                                 "that is not a database");
  }
  fs::remove(half);
}

}  // namespace
}  // namespace decarbfund::registry
