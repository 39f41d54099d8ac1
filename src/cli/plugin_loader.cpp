#include "cli/plugin_loader.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace decarbfund::cli {

namespace fs = std::filesystem;

std::vector<fs::path> plugin_places(std::string_view file) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    return {};
  }
  return {exe.parent_path() / file, (exe.parent_path() / "../lib/decarbfund" / file).lexically_normal()};
}

void* open_plugin(std::string_view file, int flags, std::string& tried) {
  tried.clear();
  for (const auto& p : plugin_places(file)) {
    if (void* handle = dlopen(p.c_str(), flags)) {
      return handle;
    }
    const char* why = dlerror();
    tried += fmt::format("{}{} ({})", tried.empty() ? "" : ", ", p.string(), why == nullptr ? "not loaded" : why);
  }
  if (tried.empty()) {
    tried = "no place to look";
  }
  return nullptr;
}

void refuse_plugin(std::string code, std::string expected, std::string found) {
  core::Diagnostic d;
  d.code = std::move(code);
  d.file = "decarbfund";
  d.expected = std::move(expected);
  d.found = std::move(found);
  throw core::Error(std::move(d));
}

}  // namespace decarbfund::cli
