// SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "Examples with Intermediate
// Values": "abc", the 448-bit message, the empty string and one million 'a').

#include "core/sha256.hpp"

#include <string>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

TEST(Sha256, NistVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  const std::string text(1000, 'x');
  Sha256 s;
  for (std::size_t i = 0; i < text.size(); i += 7) {
    s.update(std::string_view(text).substr(i, 7));
  }
  const auto d = s.finish();
  std::string hex;
  for (auto b : d) {
    hex += "0123456789abcdef"[b >> 4];
    hex += "0123456789abcdef"[b & 0xf];
  }
  EXPECT_EQ(hex, sha256_hex(text));
}

}  // namespace
}  // namespace decarbfund::core
