// `decarbfund registry` with an audit key, as docs/deals.md shows it: keygen, init naming the key,
// audit --head and --verify --expect-head, a write after an outside edit refused (exit 2), verify
// reporting it (exit 1), and a keyed registry refusing a write without its key.

#include <sqlite3.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace decarbfund {
namespace {

using test::kSource;
namespace fs = std::filesystem;

TEST(RegistryCli, AKeyedRegistryFromKeygenToAPublishedHead) {
  const fs::path dir = fs::temp_directory_path() / "decarbfund-registry-cli";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string key = (dir / "audit.key").string();
  const std::string db = (dir / "deals.db").string();
  const std::string with_key = " --key-file " + key;

  auto r = test::run_cli("registry keygen " + key, true);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(r.out.starts_with("wrote audit key " + key + " (key id ")) << r.out;
  const std::string id = r.out.substr(r.out.find("key id ") + 7, 16);
  r = test::run_cli("registry init " + db + with_key, true);
  EXPECT_EQ(r.out, "created registry " + db + " (audit log keyed with key file " + key + ", key id " + id + ")\n");
  ASSERT_EQ(test::run_cli("registry import " + db + " data/nl/deals/nobian.yaml data/nl/deals/cosun.yaml --actor rvo" +
                          with_key)
                .status,
            0);
  ASSERT_EQ(
      test::run_cli("registry pay " + db + " nobian --date 2026-01-15 --amount 46250000 --actor rvo" + with_key).status,
      0);
  const auto head = test::run_cli("registry audit " + db + " --head");
  ASSERT_EQ(head.status, 0);
  ASSERT_EQ(head.out.size(), std::string("4:").size() + 64 + 1) << head.out;
  const std::string published = head.out.substr(0, head.out.size() - 1);
  r = test::run_cli("registry audit " + db + " --verify" + with_key, true);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "audit log OK: 4 entries (HMAC-SHA256), chain, head record, state and rows verified; head " +
                       published + "\n");
  ASSERT_EQ(test::run_cli("registry monitor " + db + " nobian 2030 --emissions 200000 --actor nea" + with_key).status, 0);
  r = test::run_cli("registry audit " + db + " --verify --expect-head " + published + with_key, true);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(", published head found; head 5:"), std::string::npos) << r.out;

  // Without the key: reading works, writing and verifying do not.
  EXPECT_EQ(test::run_cli("registry status " + db).status, 0);
  r = test::run_cli("registry pay " + db + " nobian --date 2026-02-15 --amount 1 --actor rvo", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + db + ": audit key: expected the key this registry's audit log is kept with (key id " +
                       id + "): pass --key-file FILE or set DECARBFUND_AUDIT_KEY_FILE, found no key\n");

  // An edit behind the registry's back: the next write is refused, verify says why.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "UPDATE payments SET amount_eur = 4625000", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
  r = test::run_cli("registry milestone " + db + " nobian fid --date 2026-02-01 --progress 100 --actor rvo" + with_key,
                    true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: " + db + ": audit: expected the data and audit log as the registry last left them, found "
                                    "the data differ from the state entry 5 recorded (changed outside the registry); "
                                    "nothing was written (see `decarbfund registry audit " +
                       db + " --verify`)\n");
  r = test::run_cli("registry audit " + db + " --verify" + with_key, true);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "tampering: data tables, meta or schema differ from the state recorded by entry 5 (changed outside "
                   "the registry)\n");
  r = test::run_cli("registry audit " + db + " --expect-head 3:abc" + with_key, true);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "error: --expect-head: expected ENTRIES:HASH as printed by `registry audit --head`, found \"3:abc\"\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace decarbfund
