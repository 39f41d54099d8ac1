#pragma once
// HMAC-SHA256 (RFC 2104, FIPS 180-4) from OpenSSL's libcrypto, loaded at the first keyed MAC and
// not before. Linked into the binary, libcrypto's tables (340 KB of pointers, 16,600 of the
// binary's 29,400 relocations) were copied and relocated at every start of every verb: ~100 page
// faults, about 1.8 ms of `decarbfund --version` on issue 21's VM. Only the registry's keyed audit
// log uses it.

#include <array>
#include <cstdint>
#include <string_view>

namespace decarbfund::registry {

/// The HMAC-SHA256 of `message` under `key`. Throws core::Error (code registry.crypto) when
/// libcrypto cannot be loaded or fails.
std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view message);

}  // namespace decarbfund::registry
