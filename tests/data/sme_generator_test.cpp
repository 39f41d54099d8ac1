// The SME application generator: deterministic, prefix-stable, calibrated (docs/sme.md).

#include "data/sme_generator.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "data/load_applications.hpp"
#include "data/load_sme.hpp"

namespace decarbfund::data {
namespace {

std::vector<model::Technique> catalogue() {
  core::Diagnostics diags;
  return load_sme_techniques(std::string(DECARBFUND_SOURCE_DIR) + "/data/nl/sme-techniques.csv",
                             diags)
      .value();
}

std::string generate(std::size_t firms, std::uint64_t seed) {
  GeneratorConfig config;
  config.firms = firms;
  config.seed = seed;
  return applications_csv(generate_applications(catalogue(), config));
}

TEST(SmeGenerator, SameSeedGivesIdenticalBytes) {
  const auto a = generate(3000, 42);
  const auto b = generate(3000, 42);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, generate(3000, 43));
}

TEST(SmeGenerator, LargerPopulationKeepsTheSmallerAsPrefix) {
  const auto small = generate(1000, 7);
  const auto large = generate(2000, 7);
  ASSERT_LT(small.size(), large.size());
  EXPECT_EQ(large.substr(0, small.size()), small);
}

TEST(SmeGenerator, OutputReadsBackThroughTheStrictLoader) {
  const auto techniques = catalogue();
  core::Diagnostics diags;
  auto apps = parse_applications(generate(2000, 1), "gen.csv", techniques, diags);
  ASSERT_TRUE(apps) << diags.to_string();
  EXPECT_GT(apps->size(), 50u);
}

TEST(SmeGenerator, CalibratedApplicantCountsAndWindow) {
  GeneratorConfig config;
  config.firms = 20'000;
  config.seed = 3;
  const auto apps = generate_applications(catalogue(), config);
  // Expected applicants per firm: 0.902 × 0.04 + 0.079 × 0.30 + 0.020 × 0.50 × 1.3 ≈ 0.0729.
  EXPECT_NEAR(static_cast<double>(apps.size()) / 20'000.0, 0.0729, 0.008);
  std::map<model::FirmSize, int> by_size;
  for (const auto& a : apps) {
    ++by_size[a.firm_size];
    EXPECT_GE(a.submitted_at, "2024-04-22T09:00:00");
    EXPECT_LE(a.submitted_at, "2025-01-31T17:00:00");
    EXPECT_GT(a.eligible_cost_eur, 0);
    EXPECT_GT(a.claimed_reduction_t_per_yr, 0);
    EXPECT_TRUE(a.technique_id != "T13" || a.sector == "glass_ceramics") << a.id;
  }
  // Small firms are 90 % of the population but under half of the applicants.
  const double small_share = by_size[model::FirmSize::small] / static_cast<double>(apps.size());
  EXPECT_NEAR(small_share, 0.0361 / 0.0729, 0.06);
}

TEST(CoreRng, UniformIsAPureFunctionOfItsKey) {
  EXPECT_EQ(core::uniform(1, 2, 3), core::uniform(1, 2, 3));
  EXPECT_NE(core::uniform(1, 2, 3), core::uniform(1, 2, 4));
  EXPECT_NE(core::uniform(1, 2, 3), core::uniform(1, 3, 3));
  EXPECT_NE(core::uniform(1, 2, 3), core::uniform(2, 2, 3));
  double sum = 0;
  for (std::uint64_t i = 0; i < 100'000; ++i) {
    const double u = core::uniform(9, 0, i);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100'000, 0.5, 0.005);
}

}  // namespace
}  // namespace decarbfund::data
