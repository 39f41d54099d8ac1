#pragma once
// Runs the decarbfund executable (DECARBFUND_BINARY) for CLI tests and captures its output.

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace decarbfund::test {

inline const std::string kSource = DECARBFUND_SOURCE_DIR;

struct Run {
  int status = -1;
  std::string out;
};

/// Runs the shell command `cmd`, capturing its stdout.
inline Run run_command(const std::string& cmd) {
  Run r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    return r;
  }
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) {
    r.out.append(buf, n);
  }
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

/// Runs `decarbfund args` in `cwd`, capturing stdout (and stderr when `merge_stderr`).
inline Run run_cli(const std::string& args, bool merge_stderr = false, const std::string& cwd = kSource) {
  return run_command("cd '" + cwd + "' && " + std::string(DECARBFUND_BINARY) + " " + args +
                     (merge_stderr ? " 2>&1" : " 2>/dev/null"));
}

/// The binary alone in `<temp>/<name>/bin/decarbfund` (a hard link, else a copy), without the
/// plugins beside it: /proc/self/exe names this path, so the plugins are looked for around it.
inline std::filesystem::path binary_without_plugins(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path bin = fs::path(testing::TempDir()) / name / "bin";
  fs::remove_all(bin.parent_path());
  fs::create_directories(bin);
  std::error_code ec;
  fs::create_hard_link(DECARBFUND_BINARY, bin / "decarbfund", ec);
  if (ec) {
    fs::copy_file(DECARBFUND_BINARY, bin / "decarbfund");
  }
  return bin / "decarbfund";
}

}  // namespace decarbfund::test
