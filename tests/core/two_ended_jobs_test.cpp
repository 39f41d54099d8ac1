// core::TwoEndedJobs: each job is claimed once, from the front in order by one thread and from the
// back by the other, however the two race.

#include "core/two_ended_jobs.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace decarbfund::core {
namespace {

TEST(TwoEndedJobs, OneThreadTakesThemAllInOrder) {
  TwoEndedJobs jobs(3);
  EXPECT_EQ(jobs.front(), 0U);
  EXPECT_EQ(jobs.back(), 2U);
  EXPECT_EQ(jobs.front(), 1U);
  EXPECT_EQ(jobs.back(), std::nullopt);
  EXPECT_EQ(jobs.front(), std::nullopt);
  TwoEndedJobs none(0);
  EXPECT_EQ(none.front(), std::nullopt);
}

TEST(TwoEndedJobs, TwoThreadsClaimEachJobOnce) {
  for (int round = 0; round < 50; ++round) {
    constexpr std::size_t kJobs = 1000;
    TwoEndedJobs jobs(kJobs);
    std::vector<std::atomic<int>> claimed(kJobs);
    std::vector<std::size_t> fronts, backs;
    std::thread second([&] {
      while (const auto j = jobs.back()) {
        ++claimed[*j];
        backs.push_back(*j);
      }
    });
    while (const auto j = jobs.front()) {
      ++claimed[*j];
      fronts.push_back(*j);
    }
    second.join();
    for (std::size_t j = 0; j < kJobs; ++j) {
      ASSERT_EQ(claimed[j].load(), 1) << "job " << j;
    }
    ASSERT_EQ(fronts.size() + backs.size(), kJobs);
    for (std::size_t k = 0; k < fronts.size(); ++k) {
      ASSERT_EQ(fronts[k], k);
    }
    for (std::size_t k = 0; k < backs.size(); ++k) {
      ASSERT_EQ(backs[k], kJobs - 1 - k);
    }
  }
}

}  // namespace
}  // namespace decarbfund::core
