// The `uncertainty:` section of scenario files (docs/uncertainty.md): defaults, merging over the
// base chain, and one message per bad value with file, line and key path (STYLE §2.5).

#include <gtest/gtest.h>

#include "data/load_scenario.hpp"

namespace decarbfund::data {
namespace {

const std::string kRoot = DECARBFUND_SOURCE_DIR;

std::optional<model::Scenario> load(const std::string& text, core::Diagnostics& diags) {
  return load_scenario_text(text, "x.yaml", kRoot + "/scenarios", diags);
}

TEST(LoadScenarioUncertainty, DefaultsWithoutASection) {
  core::Diagnostics diags;
  const auto s = load("name: x\nbase: coalition-2023.yaml\n", diags);
  ASSERT_TRUE(s) << diags.to_string();
  const auto& u = s->uncertainty;
  EXPECT_EQ(u.price_factor.at("ets_eur_per_t").describe(), "lognormal(median 1, sigma 0.25)");
  EXPECT_EQ(u.capex, model::RangeShape::triangular);
  EXPECT_EQ(u.infrastructure_delay_default.describe(), "discrete(0: 0.5, 1: 0.3, 2: 0.2)");
  EXPECT_EQ(u.deals, model::DealRealisation::by_phase);
}

TEST(LoadScenarioUncertainty, SectionOverridesPerKey) {
  core::Diagnostics diags;
  const auto s = load(R"(name: x
base: coalition-2023.yaml
uncertainty:
  prices:
    ets_eur_per_t: {distribution: triangular, min: 0.7, mode: 1.0, max: 1.5}
  capex: uniform
  infrastructure_delay_yr:
    default: {distribution: fixed, value: 0}
    aramis: {distribution: discrete, values: [0, 2, 4], probabilities: [0.2, 0.5, 0.3]}
  permit_delay_yr: {distribution: uniform, min: 0, max: 3}
  deals: {realisation: by_phase, probability: {jloi: 0.6}}
  sme_realisation: {distribution: bernoulli, p: 0.9}
  activity:
    default: {distribution: fixed, value: 1}
    steel: {distribution: lognormal, median: 1.0, sigma: 0.15}
)",
                      diags);
  ASSERT_TRUE(s) << diags.to_string();
  const auto& u = s->uncertainty;
  EXPECT_EQ(u.price_factor.at("ets_eur_per_t").describe(), "triangular(min 0.7, mode 1, max 1.5)");
  EXPECT_EQ(u.price_factor.at("gas_industry_eur_per_gj").describe(), "lognormal(median 1, sigma 0.25)")
      << "series not named keep the default";
  EXPECT_EQ(u.capex, model::RangeShape::uniform);
  EXPECT_TRUE(u.infrastructure_delay_default.is_fixed());
  EXPECT_EQ(u.infrastructure_delay_yr.at("aramis").describe(), "discrete(0: 0.2, 2: 0.5, 4: 0.3)");
  EXPECT_EQ(u.permit_delay_yr.describe(), "uniform(min 0, max 3)");
  EXPECT_EQ(u.deal_probability.at("jloi"), 0.6);
  EXPECT_EQ(u.sme_realisation.describe(), "bernoulli(p 0.9)");
  EXPECT_TRUE(u.activity_default.is_fixed());
  EXPECT_EQ(u.activity_factor.at("steel").describe(), "lognormal(median 1, sigma 0.15)");
}

TEST(LoadScenarioUncertainty, BadValuesNameLineAndKeyPath) {
  core::Diagnostics diags;
  const auto s = load(R"(name: x
base: coalition-2023.yaml
uncertainty:
  prices:
    ets_eur_per_t: {distribution: normal, mean: 1, sd: 0.2}
    gold: {distribution: fixed, value: 1}
  capex: wide
  infrastructure_delay_yr:
    aramis: {distribution: discrete, values: [0, 2], probabilities: [0.2, 0.5]}
  permit_delay_yr: {distribution: triangular, min: 0, mode: 3, max: 2}
  sme_realisation: {distribution: uniform, min: 0.5}
)",
                      diags);
  EXPECT_FALSE(s);
  std::vector<std::string> messages;
  for (const auto& d : diags.all()) {
    messages.push_back(d.to_string());
  }
  const std::vector<std::string> expected = {
      "x.yaml:5: uncertainty.prices.ets_eur_per_t.distribution: expected a distribution that stays within [0, inf] "
      "(a normal does not; use triangular, uniform or lognormal), found \"normal\"",
      "x.yaml:6: uncertainty.prices.gold: expected one of the price series ets_eur_per_t, ets_reference_eur_per_t, "
      "gas_industry_eur_per_gj, gas_sme_eur_per_gj, electricity_industry_eur_per_mwh, electricity_sme_eur_per_mwh, "
      "hydrogen_eur_per_gj, biomass_eur_per_gj, co2_transport_storage_eur_per_t, found an unknown key",
      "x.yaml:7: uncertainty.capex: expected one of none, uniform, triangular (drawn from the option's low/high "
      "range), found \"wide\"",
      "x.yaml:9: uncertainty.infrastructure_delay_yr.aramis.probabilities: expected probabilities that sum to 1, "
      "found a sum of 0.7",
      "x.yaml:10: uncertainty.permit_delay_yr: expected min ≤ mode ≤ max, found min 0, mode 3, max 2",
      "x.yaml:11: uncertainty.sme_realisation.max: expected a value for 'max' (distribution uniform), found nothing",
  };
  EXPECT_EQ(messages, expected);
}

}  // namespace
}  // namespace decarbfund::data
