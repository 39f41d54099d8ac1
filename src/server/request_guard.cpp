#include "server/request_guard.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace decarbfund::server {

namespace {

/// The media type of a Content-Type value, lower case, without parameters and spaces.
std::string media_type(const std::string& value) {
  std::string out;
  for (const char c : value.substr(0, value.find(';'))) {
    if (c != ' ' && c != '\t') {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

RequestError refusal(int status, std::string header, std::string expected, std::string found) {
  core::Diagnostics d;
  d.add({core::Severity::error, "request.header", "request", 0, std::move(header), {}, std::move(expected),
         std::move(found), {}});
  return RequestError(status, d.all().front().to_string(), d);
}

}  // namespace

std::optional<RequestError> refuse_before_routing(const httplib::Request& req,
                                                  const std::vector<std::string>& allowed_origins) {
  if (req.method != "POST") {
    return std::nullopt;
  }
  const std::string type = req.get_header_value("Content-Type");
  if (media_type(type) != "application/json") {
    return refusal(415, "Content-Type", "application/json (every POST body is JSON)",
                   type.empty() ? std::string("nothing") : core::quote_found(type));
  }
  if (req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    const std::string own = "http://" + req.get_header_value("Host");
    const bool listed = std::find(allowed_origins.begin(), allowed_origins.end(), origin) != allowed_origins.end();
    if (origin != own && !listed) {
      return refusal(403, "Origin",
                     fmt::format("this server's own origin ({}) or one given with --allow-origin", own),
                     core::quote_found(origin));
    }
  }
  return std::nullopt;
}

}  // namespace decarbfund::server
