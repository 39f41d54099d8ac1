// Intensity-based monitoring (issue 17 §4): a production cut with unchanged intensity shows as an
// absolute reduction but no reduction at the baseline's production; a deal whose claw-back is
// measured on intensity is judged and clawed back on that, one measured absolutely is not.

#include <gtest/gtest.h>

#include "registry_fixture.hpp"

namespace decarbfund::registry {
namespace {

// Baseline 1 Mt, 100 kt committed from 2030, EUR 10 m; `measure` filled in per test.
std::string cut_deal(const std::string& id, const std::string& measure) {
  return fmt::format(R"(id: {}
company: Cut Co
sites: [S1]
phase: binding
history: [{{phase: binding, date: 2025-03-01, source: test}}]
company_commitments:
  projects: [{{option: O1, start_year: 2030}}]
  committed_reduction_t: {{2030: 100000}}
  baseline_emissions_t: 1000000
government_commitments: {{max_support_eur: 10000000, max_support_basis: test}}
claw_back: {{rule: pro_rata_shortfall, share: 1.0, basis: test, measure: {}}}
sources: [test]
)",
                     id, measure);
}

TEST_F(RegistryTest, AProductionCutIsNotDeliveryOnTheIntensityBasis) {
  Registry r(path_);
  const auto a = cut_deal("cut-abs", "absolute"), i = cut_deal("cut-int", "intensity");
  r.import_deals({parse(a), parse(i)}, {a, i}, "rvo");
  for (const char* id : {"cut-abs", "cut-int"}) {
    r.record_payment(id, "2029-06-01", 10'000'000, false, "rvo");
    // A fifth less production at the same intensity: 800 kt emitted, index 0.8.
    r.record_monitoring(id, 2030, 800'000, std::nullopt, "nea", false);
    r.record_production(id, 2030, 0.8, "cbs");
  }
  const auto abs = r.status("cut-abs", 2030);
  const auto in = r.status("cut-int", 2030);
  for (const auto* s : {&abs, &in}) {
    EXPECT_DOUBLE_EQ(s->realised_t, 200'000);          // absolute delivery …
    EXPECT_DOUBLE_EQ(*s->realised_intensity_t, 0.0);   // … none at the baseline's production
    EXPECT_DOUBLE_EQ(*s->production_effect_t, 200'000);  // all of it the production cut
    EXPECT_DOUBLE_EQ(*s->production_index, 0.8);
  }
  EXPECT_EQ(abs.status, Status::on_track);
  EXPECT_EQ(in.status, Status::breached);
  // The claw-back on the intensity basis finds the whole commitment short: all of it repaid.
  EXPECT_DOUBLE_EQ(r.claw_back("cut-abs", 2030).amount_eur, 0.0);
  const auto c = r.claw_back("cut-int", 2030);
  EXPECT_EQ(c.measure, model::DeliveryMeasure::intensity);
  EXPECT_DOUBLE_EQ(c.delivered_t, 0.0);
  EXPECT_DOUBLE_EQ(c.amount_eur, 10'000'000);
  EXPECT_TRUE(r.verify_audit().ok);
}

TEST_F(RegistryTest, ProductionIndicesAreRefusedWithWhatIsExpected) {
  Registry r(path_);
  try {
    r.record_production("acme", 2030, 0, "cbs");
    FAIL() << "a zero index makes the intensity infinite";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": --index: expected a production index above 0 and at most 10 (1 = the baseline's "
                                  "production), found 0");
  }
  EXPECT_THROW(r.record_production("nobody", 2030, 1, "cbs"), core::Error);
  r.record_production("acme", 2030, 0.9, "cbs");
  EXPECT_THROW(r.record_production("acme", 2030, 0.95, "cbs"), core::Error);
  // Without a production figure the intensity basis falls back to the absolute one.
  r.record_monitoring("acme", 2031, 850'000, std::nullopt, "nea", false);
  EXPECT_FALSE(r.status("acme", 2031).production_index.has_value());
}

}  // namespace
}  // namespace decarbfund::registry
