// The server's own sockets (server/connection_front.hpp) on a bare router: absolute deadlines that
// bytes do not extend (408), the per-client cap that closes the oldest waiting connection,
// refusals answered before a body is read (411, 413, 431), keep-alive with pipelined and
// Expect: 100-continue requests, and a taken port refused.

#include "server/connection_front.hpp"

#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/diagnostic.hpp"
#include "raw_http.hpp"

namespace decarbfund::server {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::RawConnection;
using test::status_line;

/// A router with two routes, served by a front with `limits` on a free port.
class Front {
 public:
  explicit Front(ConnectionLimits limits) : front_(router_, limits) {
    router_.Get("/ping", [](const httplib::Request&, httplib::Response& res) { res.set_content("pong", "text/plain"); });
    router_.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "text/plain");
    });
    port_ = front_.bind("127.0.0.1", 0);
    thread_ = std::thread([this] { front_.run(); });
    while (!front_.running()) {
      std::this_thread::sleep_for(1ms);
    }
  }
  ~Front() {
    front_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  RequestRouter router_;
  ConnectionFront front_;
  std::thread thread_;
  int port_ = 0;
};

ConnectionLimits short_limits() {
  ConnectionLimits l;
  l.header_timeout = 600ms;
  l.body_timeout = 600ms;
  l.max_body_bytes = 1024;
  l.max_header_bytes = 2048;
  l.threads = 4;
  return l;
}

TEST(ConnectionFront, AHeaderDrippedAByteAtATimeGets408AtItsDeadline) {
  Front f(short_limits());
  RawConnection c(f.port());
  ASSERT_TRUE(c.connected());
  const auto start = Clock::now();
  c.send("GET /ping HTTP/1.1\r\nHost: x\r\n");
  std::string answer;
  // One byte every 50 ms for up to 4 s: a read timeout that restarted with each byte never fires.
  for (int i = 0; i < 80 && answer.empty(); ++i) {
    c.send("X");
    answer = c.read_all(50ms);
  }
  const auto took = Clock::now() - start;
  EXPECT_EQ(status_line(answer), "HTTP/1.1 408 Request Timeout");
  EXPECT_NE(answer.find("the request headers did not arrive in time"), std::string::npos);
  EXPECT_LT(took, 3s) << "the header deadline is absolute (600 ms), not per byte";
}

TEST(ConnectionFront, ASlowBodyGets408) {
  Front f(short_limits());
  RawConnection c(f.port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
  const auto answer = c.read_all(3s);
  EXPECT_EQ(status_line(answer), "HTTP/1.1 408 Request Timeout");
  EXPECT_NE(answer.find("the request body did not arrive in time"), std::string::npos);
}

TEST(ConnectionFront, AClientAtItsCapLosesItsOldestWaitingConnection) {
  auto limits = short_limits();
  limits.header_timeout = 10s;
  limits.max_per_client = 4;
  Front f(limits);
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<RawConnection>(f.port()));
    slow.back()->send("GET /ping HTTP/1.1\r\n");
    std::this_thread::sleep_for(20ms);  // an order to evict by
  }
  RawConnection fresh(f.port());
  fresh.send("GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto answer = fresh.read_all(3s);
  EXPECT_EQ(status_line(answer), "HTTP/1.1 200 OK");
  EXPECT_TRUE(slow[0]->closed_within(2s)) << "the oldest waiting connection makes room";
  EXPECT_FALSE(slow[3]->closed_within(200ms));
}

TEST(ConnectionFront, RefusalsComeBeforeTheBody) {
  Front f(short_limits());
  {
    RawConnection c(f.port());
    c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
    const auto answer = c.read_all(2s);
    EXPECT_EQ(status_line(answer), "HTTP/1.1 413 Payload Too Large");
    EXPECT_NE(answer.find(R"({"error": {"status": 413, "message": "the request body is larger than the server accepts)"),
              std::string::npos);
  }
  {
    RawConnection c(f.port());
    c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    EXPECT_EQ(status_line(c.read_all(2s)), "HTTP/1.1 411 Length Required");
  }
  {
    RawConnection c(f.port());
    c.send("GET /ping HTTP/1.1\r\nX-Big: " + std::string(4000, 'y') + "\r\n\r\n");
    EXPECT_EQ(status_line(c.read_all(2s)), "HTTP/1.1 431 Request Header Fields Too Large");
  }
  {
    RawConnection c(f.port());
    c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab");
    EXPECT_EQ(status_line(c.read_all(2s)), "HTTP/1.1 400 Bad Request");
  }
}

TEST(ConnectionFront, KeepAliveAnswersPipelinedRequestsInOrder) {
  Front f(short_limits());
  RawConnection c(f.port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst"
         "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto answer = c.read_all(3s);
  const auto first = answer.find("first");
  const auto second = answer.find("pong");
  ASSERT_NE(first, std::string::npos) << answer;
  ASSERT_NE(second, std::string::npos) << answer;
  EXPECT_LT(first, second);
}

TEST(ConnectionFront, ExpectContinueIsAnsweredOnce) {
  Front f(short_limits());
  RawConnection c(f.port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(c.read_all(300ms), "HTTP/1.1 100 Continue\r\n\r\n");
  c.send("body");
  const auto answer = c.read_all(2s);
  EXPECT_EQ(status_line(answer), "HTTP/1.1 200 OK");
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos);
  EXPECT_NE(answer.find("body"), std::string::npos);
}

TEST(ConnectionFront, APortAnotherServerHoldsIsRefused) {
  Front f(short_limits());
  RequestRouter router;
  ConnectionFront second(router, short_limits());
  try {
    second.bind("127.0.0.1", f.port());
    FAIL() << "two servers on one port";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.diagnostics().front().to_string(),
              fmt::format("127.0.0.1:{}: expected a port no other process listens on, found address already in use "
                          "(another server listens there)",
                          f.port()));
  }
}

}  // namespace
}  // namespace decarbfund::server
