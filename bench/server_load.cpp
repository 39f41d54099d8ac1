// Load benchmark of `decarbfund serve` (issue 8 "Done when"): N concurrent clients on loopback
// each post scenario diffs that differ from every other request (so the outlook cache never
// answers: every request is a full recompute), and the client-side latency percentiles are
// reported. A timed run, not Google Benchmark: the figure of interest is a percentile under
// concurrency, not a mean per iteration.
//   decarbfund_server_load [--clients 20] [--requests 10] [--think-ms 0] [--target-ms 100]
// --think-ms is the pause of each client between requests (an analyst moving a slider);
// 0 is a closed loop that keeps every client busy, the worst case.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <httplib.h>

#include "server/server.hpp"

namespace {

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  int clients = 20;
  int requests = 10;
  int think_ms = 0;
  double target_ms = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const double v = std::atof(argv[i + 1]);
    if (a == "--clients") {
      clients = static_cast<int>(v);
    } else if (a == "--requests") {
      requests = static_cast<int>(v);
    } else if (a == "--think-ms") {
      think_ms = static_cast<int>(v);
    } else if (a == "--target-ms") {
      target_ms = v;
    } else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  decarbfund::server::ServerOptions o;
  o.data_dir = std::string(DECARBFUND_SOURCE_DIR) + "/data/nl";
  o.scenarios_dir = std::string(DECARBFUND_SOURCE_DIR) + "/scenarios";
  o.port = 0;
  o.rate_per_s = 0;      // every client is 127.0.0.1: the per-client limit would throttle the test
  o.cache_entries = 0;   // measure recomputes, not cache hits
  o.threads = clients + 4;
  decarbfund::server::Server server(o);
  const int port = server.start();

  const char* bases[] = {"belastingplan-2026", "coalition-2023"};
  std::mutex mutex;
  std::vector<double> latencies_ms;
  int failures = 0;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(120, 0);
      std::vector<double> mine;
      int failed = 0;
      // Paced clients start spread over one think time, as people do, not all in one instant.
      if (think_ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(think_ms * c / clients));
      }
      for (int r = 0; r < requests; ++r) {
        // A distinct ETS path and hurdle rate per request: no two bodies are equal.
        const double ets = 40.0 + c * 7.0 + r * 0.37;
        const std::string body = fmt::format(
            R"({{"base": "{}", "prices": {{"ets_eur_per_t": {{"2028": {:.2f}, "2029": {:.2f}, "2030": {:.2f}}}}}}})",
            bases[(c + r) % 2], ets * 0.8, ets * 0.9, ets);
        const auto start = std::chrono::steady_clock::now();
        const auto res = client.Post("/api/outlook", body, "application/json");
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!res || res->status != 200) {
          ++failed;
          std::fprintf(stderr, "client %d request %d: %s\n", c, r,
                       res ? fmt::format("HTTP {} {}", res->status, res->body.substr(0, 200)).c_str()
                           : httplib::to_string(res.error()).c_str());
        } else {
          mine.push_back(ms);
        }
        if (think_ms > 0) {
          std::this_thread::sleep_for(std::chrono::milliseconds(think_ms));
        }
      }
      std::lock_guard lock(mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
      failures += failed;
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  server.stop();
  if (latencies_ms.empty()) {
    std::fprintf(stderr, "no request succeeded (%d failures)\n", failures);
    return 1;
  }
  const double p95 = percentile(latencies_ms, 0.95);
  fmt::print("clients {} requests {} think {} ms cores {}: {} ok, {} failed in {:.1f} s ({:.1f} req/s)\n",
             clients, clients * requests, think_ms, std::thread::hardware_concurrency(), latencies_ms.size(),
             failures, wall_s, static_cast<double>(latencies_ms.size()) / wall_s);
  fmt::print("latency ms: min {:.1f} p50 {:.1f} p95 {:.1f} p99 {:.1f} max {:.1f}\n",
             *std::min_element(latencies_ms.begin(), latencies_ms.end()), percentile(latencies_ms, 0.5), p95,
             percentile(latencies_ms, 0.99), *std::max_element(latencies_ms.begin(), latencies_ms.end()));
  fmt::print("p95 {:.1f} ms {} the {:.0f} ms target\n", p95, p95 < target_ms ? "meets" : "misses", target_ms);
  return failures == 0 ? 0 : 1;
}
