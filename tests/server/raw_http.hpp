#pragma once
// Raw sockets for the server tests: what httplib's client will not do (send half a request,
// drip a header a byte at a time, pipeline two requests) and timing an answer.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace decarbfund::test {

/// A connected loopback socket (closed on destruction).
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool send(const std::string& text) { return ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()); }

  /// Everything the server sends until it closes the connection or `timeout` passes.
  std::string read_all(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::string out;
    const auto end = std::chrono::steady_clock::now() + timeout;
    char buf[65536];
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        break;
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
        break;
      }
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

  /// Whether the server closed the connection (within `timeout`), reading away what it sent.
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(1, left.count()))) > 0) {
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
          return true;
        }
      }
    }
    return false;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

/// The status line of a raw answer ("HTTP/1.1 200 OK"), or "" when there is none.
inline std::string status_line(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }

}  // namespace decarbfund::test
