#include "report/report_files.hpp"

#include <filesystem>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"

namespace decarbfund::report {

std::vector<std::string> write_report_files(const std::vector<std::pair<std::string, std::string_view>>& files) {
  for (const auto& [path, bytes] : files) {
    if (path.empty()) {
      continue;
    }
    const auto dir = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
      throw core::Error(path, "cannot write: directory " + dir.string() + " does not exist");
    }
    if (std::filesystem::is_directory(path, ec)) {
      throw core::Error(path, "cannot write: it is a directory");
    }
  }
  std::vector<std::string> written;
  for (const auto& [path, bytes] : files) {
    if (!path.empty()) {
      core::write_file_atomically(path, bytes);
      written.push_back(path);
    }
  }
  return written;
}

}  // namespace decarbfund::report
