#include "core/atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "core/huge_pages.hpp"

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

namespace {

[[noreturn]] void too_large(const std::filesystem::path& path, std::uintmax_t max_bytes, std::uintmax_t size) {
  Diagnostic d;
  d.code = "input.too_large";
  d.file = path.string();
  d.expected = fmt::format("a file of at most {} bytes", max_bytes);
  d.found = fmt::format("file too large ({} bytes)", size);
  throw Error(std::move(d));
}

}  // namespace

std::string read_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(path.string(), std::filesystem::exists(path, ec) ? "not a regular file"
                                                                  : "no such file");
  }
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_bytes) {
    too_large(path, max_bytes, size);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(path.string(), std::string("cannot read: ") + std::strerror(errno));
  }
  // Stop one buffer past the limit, so a file that grows while it is read is refused too.
  std::string text;
  text.reserve(static_cast<std::size_t>(std::min(std::filesystem::file_size(path, ec), max_bytes)));
  prefer_huge_pages_for(text);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      too_large(path, max_bytes, text.size());
    }
  }
  if (in.bad()) {
    throw Error(path.string(), std::string("cannot read: ") + std::strerror(errno));
  }
  return text;
}

std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& diags,
                                     std::uintmax_t max_bytes) {
  try {
    return read_file(path, max_bytes);
  } catch (const Error& e) {
    for (const auto& d : e.diagnostics()) {
      diags.add(d);
    }
    return std::nullopt;
  }
}

}  // namespace decarbfund::core
