#pragma once
// The process's helper thread (issue 21: one outlook in 20 ms on two cores). An outlook hands a
// second thread work three times (the deal files and scenarios while the dataset loads, the
// reference run beside the scenario's runs, the per-deal runs); a new thread each time started 1–4
// ms late on a VM whose other core was asleep. One thread runs every such job in turn, and after a
// job it spins for a few ms (yielding) before it sleeps, so the next job starts at once.
//
// A job is meant to share work through core::TwoEndedJobs: a job the helper has not begun when
// its caller is done is withdrawn and never runs (the caller has done the work itself), so no
// caller waits for another caller's job (the server and the Python module run outlooks on many
// threads), and without a thread (none could be started) the callers do all the work.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace decarbfund::core {

class HelperThread {
 public:
  /// The one helper; its thread starts at the first job.
  static HelperThread& instance();

  class Ticket;
  /// Queues `job` for the helper.
  Ticket run(std::function<void()> job);

  /// Starts the helper's thread now if it has not started (run() starts it otherwise): a command
  /// that will hand it work calls this first thing, so that the thread, and the VM's other core,
  /// are awake by the first job (issue 21: a first job began up to 4 ms late).
  void start();

  ~HelperThread();

 private:
  struct Job {
    std::function<void()> run;
    std::exception_ptr error;
    enum class State { queued, running, done, withdrawn } state = State::queued;
  };
  HelperThread() = default;
  void start_locked();  // start() with mutex_ held
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;  // a job is queued, or the process ends
  std::condition_variable done_;  // a job is done
  std::deque<std::shared_ptr<Job>> queue_;
  std::atomic<std::size_t> queued_{0};  // queue_.size(), read without the lock while spinning
  std::atomic<bool> stop_{false};
  bool started_ = false;
  std::thread thread_;
};

/// A job handed to the helper.
class HelperThread::Ticket {
 public:
  /// Waits for the job if the helper is running it; withdraws it if the helper has not begun it.
  /// Rethrows what the job threw. Once.
  void finish();
  ~Ticket();  // finish() if the caller did not (e.g. while an exception unwinds), swallowing errors
  Ticket(Ticket&&) noexcept = default;
  Ticket& operator=(Ticket&&) = delete;

 private:
  friend class HelperThread;
  Ticket(HelperThread* helper, std::shared_ptr<Job> job) : helper_(helper), job_(std::move(job)) {}
  HelperThread* helper_;
  std::shared_ptr<Job> job_;  // null once finished
};

/// Jobs 0 … n−1 shared by this thread and the helper (core/two_ended_jobs.hpp): the helper takes
/// them from the back while this thread runs `first` (its own work; may be empty), then this
/// thread takes the rest from the front. `job(k, on_helper)` runs job k. Returns when every job is
/// done; rethrows what `first` or a job threw.
void share_with_helper(std::size_t n, const std::function<void(std::size_t job, bool on_helper)>& job,
                       const std::function<void()>& first = {});

}  // namespace decarbfund::core
