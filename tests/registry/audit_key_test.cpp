// registry::AuditKey: keys come from a file (or the file $DECARBFUND_AUDIT_KEY_FILE names), short
// or missing key files are refused with the file named, keygen writes an owner-only key, and the
// MAC depends on the key.

#include "registry/audit_key.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <functional>

#include <gtest/gtest.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"

namespace decarbfund::registry {
namespace {

namespace fs = std::filesystem;

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.diagnostics().front().to_string();
  }
  return "no error";
}

TEST(AuditKey, KeygenWritesAnOwnerOnlyKeyThatLoads) {
  const auto path = fs::temp_directory_path() / "decarbfund-test.key";
  fs::remove(path);
  write_new_audit_key(path);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  const auto key = AuditKey::from_file(path);
  EXPECT_TRUE(key.keyed());
  EXPECT_EQ(key.id().size(), 16u);
  EXPECT_EQ(message_of([&] { write_new_audit_key(path); }),
            path.string() + ": expected a path where no file exists yet (keygen never overwrites a key), found an "
                            "existing file");
  fs::remove(path);
}

TEST(AuditKey, ShortOrMissingKeyFilesAreRefused) {
  const auto path = fs::temp_directory_path() / "decarbfund-short.key";
  core::write_file_atomically(path, "  secret\n");
  EXPECT_EQ(message_of([&] { AuditKey::from_file(path); }),
            path.string() + ": expected a key of at least 32 characters, found 6 characters");
  fs::remove(path);
  EXPECT_EQ(message_of([&] { AuditKey::from_file(path); }),
            path.string() + ": expected a readable audit key file (create one with `decarbfund registry keygen "
                            "FILE`), found no such file");
}

TEST(AuditKey, ResolveFallsBackToTheEnvironmentThenToNoKey) {
  const auto path = fs::temp_directory_path() / "decarbfund-env.key";
  core::write_file_atomically(path, std::string(40, 'e'));
  unsetenv(kAuditKeyEnv);
  EXPECT_FALSE(AuditKey::resolve("").keyed());
  setenv(kAuditKeyEnv, path.c_str(), 1);
  EXPECT_EQ(AuditKey::resolve("").id(), AuditKey::from_secret(std::string(40, 'e')).id());
  unsetenv(kAuditKeyEnv);
  fs::remove(path);
}

TEST(AuditKey, TheMacDependsOnTheKey) {
  const auto a = AuditKey::from_secret(std::string(40, 'a'));
  const auto b = AuditKey::from_secret(std::string(40, 'b'));
  EXPECT_NE(a.mac_hex("entry"), b.mac_hex("entry"));
  EXPECT_NE(a.mac_hex("entry"), AuditKey().mac_hex("entry"));
  // RFC 4231 test case 2: key "Jefe".
  EXPECT_EQ(AuditKey::from_secret("Jefe").mac_hex("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(AuditKey().scheme(), "sha256");
  EXPECT_EQ(a.scheme(), "hmac-sha256");
}

}  // namespace
}  // namespace decarbfund::registry
