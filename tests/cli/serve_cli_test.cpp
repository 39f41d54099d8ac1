// `decarbfund serve` as a process: a second server on a port the first holds exits 2 with a
// message instead of sharing the port (issue 15: SO_REUSEPORT let the kernel split requests,
// bearer tokens included, between them).

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "cli_runner.hpp"

namespace decarbfund {
namespace {

using test::kSource;

TEST(ServeCli, ASecondServerOnATakenPortExitsTwo) {
  // The first server takes a free port (--port 0) and prints it.
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t first = fork();
  if (first == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    chdir(kSource.c_str());
    execl(DECARBFUND_BINARY, DECARBFUND_BINARY, "serve", "--port", "0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c = 0;
  while (read(out[0], &c, 1) == 1 && c != '\n') {
    line += c;
  }
  close(out[0]);
  const auto at = line.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << line;
  const int port = std::stoi(line.substr(at + 17));
  httplib::Client probe("127.0.0.1", port);
  const auto health = probe.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  const auto second = test::run_cli(fmt::format("serve --port {}", port), true);
  EXPECT_EQ(second.status, 2);
  EXPECT_EQ(second.out, fmt::format("error: 127.0.0.1:{}: expected a port no other process listens on, found address "
                                    "already in use (another server listens there)\n",
                                    port));
  kill(first, SIGTERM);
  int status = 0;
  waitpid(first, &status, 0);
}

// Without its plugin (beside the binary or in ../lib/decarbfund), `serve` says where it looked,
// and the other verbs work as before.
TEST(ServeCli, AMissingServePluginIsAnError) {
  namespace fs = std::filesystem;
  const fs::path binary = test::binary_without_plugins("no-serve-plugin");
  const fs::path bin = binary.parent_path();
  const std::string exe = "cd '" + kSource + "' && '" + binary.string() + "' ";
  const auto r = test::run_command(exe + "serve --port 0 2>&1");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_EQ(r.out.rfind("error: decarbfund: expected the serve plugin libdecarbfund_serve.so beside the binary or in "
                        "../lib/decarbfund, found none that loads: " + (bin / "libdecarbfund_serve.so").string(), 0),
            0U)
      << r.out;
  EXPECT_EQ(test::run_command(exe + "levy --help >/dev/null").status, 0);
  fs::remove_all(bin.parent_path());
}

// The plugin parses the verb's options and prints its help and errors as the binary did.
TEST(ServeCli, HelpAndErrorsComeFromThePlugin) {
  const auto help = test::run_cli("serve --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("HTTP API and dashboard (read-only unless --tokens is given)"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--tokens TEXT"), std::string::npos) << help.out;
  const auto bad = test::run_cli("serve --port 70000", true);
  EXPECT_EQ(bad.status, 2) << bad.out;
  EXPECT_NE(bad.out.find("--port"), std::string::npos) << bad.out;
  const auto all = test::run_cli("--help");
  EXPECT_NE(all.out.find("serve"), std::string::npos) << all.out;
}

}  // namespace
}  // namespace decarbfund
