#include "server/socket_io.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace decarbfund::server {

void address_of(const sockaddr_storage& sa, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (sa.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&sa);
    inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (sa.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&sa);
    inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

bool send_all(int fd, const char* data, std::size_t n, std::chrono::steady_clock::time_point deadline) {
  while (n > 0) {
    const auto sent = ::send(fd, data, n, MSG_NOSIGNAL);
    if (sent > 0) {
      data += sent;
      n -= static_cast<std::size_t>(sent);
      continue;
    }
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return false;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      return false;
    }
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(left)) < 0 && errno != EINTR) {
      return false;
    }
  }
  return true;
}

std::pair<int, int> open_listening_socket(const std::string& host, int port) {
  const auto where = fmt::format("{}:{}", host, port);
  const auto refuse = [&](const std::string& expected, const std::string& found) {
    core::Diagnostic d;
    d.code = "server.listen";
    d.file = where;
    d.expected = expected;
    d.found = found;
    throw core::Error(std::move(d));
  };
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* list = nullptr;
  const auto service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0) {
    refuse("an address of this machine to listen on", gai_strerror(rc));
  }
  int listen_fd = -1;
  std::string error = "no address to bind";
  for (auto* a = list; a != nullptr && listen_fd < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    // SO_REUSEADDR only: a restart may reuse a port in TIME_WAIT, but a port another process
    // listens on is refused. (httplib sets SO_REUSEPORT, with which the kernel splits requests,
    // bearer tokens included, between two servers on one port.)
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      error = errno == EADDRINUSE ? "address already in use (another server listens there)" : std::strerror(errno);
      ::close(fd);
      continue;
    }
    listen_fd = fd;
  }
  ::freeaddrinfo(list);
  if (listen_fd < 0) {
    refuse("a port no other process listens on", error);
  }
  sockaddr_storage sa{};
  socklen_t len = sizeof sa;
  ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&sa), &len);
  std::string ip;
  int bound = 0;
  address_of(sa, ip, bound);
  return {listen_fd, bound};
}

}  // namespace decarbfund::server
