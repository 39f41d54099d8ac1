#pragma once
// Socket calls of the server's front (server/connection_front.cpp), with errors as diagnostics.

#include <sys/socket.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>

namespace decarbfund::server {

/// A non-blocking listening socket on host:port (0: a free port) with SO_REUSEADDR only, so a
/// port another process listens on is refused. Returns the socket and its port; throws
/// core::Error naming host:port and why ("address already in use (another server listens
/// there)").
std::pair<int, int> open_listening_socket(const std::string& host, int port);

/// The text address and port of a socket address (IPv4 or IPv6).
void address_of(const sockaddr_storage& sa, std::string& ip, int& port);

/// Writes all of `data` to a non-blocking socket before `deadline`; false when it could not.
bool send_all(int fd, const char* data, std::size_t n, std::chrono::steady_clock::time_point deadline);

}  // namespace decarbfund::server
