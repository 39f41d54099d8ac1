#pragma once
// Jobs shared by two threads (issue 21: one outlook in 20 ms on two cores): one thread claims them
// from the front, the other from the back, until they meet, so each job runs once and neither
// thread waits while there is work. A fixed split did not do: on a machine whose second core
// sleeps, a new thread starts a few ms late, and the first thread then waited for the second's
// share. Which thread runs a job may change from run to run, so a job's result must not depend
// on it (the callers write each result to the job's own slot).

#include <cstddef>
#include <mutex>
#include <optional>

namespace decarbfund::core {

class TwoEndedJobs {
 public:
  /// Jobs 0 … n−1.
  explicit TwoEndedJobs(std::size_t n) : back_(n) {}

  /// The first job no thread has claimed; nullopt when none is left.
  std::optional<std::size_t> front() {
    const std::lock_guard lock(mutex_);
    if (front_ == back_) {
      return std::nullopt;
    }
    return front_++;
  }

  /// The last job no thread has claimed; nullopt when none is left.
  std::optional<std::size_t> back() {
    const std::lock_guard lock(mutex_);
    if (front_ == back_) {
      return std::nullopt;
    }
    return --back_;
  }

 private:
  std::mutex mutex_;
  std::size_t front_ = 0;
  std::size_t back_;
};

}  // namespace decarbfund::core
