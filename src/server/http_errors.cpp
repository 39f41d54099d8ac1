#include "server/http_errors.hpp"

namespace decarbfund::server {

nlohmann::ordered_json diagnostic_json(const core::Diagnostic& d) {
  nlohmann::ordered_json j;
  j["code"] = d.code;
  j["text"] = d.to_string();
  if (!d.file.empty()) {
    j["file"] = d.file;
  }
  if (d.line > 0) {
    j["line"] = d.line;
  }
  if (!d.key_path.empty()) {
    j["key_path"] = d.key_path;
  }
  if (!d.field.empty()) {
    j["field"] = d.field;
  }
  j["expected"] = d.expected;
  j["found"] = d.found;
  if (!d.hint.empty()) {
    j["hint"] = d.hint;
  }
  j["severity"] = d.severity == core::Severity::error ? "error" : "warning";
  return j;
}

void send_error(httplib::Response& res, int status, const std::string& message, const core::Diagnostics& diags) {
  nlohmann::ordered_json e;
  e["status"] = status;
  e["message"] = message;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : diags.all()) {
    list.push_back(diagnostic_json(d));
  }
  e["diagnostics"] = list;
  res.status = status;
  res.set_content(nlohmann::ordered_json{{"error", e}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                      "\n",
                  "application/json");
}

}  // namespace decarbfund::server
