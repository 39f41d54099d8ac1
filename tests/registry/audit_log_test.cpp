// The audit log against the seven kinds of tampering of issue 15, each on a registry kept with an
// audit key (HMAC-SHA256), each a test that fails if `audit --verify` says OK: deleting every
// audit row while deals remain, deleting the last entry with its data row, laundering an outside
// edit through a normal write, recomputing the chain without the key, rolling the file back to an
// earlier state (caught by a published head), editing the meta table, and dropping the triggers
// to edit an entry. Also: a write after an outside edit is refused, rows and entries account for
// each other, and the key is required.

#include "registry/audit_log.hpp"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/sha256.hpp"
#include "registry/registry_fixture.hpp"

namespace decarbfund::registry {
namespace {

const AuditKey kKey = AuditKey::from_secret(std::string(40, 'k'), "the test key");

class AuditLogTest : public RegistryTest {
 protected:
  AuditKey key() const override { return kKey; }
  Registry open() const { return Registry(path_, kKey); }
  AuditCheck verify(const std::optional<AuditHead>& expected = std::nullopt) const {
    return open().verify_audit(expected);
  }
  /// The problems of a verify, one per line, for messages.
  static std::string problems(const AuditCheck& c) {
    std::string out;
    for (const auto& p : c.problems) {
      out += p + "\n";
    }
    return out;
  }
  static bool mentions(const AuditCheck& c, const std::string& text) {
    return problems(c).find(text) != std::string::npos;
  }
};

TEST_F(AuditLogTest, AnUntouchedRegistryVerifiesWithItsKey) {
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  const auto c = verify();
  EXPECT_TRUE(c.ok) << problems(c);
  EXPECT_EQ(c.entries, 4);
  EXPECT_EQ(c.scheme, "hmac-sha256");
  EXPECT_EQ(c.head.entries, 4);
  EXPECT_EQ(open().audit_head().to_string(), c.head.to_string());
}

// 1. Deleting every audit row (after dropping the trigger) while the deals remain.
TEST_F(AuditLogTest, DeletingEveryAuditRowWhileDealsRemainIsDetected) {
  tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit;"
         "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is "
         "append-only'); END;");
  const auto c = verify();
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(mentions(c, "the audit log is empty, but every registry starts with its init entry")) << problems(c);
  EXPECT_TRUE(mentions(c, "table deals: deal 'acme' has 1 row(s) the audit log does not account for")) << problems(c);
  EXPECT_TRUE(mentions(c, "the head record says 3 entries")) << problems(c);
}

// 2. Deleting the last entry together with the data row it recorded: the shorter chain still
// links and the state matches the entry before, but the head record does not.
TEST_F(AuditLogTest, DeletingTheLastEntryWithItsDataRowIsDetected) {
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4; DELETE FROM payments;"
         "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is "
         "append-only'); END;");
  const auto c = verify();
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(c.problems.size(), 1u) << problems(c);
  EXPECT_TRUE(c.problems[0].starts_with("the head record says 4 entries ending in ")) << problems(c);
  EXPECT_TRUE(c.problems[0].ends_with("the log has 3 ending in " + open().audit_log().back().hash.substr(0, 12) +
                                      "… (entries were removed or added outside the registry)"))
      << problems(c);
}

// 3. Laundering: edit a payment with sqlite3, then make any normal write. The write is refused, so
// the edit is never hashed into the chain, and verify still reports it.
TEST_F(AuditLogTest, AWriteAfterAnOutsideEditIsRefusedSoTheEditCannotBeLaundered) {
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  tamper("UPDATE payments SET amount_eur = 9000000");
  try {
    open().record_milestone("acme", "op", "2026-02-01", 50, "rvo", "half way");
    FAIL() << "a write after an outside edit must be refused";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": audit: expected the data and audit log as the registry last left them, found "
                                  "the data differ from the state entry 4 recorded (changed outside the registry); "
                                  "nothing was written (see `decarbfund registry audit " +
                              path_ + " --verify`)");
  }
  EXPECT_EQ(open().audit_log().size(), 4u);
  const auto c = verify();
  ASSERT_EQ(c.problems.size(), 1u) << problems(c);
  EXPECT_EQ(c.problems[0],
            "data tables, meta or schema differ from the state recorded by entry 4 (changed outside the registry)");
}

// 4. Recomputing the whole chain (and head) after an edit, as whoever has the file but not the
// key can: with SHA-256 as an unkeyed registry would, or with a guessed key.
TEST_F(AuditLogTest, RecomputingTheChainWithoutTheKeyIsDetected) {
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  tamper("UPDATE payments SET amount_eur = 9000000");
  {
    // The forger's tools: the registry's own code, run without the key over the edited data.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_no_delete; DELETE FROM audit; DELETE FROM audit_head;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit "
                           "log is append-only'); END; UPDATE meta SET value = 'sha256' WHERE key = 'audit_mac';"
                           "UPDATE meta SET value = '' WHERE key = 'audit_key_id';",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    const std::pair<const char*, const char*> entries[] = {
        {"init", ""}, {"import", "acme"}, {"import", "yara-like"}, {"pay", "acme"}};
    for (const auto& [action, deal] : entries) {
      detail::append_entry(db, path_, AuditKey(), "rvo", action, deal, "forged");
    }
    sqlite3_close(db);
  }
  const auto c = verify();
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(mentions(c, "meta says audit_mac = \"sha256\", but a key was given")) << problems(c);
  EXPECT_TRUE(mentions(c, "entry 1: hash does not match its contents (the row was edited, or the chain was recomputed "
                          "without the key)"))
      << problems(c);
}

// 4b. The same with a guessed key and meta left alone: every MAC fails.
TEST_F(AuditLogTest, RecomputingTheChainWithAGuessedKeyIsDetected) {
  const auto guessed = AuditKey::from_secret(std::string(40, 'x'), "a guessed key");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_no_delete; DELETE FROM audit; DELETE FROM audit_head;", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit "
                         "log is append-only'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  detail::append_entry(db, path_, guessed, "registry init", "init", "", "forged");
  sqlite3_close(db);
  const auto c = verify();
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(mentions(c, "entry 1: hash does not match its contents")) << problems(c);
  EXPECT_TRUE(mentions(c, "the head record does not match its MAC")) << problems(c);
}

// 5. No outside anchor: restoring an earlier copy of the file (a backup, or a log truncated with
// the head record saved at the time) is a genuine earlier state and verifies on its own. Against
// a head published after it, it does not.
TEST_F(AuditLogTest, RollingBackToAnEarlierStateIsCaughtByAPublishedHead) {
  const auto copy = path_ + ".earlier";
  fs::remove(copy);
  fs::copy_file(path_, copy);  // WAL: the change so far was checkpointed when the writer closed
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  const auto published = open().audit_head();
  EXPECT_EQ(published.entries, 4);
  EXPECT_TRUE(verify(published).ok);
  fs::remove(path_ + "-wal");
  fs::remove(path_ + "-shm");
  fs::copy_file(copy, path_, fs::copy_options::overwrite_existing);
  fs::remove(copy);
  EXPECT_TRUE(verify().ok) << "an earlier state is consistent in itself";
  const auto c = verify(published);
  EXPECT_FALSE(c.ok);
  ASSERT_EQ(c.problems.size(), 1u) << problems(c);
  EXPECT_EQ(c.problems[0], "the published head " + published.to_string() +
                               " is not in this log (the log has 3 entries): it was rewritten or rolled back");
}

// 6. Editing the meta table (say, the schema version, or the key id to blame a wrong key).
TEST_F(AuditLogTest, EditingTheMetaTableIsDetected) {
  tamper("UPDATE meta SET value = 'not-a-key' WHERE key = 'audit_key_id'");
  const auto c = verify();
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(mentions(c, "meta names key id not-a-key, the key given is " + kKey.id())) << problems(c);
  EXPECT_TRUE(mentions(c, "data tables, meta or schema differ from the state recorded by entry 3")) << problems(c);
  tamper("UPDATE meta SET value = 'audit' WHERE key = 'audit_key_id'; INSERT INTO meta VALUES ('note', 'x')");
  EXPECT_FALSE(verify().ok);
}

// 7. Dropping the append-only triggers and editing an entry's payload and state hash.
TEST_F(AuditLogTest, DroppingTheTriggersToEditAnEntryIsDetected) {
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  tamper("DROP TRIGGER audit_no_update; UPDATE payments SET amount_eur = 10; "
         "UPDATE audit SET payload = replace(payload, '1000000', '10') WHERE seq = 4;"
         "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is "
         "append-only'); END;");
  const auto c = verify();
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(mentions(c, "entry 4: hash does not match its contents")) << problems(c);
}

TEST_F(AuditLogTest, RowsWithoutEntriesAndEntriesWithoutRowsAreReported) {
  open().record_payment("acme", "2026-01-15", 1e6, false, "rvo");
  tamper("INSERT INTO payments VALUES ('yara-like', 1, '2026-01-01', 5, 0, 'x'); DELETE FROM payments WHERE deal_id = "
         "'acme'");
  const auto c = verify();
  EXPECT_TRUE(mentions(c, "table payments: deal 'yara-like' has 1 row(s) the audit log does not account for (rows "
                          "without entries)"))
      << problems(c);
  EXPECT_TRUE(mentions(c, "table payments: deal 'acme' lacks 1 row(s) the audit log records (entries without rows)"))
      << problems(c);
}

TEST_F(AuditLogTest, AKeyedRegistryNeedsItsKeyToWriteAndVerifyButNotToRead) {
  Registry without(path_);
  EXPECT_EQ(without.portfolio().size(), 2u);
  try {
    without.record_payment("acme", "2026-01-15", 1e6, false, "rvo");
    FAIL() << "a keyed registry refuses a write without its key";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": audit key: expected the key this registry's audit log is kept with (key id " +
                              kKey.id() + "): pass --key-file FILE or set DECARBFUND_AUDIT_KEY_FILE, found no key");
  }
  EXPECT_THROW(without.verify_audit(), core::Error);
  const auto other = AuditKey::from_secret(std::string(40, 'o'), "another key");
  try {
    Registry(path_, other).record_payment("acme", "2026-01-15", 1e6, false, "rvo");
    FAIL() << "a keyed registry refuses a write with another key";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": audit key: expected the key with id " + kKey.id() +
                              " (this registry's), found the key with id " + other.id() + " (another key)");
  }
  EXPECT_EQ(open().audit_log().size(), 3u);
}

TEST_F(AuditLogTest, HeadsParseOnlyInTheirPrintedForm) {
  const auto h = open().audit_head();
  EXPECT_EQ(AuditHead::parse(h.to_string())->hash, h.hash);
  EXPECT_FALSE(AuditHead::parse("3"));
  EXPECT_FALSE(AuditHead::parse("3:abc"));
  EXPECT_FALSE(AuditHead::parse(":" + h.hash));
  EXPECT_FALSE(AuditHead::parse("x:" + h.hash));
}

}  // namespace
}  // namespace decarbfund::registry
