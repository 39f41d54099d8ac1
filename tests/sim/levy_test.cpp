// Tests of sim/levy: each worked example of policy.md §1 reproduced exactly.

#include "sim/levy.hpp"

#include <array>
#include <cmath>

#include <gtest/gtest.h>

namespace decarbfund::sim {
namespace {

using model::LevyCategory;

long long cents(double eur) { return std::llround(eur * 100.0); }

std::size_t idx(LevyCategory c) { return static_cast<std::size_t>(c); }

// The known points of policy.md §1.5, §1.6 and §8.2 (tariffs 2021/2022/2025, P_ETS 2021/2022,
// RF 1.213 − 0.078 × (t − 2023)).
model::LevyPolicy known_policy() {
  model::LevyPolicy p;
  p.version = "test";
  p.first_year = 2021;
  p.last_year = 2030;
  for (auto c : {LevyCategory::ets_industrial, LevyCategory::waste_incineration, LevyCategory::n2o}) {
    p.tariff_eur_per_t[idx(c)].set(2021, 30.48);
    p.tariff_eur_per_t[idx(c)].set(2022, 41.75);
    p.tariff_eur_per_t[idx(c)].set(2025, 87.90);
    // Written out as the scenario files state them (1.213 − 0.078 × (t − 2023), rounded to the
    // statutory three decimals), not recomputed, so that 1.057 × 600,000 is exactly 634,200.
    const double rf[] = {1.213, 1.135, 1.057, 0.979, 0.901, 0.823, 0.745, 0.667};
    for (int t = 2023; t <= 2030; ++t) {
      p.reduction_factor[idx(c)].set(t, rf[t - 2023]);
    }
  }
  p.ets_reference_price_eur_per_t.set(2021, 26.73);
  p.ets_reference_price_eur_per_t.set(2022, 60.78);
  return p;
}

// NEa: "1000 t emitted with 800 DPRs → levy due on 200 t" (policy.md §1.3).
TEST(Levy, BaseIsEmissionsAboveDprs) {
  const LevyYear y = levy_year(2025, 1000, 800, 0, 0, 87.90);
  EXPECT_DOUBLE_EQ(y.dpr_held_t, 800);
  EXPECT_DOUBLE_EQ(y.base_t, 200);
  EXPECT_EQ(cents(y.levy_eur), 1'758'000);  // 200 t × 87.90
  EXPECT_DOUBLE_EQ(y.surplus_t, 0);
}

// NEa (policy.md §8.2, §1.3): 2022 P_ETS 60.78 > tariff 41.75 → zero net rate for ETS sites.
TEST(Levy, EtsRateIsZeroIn2022) {
  const auto p = known_policy();
  const double pets = ets_reference_price(p, 2022, -1.0);
  EXPECT_DOUBLE_EQ(pets, 60.78);
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::ets_industrial, 2022, pets), 0.0);
  const LevyYear y = levy_year(2022, 1000, 800, 0, 0, levy_rate(p, LevyCategory::ets_industrial,
                                                              2022, pets));
  EXPECT_DOUBLE_EQ(y.base_t, 200);
  EXPECT_EQ(cents(y.levy_eur), 0);
}

// policy.md §8.2: 2021 net ETS rate max(0, 30.48 − 26.73) = 3.75.
TEST(Levy, EtsRateDeductsReferencePriceIn2021) {
  const auto p = known_policy();
  const double rate = levy_rate(p, LevyCategory::ets_industrial, 2021, ets_reference_price(p, 2021, 0));
  EXPECT_DOUBLE_EQ(rate, 3.75);
}

// Non-ETS installations (AVI, N2O outside ETS) pay the full tariff (policy.md §1.3, §1.8).
TEST(Levy, NonEtsPaysFullTariff) {
  const auto p = known_policy();
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::waste_incineration, 2022, 60.78), 41.75);
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::n2o, 2021, 26.73), 30.48);
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::n2o, 2025, 70.0), 87.90);
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::none, 2025, 0.0), 0.0);
}

// P_ETS is not held flat into years that are not stated: the fallback is used (policy.md §8.2).
TEST(Levy, EtsReferencePriceFallsBackOutsideStatedYears) {
  const auto p = known_policy();
  EXPECT_DOUBLE_EQ(ets_reference_price(p, 2023, 80.5), 80.5);
  EXPECT_DOUBLE_EQ(ets_reference_price(p, 2020, 20.0), 20.0);
}

TEST(Levy, RateIsZeroOutsideLevyYears) {
  const auto p = known_policy();
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::n2o, 2020, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(levy_rate(p, LevyCategory::n2o, 2031, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(dpr_allocation(p, LevyCategory::n2o, 2031, 1000.0), 0.0);
  EXPECT_DOUBLE_EQ(dpr_allocation(p, LevyCategory::none, 2025, 1000.0), 0.0);
}

// policy.md §1.10: RF_2025 = 1.057, DPR = 1.057 × 600,000 = 634,200; base 65,800 t;
// rate 87.90 − 70.00 = 17.90 → EUR 1,177,820; non-ETS 65,800 × 87.90 = EUR 5,783,820;
// a 2026 surplus of 20,000 DPR refunds 20,000 × 17.90 = EUR 358,000.
TEST(Levy, WorkedExampleInstallationX) {
  const auto p = known_policy();
  const double dpr = dpr_allocation(p, LevyCategory::ets_industrial, 2025, 600'000);
  EXPECT_DOUBLE_EQ(dpr, 634'200);
  const double rate = levy_rate(p, LevyCategory::ets_industrial, 2025, 70.00);
  const LevyYear y2025 = levy_year(2025, 700'000, dpr, 0, 0, rate);
  EXPECT_DOUBLE_EQ(y2025.base_t, 65'800);
  EXPECT_EQ(cents(y2025.levy_eur), 117'782'000);
  const LevyYear avi = levy_year(2025, 700'000, dpr, 0, 0,
                                 levy_rate(p, LevyCategory::n2o, 2025, 70.00));
  EXPECT_EQ(cents(avi.levy_eur), 578'382'000);

  std::array<LevyYear, 2> years{y2025, levy_year(2026, 500'000, 520'000, 0, 0, rate)};
  apply_carry_back(years);
  EXPECT_DOUBLE_EQ(years[1].carried_back_t, 20'000);
  EXPECT_EQ(cents(years[1].refund_eur), 35'800'000);
  EXPECT_DOUBLE_EQ(years[0].base_refunded_t, 20'000);
}

// DPR allocation with the AVI correction factor (policy.md §1.8) on waste incinerators only.
TEST(Levy, AviCorrectionFactorAppliesToWasteIncineratorsOnly) {
  auto p = known_policy();
  p.avi_correction_factor.set(2030, 0.5);
  EXPECT_DOUBLE_EQ(dpr_allocation(p, LevyCategory::waste_incineration, 2030, 1000.0), 333.5);
  EXPECT_DOUBLE_EQ(dpr_allocation(p, LevyCategory::ets_industrial, 2030, 1000.0), 667.0);
}

// NEa verrekening example (policy.md §1.7): year 1 100 t / 80 DPR → levy on 20 t; year 2 60 t /
// 70 DPR → 10 surplus refunds the levy on 10 t of year 1.
TEST(Levy, LaterSurplusRefundsEarlierLevy) {
  std::array<LevyYear, 2> years{levy_year(2023, 100, 80, 0, 0, 50.0),
                                levy_year(2024, 60, 70, 0, 0, 60.0)};
  EXPECT_DOUBLE_EQ(years[0].base_t, 20);
  EXPECT_DOUBLE_EQ(years[0].levy_eur, 1000.0);
  EXPECT_DOUBLE_EQ(years[1].surplus_t, 10);
  apply_carry_back(years);
  EXPECT_DOUBLE_EQ(years[0].base_refunded_t, 10);
  EXPECT_DOUBLE_EQ(years[1].carried_back_t, 10);
  EXPECT_DOUBLE_EQ(years[1].refund_eur, 500.0);  // at year 1's rate, not year 2's
  EXPECT_DOUBLE_EQ(years[1].lapsed_t(), 0);
}

// Same example, second variant: buying 10 more DPRs in year 2 refunds all of year 1.
TEST(Levy, BoughtDprsRefundAllEarlierLevy) {
  std::array<LevyYear, 2> years{levy_year(2023, 100, 80, 0, 0, 50.0),
                                levy_year(2024, 60, 70, 10, 0, 60.0)};
  EXPECT_DOUBLE_EQ(years[1].surplus_t, 20);
  apply_carry_back(years);
  EXPECT_DOUBLE_EQ(years[0].base_refunded_t, 20);
  EXPECT_DOUBLE_EQ(years[1].refund_eur, 1000.0);  // the whole year-1 levy
}

// Oldest first (stated assumption, policy.md §1.7); years without levy paid are skipped; the
// unused rest lapses (no forward banking, §8.4).
TEST(Levy, CarryBackOldestFirstSkipsYearsWithoutLevy) {
  std::array<LevyYear, 4> years{levy_year(2021, 100, 90, 0, 0, 3.75),   // 10 t at 3.75
                                levy_year(2022, 100, 50, 0, 0, 0.0),    // rate 0: nothing paid
                                levy_year(2023, 100, 95, 0, 0, 20.0),   // 5 t at 20
                                levy_year(2024, 80, 100, 0, 0, 30.0)};  // 20 t surplus
  apply_carry_back(years);
  EXPECT_DOUBLE_EQ(years[0].base_refunded_t, 10);
  EXPECT_DOUBLE_EQ(years[1].base_refunded_t, 0);
  EXPECT_DOUBLE_EQ(years[2].base_refunded_t, 5);
  EXPECT_DOUBLE_EQ(years[3].carried_back_t, 15);
  EXPECT_DOUBLE_EQ(years[3].refund_eur, 10 * 3.75 + 5 * 20.0);
  EXPECT_DOUBLE_EQ(years[3].lapsed_t(), 5);
}

// A year's surplus cannot refund its own or later years, and is spent only once.
TEST(Levy, SurplusIsSpentOnce) {
  std::array<LevyYear, 3> years{levy_year(2023, 100, 80, 0, 0, 10.0),
                                levy_year(2024, 50, 60, 0, 0, 10.0),
                                levy_year(2025, 50, 80, 0, 0, 10.0)};
  apply_carry_back(years);
  EXPECT_DOUBLE_EQ(years[0].base_refunded_t, 20);
  EXPECT_DOUBLE_EQ(years[1].carried_back_t, 10);
  EXPECT_DOUBLE_EQ(years[2].carried_back_t, 10);
  EXPECT_DOUBLE_EQ(years[2].lapsed_t(), 20);
}

// Only a surplus can be sold (policy.md §1.7): the excess is clipped and reported.
TEST(Levy, SalesAboveSurplusAreRejected) {
  EXPECT_DOUBLE_EQ(sellable_surplus(60, 70, 5), 15);
  EXPECT_DOUBLE_EQ(sellable_surplus(100, 80, 0), 0);
  const LevyYear y = levy_year(2024, 60, 70, 0, 25, 10.0);
  EXPECT_DOUBLE_EQ(y.dpr_sold_t, 10);
  EXPECT_DOUBLE_EQ(y.dpr_sold_rejected_t, 15);
  EXPECT_DOUBLE_EQ(y.dpr_held_t, 60);
  EXPECT_DOUBLE_EQ(y.base_t, 0);
  EXPECT_DOUBLE_EQ(y.surplus_t, 0);
}

// Minimum CO2 price (policy.md §8.5): off by default; when set, a second term on covered tonnes:
// Levy = max(0, E − DPR) × max(0, T − P) + min(E, DPR) × max(0, Pmin − P).
TEST(Levy, MinimumPriceTermOnCoveredEmissions) {
  auto p = known_policy();
  EXPECT_DOUBLE_EQ(minimum_price_rate(p, LevyCategory::ets_industrial, 2025, 10.0), 0.0);
  p.minimum_price_eur_per_t.set(2025, 22.0);
  EXPECT_DOUBLE_EQ(minimum_price_rate(p, LevyCategory::ets_industrial, 2025, 10.0), 12.0);
  EXPECT_DOUBLE_EQ(minimum_price_rate(p, LevyCategory::ets_industrial, 2025, 70.0), 0.0);
  EXPECT_DOUBLE_EQ(minimum_price_rate(p, LevyCategory::waste_incineration, 2025, 70.0), 22.0);
  const LevyYear y = levy_year(2025, 1000, 800, 0, 0, 77.90, 12.0);
  EXPECT_EQ(cents(y.levy_eur), 1'558'000);             // 200 × 77.90
  EXPECT_EQ(cents(y.minimum_price_levy_eur), 960'000);  // 800 × 12
}

}  // namespace
}  // namespace decarbfund::sim
