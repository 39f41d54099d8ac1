#include "server/token_file.hpp"

#include <array>
#include <sstream>

#include <fmt/format.h>

#include "core/atomic_file.hpp"

namespace decarbfund::server {

namespace {

constexpr std::array<std::string_view, 4> kRoleNames = {"viewer", "researcher", "analyst", "fund_manager"};
constexpr std::size_t kMinTokenLength = 24;  // ≥ 128 bits when drawn from base64

bool token_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("._~+/=-").find(c) != std::string_view::npos;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  // Length differences may show; tokens have no secret length worth hiding beyond the minimum.
  if (a.size() != b.size()) {
    return false;
  }
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  }
  return diff == 0;
}

}  // namespace

std::string_view role_name(Role r) { return kRoleNames[static_cast<std::size_t>(r)]; }

std::optional<Role> parse_role(std::string_view word) {
  for (std::size_t r = 0; r < kRoleNames.size(); ++r) {
    if (word == kRoleNames[r]) {
      return static_cast<Role>(r);
    }
  }
  return std::nullopt;
}

void TokenTable::add(Role role, std::string token, std::string who) {
  entries_.push_back({std::move(token), {role, std::move(who)}});
}

std::optional<TokenHolder> TokenTable::find(std::string_view token) const {
  std::optional<TokenHolder> found;
  for (const auto& e : entries_) {
    if (equal_constant_time(e.token, token) && !found) {
      found = e.holder;
    }
  }
  return found;
}

std::optional<TokenTable> load_token_file(const std::filesystem::path& path, core::Diagnostics& diags) {
  const auto read = core::read_file(path, diags);
  if (!read) {
    return std::nullopt;
  }
  return parse_token_text(*read, path.string(), diags);
}

std::optional<TokenTable> parse_token_text(std::string_view text, const std::string& file, core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  TokenTable table;
  std::istringstream in{std::string(text)};
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (const auto hash = line.find('#'); hash != std::string::npos) {
      line.erase(hash);
    }
    std::istringstream words(line);
    std::string role_word;
    std::string token;
    if (!(words >> role_word)) {
      continue;  // blank or comment line
    }
    const auto parsed = parse_role(role_word);
    if (!parsed) {
      diags.error(file, number, "role", "one of viewer, researcher, analyst, fund_manager",
                  core::quote_found(role_word), "tokens.role");
      continue;
    }
    const Role role = *parsed;
    if (!(words >> token)) {
      diags.error(file, number, "token", "a token after the role", "nothing", "tokens.missing");
      continue;
    }
    bool chars_ok = true;
    for (char c : token) {
      chars_ok = chars_ok && token_char(c);
    }
    if (token.size() < kMinTokenLength || !chars_ok) {
      // The token itself is a secret: say what is wrong with it, never echo it.
      diags.error(file, number, "token",
                  fmt::format("at least {} characters of A-Z a-z 0-9 . _ ~ + / = -", kMinTokenLength),
                  fmt::format("{} characters{}", token.size(), chars_ok ? "" : " with others"),
                  "tokens.weak");
      continue;
    }
    if (table.find(token)) {
      diags.error(file, number, "token", "each token once", "a token given before", "tokens.duplicate");
      continue;
    }
    std::string who;
    std::getline(words >> std::ws, who);
    while (!who.empty() && (who.back() == ' ' || who.back() == '\t' || who.back() == '\r')) {
      who.pop_back();
    }
    table.add(role, std::move(token), who.empty() ? std::string(kRoleNames[static_cast<std::size_t>(role)]) : who);
  }
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return table;
}

std::string_view bearer_token(std::string_view authorization) {
  constexpr std::string_view kPrefix = "Bearer ";
  if (authorization.size() <= kPrefix.size() || authorization.substr(0, kPrefix.size()) != kPrefix) {
    return {};
  }
  auto token = authorization.substr(kPrefix.size());
  while (!token.empty() && token.front() == ' ') {
    token.remove_prefix(1);
  }
  return token;
}

}  // namespace decarbfund::server
