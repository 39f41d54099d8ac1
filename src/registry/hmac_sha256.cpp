#include "registry/hmac_sha256.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <climits>
#include <string>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/diagnostic.hpp"

namespace decarbfund::registry {

namespace {

[[noreturn]] void crypto_error(std::string expected, std::string found) {
  core::Diagnostics d;
  d.error(DECARBFUND_LIBCRYPTO_SONAME, 0, "", std::move(expected), std::move(found), "registry.crypto");
  throw core::Error(d);
}

/// libcrypto's two functions, from the library the build found (its soname, from CMake). In a
/// process that has it already (the server plugin and the tests load it with libssl), dlopen
/// hands back that copy: one libcrypto, one state.
struct Libcrypto {
  decltype(&::EVP_sha256) sha256 = nullptr;
  decltype(&::HMAC) hmac = nullptr;
};

const Libcrypto& libcrypto() {
  static const Libcrypto lib = [] {
    void* handle = dlopen(DECARBFUND_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      crypto_error("OpenSSL's libcrypto (Debian: libssl3), for the keyed audit log",
                   why != nullptr ? why : "it cannot be loaded");
    }
    Libcrypto l;
    l.sha256 = reinterpret_cast<decltype(l.sha256)>(dlsym(handle, "EVP_sha256"));
    l.hmac = reinterpret_cast<decltype(l.hmac)>(dlsym(handle, "HMAC"));
    if (l.sha256 == nullptr || l.hmac == nullptr) {
      crypto_error("a libcrypto with EVP_sha256 and HMAC", "a library without them");
    }
    return l;  // the handle stays open for the process's life
  }();
  return lib;
}

}  // namespace

std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view message) {
  if (key.size() > static_cast<std::size_t>(INT_MAX)) {
    crypto_error("a key of at most 2^31 bytes", std::to_string(key.size()) + " bytes");
  }
  const auto& lib = libcrypto();
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (lib.hmac(lib.sha256(), key.data(), static_cast<int>(key.size()),
               reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &len) == nullptr ||
      len != 32) {
    crypto_error("an HMAC-SHA256 of 32 bytes", "an error from libcrypto");
  }
  std::array<std::uint8_t, 32> mac{};
  std::copy_n(out.begin(), mac.size(), mac.begin());
  return mac;
}

}  // namespace decarbfund::registry
