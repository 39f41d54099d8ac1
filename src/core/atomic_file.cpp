#include "core/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "core/diagnostic.hpp"

namespace decarbfund::core {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(path.string(), std::string("cannot write: ") + std::strerror(errno));
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw Error(path.string(), "write failed (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error(path.string(), "cannot rename the temporary file into place: " + ec.message());
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(path.string(), std::filesystem::exists(path, ec) ? "not a regular file"
                                                                  : "no such file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(path.string(), std::string("cannot read: ") + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& diags) {
  try {
    return read_file(path);
  } catch (const Error& e) {
    for (const auto& d : e.diagnostics()) {
      diags.add(d);
    }
    return std::nullopt;
  }
}

}  // namespace decarbfund::core
