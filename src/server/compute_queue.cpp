#include "server/compute_queue.hpp"

#include <algorithm>
#include <cmath>

namespace decarbfund::server {

ComputeQueue::ComputeQueue(ComputeBudget budget) : budget_(budget) {
  budget_.running = std::max(1, budget_.running);
  budget_.waiting = std::max(0, budget_.waiting);
  budget_.per_client = std::max(1, budget_.per_client);
}

std::optional<ComputeQueue::Turn> ComputeQueue::enter(const std::string& client) {
  std::unique_lock lock(mutex_);
  auto& mine = per_client_[client];
  const bool room = running_ < budget_.running || queued_ < budget_.waiting;
  if (!room || mine >= budget_.per_client) {
    if (mine == 0) {
      per_client_.erase(client);
    }
    return std::nullopt;
  }
  ++mine;
  ++queued_;
  turn_free_.wait(lock, [this] { return running_ < budget_.running; });
  --queued_;
  ++running_;
  return Turn(this, client);
}

void ComputeQueue::leave(const std::string& client, std::chrono::steady_clock::duration took) {
  {
    std::lock_guard lock(mutex_);
    --running_;
    if (--per_client_[client] <= 0) {
      per_client_.erase(client);
    }
    mean_run_s_ = 0.7 * mean_run_s_ + 0.3 * std::chrono::duration<double>(took).count();
  }
  turn_free_.notify_one();
}

int ComputeQueue::retry_after_s() const {
  std::lock_guard lock(mutex_);
  const double ahead = static_cast<double>(running_ + queued_) / budget_.running;
  return std::max(1, static_cast<int>(std::ceil(mean_run_s_ * std::max(1.0, ahead))));
}

ComputeQueue::Turn::Turn(ComputeQueue* q, std::string client)
    : q_(q), client_(std::move(client)), started_(std::chrono::steady_clock::now()) {}

ComputeQueue::Turn::Turn(Turn&& other) noexcept
    : q_(other.q_), client_(std::move(other.client_)), started_(other.started_) {
  other.q_ = nullptr;
}

ComputeQueue::Turn::~Turn() {
  if (q_ != nullptr) {
    q_->leave(client_, std::chrono::steady_clock::now() - started_);
  }
}

}  // namespace decarbfund::server
