#pragma once
// The HTTP server behind `decarbfund serve` (issue 8): a JSON API over the outlook and saved
// scenarios, and the dashboard at `/` (docs/api.yaml, docs/dashboard.md). The dataset is loaded
// once and shared read-only (STYLE §2.6); every request recomputes on it. Read-only by default:
// writes need a bearer token whose role allows them (server/token_file.hpp).

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "server/rate_limiter.hpp"
#include "server/token_file.hpp"

namespace decarbfund::server {

struct ServerOptions {
  std::filesystem::path data_dir = "data/nl";
  std::filesystem::path scenarios_dir = "scenarios";
  /// SME rounds offered besides <data_dir>/rounds (POST /api/sme/allocate); missing ones are skipped.
  std::vector<std::filesystem::path> round_dirs = {"examples/rounds"};
  std::filesystem::path db;      ///< SQLite file of saved scenarios; empty: in memory
  std::filesystem::path tokens;  ///< token file; empty: no token is valid, so no writes
  std::filesystem::path registry;  ///< agreements registry (SQLite); empty: /api/registry/… answer 404
  /// The registry's audit key file; empty: $DECARBFUND_AUDIT_KEY_FILE, else none (unkeyed).
  std::string audit_key_file;
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port (tests)
  /// Largest request body accepted; a scenario diff is a few KiB.
  std::size_t max_body_bytes = 256 * 1024;
  /// Per-client token bucket: sustained requests per second and burst; 0 switches it off.
  double rate_per_s = 20;
  double rate_burst = 40;
  /// Rate limits by token role (issue 19): a request whose bearer token is valid and whose role
  /// is listed here gets a bucket of its own per token with this limit instead of its address's.
  /// A researcher's token (read-only) can sweep scenarios; --role-rate sets or adds others.
  std::map<Role, RateLimit> role_rates = {{Role::researcher, {200, 400}}};
  /// Worker threads that run complete requests (a slow or idle connection holds none).
  int threads = 32;
  /// Absolute deadlines per connection: the request line and headers within `header_timeout_ms`
  /// of the connection waiting for a request (new, or after its previous answer), the body
  /// within `body_timeout_ms` of the headers. A late request gets 408 and is closed.
  int header_timeout_ms = 10'000;
  int body_timeout_ms = 30'000;
  /// Open connections per client address (past it the oldest one still waiting for its request
  /// is closed) and in all.
  int max_connections_per_client = 32;
  int max_connections = 512;
  /// Expensive requests (Monte Carlo, batch, optimize) computing at once, waiting, and per client
  /// (running and waiting); past them 503 with Retry-After.
  int compute_running = 1;
  int compute_waiting = 4;
  int compute_per_client = 2;
  /// Origins besides the server's own whose pages may POST (e.g. "https://dashboard.example").
  std::vector<std::string> allowed_origins;
  /// Outlook results kept by canonical diff (a repeated slider position answers from memory).
  std::size_t cache_entries = 256;
};

/// A running server. The constructor loads dataset, scenarios, token file and database, and
/// throws core::Error with every diagnostic when one of them is bad.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds host:port (port 0: a free one) and returns the port; throws core::Error when the
  /// address is not this machine's or the port is taken (no SO_REUSEPORT: a second server on a
  /// port is refused, not given half the requests).
  int bind();
  /// Serves until stop(); call after bind().
  void listen();
  /// bind() and listen() on a background thread; returns the port.
  int start();
  /// Stops listening and joins the background thread (if start() made one).
  void stop();
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace decarbfund::server
