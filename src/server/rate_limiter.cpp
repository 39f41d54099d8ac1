#include "server/rate_limiter.hpp"

#include <algorithm>

namespace decarbfund::server {

namespace {
// Forget idle clients once this many are tracked, so a scan of many addresses cannot grow the
// table without bound.
constexpr std::size_t kMaxClients = 10'000;
}  // namespace

RateLimiter::RateLimiter(double rate_per_s, double burst) : default_{rate_per_s, std::max(burst, 1.0)} {}

void RateLimiter::refill(Bucket& b, Clock::time_point now) {
  const double dt = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(b.limit.burst, b.tokens + std::max(0.0, dt) * b.limit.rate_per_s);
  b.last = now;
}

bool RateLimiter::allow(const std::string& client, Clock::time_point now) { return allow(client, default_, now); }

bool RateLimiter::allow(const std::string& client, const RateLimit& asked, Clock::time_point now) {
  if (asked.rate_per_s <= 0) {
    return true;
  }
  const RateLimit limit{asked.rate_per_s, std::max(asked.burst, 1.0)};
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxClients && !buckets_.contains(client)) {
    std::erase_if(buckets_, [&](const auto& kv) {
      const auto& b = kv.second;
      return std::chrono::duration<double>(now - b.last).count() * b.limit.rate_per_s >= b.limit.burst;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{limit.burst, now, limit});
  it->second.limit = limit;
  refill(it->second, now);
  if (it->second.tokens < 1.0) {
    return false;
  }
  it->second.tokens -= 1.0;
  return true;
}

double RateLimiter::retry_after_s(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(client);
  if (it == buckets_.end() || it->second.limit.rate_per_s <= 0) {
    return 0;
  }
  refill(it->second, now);
  return std::max(0.0, (1.0 - it->second.tokens) / it->second.limit.rate_per_s);
}

}  // namespace decarbfund::server
