// Who is an SME (issue 16 §4): Commission Recommendation 2003/361/EC, Annex I
// art. 2, at each boundary. Staff must be below the ceiling; turnover OR
// balance sheet at most the euro ceiling.

#include "model/firm_size.hpp"

#include <gtest/gtest.h>

namespace decarbfund::model {
namespace {

constexpr double kM = 1'000'000;

TEST(FirmSize, StaffCeilingsAreStrict) {
  // art. 2(2): "fewer than 50 persons"; art. 2(1): "fewer than 250 persons".
  EXPECT_EQ(classify_firm(49, 5 * kM, 5 * kM), FirmSize::small);
  EXPECT_EQ(classify_firm(50, 5 * kM, 5 * kM), FirmSize::medium);
  EXPECT_EQ(classify_firm(249, 5 * kM, 5 * kM), FirmSize::medium);
  EXPECT_EQ(classify_firm(250, 5 * kM, 5 * kM), FirmSize::large);
}

TEST(FirmSize, EuroCeilingsAreInclusive) {
  // art. 2(1): turnover "not exceeding EUR 50 million" — 50 m is still medium.
  EXPECT_EQ(classify_firm(100, 50 * kM, 60 * kM), FirmSize::medium);
  EXPECT_EQ(classify_firm(100, 50 * kM + 1, 60 * kM), FirmSize::large);
  // balance sheet "not exceeding EUR 43 million".
  EXPECT_EQ(classify_firm(100, 80 * kM, 43 * kM), FirmSize::medium);
  EXPECT_EQ(classify_firm(100, 80 * kM, 43 * kM + 1), FirmSize::large);
  // art. 2(2): small at 10 m turnover or 10 m balance sheet.
  EXPECT_EQ(classify_firm(20, 10 * kM, 30 * kM), FirmSize::small);
  EXPECT_EQ(classify_firm(20, 30 * kM, 10 * kM), FirmSize::small);
  EXPECT_EQ(classify_firm(20, 10 * kM + 1, 10 * kM + 1), FirmSize::medium);
}

TEST(FirmSize, EitherEuroFigureSuffices) {
  // A 200-person firm with EUR 120 m turnover but a EUR 40 m balance sheet is
  // an SME.
  EXPECT_EQ(classify_firm(200, 120 * kM, 40 * kM), FirmSize::medium);
  // Few staff do not make an SME when both euro figures exceed the ceiling.
  EXPECT_EQ(classify_firm(30, 60 * kM, 50 * kM), FirmSize::large);
}

TEST(FirmSize, MicroCountsAsSmall) {
  EXPECT_TRUE(fits(kMicroCeiling, 9, 2 * kM, 1 * kM));
  EXPECT_EQ(classify_firm(9, 2 * kM, 1 * kM), FirmSize::small);
  EXPECT_TRUE(is_sme(FirmSize::small));
  EXPECT_TRUE(is_sme(FirmSize::medium));
  EXPECT_FALSE(is_sme(FirmSize::large));
}

} // namespace
} // namespace decarbfund::model
