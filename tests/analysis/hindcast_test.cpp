// The hindcast on the shipped dataset (issue 12; docs/model.md "Hindcast" states the bounds):
// NEa's industry totals per year, the largest sites, the levy's record. And on the tiny fixture,
// which publishes nothing, a clear refusal.

#include "analysis/hindcast.hpp"

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/diagnostic.hpp"
#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::analysis {
namespace {

const std::filesystem::path kSource = DECARBFUND_SOURCE_DIR;

const Hindcast& shipped() {
  static const Hindcast h = [] {
    const auto model = data::load_dataset_or_throw(kSource / "data/nl");
    const auto scenario = data::load_scenario_or_throw(kSource / "scenarios/belastingplan-2026.yaml");
    return run_hindcast(model, scenario);
  }();
  return h;
}

const HindcastCheck* check(const Hindcast& h, const std::string& key) {
  for (const auto& c : h.checks) {
    if (c.key == key) {
      return &c;
    }
  }
  return nullptr;
}

TEST(Hindcast, EveryPublishedYearIsWithinThreePercentOfNea) {
  const auto& h = shipped();
  int published = 0;
  for (const auto& y : h.years) {
    if (std::isnan(y.published_t)) {
      continue;
    }
    ++published;
    EXPECT_LE(std::abs(y.model_t - y.published_t), kEmissionsBound * y.published_t) << y.year;
    const auto* c = check(h, "emissions_" + std::to_string(y.year));
    ASSERT_NE(c, nullptr) << y.year;
    EXPECT_TRUE(c->within) << y.year;
  }
  EXPECT_GE(published, 4) << "NEa's totals 2021–2024 are in published.csv";
  EXPECT_EQ(h.last_published_year, 2024);
  EXPECT_NEAR(h.last_year_error(), 0.0, kEmissionsBound);
}

TEST(Hindcast, FirmsDoNotAbateBeforeTheyDidInFact) {
  // Deciding from 2021 at the prices of 2021–2024, nothing the model adopts runs by 2024: the
  // record shows no step the history does not already hold.
  const auto& h = shipped();
  EXPECT_EQ(h.decision_from_year, 2021);
  EXPECT_LT(h.options_operating_t, 0.01 * 37e6);
}

TEST(Hindcast, TheLargestSitesMatchTheirPublishedFigureOrSayWhyNot) {
  const auto& h = shipped();
  ASSERT_EQ(h.largest_sites.size(), kLargestSites);
  int verified = 0;
  for (const auto& s : h.largest_sites) {
    if (s.basis == model::HistoryBasis::verified) {
      ++verified;
      ASSERT_FALSE(std::isnan(s.published_t));
      EXPECT_LE(std::abs(s.model_t - s.published_t), kSiteBound * s.published_t) << s.site;
    } else {
      EXPECT_TRUE(std::isnan(s.published_t)) << "a published figure is shown only for a verified site";
    }
  }
  EXPECT_GE(verified, 1) << "Tata Steel's 2024 figure is published";
}

TEST(Hindcast, TheLevyPaidTo2024IsCloseToNothing) {
  const auto* c = check(shipped(), "levy_paid_to_2024");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->within) << c->model;
  EXPECT_DOUBLE_EQ(c->published, 60'000);
}

TEST(Hindcast, The2025LevyIsComparedWithTheBudget) {
  // docs/model.md "Hindcast" explains why the model's 2025 levy is above twice the budget: the
  // pool's balance is a small difference of two large numbers. Held here within a factor 3, so a
  // change that moves it further fails and the page must be revisited.
  const auto* c = check(shipped(), "levy_2025");
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(c->published, 17e6);
  EXPECT_GT(c->model, c->published / 3);
  EXPECT_LT(c->model, c->published * 3);
}

TEST(Hindcast, The2021DprsAreWithinTenPercentOfNeasDeposit) {
  const auto* c = check(shipped(), "dpr_deposited_2021");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->within) << c->model << " vs " << c->published;
}

TEST(Hindcast, ADatasetThatPublishesNothingIsRefused) {
  const auto& model = test::tiny();
  const auto scenario = test::levy_scenario(100.0, 1.0, "s");
  EXPECT_THROW(run_hindcast(model, scenario), core::Error);
  EXPECT_FALSE(hindcast_summary(model, scenario).has_value());
}

}  // namespace
}  // namespace decarbfund::analysis
