#pragma once
// Access tokens for writes (issue 8 "Security"). A token file has one token per line:
//   <role> <token> [who]
// role is viewer, researcher, analyst or fund_manager; the token is at least 24 characters of
// [A-Za-z0-9._~+/=-]; `who` names the holder in saved records; `#` starts a comment. Reads need
// no token; saving a scenario needs analyst or higher; registry writes need analyst or
// fund_manager. A researcher reads as the public does, under its own rate limit (issue 19: a
// script sweeping scenarios; server.hpp role_rates).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace decarbfund::server {

/// Roles in increasing order of rights.
enum class Role { viewer, researcher, analyst, fund_manager };

/// The spelling used in token files and responses.
std::string_view role_name(Role r);
/// The role a word names (as in token files), or nullopt.
std::optional<Role> parse_role(std::string_view word);

struct TokenHolder {
  Role role = Role::viewer;
  std::string who;
};

class TokenTable {
 public:
  /// Checks a presented token against every entry in constant time per entry, so the answer's
  /// timing does not tell how much of a guess was right.
  std::optional<TokenHolder> find(std::string_view token) const;
  std::size_t size() const { return entries_.size(); }
  void add(Role role, std::string token, std::string who);

 private:
  struct Entry {
    std::string token;
    TokenHolder holder;
  };
  std::vector<Entry> entries_;
};

/// Reads a token file; every bad line is a diagnostic with file, line, field, expected, found.
std::optional<TokenTable> load_token_file(const std::filesystem::path& path, core::Diagnostics& diags);
/// The same from the file's text, `file` naming it in diagnostics.
std::optional<TokenTable> parse_token_text(std::string_view text, const std::string& file, core::Diagnostics& diags);

/// The token of an `Authorization: Bearer <token>` header value, or empty.
std::string_view bearer_token(std::string_view authorization);

}  // namespace decarbfund::server
