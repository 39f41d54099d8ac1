// Tests of data/load_scenario: the three shipped scenarios, inheritance over the base chain, and
// one test per kind of bad scenario with its full message (tests/data/bad/scenario-*.yaml).

#include "data/load_scenario.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace decarbfund::data {
namespace {

using model::LevyCategory;

const std::string kSource = DECARBFUND_SOURCE_DIR;
const std::string kScenarios = kSource + "/scenarios/";
const std::string kBad = kSource + "/tests/data/bad/";

std::size_t idx(LevyCategory c) { return static_cast<std::size_t>(c); }

model::Scenario load_ok(const std::string& path) {
  core::Diagnostics diags;
  auto s = load_scenario(path, diags);
  EXPECT_TRUE(s.has_value()) << diags.to_string();
  EXPECT_EQ(diags.to_string(), "");
  return s.value_or(model::Scenario{});
}

// The full text of every diagnostic of a bad scenario.
std::string load_bad(const std::string& name) {
  core::Diagnostics diags;
  auto s = load_scenario(kBad + name, diags);
  EXPECT_FALSE(s.has_value());
  return diags.to_string();
}

TEST(LoadScenario, ShippedScenariosLoad) {
  for (const char* name : {"klimaatakkoord", "coalition-2023", "belastingplan-2026"}) {
    const auto s = load_ok(kScenarios + name + ".yaml");
    EXPECT_EQ(s.name, name);
    EXPECT_EQ(s.target.reference_scenario, kScenarios + "klimaatakkoord.yaml");
    EXPECT_DOUBLE_EQ(s.target.required_t, 5'900'000);
  }
}

// policy.md §1.5: RF_t = 1.213 − 0.078 × (t − 2023) for 2023 ≤ t ≤ 2030 under the 2023 law.
TEST(LoadScenario, CoalitionReductionFactorPath) {
  const auto s = load_ok(kScenarios + "coalition-2023.yaml");
  EXPECT_EQ(s.levy.version, "coalition-2023");
  for (auto c : {LevyCategory::ets_industrial, LevyCategory::waste_incineration, LevyCategory::n2o}) {
    const auto& rf = s.levy.reduction_factor[idx(c)];
    for (int t = 2023; t <= 2030; ++t) {
      EXPECT_DOUBLE_EQ(rf.at(t), 1.213 - 0.078 * (t - 2023)) << t;
    }
    EXPECT_DOUBLE_EQ(rf.at(2024), 1.135);
    EXPECT_DOUBLE_EQ(rf.at(2030), 0.667);
  }
  EXPECT_TRUE(s.package_enabled);
  EXPECT_EQ(s.chain, (std::vector<std::string>{kScenarios + "klimaatakkoord.yaml",
                                               kScenarios + "coalition-2023.yaml"}));
}

// The reference path: 4 Mt more DPRs in 2030 on a 42.0 Mt basis than the coalition path
// (scenarios/klimaatakkoord.yaml states the arithmetic); tariffs and P_ETS are shared.
TEST(LoadScenario, KlimaatakkoordHoldsFourMtMoreDprsIn2030) {
  const auto ka = load_ok(kScenarios + "klimaatakkoord.yaml");
  const auto co = load_ok(kScenarios + "coalition-2023.yaml");
  const auto e = idx(LevyCategory::ets_industrial);
  const double extra_mt = (ka.levy.reduction_factor[e].at(2030) - co.levy.reduction_factor[e].at(2030)) * 42.0;
  EXPECT_NEAR(extra_mt, 4.0, 0.0005 * 42.0);  // RF is stated to three decimals
  EXPECT_DOUBLE_EQ(ka.levy.reduction_factor[e].at(2023), 1.213);
  EXPECT_FALSE(ka.package_enabled);
  for (int t = 2021; t <= 2030; ++t) {
    EXPECT_DOUBLE_EQ(ka.levy.tariff_eur_per_t[e].at(t), co.levy.tariff_eur_per_t[e].at(t)) << t;
  }
  EXPECT_DOUBLE_EQ(ka.levy.tariff_eur_per_t[e].at(2021), 30.48);
  EXPECT_DOUBLE_EQ(ka.levy.tariff_eur_per_t[e].at(2022), 41.75);
  EXPECT_DOUBLE_EQ(ka.levy.tariff_eur_per_t[e].at(2025), 87.90);
  EXPECT_DOUBLE_EQ(ka.levy.ets_reference_price_eur_per_t.at(2021), 26.73);
  EXPECT_DOUBLE_EQ(ka.levy.ets_reference_price_eur_per_t.at(2022), 60.78);
  EXPECT_FALSE(ka.levy.ets_reference_price_eur_per_t.covers(2023));
  EXPECT_TRUE(ka.levy.minimum_price_eur_per_t.empty());
}

// belastingplan-2026 inherits coalition's 2023 RF and the base's 2021 tariff, and overrides
// 2026 onwards (policy.md §8.1, §8.3, §1.8).
TEST(LoadScenario, BelastingplanInheritsAndOverrides) {
  const auto s = load_ok(kScenarios + "belastingplan-2026.yaml");
  const auto e = idx(LevyCategory::ets_industrial);
  const auto w = idx(LevyCategory::waste_incineration);
  const auto n = idx(LevyCategory::n2o);
  EXPECT_EQ(s.levy.version, "belastingplan-2026");
  EXPECT_EQ(s.chain.size(), 3U);
  EXPECT_DOUBLE_EQ(s.levy.reduction_factor[e].at(2023), 1.213);  // from coalition-2023
  EXPECT_DOUBLE_EQ(s.levy.reduction_factor[e].at(2025), 1.057);
  EXPECT_DOUBLE_EQ(s.levy.reduction_factor[e].at(2028), 1.057);  // raised and frozen
  EXPECT_DOUBLE_EQ(s.levy.reduction_factor[w].at(2028), 0.823);  // AVIs keep the 2023 path
  EXPECT_DOUBLE_EQ(s.levy.tariff_eur_per_t[e].at(2021), 30.48);  // from klimaatakkoord
  EXPECT_DOUBLE_EQ(s.levy.tariff_eur_per_t[e].at(2025), 87.90);
  EXPECT_DOUBLE_EQ(s.levy.tariff_eur_per_t[e].at(2027), 78.67);  // its own
  EXPECT_DOUBLE_EQ(s.levy.tariff_eur_per_t[n].at(2027), 78.67);
  EXPECT_DOUBLE_EQ(s.levy.tariff_eur_per_t[w].at(2030), 295.0);
  EXPECT_DOUBLE_EQ(s.levy.avi_correction_factor.at(2030), 0.308);
  EXPECT_DOUBLE_EQ(s.levy.avi_correction_factor.at(2040), 0.0);
  EXPECT_TRUE(s.levy.avi_trading_among_avis_only);
  EXPECT_TRUE(s.package_enabled);  // from coalition-2023
  EXPECT_EQ(s.start_year, 2020);
  EXPECT_EQ(s.seed, 20261128U);
}

TEST(LoadScenario, UnknownKeyNamesAllowedKeys) {
  EXPECT_EQ(load_bad("scenario-unknown-key.yaml"),
            kBad + "scenario-unknown-key.yaml:6: policy.levy.tarif_eur_per_t: expected one of the "
                   "keys version, first_year, last_year, tariff_eur_per_t, reduction_factor, "
                   "ets_reference_price_eur_per_t, avi_correction_factor, "
                   "minimum_price_eur_per_t, dpr_trading, carry_back, "
                   "avi_trading_among_avis_only, price_basis, found an unknown key\n");
}

TEST(LoadScenario, WrongTypeNamesKeyPathAndUnit) {
  EXPECT_EQ(load_bad("scenario-wrong-type.yaml"),
            kBad + "scenario-wrong-type.yaml:8: policy.levy.tariff_eur_per_t.ets_industrial[2031]: "
                   "expected a number in EUR/t from 0 to 10000, found \"tbd\"\n");
}

TEST(LoadScenario, MissingBaseFile) {
  EXPECT_EQ(load_bad("scenario-missing-base.yaml"),
            kBad + "scenario-missing-base.yaml:3: base: expected an existing scenario file (a path "
                   "relative to this file), found \"nothere.yaml\" (no file " + kBad +
                "nothere.yaml)\n");
}

TEST(LoadScenario, BaseCycle) {
  EXPECT_EQ(load_bad("scenario-cycle-a.yaml"),
            kBad + "scenario-cycle-b.yaml:3: base: expected a base chain that ends (no scenario may "
                   "be its own base), found the cycle " + kBad + "scenario-cycle-a.yaml → " + kBad +
                "scenario-cycle-b.yaml → " + kBad + "scenario-cycle-a.yaml\n");
}

TEST(LoadScenario, YearOutOfRange) {
  EXPECT_EQ(load_bad("scenario-year-out-of-range.yaml"),
            kBad + "scenario-year-out-of-range.yaml:6: policy.levy.ets_reference_price_eur_per_t"
                   "[2150]: expected a year from 1990 to 2100, found \"2150\"\n");
}

TEST(LoadScenario, NegativeTariff) {
  EXPECT_EQ(load_bad("scenario-negative-tariff.yaml"),
            kBad + "scenario-negative-tariff.yaml:7: policy.levy.tariff_eur_per_t.n2o[2031]: "
                   "expected a number in EUR/t from 0 to 10000, found \"-5\"\n");
}

TEST(LoadScenario, YearGapIsNotInterpolated) {
  EXPECT_EQ(load_bad("scenario-year-gap.yaml"),
            kBad + "scenario-year-gap.yaml:8: policy.levy.tariff_eur_per_t.n2o: expected a value "
                   "for every year from 2021 to 2033 (years are not interpolated), found none for "
                   "2032\n");
}

TEST(LoadScenario, MissingFile) {
  EXPECT_EQ(load_bad("no-such-scenario.yaml"),
            kBad + "no-such-scenario.yaml: expected a readable scenario file, found no such file\n");
}

// The package levers (docs/scenarios.md "package"), as a diff over a shipped scenario.
std::optional<model::Scenario> load_diff(const std::string& text, core::Diagnostics& diags) {
  return load_scenario_text(text, "diff.yaml", kScenarios, diags);
}

std::string load_diff_bad(const std::string& text) {
  core::Diagnostics diags;
  EXPECT_FALSE(load_diff(text, diags).has_value());
  return diags.to_string();
}

TEST(LoadScenario, PackageLeversAreRead) {
  core::Diagnostics diags;
  const auto s = load_diff(
      "name: what-if\nbase: belastingplan-2026.yaml\npackage:\n  enabled: true\n  deal_phase:\n"
      "    tata-steel: binding\n    nobian: stopped\n  deal_budget_eur: 3.0e9\n  sme_budget_eur: 1.5e8\n",
      diags);
  ASSERT_TRUE(s.has_value()) << diags.to_string();
  ASSERT_EQ(s->deal_phase.size(), 2U);
  EXPECT_EQ(s->deal_phase.at("tata-steel").phase, model::DealPhase::binding);
  EXPECT_EQ(s->deal_phase.at("tata-steel").file, "diff.yaml");
  EXPECT_EQ(s->deal_phase.at("tata-steel").line, 6);
  EXPECT_EQ(s->deal_phase.at("nobian").phase, model::DealPhase::stopped);
  EXPECT_EQ(s->deal_budget_eur, 3.0e9);
  EXPECT_EQ(s->sme_budget_eur, 1.5e8);
}

TEST(LoadScenario, PackageLeversAbsentByDefault) {
  const auto s = load_ok(kScenarios + "belastingplan-2026.yaml");
  EXPECT_TRUE(s.deal_phase.empty());
  EXPECT_FALSE(s.deal_budget_eur.has_value());
  EXPECT_FALSE(s.sme_budget_eur.has_value());
}

// deal_phase merges per deal id over the chain; `~` drops an inherited entry or budget.
TEST(LoadScenario, PackageLeversMergeOverTheBaseChain) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "levers-chain";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "base.yaml") << "name: base\nbase: " << kScenarios
                                   << "belastingplan-2026.yaml\npackage:\n  deal_phase: {tata-steel: binding, "
                                      "nobian: stopped}\n  deal_budget_eur: 3.0e9\n  sme_budget_eur: 1.0e8\n";
  std::ofstream(dir / "child.yaml") << "name: child\nbase: base.yaml\npackage:\n  deal_phase: {nobian: ~, "
                                       "shell: jloi}\n  deal_budget_eur: ~\n";
  const auto s = load_ok((dir / "child.yaml").string());
  ASSERT_EQ(s.deal_phase.size(), 2U);
  EXPECT_EQ(s.deal_phase.at("tata-steel").phase, model::DealPhase::binding);
  EXPECT_EQ(s.deal_phase.at("tata-steel").file, (dir / "base.yaml").string());
  EXPECT_EQ(s.deal_phase.at("shell").phase, model::DealPhase::jloi);
  EXPECT_FALSE(s.deal_phase.contains("nobian"));
  EXPECT_FALSE(s.deal_budget_eur.has_value());
  EXPECT_EQ(s.sme_budget_eur, 1.0e8);  // inherited
}

TEST(LoadScenario, PackageUnknownKeyNamesAllowedKeys) {
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\npackage:\n  deal_phases: {tata-steel: binding}\n"),
            "diff.yaml:4: package.deal_phases: expected one of the keys enabled, deal_phase, deal_budget_eur, "
            "sme_budget_eur, found an unknown key\n");
}

TEST(LoadScenario, PackageDealPhaseUnknownPhase) {
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\npackage:\n  deal_phase:\n    tata-steel: signed\n"),
            "diff.yaml:5: package.deal_phase.tata-steel: expected a deal phase: one of exploration, eop, "
            "early_support, jloi, binding, implementation, paused, stopped, found \"signed\"\n");
}

TEST(LoadScenario, PackageDealPhaseMustBeAMapping) {
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\npackage:\n  deal_phase: [tata-steel]\n"),
            "diff.yaml:4: package.deal_phase: expected a mapping of deal id: phase, found a list\n");
}

TEST(LoadScenario, PackageBudgetsMustBeNonNegativeNumbers) {
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\npackage:\n  deal_budget_eur: -1\n"
                          "  sme_budget_eur: lots\n"),
            "diff.yaml:4: package.deal_budget_eur: expected a number in EUR from 0 to 100000000000, found \"-1\"\n"
            "diff.yaml:5: package.sme_budget_eur: expected a number in EUR from 0 to 100000000000, found \"lots\"\n");
}

TEST(LoadScenario, LevyBalanceSigmaIsReadOrLeftToTheHistory) {
  // Unset in the shipped scenarios: the simulation estimates it from the dataset's history.
  EXPECT_FALSE(load_ok(kScenarios + "coalition-2023.yaml").response.levy_balance_sigma.has_value());
  const auto dir = std::filesystem::temp_directory_path() / "decarbfund-levy-sigma";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "s.yaml") << "name: s\nbase: " << kScenarios << "coalition-2023.yaml\n"
                                << "response: {levy_balance_sigma: 0.05}\n"
                                << "uncertainty: {levy_balance_sigma: {distribution: uniform, min: 0.5, max: 2}}\n";
  const auto s = load_ok((dir / "s.yaml").string());
  EXPECT_EQ(s.response.levy_balance_sigma, 0.05);
  EXPECT_EQ(s.uncertainty.levy_balance_sigma.describe(), "uniform(min 0.5, max 2)");
  std::filesystem::remove_all(dir);
}

TEST(LoadScenario, LevyBalanceSigmaAndRuleAreChecked) {
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\nresponse:\n  levy_balance_sigma: 2\n"
                          "  rule: stochastic\n"),
            "diff.yaml:5: response.rule: expected npv_threshold (the only adoption rule implemented), found "
            "\"stochastic\"\n"
            "diff.yaml:4: response.levy_balance_sigma: expected a number in per √yr from 0 to 1, found \"2\"\n");
}

// SDE++ is on in every shipped scenario through the root file, and a world key (docs/model.md "SDE++").
TEST(LoadScenario, SdeOnInTheShippedScenarios) {
  for (const char* name : {"klimaatakkoord", "coalition-2023", "belastingplan-2026"}) {
    EXPECT_TRUE(load_ok(kScenarios + name + ".yaml").sde_enabled) << name;
  }
}

TEST(LoadScenario, InstrumentsKeysAndValuesAreChecked) {
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\ninstruments:\n  sde: maybe\n"),
            "diff.yaml:4: instruments.sde: expected true or false, found \"maybe\"\n");
  EXPECT_EQ(load_diff_bad("name: x\nbase: belastingplan-2026.yaml\ninstruments:\n  sdepp: true\n"),
            "diff.yaml:4: instruments.sdepp: expected one of the keys sde, found an unknown key\n");
}

}  // namespace
}  // namespace decarbfund::data
