#pragma once
// Outputs are written whole or not at all (DESIGN §5): write `path.tmp`, then rename over `path`.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace decarbfund::core {

/// Writes `content` to `path` atomically; throws core::Error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Reads a whole file; throws core::Error naming the path when it cannot be read.
std::string read_file(const std::filesystem::path& path);

class Diagnostics;
/// Reads a whole file for a loader that collects problems: when it cannot be read, adds that to
/// `diags` and returns nullopt.
std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& diags);

}  // namespace decarbfund::core
