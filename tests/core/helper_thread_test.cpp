// core::HelperThread: a job runs on the helper and finish() waits for it and rethrows what it
// threw; a job the helper has not begun when its caller finishes is withdrawn and never runs, so
// no caller waits behind another's job.

#include "core/helper_thread.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

TEST(HelperThread, RunsAJobOnAnotherThreadAndWaitsForIt) {
  std::thread::id ran_on;
  std::atomic<bool> begun{false};
  auto ticket = HelperThread::instance().run([&] {
    begun = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ran_on = std::this_thread::get_id();
  });
  while (!begun) {
    std::this_thread::yield();
  }
  ticket.finish();
  EXPECT_NE(ran_on, std::thread::id());
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(HelperThread, AThreadStartedAheadRunsTheJobsThatFollow) {
  // start() is what main() calls for a verb that reads its inputs on two threads; again, it does
  // nothing, and the jobs queued after it run on the helper as before.
  HelperThread::instance().start();
  HelperThread::instance().start();
  std::thread::id ran_on;
  std::atomic<bool> ran{false};
  auto ticket = HelperThread::instance().run([&] {
    ran_on = std::this_thread::get_id();
    ran = true;
  });
  // (Withdrawn if the helper has not begun it: then it never ran. Wait until it has.)
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!ran && std::chrono::steady_clock::now() < until) {
    std::this_thread::yield();
  }
  ticket.finish();
  EXPECT_NE(ran_on, std::thread::id());
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(HelperThread, FinishRethrowsWhatTheJobThrew) {
  std::atomic<bool> begun{false};
  auto ticket = HelperThread::instance().run([&] {
    begun = true;
    throw std::runtime_error("from the helper");
  });
  while (!begun) {
    std::this_thread::yield();
  }
  EXPECT_THROW(
      {
        try {
          ticket.finish();
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "from the helper");
          throw;
        }
      },
      std::runtime_error);
}

TEST(HelperThread, AJobNotBegunIsWithdrawn) {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> first_begun{false};
  auto busy = HelperThread::instance().run([&] {
    first_begun = true;
    released.wait();
  });
  while (!first_begun) {
    std::this_thread::yield();
  }
  std::atomic<bool> second_ran{false};
  {
    auto queued = HelperThread::instance().run([&] { second_ran = true; });
    const auto t0 = std::chrono::steady_clock::now();
    queued.finish();  // the helper is busy: withdrawn at once, not waited for
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  }
  release.set_value();
  busy.finish();
  EXPECT_FALSE(second_ran.load());
  // The helper goes on with later jobs.
  std::atomic<bool> third_ran{false};
  std::atomic<bool> third_begun{false};
  auto third = HelperThread::instance().run([&] {
    third_begun = true;
    third_ran = true;
  });
  while (!third_begun) {
    std::this_thread::yield();
  }
  third.finish();
  EXPECT_TRUE(third_ran.load());
}

TEST(HelperThread, ATicketLeftUnfinishedFinishesWhenDestroyed) {
  std::atomic<int> value{0};
  std::atomic<bool> begun{false};
  {
    auto ticket = HelperThread::instance().run([&] {
      begun = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      value = 1;
    });
    while (!begun) {
      std::this_thread::yield();
    }
  }
  EXPECT_EQ(value.load(), 1) << "the destructor waited for the running job";
}

}  // namespace
}  // namespace decarbfund::core
