// Start-up (issue 21): the binary loads only the shared libraries every verb needs. The server's
// (cpp-httplib with libssl and Brotli) are the serve plugin's (cli/serve_launcher.cpp),
// libxlsxwriter is loaded at the first workbook (report/xlsxwriter_library.hpp) and libcrypto at
// the first keyed audit MAC (registry/hmac_sha256.cpp); fmt is compiled in and, where the build
// links them from their archives, so are libstdc++ and libgcc (cmake/static_deps.cmake,
// src/CMakeLists.txt). The loader's view of the binary (what `ldd` prints) names none of them.

#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace decarbfund {
namespace {

TEST(StartupCli, TheBinaryLoadsOnlyWhatEveryVerbNeeds) {
  const auto r = test::run_command("LD_TRACE_LOADED_OBJECTS=1 '" + std::string(DECARBFUND_BINARY) + "'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("libc.so"), std::string::npos) << r.out;
  for (const char* lib : {"libcpp-httplib", "libssl", "libbrotli", "libxlsxwriter", "libminizip", "libcrypto"}) {
    EXPECT_EQ(r.out.find(lib), std::string::npos) << lib << " is loaded by every verb:\n" << r.out;
  }
#ifdef DECARBFUND_STATIC_CXX_RUNTIME
  for (const char* lib : {"libfmt", "libstdc++", "libgcc_s"}) {
    EXPECT_EQ(r.out.find(lib), std::string::npos) << lib << " should be linked in:\n" << r.out;
  }
#endif
}

}  // namespace
}  // namespace decarbfund
