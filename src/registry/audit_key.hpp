#pragma once
// The secret that authenticates the registry's audit log (docs/deals.md "Integrity"). Each entry's
// hash is an HMAC-SHA256 under this key, so whoever can edit the SQLite file but does not hold the
// key cannot recompute the chain after changing it. The key lives outside the database: a key
// file named by --key-file or by the environment variable DECARBFUND_AUDIT_KEY_FILE.
// Without a key the entries are plain SHA-256: tamper-evident only against someone who does not
// know how to recompute them.

#include <filesystem>
#include <string>
#include <string_view>

namespace decarbfund::registry {

/// The environment variable naming the key file when no --key-file is given.
inline constexpr const char* kAuditKeyEnv = "DECARBFUND_AUDIT_KEY_FILE";
/// Shortest key accepted, in characters of the key file (32 bytes of entropy as 64 hex digits).
inline constexpr std::size_t kMinAuditKeyLength = 32;

class AuditKey {
 public:
  /// No key: entries are hashed with plain SHA-256.
  AuditKey() = default;
  /// Reads a key file: its text without surrounding whitespace, at least kMinAuditKeyLength
  /// characters. Throws core::Error naming the file otherwise.
  static AuditKey from_file(const std::filesystem::path& path);
  /// A key given directly (tests).
  static AuditKey from_secret(std::string secret, std::string source = "a key given in code");
  /// The key of `key_file` when it is not empty, else of $DECARBFUND_AUDIT_KEY_FILE when set, else
  /// no key.
  static AuditKey resolve(const std::string& key_file);

  bool keyed() const { return !secret_.empty(); }
  /// "hmac-sha256" or "sha256": the scheme recorded in the registry's meta table.
  std::string_view scheme() const { return keyed() ? "hmac-sha256" : "sha256"; }
  /// A fingerprint that names the key without revealing it (16 hex digits of a SHA-256 over a
  /// domain label and the key); empty without a key.
  std::string id() const;
  /// Where the key came from, for messages ("key file /etc/decarbfund/audit.key").
  const std::string& source() const { return source_; }
  /// HMAC-SHA256 of `message` under the key (plain SHA-256 without one), lower-case hex.
  std::string mac_hex(std::string_view message) const;

 private:
  std::string secret_;
  std::string source_ = "no key";
};

/// Writes a new key file of 64 random hex digits (from /dev/urandom), readable by its owner only.
/// Throws core::Error when the file exists or cannot be written.
void write_new_audit_key(const std::filesystem::path& path);

}  // namespace decarbfund::registry
