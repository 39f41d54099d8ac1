#pragma once
// Finding and loading the binary's plugins (issue 21: start-up): libdecarbfund_mpi.so under an
// MPI launcher (cli/mpi_session.cpp), libdecarbfund_serve.so for `serve` (cli/serve_launcher.cpp).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace decarbfund::cli {

/// Where the plugin `file` may be: beside the binary (a build tree), or in ../lib/decarbfund
/// (installed, cmake/install.cmake). Empty when /proc/self/exe cannot be read.
std::vector<std::filesystem::path> plugin_places(std::string_view file);

/// dlopen(`flags`) of the first of plugin_places(file) that loads. nullptr when none does, with
/// `tried` saying where it looked and why each failed ("PATH (dlerror), …", or "no place to look").
void* open_plugin(std::string_view file, int flags, std::string& tried);

/// Throws core::Error with `code` (file "decarbfund"): a plugin that cannot be used.
[[noreturn]] void refuse_plugin(std::string code, std::string expected, std::string found);

}  // namespace decarbfund::cli
