#include "registry/audit_key.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/sha256.hpp"
#include "registry/hmac_sha256.hpp"

namespace decarbfund::registry {

namespace {

constexpr std::uintmax_t kMaxKeyFileBytes = 4096;

[[noreturn]] void key_error(const std::string& file, std::string expected, std::string found) {
  core::Diagnostic d;
  d.code = "registry.key";
  d.file = file;
  d.expected = std::move(expected);
  d.found = std::move(found);
  throw core::Error(std::move(d));
}

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += fmt::format("{:02x}", p[i]);
  }
  return out;
}

}  // namespace

AuditKey AuditKey::from_file(const std::filesystem::path& path) {
  std::string text;
  try {
    text = core::read_file(path, kMaxKeyFileBytes);
  } catch (const core::Error&) {
    key_error(path.string(), "a readable audit key file (create one with `decarbfund registry keygen FILE`)",
              std::filesystem::exists(path) ? "a file that cannot be read or is larger than 4096 bytes" : "no such file");
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  const std::string secret = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  if (secret.size() < kMinAuditKeyLength) {
    key_error(path.string(), fmt::format("a key of at least {} characters", kMinAuditKeyLength),
              fmt::format("{} characters", secret.size()));
  }
  return from_secret(secret, "key file " + path.string());
}

AuditKey AuditKey::from_secret(std::string secret, std::string source) {
  AuditKey k;
  k.secret_ = std::move(secret);
  k.source_ = std::move(source);
  return k;
}

AuditKey AuditKey::resolve(const std::string& key_file) {
  if (!key_file.empty()) {
    return from_file(key_file);
  }
  if (const char* env = std::getenv(kAuditKeyEnv); env != nullptr && *env != '\0') {
    return from_file(env);
  }
  return {};
}

std::string AuditKey::id() const {
  return keyed() ? core::sha256_hex("decarbfund audit key id\n" + secret_).substr(0, 16) : std::string();
}

std::string AuditKey::mac_hex(std::string_view message) const {
  if (!keyed()) {
    return core::sha256_hex(message);
  }
  const auto mac = hmac_sha256(secret_, message);
  return hex(mac.data(), mac.size());
}

void write_new_audit_key(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    key_error(path.string(), "a path where no file exists yet (keygen never overwrites a key)", "an existing file");
  }
  std::array<unsigned char, 32> bytes{};
  std::ifstream random("/dev/urandom", std::ios::binary);
  if (!random.read(reinterpret_cast<char*>(bytes.data()), bytes.size())) {
    key_error("/dev/urandom", "32 random bytes", "a read error");
  }
  const mode_t old = ::umask(077);  // the key file is its owner's alone
  try {
    core::write_file_atomically(path, hex(bytes.data(), bytes.size()) + "\n");
  } catch (...) {
    ::umask(old);
    throw;
  }
  ::umask(old);
}

}  // namespace decarbfund::registry
