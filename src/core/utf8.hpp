#pragma once
// UTF-8 validation (RFC 3629) for text that comes from outside: CSV files, request bodies. Strict:
// no overlong forms, no surrogates (U+D800–U+DFFF), nothing above U+10FFFF.

#include <cstddef>
#include <string>
#include <string_view>

namespace decarbfund::core {

/// Byte offset of the first byte that does not start a valid UTF-8 sequence, or npos when the
/// whole text is valid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// At most `columns` code points of `s` (UTF-8), never cutting a character in two.
std::string truncate_utf8(const std::string& s, std::size_t columns);

}  // namespace decarbfund::core
