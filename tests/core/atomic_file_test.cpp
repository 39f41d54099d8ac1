// core::read_file: files above the cap are refused by size, before anything is read, so no
// reader can be made to exhaust memory (issue 15).

#include "core/atomic_file.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/diagnostic.hpp"

namespace decarbfund::core {
namespace {

namespace fs = std::filesystem;

TEST(AtomicFile, ReadFileRefusesAFileAboveTheCap) {
  const auto path = fs::temp_directory_path() / "decarbfund-read-cap.txt";
  core::write_file_atomically(path, std::string(1000, 'x'));
  EXPECT_EQ(read_file(path, 1000).size(), 1000u);
  try {
    read_file(path, 999);
    FAIL() << "a file above the cap must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.diagnostics().front().to_string(),
              path.string() + ": expected a file of at most 999 bytes, found file too large (1000 bytes)");
  }
  Diagnostics diags;
  EXPECT_FALSE(read_file(path, diags, 10));
  EXPECT_EQ(diags.all().front().code, "input.too_large");
  fs::remove(path);
}

TEST(AtomicFile, WritesWholeOrNotAtAll) {
  const auto path = fs::temp_directory_path() / "decarbfund-atomic.txt";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  EXPECT_EQ(read_file(path), "second");
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
  EXPECT_THROW(write_file_atomically("/nonexistent-dir/x.txt", "x"), Error);
  fs::remove(path);
}

}  // namespace
}  // namespace decarbfund::core
