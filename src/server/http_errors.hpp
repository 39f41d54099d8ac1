#pragma once
// The API's error answers: {"error": {"status", "message", "diagnostics": [...]}} with each
// diagnostic's file, line, key path, expected and found (docs/api.yaml "Error"). Internal to the
// server room (includes httplib and nlohmann/json).

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"

namespace decarbfund::server {

nlohmann::ordered_json diagnostic_json(const core::Diagnostic& d);

/// Sets `res` to the error document. Text that is not UTF-8 (a quoted request fragment) is
/// replaced, not thrown on, so an error answer can never become a 500.
void send_error(httplib::Response& res, int status, const std::string& message, const core::Diagnostics& diags = {});

}  // namespace decarbfund::server
