#pragma once
// Options for an in-process test server on the shipped dataset and scenarios: any free loopback
// port and no rate limit (the tests send bursts; the limiter has its own test).

#include <filesystem>

#include "server/server.hpp"

namespace decarbfund::test {

inline server::ServerOptions shipped_options() {
  server::ServerOptions o;
  o.data_dir = std::filesystem::path(DECARBFUND_SOURCE_DIR) / "data/nl";
  o.scenarios_dir = std::filesystem::path(DECARBFUND_SOURCE_DIR) / "scenarios";
  o.port = 0;
  o.rate_per_s = 0;
  return o;
}

}  // namespace decarbfund::test
