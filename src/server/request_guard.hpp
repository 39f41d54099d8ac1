#pragma once
// What every request must satisfy before routing (issue 15 "the server accepts any Content-Type
// and Origin, so a web page can send it"). The policy, stated in docs/dashboard.md "Security":
//   - a POST carries JSON: Content-Type application/json (a charset parameter is allowed), else
//     415. A cross-origin page can then only send it after a CORS preflight, which this server
//     never grants (it sends no Access-Control-Allow-* header);
//   - a POST with an Origin header comes from this server's own origin (http://<Host>) or one
//     listed with --allow-origin, else 403. Browsers always send Origin on cross-origin POSTs;
//     clients that send none (curl, scripts) are not browsers and are let through;
//   - reads (GET) are open to every origin, but no other origin's script can read the answers.
// Internal to the server room (includes httplib).

#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "server/request_error.hpp"

namespace decarbfund::server {

/// The refusal for `req` under the policy above, or nothing when it may be routed.
std::optional<RequestError> refuse_before_routing(const httplib::Request& req,
                                                  const std::vector<std::string>& allowed_origins);

}  // namespace decarbfund::server
