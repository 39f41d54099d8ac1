#pragma once
// Idempotency keys for writes (issue 15: "a client that retries a write after a lost reply writes
// it twice"). A write may carry `Idempotency-Key: <key>`; the first request with a key runs and
// its answer is kept; a retry with the same key, from the same token holder to the same endpoint
// with the same body, gets that answer again without writing anything. The same key with another
// body is refused (422), and one still running answers 409. Keys are kept in memory for 24 h (at
// most 10,000, oldest first out): a retry after a server restart writes again.

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace decarbfund::server {

class IdempotencyStore {
 public:
  using Clock = std::chrono::steady_clock;

  /// What a write answered: enough to answer its retry the same way.
  struct Answer {
    int status = 200;
    std::string body;
    std::string content_type;
    std::string location;  ///< the Location header, if any
  };

  enum class Outcome {
    fresh,        ///< first use: run the write, then complete() or release()
    replay,       ///< answered before: send `answer`
    other_body,   ///< the key was used with another request body
    in_progress,  ///< the first request with this key has not finished
  };
  struct Claim {
    Outcome outcome = Outcome::fresh;
    Answer answer;
  };

  explicit IdempotencyStore(std::size_t capacity = 10'000, Clock::duration ttl = std::chrono::hours(24));

  /// Whether `key` is a usable key: 1 to 128 characters of [A-Za-z0-9._:-].
  static bool valid_key(std::string_view key);

  /// `scope` names who writes where (token holder and path); `fingerprint` the request body.
  Claim claim(const std::string& scope, const std::string& key, const std::string& fingerprint,
              Clock::time_point now = Clock::now());
  /// Keeps the answer of a fresh claim.
  void complete(const std::string& scope, const std::string& key, Answer answer);
  /// Forgets a fresh claim whose write failed in a way a retry may mend (busy, internal error).
  void release(const std::string& scope, const std::string& key);

 private:
  struct Entry {
    std::string fingerprint;
    bool done = false;
    Answer answer;
    Clock::time_point at;
  };
  void expire(Clock::time_point now);

  std::size_t capacity_;
  Clock::duration ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::pair<Clock::time_point, std::string>> order_;  // oldest first
};

/// Runs the write `run` (which answers errors itself) for `req` under its Idempotency-Key header,
/// if any: replays a kept answer (with Idempotent-Replayed: true), or runs and keeps the answer,
/// forgetting it when a retry may mend it (401, 403, 408, 409, 429, 5xx). The key is scoped by
/// the Authorization header and the path. Throws RequestError 400 for a malformed key, 422 for a
/// key used with another body, 409 while the first request with it runs.
void answer_once(IdempotencyStore& store, const httplib::Request& req, httplib::Response& res,
                 const std::function<void(const httplib::Request&, httplib::Response&)>& run);

}  // namespace decarbfund::server
