// `decarbfund serve` as a process: a second server on a port the first holds exits 2 with a
// message instead of sharing the port (issue 15: SO_REUSEPORT let the kernel split requests,
// bearer tokens included, between them).

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
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

}  // namespace
}  // namespace decarbfund
