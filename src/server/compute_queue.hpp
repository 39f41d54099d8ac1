#pragma once
// A compute budget for the expensive requests (issue 15: 40 Monte Carlo requests within the
// default burst made /api/health take 17 s, every worker waiting on the one Monte Carlo lock).
// At most `running` of them compute at once, at most `waiting` wait for their turn, and one
// client has at most `per_client` in the queue in all; past that a request is refused at once
// (503 with Retry-After) instead of holding a worker, so health and cheap requests keep answering.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace decarbfund::server {

struct ComputeBudget {
  int running = 1;     ///< computing at once (a Monte Carlo run uses every core already)
  int waiting = 4;     ///< queued behind them, all clients together
  int per_client = 2;  ///< running and queued, per client address
};

class ComputeQueue {
 public:
  explicit ComputeQueue(ComputeBudget budget);

  /// A place in the queue: the constructor of a Turn waits until it may compute, the destructor
  /// gives the place up.
  class Turn {
   public:
    Turn(Turn&& other) noexcept;
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    Turn& operator=(Turn&&) = delete;
    ~Turn();

   private:
    friend class ComputeQueue;
    Turn(ComputeQueue* q, std::string client);
    ComputeQueue* q_;
    std::string client_;
    std::chrono::steady_clock::time_point started_;
  };

  /// Waits for a turn for `client`, or nullopt at once when the queue or the client's share is
  /// full.
  std::optional<Turn> enter(const std::string& client);
  /// Seconds a refused client should wait: the average run time × the runs ahead, at least 1.
  int retry_after_s() const;

 private:
  void leave(const std::string& client, std::chrono::steady_clock::duration took);

  ComputeBudget budget_;
  mutable std::mutex mutex_;
  std::condition_variable turn_free_;
  int running_ = 0;
  int queued_ = 0;  ///< waiting, not running
  std::unordered_map<std::string, int> per_client_;
  double mean_run_s_ = 2.0;  ///< moving average, a prior of 2 s before the first run
};

}  // namespace decarbfund::server
