#pragma once
// SHA-256 (FIPS 180-4) for the registry's hash-chained audit log (issue 4 §5). Small and
// self-contained: the audit chain needs a digest, not a crypto library (DESIGN §5 keeps the
// dependency list short). Tested against the FIPS 180-4 / NIST example vectors.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace decarbfund::core {

/// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  /// The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  ///< bytes hashed so far
};

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace decarbfund::core
