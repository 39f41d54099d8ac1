#include "server/rate_limiter.hpp"

#include <algorithm>

namespace decarbfund::server {

namespace {
// Forget idle clients once this many are tracked, so a scan of many addresses cannot grow the
// table without bound.
constexpr std::size_t kMaxClients = 10'000;
}  // namespace

RateLimiter::RateLimiter(double rate_per_s, double burst)
    : rate_(rate_per_s), burst_(std::max(burst, 1.0)) {}

void RateLimiter::refill(Bucket& b, Clock::time_point now) const {
  const double dt = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(burst_, b.tokens + std::max(0.0, dt) * rate_);
  b.last = now;
}

bool RateLimiter::allow(const std::string& client, Clock::time_point now) {
  if (rate_ <= 0) {
    return true;
  }
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxClients && !buckets_.contains(client)) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return std::chrono::duration<double>(now - kv.second.last).count() * rate_ >= burst_;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
  refill(it->second, now);
  if (it->second.tokens < 1.0) {
    return false;
  }
  it->second.tokens -= 1.0;
  return true;
}

double RateLimiter::retry_after_s(const std::string& client, Clock::time_point now) {
  if (rate_ <= 0) {
    return 0;
  }
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    return 0;
  }
  refill(it->second, now);
  return std::max(0.0, (1.0 - it->second.tokens) / rate_);
}

}  // namespace decarbfund::server
