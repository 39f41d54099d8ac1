#include "server/idempotency.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include "core/sha256.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {

std::string id_of(const std::string& scope, const std::string& key) { return scope + '\n' + key; }

}  // namespace

IdempotencyStore::IdempotencyStore(std::size_t capacity, Clock::duration ttl) : capacity_(capacity), ttl_(ttl) {}

bool IdempotencyStore::valid_key(std::string_view key) {
  if (key.empty() || key.size() > 128) {
    return false;
  }
  for (const char c : key) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == ':' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

void IdempotencyStore::expire(Clock::time_point now) {
  while (!order_.empty() && (now - order_.front().first > ttl_ || entries_.size() > capacity_)) {
    const auto it = entries_.find(order_.front().second);
    // An entry re-claimed after release() has a newer time; only the one this record is for goes.
    if (it != entries_.end() && it->second.at == order_.front().first && it->second.done) {
      entries_.erase(it);
    }
    order_.pop_front();
  }
}

IdempotencyStore::Claim IdempotencyStore::claim(const std::string& scope, const std::string& key,
                                                const std::string& fingerprint, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  expire(now);
  const auto id = id_of(scope, key);
  if (const auto it = entries_.find(id); it != entries_.end()) {
    if (it->second.fingerprint != fingerprint) {
      return {Outcome::other_body, {}};
    }
    if (!it->second.done) {
      return {Outcome::in_progress, {}};
    }
    return {Outcome::replay, it->second.answer};
  }
  entries_[id] = Entry{fingerprint, false, {}, now};
  order_.emplace_back(now, id);
  return {Outcome::fresh, {}};
}

void IdempotencyStore::complete(const std::string& scope, const std::string& key, Answer answer) {
  std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(id_of(scope, key)); it != entries_.end()) {
    it->second.done = true;
    it->second.answer = std::move(answer);
  }
}

void IdempotencyStore::release(const std::string& scope, const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(id_of(scope, key));
}

void answer_once(IdempotencyStore& store, const httplib::Request& req, httplib::Response& res,
                 const std::function<void(const httplib::Request&, httplib::Response&)>& run) {
  if (!req.has_header("Idempotency-Key")) {
    run(req, res);
    return;
  }
  const std::string key = req.get_header_value("Idempotency-Key");
  if (!IdempotencyStore::valid_key(key)) {
    throw RequestError(400, fmt::format("header Idempotency-Key: expected 1 to 128 characters of A-Z a-z 0-9 . _ : -, "
                                        "found {}",
                                        core::quote_found(key)));
  }
  const std::string scope = fmt::format("{} {}", core::sha256_hex(req.get_header_value("Authorization")), req.path);
  const auto claim = store.claim(scope, key, core::sha256_hex(req.body));
  switch (claim.outcome) {
    case IdempotencyStore::Outcome::replay:
      res.status = claim.answer.status;
      res.set_content(claim.answer.body, claim.answer.content_type.c_str());
      if (!claim.answer.location.empty()) {
        res.set_header("Location", claim.answer.location);
      }
      res.set_header("Idempotent-Replayed", "true");
      return;
    case IdempotencyStore::Outcome::other_body:
      throw RequestError(422, fmt::format("header Idempotency-Key: expected a new key for a new request, found {}, "
                                          "already used with another body",
                                          core::quote_found(key)));
    case IdempotencyStore::Outcome::in_progress:
      throw RequestError(409, "a request with this Idempotency-Key is still running; retry when it has answered");
    case IdempotencyStore::Outcome::fresh:
      break;
  }
  run(req, res);
  // Keep what a retry would get again; forget what a retry may mend.
  const int st = res.status;
  if (st == 401 || st == 403 || st == 408 || st == 409 || st == 429 || st >= 500) {
    store.release(scope, key);
  } else {
    store.complete(scope, key, {st, res.body, res.get_header_value("Content-Type"), res.get_header_value("Location")});
  }
}

}  // namespace decarbfund::server
