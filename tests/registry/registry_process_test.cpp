// The registry under real processes (DECARBFUND_BINARY), kept with an audit key named by
// DECARBFUND_AUDIT_KEY_FILE as in production: a writer killed with SIGKILL between writing its
// change and committing leaves the registry consistent, and two processes writing at the same time
// both succeed without corrupting it.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "registry/registry.hpp"

namespace decarbfund::registry {
namespace {

namespace fs = std::filesystem;
const std::string kBinary = DECARBFUND_BINARY;
const std::string kNobian = std::string(DECARBFUND_SOURCE_DIR) + "/data/nl/deals/nobian.yaml";

std::string fresh(const std::string& name) {
  const auto p = (fs::temp_directory_path() / name).string();
  for (const char* ext : {"", "-wal", "-shm", ".key"}) {
    fs::remove(p + ext);
  }
  return p;
}

/// A new key file for `db`, named to the processes by the environment; the key to open it with.
AuditKey use_new_key(const std::string& db) {
  write_new_audit_key(db + ".key");
  setenv(kAuditKeyEnv, (db + ".key").c_str(), 1);
  return AuditKey::from_file(db + ".key");
}

int run(const std::vector<std::string>& args) {
  std::string cmd = kBinary;
  for (const auto& a : args) {
    cmd += " '" + a + "'";
  }
  cmd += " > /dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/// Starts the binary with `args` and the pause-before-commit hook; returns its pid.
pid_t spawn_paused(const std::vector<std::string>& args, const std::string& flag) {
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("DECARBFUND_TEST_PAUSE_BEFORE_COMMIT", flag.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(kBinary.c_str()));
    for (const auto& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    execv(kBinary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

TEST(RegistryProcess, KilledMidTransactionLeavesItConsistent) {
  const auto db = fresh("decarbfund-kill.db");
  const auto flag = db + ".paused";
  fs::remove(flag);
  const auto key = use_new_key(db);
  ASSERT_EQ(run({"registry", "init", db}), 0);
  ASSERT_EQ(run({"registry", "import", db, kNobian, "--actor", "tester"}), 0);

  const pid_t pid = spawn_paused({"registry", "phase", db, "nobian", "implementation", "--date", "2026-03-01",
                                  "--actor", "kgg", "--reason", "construction started"},
                                 flag);
  ASSERT_GT(pid, 0);
  // Wait until the child has written the change and its audit entry but not committed.
  for (int i = 0; i < 600 && !fs::exists(flag); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(fs::exists(flag)) << "the writer never reached the commit";
  kill(pid, SIGKILL);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  EXPECT_TRUE(WIFSIGNALED(wstatus));

  {
    Registry r(db, key);
    EXPECT_EQ(r.status("nobian").phase, model::DealPhase::binding);  // the change did not land
    EXPECT_EQ(r.audit_log().size(), 2u);  // init and import
    EXPECT_TRUE(r.verify_audit().ok);
  }
  // No lock is left behind: the same change now goes through.
  EXPECT_EQ(run({"registry", "phase", db, "nobian", "implementation", "--date", "2026-03-01", "--actor", "kgg",
                 "--reason", "construction started"}),
            0);
  Registry r(db, key);
  EXPECT_EQ(r.status("nobian").phase, model::DealPhase::implementation);
  EXPECT_TRUE(r.verify_audit().ok);
  fs::remove(flag);
  unsetenv(kAuditKeyEnv);
}

TEST(RegistryProcess, TwoConcurrentWriters) {
  const auto db = fresh("decarbfund-concurrent.db");
  const auto key = use_new_key(db);
  ASSERT_EQ(run({"registry", "init", db}), 0);
  ASSERT_EQ(run({"registry", "import", db, kNobian, "--actor", "tester"}), 0);
  constexpr int kEach = 8;
  std::vector<pid_t> writers;
  for (int w = 0; w < 2; ++w) {
    const pid_t pid = fork();
    if (pid == 0) {
      int failures = 0;
      for (int i = 0; i < kEach; ++i) {
        failures += run({"registry", "milestone", db, "nobian", w == 0 ? "fid" : "grid", "--date", "2026-01-01",
                         "--progress", std::to_string(10 * i), "--actor", "writer" + std::to_string(w)}) != 0;
      }
      _exit(failures);
    }
    writers.push_back(pid);
  }
  for (auto pid : writers) {
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    ASSERT_TRUE(WIFEXITED(wstatus));
    EXPECT_EQ(WEXITSTATUS(wstatus), 0) << "some writes failed";
  }
  unsetenv(kAuditKeyEnv);
  Registry r(db, key);
  const auto log = r.audit_log();
  EXPECT_EQ(log.size(), 2u + 2 * kEach);
  const auto check = r.verify_audit();
  EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
  // Sequence numbers are contiguous: no two writers took the same entry.
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].seq, static_cast<long long>(i + 1));
  }
}

}  // namespace
}  // namespace decarbfund::registry
