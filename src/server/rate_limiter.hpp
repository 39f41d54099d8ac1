#pragma once
// A per-client token bucket (issue 8 "rate limits"): each client (remote address) may send
// `rate` requests a second on average and `burst` at once. Thread-safe.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace decarbfund::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  /// rate ≤ 0 switches the limiter off (every request allowed).
  RateLimiter(double rate_per_s, double burst);
  /// Takes one token from `client`'s bucket; false when it is empty.
  bool allow(const std::string& client, Clock::time_point now = Clock::now());
  /// Seconds until `client` has a token again (for Retry-After).
  double retry_after_s(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;
  };
  void refill(Bucket& b, Clock::time_point now) const;
  double rate_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace decarbfund::server
