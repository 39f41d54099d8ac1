#include "server/idempotency.hpp"

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

}  // namespace decarbfund::server
