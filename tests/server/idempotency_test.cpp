// The idempotency store (server/idempotency.hpp): a completed key replays its answer, another
// body with the key is told apart, a running one is in progress, a released one runs again, keys
// expire, and only tidy keys are accepted.

#include "server/idempotency.hpp"

#include <gtest/gtest.h>

namespace decarbfund::server {
namespace {

using Outcome = IdempotencyStore::Outcome;

TEST(Idempotency, ACompletedKeyReplaysItsAnswer) {
  IdempotencyStore s;
  EXPECT_EQ(s.claim("who /path", "k1", "body-a").outcome, Outcome::fresh);
  EXPECT_EQ(s.claim("who /path", "k1", "body-a").outcome, Outcome::in_progress);
  s.complete("who /path", "k1", {201, "{\"id\": 7}", "application/json", "/api/saved/7"});
  const auto again = s.claim("who /path", "k1", "body-a");
  EXPECT_EQ(again.outcome, Outcome::replay);
  EXPECT_EQ(again.answer.status, 201);
  EXPECT_EQ(again.answer.location, "/api/saved/7");
  EXPECT_EQ(s.claim("who /path", "k1", "body-b").outcome, Outcome::other_body);
  // Keys are per scope: another holder or path starts afresh.
  EXPECT_EQ(s.claim("other /path", "k1", "body-a").outcome, Outcome::fresh);
}

TEST(Idempotency, AReleasedKeyRunsAgainAndOldKeysExpire) {
  IdempotencyStore s(10, std::chrono::seconds(60));
  const auto t0 = IdempotencyStore::Clock::now();
  EXPECT_EQ(s.claim("w", "k", "b", t0).outcome, Outcome::fresh);
  s.release("w", "k");
  EXPECT_EQ(s.claim("w", "k", "b", t0).outcome, Outcome::fresh);
  s.complete("w", "k", {200, "x", "text/plain", ""});
  EXPECT_EQ(s.claim("w", "k", "b", t0 + std::chrono::seconds(30)).outcome, Outcome::replay);
  EXPECT_EQ(s.claim("w", "k", "b", t0 + std::chrono::seconds(61)).outcome, Outcome::fresh);
}

TEST(Idempotency, OnlyTidyKeys) {
  EXPECT_TRUE(IdempotencyStore::valid_key("3f2a-9c1b_x.y:z"));
  EXPECT_FALSE(IdempotencyStore::valid_key(""));
  EXPECT_FALSE(IdempotencyStore::valid_key("with space"));
  EXPECT_FALSE(IdempotencyStore::valid_key(std::string(129, 'a')));
}

}  // namespace
}  // namespace decarbfund::server
