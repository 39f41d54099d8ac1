// Round rules from YAML (data/nl/rounds/veki-2024.yaml, examples/rounds/*.yaml).

#include "data/load_round.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "data/load_sme.hpp"

namespace decarbfund::data {
namespace {

const std::string kRoot = DECARBFUND_SOURCE_DIR;

std::vector<model::Technique> catalogue() {
  core::Diagnostics diags;
  return load_sme_techniques(kRoot + "/data/nl/sme-techniques.csv", diags).value();
}

TEST(LoadRound, Veki2024CarriesItsSourcedRules) {
  core::Diagnostics diags;
  auto r = load_round(kRoot + "/data/nl/rounds/veki-2024.yaml", catalogue(), diags);
  ASSERT_TRUE(r) << diags.to_string();
  EXPECT_EQ(r->id, "veki-2024");
  EXPECT_EQ(r->mode, model::AllocationMode::fcfs);
  EXPECT_DOUBLE_EQ(r->budget_eur, 130'000'000);
  EXPECT_DOUBLE_EQ(r->cap_per_project_eur, 30'000'000);
  EXPECT_DOUBLE_EQ(r->cap_eur_per_t, 80);
  EXPECT_EQ(r->cap_period, model::CapPeriod::lifetime);
  EXPECT_DOUBLE_EQ(r->base_rate[static_cast<std::size_t>(model::SmeTheme::energy_saving)], 0.30);
  EXPECT_DOUBLE_EQ(r->base_rate[static_cast<std::size_t>(model::SmeTheme::circularity)], 0.35);
  EXPECT_TRUE(std::isnan(r->base_rate[static_cast<std::size_t>(model::SmeTheme::renewable_electricity)]));
  EXPECT_DOUBLE_EQ(r->size_bonus[0], 0.20);
  EXPECT_DOUBLE_EQ(r->max_rate, 0.70);
  EXPECT_DOUBLE_EQ(r->economics.discount_rate, 0.07);
  EXPECT_FALSE(r->sources.empty());
}

TEST(LoadRound, EveryExampleModeLoads) {
  for (const char* mode : {"fcfs", "ranking", "points", "phases"}) {
    core::Diagnostics diags;
    auto r = load_round(kRoot + "/examples/rounds/" + mode + ".yaml", catalogue(), diags);
    ASSERT_TRUE(r) << mode << ": " << diags.to_string();
    EXPECT_EQ(model::kAllocationModes[static_cast<std::size_t>(r->mode)], mode);
  }
}

TEST(LoadRound, EveryInstrumentExampleLoadsWithItsRules) {
  core::Diagnostics diags;
  const auto niki = load_round(kRoot + "/examples/rounds/niki.yaml", catalogue(), diags);
  const auto dei = load_round(kRoot + "/examples/rounds/dei.yaml", catalogue(), diags);
  const auto mooi = load_round(kRoot + "/examples/rounds/mooi.yaml", catalogue(), diags);
  const auto shipped = load_round(kRoot + "/data/nl/rounds/niki-2025.yaml", catalogue(), diags);
  const auto sme_only = load_round(kRoot + "/examples/rounds/veki-sme-only.yaml", catalogue(), diags);
  ASSERT_TRUE(niki && dei && mooi && shipped && sme_only) << diags.to_string();
  using model::ProjectType;
  auto type = [](ProjectType t) { return static_cast<std::size_t>(t); };
  EXPECT_EQ(niki->instrument, model::Instrument::niki);
  EXPECT_EQ(niki->mode, model::AllocationMode::ranking);
  EXPECT_DOUBLE_EQ(niki->min_lifetime_reduction_t, 100'000);  // EC IP/25/1250
  EXPECT_EQ(niki->estimated.front().first, "budget_eur");
  EXPECT_EQ(shipped->budget_eur, niki->budget_eur);
  EXPECT_EQ(dei->instrument, model::Instrument::dei);
  EXPECT_TRUE(dei->eligible_types[type(ProjectType::pilot)] && dei->eligible_types[type(ProjectType::demonstration)]);
  EXPECT_FALSE(dei->eligible_types[type(ProjectType::investment)]);
  EXPECT_DOUBLE_EQ(dei->type_rate[type(ProjectType::pilot)], 0.25);
  EXPECT_TRUE(std::isnan(dei->type_rate[type(ProjectType::demonstration)]));
  EXPECT_DOUBLE_EQ(dei->cap_per_project_eur, 15'000'000);
  EXPECT_EQ(mooi->instrument, model::Instrument::mooi);
  EXPECT_EQ(mooi->min_consortium_parties, 3);
  EXPECT_EQ(mooi->min_consortium_smes, 1);
  EXPECT_DOUBLE_EQ(mooi->min_eligible_cost_eur, 2'000'000);
  EXPECT_DOUBLE_EQ(mooi->cap_per_project_eur, 4'000'000);
  EXPECT_TRUE(sme_only->eligible_sizes[0] && sme_only->eligible_sizes[1]);
  EXPECT_FALSE(sme_only->eligible_sizes[2]);
}

TEST(LoadRound, RoundTypeKeysAreCheckedWithLineAndKeyPath) {
  const std::string text =
      "id: x\n"
      "instrument: sde\n"
      "budget_eur: 1\n"
      "allocation: fcfs\n"
      "rates:\n"
      "  base: {energy_saving: 0.3}\n"
      "  by_project_type: {pilot: 0.25, study: 0.5}\n"
      "  size_bonus: {small: 0.2, medium: 0.1, large: 0}\n"
      "  max_rate: 0.7\n"
      "caps: {per_project_eur: 0, eur_per_t: 0, tonnes_over: lifetime, min_grant_eur: 0}\n"
      "eligibility:\n"
      "  min_payback_without_aid_yr: 0\n"
      "  techniques: [T09]\n"
      "  firm_sizes: [small, tiny]\n"
      "  project_types: []\n"
      "  consortium: {min_parties: 2, min_smes: 3}\n"
      "economics: {gas_eur_per_gj: 22, electricity_eur_per_mwh: 150, discount_rate: 0.07}\n"
      "estimated:\n"
      "  caps.per_project_eur: not published\n"
      "  caps.per_firm_eur: not published\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_round(text, "t.yaml", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "t.yaml:2: instrument: expected one of veki, dei, mooi, niki, found \"sde\"\n"
            "t.yaml:7: rates.by_project_type.study: expected a project type: investment, pilot, demonstration or "
            "research, found \"study\"\n"
            "t.yaml:14: eligibility.firm_sizes[1]: expected one of small, medium, large, found \"tiny\"\n"
            "t.yaml:15: eligibility.project_types: expected a list of one or more of investment, pilot, "
            "demonstration, research, found a list\n"
            "t.yaml:16: eligibility.consortium.min_smes: expected at most min_parties (2), found \"3\"\n"
            "t.yaml:20: estimated.caps.per_firm_eur: expected the key path of a value in this file (e.g. "
            "caps.per_project_eur), found \"caps.per_firm_eur\"\n");
}

TEST(LoadRound, ErrorsNameLineAndKeyPath) {
  const std::string text =
      "id: x\n"
      "budget_eur: lots\n"
      "allocation: lottery\n"
      "rates:\n"
      "  base: {energy_saving: 1.5, solar: 0.3}\n"
      "  size_bonus: {small: 0.2, medium: 0.1, large: 0}\n"
      "  max_rate: 0.7\n"
      "caps: {per_project_eur: 1, eur_per_t: 80, tonnes_over: decade, min_grant_eur: 0, extra: 1}\n"
      "eligibility: {min_payback_without_aid_yr: 5, techniques: [T09, T99]}\n"
      "economics: {gas_eur_per_gj: 22, electricity_eur_per_mwh: 150}\n"
      "phases:\n"
      "  - {name: a, ceiling_eur_per_t: 40}\n"
      "  - {name: b, ceiling_eur_per_t: 20}\n"
      "instrument: veki\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_round(text, "r.yaml", catalogue(), diags));
  EXPECT_EQ(diags.to_string(),
            "r.yaml:2: budget_eur: expected a number in EUR, found \"lots\"\n"
            "r.yaml:3: allocation: expected one of fcfs, ranking, points, phases, found \"lottery\"\n"
            "r.yaml:5: rates.base.energy_saving: expected a number from 0 to 1, found \"1.5\"\n"
            "r.yaml:5: rates.base.solar: expected a theme: energy_saving, renewable_heat, "
            "electrification, renewable_electricity, fuel_switch or circularity, found \"solar\"\n"
            "r.yaml:8: caps.extra: expected one of the keys per_project_eur, eur_per_t, "
            "tonnes_over, min_grant_eur, found an unknown key\n"
            "r.yaml:8: caps.tonnes_over: expected one of lifetime, annual, found \"decade\"\n"
            "r.yaml:9: eligibility.techniques[1]: expected a technique_id of the technique "
            "catalogue, found \"T99\"\n"
            "r.yaml:10: economics.discount_rate: expected a number, found nothing\n"
            "r.yaml:13: phases[1].ceiling_eur_per_t: expected a ceiling above the previous "
            "phase's 40 EUR/t (phases rise), found \"20\"\n");
}

TEST(LoadRound, PointsModeNeedsCriteria) {
  core::Diagnostics diags;
  const std::string text =
      "id: p\nbudget_eur: 1\nallocation: points\n"
      "rates: {base: {energy_saving: 0.3}, size_bonus: {small: 0, medium: 0, large: 0}, max_rate: 1}\n"
      "caps: {per_project_eur: 0, eur_per_t: 0, tonnes_over: annual, min_grant_eur: 0}\n"
      "eligibility: {min_payback_without_aid_yr: 5, techniques: [T09]}\n"
      "economics: {gas_eur_per_gj: 22, electricity_eur_per_mwh: 150, discount_rate: 0.07}\n"
      "instrument: veki\n";
  EXPECT_FALSE(parse_round(text, "p.yaml", catalogue(), diags));
  EXPECT_EQ(diags.to_string(), "p.yaml:1: points: expected a points section (allocation: points), "
                               "found nothing\n");
}

// Issue 15: a round file without rates.size_bonus exited 3 ("internal error").
TEST(LoadRound, MissingSizeBonusIsADiagnostic) {
  const std::string text =
      "id: p\nbudget_eur: 1\nallocation: fcfs\n"
      "rates: {base: {energy_saving: 0.3}, max_rate: 1}\n"
      "caps: {per_project_eur: 0, eur_per_t: 0, tonnes_over: annual, min_grant_eur: 0}\n"
      "eligibility: {min_payback_without_aid_yr: 5, techniques: [T09]}\n"
      "economics: {gas_eur_per_gj: 22, electricity_eur_per_mwh: 150, discount_rate: 0.07}\n"
      "instrument: veki\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_round(text, "p.yaml", catalogue(), diags));
  EXPECT_EQ(diags.to_string(), "p.yaml:4: rates.size_bonus: expected a mapping with small, medium and large, found "
                               "nothing\n");
}

TEST(LoadRound, DuplicateKeyIsAnError) {
  core::Diagnostics diags;
  EXPECT_FALSE(parse_round("id: x\nbudget_eur: 1\nbudget_eur: 2\n", "d.yaml", catalogue(), diags));
  EXPECT_EQ(diags.to_string(), "d.yaml:3: budget_eur: expected each key once in a mapping, found a second entry for "
                               "this key (the first is on line 2)\n");
}

TEST(LoadRound, SyntaxErrorHasALine) {
  core::Diagnostics diags;
  EXPECT_FALSE(parse_round("id: x\nrates: [a\n", "s.yaml", {}, diags));
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "yaml.syntax");
  EXPECT_GT(diags.all()[0].line, 0);
}

}  // namespace
}  // namespace decarbfund::data
