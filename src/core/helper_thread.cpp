#include "core/helper_thread.hpp"

#include <chrono>
#include <system_error>

#include "core/huge_pages.hpp"
#include "core/two_ended_jobs.hpp"

namespace decarbfund::core {

namespace {
/// How long the helper stays awake after a job. An outlook's jobs come a few ms apart; spinning
/// longer would only burn a core for nothing.
constexpr auto kSpin = std::chrono::milliseconds(8);
}  // namespace

HelperThread& HelperThread::instance() {
  static HelperThread helper;
  return helper;
}

HelperThread::~HelperThread() {
  {
    const std::lock_guard lock(mutex_);
    stop_.store(true);
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void HelperThread::start_locked() {
  if (started_) {
    return;
  }
  started_ = true;
  try {
    thread_ = std::thread([this] { loop(); });
  } catch (const std::system_error&) {
    // No thread: every job is withdrawn at finish(), its caller doing the work.
  }
}

void HelperThread::start() {
  const std::lock_guard lock(mutex_);
  start_locked();
}

HelperThread::Ticket HelperThread::run(std::function<void()> job) {
  auto j = std::make_shared<Job>();
  j->run = std::move(job);
  {
    const std::lock_guard lock(mutex_);
    start_locked();
    queue_.push_back(j);
    queued_.fetch_add(1);
  }
  wake_.notify_one();
  return Ticket(this, std::move(j));
}

void HelperThread::loop() {
  prefer_huge_thread_heap_pages();
  // Awake from the start too: a thread started ahead of its first job (start()) waits for it so.
  auto awake_until = std::chrono::steady_clock::now() + kSpin;
  while (true) {
    // Awake for kSpin after a job: the next one starts at once. Yielding lets another thread of
    // this core run (one core, or a busy machine).
    while (queued_.load() == 0 && !stop_.load() && std::chrono::steady_clock::now() < awake_until) {
      std::this_thread::yield();
    }
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return !queue_.empty() || stop_.load(); });
    if (stop_.load()) {
      return;
    }
    auto job = std::move(queue_.front());
    queue_.pop_front();
    queued_.fetch_sub(1);
    job->state = Job::State::running;
    lock.unlock();
    try {
      job->run();
    } catch (...) {
      job->error = std::current_exception();
    }
    lock.lock();
    job->state = Job::State::done;
    done_.notify_all();
    awake_until = std::chrono::steady_clock::now() + kSpin;
  }
}

void HelperThread::Ticket::finish() {
  if (!job_) {
    return;
  }
  auto job = std::move(job_);
  {
    std::unique_lock lock(helper_->mutex_);
    if (job->state == Job::State::queued) {
      std::erase(helper_->queue_, job);
      helper_->queued_.fetch_sub(1);
      job->state = Job::State::withdrawn;
      return;
    }
    helper_->done_.wait(lock, [&] { return job->state == Job::State::done; });
  }
  if (job->error) {
    std::rethrow_exception(job->error);
  }
}

HelperThread::Ticket::~Ticket() {
  try {
    finish();
  } catch (...) {
    // The caller is unwinding from another error, which is the one to report.
  }
}

void share_with_helper(std::size_t n, const std::function<void(std::size_t, bool)>& job,
                       const std::function<void()>& first) {
  TwoEndedJobs jobs(n);
  auto helper = HelperThread::instance().run([&] {
    while (const auto k = jobs.back()) {
      job(*k, true);
    }
  });
  if (first) {
    first();
  }
  while (const auto k = jobs.front()) {
    job(*k, false);
  }
  helper.finish();
}

}  // namespace decarbfund::core
