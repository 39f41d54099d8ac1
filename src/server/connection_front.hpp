#pragma once
// The server's sockets (issue 15 "32 slow connections hang the server"): its own listening socket,
// accept loop and request reception, in front of httplib's routing. cpp-httplib 0.11 gives each
// connection a worker thread for as long as it is open and restarts its read timeout with every
// byte, so one header line every 2 s kept all 32 workers. Here one thread receives every
// connection's request without blocking, under absolute deadlines (headers within
// `header_timeout` of the connection waiting, the body within `body_timeout` of the headers),
// and only a complete request reaches a worker, which runs httplib's routing on it and writes the
// response. A client address holds at most `max_per_client` connections: past that its oldest
// connection still waiting for a request is closed (so 64 slow connections from one address
// cannot keep out its next request), or the new one is refused when all are busy.
// Internal to the server room: only src/server/*.cpp include this header (it includes httplib).

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <httplib.h>

namespace decarbfund::server {

/// What the front enforces per connection and client (docs/dashboard.md "Limits").
struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{10'000};  ///< request line and headers, absolute
  std::chrono::milliseconds body_timeout{30'000};    ///< the body after the headers, absolute
  std::chrono::milliseconds write_timeout{30'000};   ///< writing one response
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 256 * 1024;
  int max_per_client = 32;  ///< open connections per client address
  int max_total = 512;      ///< open connections in all (file descriptors stay below FD_SETSIZE)
  int threads = 32;         ///< workers that run complete requests
  std::size_t max_requests_per_connection = 1000;
};

/// httplib's server with its request processing opened to the front, which hands it complete
/// requests (the handlers, pre-routing and error handlers are httplib's as before).
class RequestRouter : public httplib::Server {
 public:
  using httplib::Server::process_request;
};

class ConnectionFront {
 public:
  ConnectionFront(RequestRouter& router, ConnectionLimits limits);
  ~ConnectionFront();
  ConnectionFront(const ConnectionFront&) = delete;
  ConnectionFront& operator=(const ConnectionFront&) = delete;

  /// Listens on host:port (0: a free port) without SO_REUSEPORT, so a port another server holds
  /// is refused. Returns the port; throws core::Error naming host:port and the reason.
  int bind(const std::string& host, int port);
  /// Accepts and receives until stop(); then waits for running requests to finish.
  void run();
  /// Makes run() return; safe from any thread.
  void stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace decarbfund::server
