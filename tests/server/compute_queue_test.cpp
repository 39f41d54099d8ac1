// The compute budget (server/compute_queue.hpp): a client gets at most its share of turns, the
// queue refuses at once when full, turns come one at a time; and on a real server 20 Monte Carlo
// requests in a burst are answered 200 or 503 (with Retry-After) while /api/health keeps
// answering within a second (issue 15: it took 17 s).

#include "server/compute_queue.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "server/server.hpp"
#include "shipped_options.hpp"

namespace decarbfund::server {
namespace {

using namespace std::chrono_literals;

TEST(ComputeQueue, AClientGetsItsShareAndTheQueueRefusesWhenFull) {
  ComputeQueue q({1, 2, 2});
  auto a1 = q.enter("a");
  ASSERT_TRUE(a1);
  std::atomic<bool> second_running{false};
  std::thread waiter([&] {
    auto a2 = q.enter("a");  // waits for a1
    second_running = a2.has_value();
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(second_running) << "one turn at a time";
  EXPECT_FALSE(q.enter("a")) << "client a has its two places";
  std::thread other([&] { auto b = q.enter("b"); });  // the second waiting place
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(q.enter("c")) << "the queue is full";
  EXPECT_GE(q.retry_after_s(), 1);
  a1.reset();
  waiter.join();
  other.join();
  EXPECT_TRUE(second_running);
  EXPECT_TRUE(q.enter("c"));
}

TEST(ComputeQueue, TwentyMonteCarloRequestsDoNotDelayHealth) {
  Server s(test::shipped_options());
  const int port = s.start();
  std::vector<int> statuses(20, 0);
  std::vector<std::string> retry_after(20);
  std::vector<std::thread> burst;
  for (int i = 0; i < 20; ++i) {
    burst.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(120, 0);
      const auto r = c.Post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "draws": 300})",
                            "application/json");
      statuses[static_cast<std::size_t>(i)] = r ? r->status : -1;
      retry_after[static_cast<std::size_t>(i)] = r ? r->get_header_value("Retry-After") : "";
    });
  }
  std::this_thread::sleep_for(200ms);
  double worst = 0;
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    httplib::Client c("127.0.0.1", port);
    const auto r = c.Get("/api/health");
    worst = std::max(worst, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    EXPECT_TRUE(r && r->status == 200);
    std::this_thread::sleep_for(200ms);
  }
  for (auto& t : burst) {
    t.join();
  }
  EXPECT_LT(worst, 1.0) << "seconds for /api/health during a burst of 20 Monte Carlo requests";
  int ok = 0;
  int busy = 0;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    ok += statuses[i] == 200;
    if (statuses[i] == 503) {
      ++busy;
      EXPECT_FALSE(retry_after[i].empty());
    }
  }
  EXPECT_EQ(ok + busy, 20);
  EXPECT_GE(ok, 1);
  // One client has two places (running and waiting); a run that ends while the burst is still
  // arriving frees one, so a loaded machine may let a third or fourth in, never most of them.
  EXPECT_GE(busy, 10);
}

}  // namespace
}  // namespace decarbfund::server
