#pragma once
// Outputs are written whole or not at all (DESIGN §5): write `path.tmp`, then rename over `path`.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace decarbfund::core {

/// Writes `content` to `path` atomically; throws core::Error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// The largest input file a reader loads whole (16 MiB). The biggest shipped table is 0.4 MB and
/// MIDDEN's largest JSON file 3 MB; what a reader builds from a file takes many times its size
/// (a CSV table about 30 times), so a larger file gets "file too large" instead of exhausting
/// memory.
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{16} << 20;

/// Reads a whole file of at most `max_bytes`; throws core::Error naming the path when it cannot be
/// read or is larger.
std::string read_file(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxInputBytes);

class Diagnostics;
/// Reads a whole file for a loader that collects problems: when it cannot be read (or is larger
/// than `max_bytes`), adds that to `diags` and returns nullopt.
std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& diags,
                                     std::uintmax_t max_bytes = kMaxInputBytes);

}  // namespace decarbfund::core
