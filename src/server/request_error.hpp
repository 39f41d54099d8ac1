#pragma once
// A request the server refuses: an HTTP status and the diagnostics that say why (STYLE §2.5:
// caught once per request in server.cpp and sent as {"error": {...}}).

#include <stdexcept>
#include <string>

#include "core/diagnostic.hpp"

namespace decarbfund::server {

class RequestError : public std::runtime_error {
 public:
  RequestError(int status, std::string message, core::Diagnostics diags = {})
      : std::runtime_error(std::move(message)), status_(status), diags_(std::move(diags)) {}
  int status() const { return status_; }
  const core::Diagnostics& diagnostics() const { return diags_; }

 private:
  int status_;
  core::Diagnostics diags_;
};

}  // namespace decarbfund::server
