#include "server/connection_front.hpp"

#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "server/socket_io.hpp"

namespace decarbfund::server {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto npos = std::string::npos;
/// How long a refused connection's remaining upload is read and dropped before it is closed.
constexpr auto kDrainTime = std::chrono::seconds(2);

/// One client connection. The reception thread owns it while it waits for a request; a worker
/// owns it while the request runs; then it goes back (keep-alive) or is closed.
struct Conn {
  int fd = -1;
  std::string ip;
  int port = 0;
  std::string local_ip;
  int local_port = 0;
  std::string buf;                  ///< bytes received and not yet answered
  std::size_t scanned = 0;          ///< bytes of `buf` searched for the end of the headers
  std::size_t header_end = npos;    ///< offset of the blank line ending the headers
  std::size_t request_end = 0;      ///< headers + body, once Content-Length is known
  Clock::time_point waiting_since;  ///< when it began waiting for this request (eviction order)
  Clock::time_point deadline;       ///< absolute: headers, then body
  std::size_t served = 0;
  /// Set by the reception thread when it hands the connection to a worker, cleared when it takes
  /// it back; only the reception thread reads it, and it reads nothing else of a dispatched one.
  bool dispatched = false;
  /// Refused with a response: what it still sends is read and dropped until its deadline, so
  /// that closing does not reset the connection before the client has read the refusal.
  bool draining = false;
};
using ConnPtr = std::shared_ptr<Conn>;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string trim(std::string_view s) {
  const auto a = s.find_first_not_of(" \t");
  const auto b = s.find_last_not_of(" \t\r");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

/// httplib's view of a received request: reads come from the buffer, writes go to the socket
/// under the response's deadline.
class BufferedStream : public httplib::Stream {
 public:
  BufferedStream(Conn& c, Clock::time_point write_deadline) : c_(c), deadline_(write_deadline) {}
  bool is_readable() const override { return pos_ < c_.request_end; }
  bool is_writable() const override { return !failed_; }
  ssize_t read(char* ptr, size_t size) override {
    const auto n = std::min(size, c_.request_end - pos_);
    std::memcpy(ptr, c_.buf.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (failed_ || !send_all(c_.fd, ptr, size, deadline_)) {
      failed_ = true;
      return -1;
    }
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.ip;
    port = c_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local_ip;
    port = c_.local_port;
  }
  socket_t socket() const override { return c_.fd; }
  bool failed() const { return failed_; }

 private:
  Conn& c_;
  Clock::time_point deadline_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

const char* reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Service Unavailable";
  }
}

}  // namespace

struct ConnectionFront::Impl {
  RequestRouter& router;
  ConnectionLimits limits;
  int listen_fd = -1;
  int wake_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> is_running{false};
  std::unique_ptr<httplib::ThreadPool> pool;
  std::vector<ConnPtr> receiving;  // the reception thread's alone

  std::mutex mutex;  // guards the rest
  std::vector<ConnPtr> returned;
  std::unordered_map<std::string, int> per_client;
  int total = 0;

  Impl(RequestRouter& r, ConnectionLimits l) : router(r), limits(l) {}

  void wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wake_fd, &one, sizeof one);
  }

  void close_conn(Conn& c) {
    if (c.fd < 0) {
      return;
    }
    ::close(c.fd);
    c.fd = -1;
    std::lock_guard lock(mutex);
    --total;
    if (--per_client[c.ip] <= 0) {
      per_client.erase(c.ip);
    }
  }

  /// A response the front gives itself (the request never reached the router), then close.
  void refuse(Conn& c, int status, const std::string& message) {
    const std::string body = fmt::format(R"({{"error": {{"status": {}, "message": "{}", "diagnostics": []}}}})",
                                         status, message) + "\n";
    const std::string head = fmt::format(
        "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n"
        "X-Content-Type-Options: nosniff\r\n\r\n",
        status, reason_phrase(status), body.size());
    const auto deadline = Clock::now() + std::chrono::milliseconds(200);  // best effort: never wait long
    const bool sent = send_all(c.fd, head.data(), head.size(), deadline) &&
                      send_all(c.fd, body.data(), body.size(), deadline);
    if (!sent || status == 408 || status == 503) {
      close_conn(c);
      return;
    }
    // A client refused while still sending (a 1 MB body, 413) would get a reset, not the answer,
    // if the socket closed with unread data: stop writing, drop what it sends for a while.
    ::shutdown(c.fd, SHUT_WR);
    c.draining = true;
    c.buf.clear();
    c.deadline = Clock::now() + kDrainTime;
  }

  /// Looks at what `c` has received: false when it was refused (it then drains, or is closed).
  /// Sets request_end once the headers are there, so the request is complete when buf reaches it.
  bool examine(Conn& c) {
    if (c.header_end == npos) {
      const auto from = c.scanned >= 3 ? c.scanned - 3 : 0;
      const auto end = c.buf.find("\r\n\r\n", from);
      c.scanned = c.buf.size();
      if (end == npos) {
        if (c.buf.size() > limits.max_header_bytes) {
          refuse(c, 431, fmt::format("the request line and headers exceed {} bytes", limits.max_header_bytes));
          return false;
        }
        return true;
      }
      if (end > limits.max_header_bytes) {
        refuse(c, 431, fmt::format("the request line and headers exceed {} bytes", limits.max_header_bytes));
        return false;
      }
      c.header_end = end;
      std::size_t length = 0;
      int lengths = 0;
      bool expect_continue = false;
      std::size_t expect_line = npos;
      std::size_t expect_line_end = npos;
      for (std::size_t at = c.buf.find("\r\n") + 2; at < end + 2;) {
        const auto eol = c.buf.find("\r\n", at);
        const std::string_view line(c.buf.data() + at, eol - at);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos) {
          const auto name = lower(trim(line.substr(0, colon)));
          const auto value = trim(line.substr(colon + 1));
          if (name == "content-length") {
            ++lengths;
            const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
            if (ec != std::errc() || p != value.data() + value.size() || value.empty()) {
              refuse(c, 400, "Content-Length is not a number");
              return false;
            }
          } else if (name == "transfer-encoding") {
            refuse(c, 411, "send the body with a Content-Length (Transfer-Encoding is not accepted)");
            return false;
          } else if (name == "expect" && lower(value) == "100-continue") {
            expect_continue = true;
            expect_line = at;
            expect_line_end = eol + 2;
          }
        }
        at = eol + 2;
      }
      if (lengths > 1) {
        refuse(c, 400, "more than one Content-Length");
        return false;
      }
      if (length > limits.max_body_bytes) {
        refuse(c, 413, "the request body is larger than the server accepts (--max-body)");
        return false;
      }
      if (expect_continue) {
        // Answer the interim response here and drop the header, so httplib does not send another.
        c.buf.erase(expect_line, expect_line_end - expect_line);
        c.header_end -= expect_line_end - expect_line;
        if (c.buf.size() < c.header_end + 4 + length) {
          static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
          send_all(c.fd, kContinue, sizeof kContinue - 1, Clock::now() + std::chrono::milliseconds(200));
        }
      }
      c.request_end = c.header_end + 4 + length;
      c.deadline = Clock::now() + limits.body_timeout;
    }
    return true;
  }

  bool complete(const Conn& c) const { return c.header_end != npos && c.buf.size() >= c.request_end; }

  /// Hands a complete request to a worker.
  void dispatch(const ConnPtr& c) {
    c->dispatched = true;
    pool->enqueue([this, c] { serve(c); });
  }

  void serve(const ConnPtr& c) {
    const bool last = ++c->served >= limits.max_requests_per_connection || stopping;
    BufferedStream stream(*c, Clock::now() + limits.write_timeout);
    bool closed_by_client = false;
    const bool ok = router.process_request(stream, last, closed_by_client, nullptr);
    if (!ok || last || closed_by_client || stream.failed()) {
      close_conn(*c);
      return;
    }
    c->buf.erase(0, c->request_end);
    c->scanned = 0;
    c->header_end = npos;
    c->request_end = 0;
    c->waiting_since = Clock::now();
    c->deadline = c->waiting_since + limits.header_timeout;
    {
      std::lock_guard lock(mutex);
      if (!stopping) {
        returned.push_back(c);
        wake();
        return;
      }
    }
    close_conn(*c);
  }

  /// Room for a new connection from `ip`: evicts the oldest connection still waiting for a request
  /// when the address (or the server) is at its cap; false when every connection is busy.
  bool admit(const std::string& ip) {
    for (int pass = 0; pass < 2; ++pass) {
      const bool per_client_full = [&] {
        std::lock_guard lock(mutex);
        const auto it = per_client.find(ip);
        return it != per_client.end() && it->second >= limits.max_per_client;
      }();
      const bool total_full = [&] {
        std::lock_guard lock(mutex);
        return total >= limits.max_total;
      }();
      if (!per_client_full && !total_full) {
        return true;
      }
      ConnPtr oldest;
      for (const auto& r : receiving) {
        if (!r->dispatched && r->fd >= 0 && (!per_client_full || r->ip == ip) && (!oldest || r->waiting_since < oldest->waiting_since)) {
          oldest = r;
        }
      }
      if (!oldest) {
        return false;
      }
      close_conn(*oldest);
    }
    return false;
  }

  void accept_all() {
    while (true) {
      sockaddr_storage sa{};
      socklen_t len = sizeof sa;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&sa), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        return;  // EAGAIN: no more for now; anything else: try again next round
      }
      auto c = std::make_shared<Conn>();
      c->fd = fd;
      address_of(sa, c->ip, c->port);
      sockaddr_storage local{};
      socklen_t local_len = sizeof local;
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len);
      address_of(local, c->local_ip, c->local_port);
      const int yes = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      c->waiting_since = Clock::now();
      c->deadline = c->waiting_since + limits.header_timeout;
      const bool room = admit(c->ip);
      {
        std::lock_guard lock(mutex);
        ++total;
        ++per_client[c->ip];
      }
      if (!room) {
        refuse(*c, 503, "too many open connections from this client; close some and retry");
        continue;
      }
      receiving.push_back(std::move(c));
    }
  }

  /// Reads what a connection has sent; dispatches it when complete.
  void receive(const ConnPtr& c) {
    char chunk[16 * 1024];
    while (c->fd >= 0) {
      const auto n = ::recv(c->fd, chunk, sizeof chunk, 0);
      if (n > 0 && c->draining) {
        continue;
      }
      if (n > 0) {
        c->buf.append(chunk, static_cast<std::size_t>(n));
        if (!examine(*c)) {
          return;
        }
        if (complete(*c) || c->buf.size() > limits.max_header_bytes + limits.max_body_bytes) {
          break;  // the rest (a pipelined request) waits in the socket
        }
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        close_conn(*c);
      }
      return;
    }
    if (c->fd >= 0 && !c->draining && complete(*c)) {
      dispatch(c);  // the worker owns it now
    }
  }

  void loop() {
    std::vector<pollfd> fds;
    while (!stopping) {
      {
        std::vector<ConnPtr> back;
        {
          std::lock_guard lock(mutex);
          back.swap(returned);
        }
        for (auto& c : back) {
          c->dispatched = false;
          // A pipelined request may already be here whole.
          if (examine(*c) && complete(*c)) {
            dispatch(c);
          } else if (c->fd >= 0) {
            receiving.push_back(std::move(c));
          }
        }
      }
      const auto now = Clock::now();
      auto next = now + std::chrono::seconds(1);
      for (const auto& c : receiving) {
        next = std::min(next, c->deadline);
      }
      fds.clear();
      fds.push_back({listen_fd, POLLIN, 0});
      fds.push_back({wake_fd, POLLIN, 0});
      for (const auto& c : receiving) {
        fds.push_back({c->fd, POLLIN, 0});
      }
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
      const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(0, wait)));
      if (ready < 0 && errno != EINTR) {
        break;
      }
      if (fds[1].revents != 0) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto n = ::read(wake_fd, &count, sizeof count);
      }
      // Connections first (their indices match `receiving` as polled), then new ones.
      const std::size_t polled = receiving.size();
      for (std::size_t i = 0; i < polled; ++i) {
        if (fds[i + 2].revents != 0 && !receiving[i]->dispatched && receiving[i]->fd >= 0) {
          receive(receiving[i]);
        }
      }
      if (fds[0].revents != 0) {
        accept_all();
      }
      const auto after = Clock::now();
      std::vector<ConnPtr> still;
      still.reserve(receiving.size());
      for (auto& c : receiving) {
        if (c->dispatched || c->fd < 0) {
          continue;  // a worker's now, or closed
        }
        if (after >= c->deadline) {
          if (c->buf.empty() || c->draining) {
            close_conn(*c);  // an idle keep-alive connection, or one that never spoke
          } else {
            refuse(*c, 408, c->header_end == npos ? "the request headers did not arrive in time"
                                                  : "the request body did not arrive in time");
          }
          continue;
        }
        still.push_back(std::move(c));
      }
      receiving.swap(still);
    }
    for (auto& c : receiving) {
      if (!c->dispatched) {
        close_conn(*c);
      }
    }
    receiving.clear();
  }
};

ConnectionFront::ConnectionFront(RequestRouter& router, ConnectionLimits limits)
    : impl_(std::make_unique<Impl>(router, limits)) {
  impl_->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

ConnectionFront::~ConnectionFront() {
  stop();
  if (impl_->listen_fd >= 0) {
    ::close(impl_->listen_fd);
  }
  ::close(impl_->wake_fd);
}

int ConnectionFront::bind(const std::string& host, int port) {
  const auto [fd, bound] = open_listening_socket(host, port);
  impl_->listen_fd = fd;
  return bound;
}

void ConnectionFront::run() {
  impl_->pool = std::make_unique<httplib::ThreadPool>(static_cast<std::size_t>(std::max(1, impl_->limits.threads)));
  impl_->is_running = true;
  impl_->loop();
  impl_->pool->shutdown();  // lets running requests finish
  impl_->is_running = false;
}

void ConnectionFront::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake();
}

bool ConnectionFront::running() const { return impl_->is_running; }

}  // namespace decarbfund::server
