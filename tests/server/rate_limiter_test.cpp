#include "server/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace decarbfund::server {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, BurstThenRefillAtTheRate) {
  RateLimiter rl(2.0, 3.0);  // 2 requests/s, burst 3
  const auto t0 = RateLimiter::Clock::time_point{} + 100s;
  EXPECT_TRUE(rl.allow("a", t0));
  EXPECT_TRUE(rl.allow("a", t0));
  EXPECT_TRUE(rl.allow("a", t0));
  EXPECT_FALSE(rl.allow("a", t0));
  EXPECT_DOUBLE_EQ(rl.retry_after_s("a", t0), 0.5);
  EXPECT_TRUE(rl.allow("b", t0));  // clients have their own buckets
  EXPECT_TRUE(rl.allow("a", t0 + 500ms));
  EXPECT_FALSE(rl.allow("a", t0 + 500ms));
  EXPECT_TRUE(rl.allow("a", t0 + 10s));  // refilled up to the burst, not beyond
  EXPECT_TRUE(rl.allow("a", t0 + 10s));
  EXPECT_TRUE(rl.allow("a", t0 + 10s));
  EXPECT_FALSE(rl.allow("a", t0 + 10s));
}

TEST(RateLimiter, ZeroRateSwitchesItOff) {
  RateLimiter rl(0, 1);
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(rl.allow("a"));
  }
}

}  // namespace
}  // namespace decarbfund::server
