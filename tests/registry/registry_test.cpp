// The agreements registry as a library: phase transitions (allowed and refused), status and
// claw-back for a hand-computed shortfall, profit-share claw-back, the audit chain and the
// detection of an edited row, and bad commands that change nothing.

#include "registry/registry.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/load_deal.hpp"

namespace decarbfund::registry {
namespace {

namespace fs = std::filesystem;
using model::DealPhase;

// Baseline 1 Mt; commits 100 kt from 2030; EUR 10 m maximum; claw-back pro rata.
const std::string kDeal = R"(id: acme
company: Acme
sites: [S1]
phase: jloi
history:
  - {phase: eop, date: 2024-01-10, source: test}
  - {phase: jloi, date: 2025-03-01, source: test}
company_commitments:
  projects: [{option: O1, start_year: 2030}]
  committed_reduction_t: {2030: 100000}
  baseline_emissions_t: 1000000
  climate_neutral_year: 2045
government_commitments: {max_support_eur: 10000000, max_support_basis: test}
claw_back: {rule: pro_rata_shortfall, share: 1.0, basis: test}
milestones: [{id: op, name: in operation, due: 2030-06-30}]
sources: [test]
)";

// Profit share: EUR 30 m, half of the profit above a projected 0 is repaid.
const std::string kProfitDeal = R"(id: yara-like
company: Yara-like
sites: [S2]
phase: early_support
history: [{phase: early_support, date: 2023-10-25, source: test}]
company_commitments:
  projects: [{option: O6, start_year: 2026}]
  committed_reduction_t: {2026: 800000}
  baseline_emissions_t: 3300000
government_commitments: {max_support_eur: 30000000, max_support_basis: test}
claw_back: {rule: profit_share, share: 0.5, projected_profit_eur: {2026: 0}, basis: test}
sources: [test]
)";

model::Deal parse(const std::string& text) {
  core::Diagnostics diags;
  auto d = data::load_deal_text(text, "test.yaml", diags);
  EXPECT_TRUE(d.has_value()) << diags.to_string();
  return *d;
}

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             fmt::format("decarbfund-registry-{}.db", ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    for (const char* ext : {"", "-wal", "-shm"}) {
      fs::remove(path_ + ext);
    }
    Registry::init(path_);
    Registry r(path_);
    r.import_deals({parse(kDeal), parse(kProfitDeal)}, {kDeal, kProfitDeal}, "tester");
  }
  void TearDown() override {
    for (const char* ext : {"", "-wal", "-shm"}) {
      fs::remove(path_ + ext);
    }
  }
  /// Runs SQL on the file behind the registry's back (what a tamperer would do).
  void tamper(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  std::string message(const core::Error& e) { return e.diagnostics().front().to_string(); }
  std::string path_;
};

TEST_F(RegistryTest, AllowedTransitionsAreRecordedWithDateActorReason) {
  Registry r(path_);
  r.move_phase("acme", DealPhase::binding, "2025-12-01", "kgg", "binding agreement signed");
  r.move_phase("acme", DealPhase::paused, "2026-02-01", "kgg", "company review");
  r.move_phase("acme", DealPhase::binding, "2026-05-01", "kgg", "review done");
  EXPECT_EQ(r.status("acme").phase, DealPhase::binding);
  const auto log = r.audit_log();
  ASSERT_EQ(log.size(), 5u);  // two imports + three moves
  EXPECT_EQ(log[2].action, "phase");
  EXPECT_EQ(log[2].actor, "kgg");
  EXPECT_EQ(log[2].payload, "from=jloi\nto=binding\ndate=2025-12-01\nreason=binding agreement signed");
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
  EXPECT_EQ(r.audit_log().size(), 3u);
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
  EXPECT_EQ(r.audit_log().size(), 4u);
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
  EXPECT_EQ(c.entries, 4);
  const auto log = r.audit_log();
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
  tamper("DROP TRIGGER audit_no_update; UPDATE audit SET payload = replace(payload, '1000000', '100000') WHERE seq = 3");
  const auto c = Registry(path_).verify_audit();
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0], "entry 3: hash does not match its contents (the row was edited)");
}

TEST_F(RegistryTest, VerifyDetectsAnEditedDataRow) {
  tamper("UPDATE deals SET max_support_eur = 99000000 WHERE id = 'acme'");
  const auto c = Registry(path_).verify_audit();
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0], "data tables differ from the state recorded by entry 2 (changed outside the registry)");
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

}  // namespace
}  // namespace decarbfund::registry
