#pragma once
// A per-client token bucket (issue 8 "rate limits"): each client may send `rate` requests a
// second on average and `burst` at once. A client is a remote address, or a bearer token whose
// role has its own limit (issue 19: a research token can sweep; server.hpp role_rates).
// Thread-safe.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace decarbfund::server {

/// Requests a second sustained and at once; a rate ≤ 0 switches the limit off.
struct RateLimit {
  double rate_per_s = 0;
  double burst = 1;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  /// The default limit; rate ≤ 0 switches it off (every request allowed).
  RateLimiter(double rate_per_s, double burst);
  /// Takes one token from `client`'s bucket under the default limit; false when it is empty.
  bool allow(const std::string& client, Clock::time_point now = Clock::now());
  /// The same under `limit` (a bucket keeps the limit it was last asked with).
  bool allow(const std::string& client, const RateLimit& limit, Clock::time_point now = Clock::now());
  /// Seconds until `client` has a token again (for Retry-After).
  double retry_after_s(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;
    RateLimit limit;
  };
  static void refill(Bucket& b, Clock::time_point now);
  RateLimit default_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace decarbfund::server
