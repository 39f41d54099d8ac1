// Co-benefits in the registry (issue 17 §3): imported with the deal as numbers (a committed level
// from baseline and change), monitored per year, judged met / behind / open, refused for a name
// the deal does not have or a co-benefit stated in words only, and accounted for by the audit.

#include <gtest/gtest.h>

#include "registry_fixture.hpp"

namespace decarbfund::registry {
namespace {

// NOx from 400 to 250 t/yr by 2030 (−150 t), gas −20 % without a baseline, health in words.
const std::string kCoBenefitDeal = R"(id: nox-co
company: NOx Co
sites: [S1]
phase: jloi
history: [{phase: jloi, date: 2025-03-01, source: test}]
company_commitments:
  projects: [{option: O1, start_year: 2030}]
  committed_reduction_t: {2030: 100000}
  baseline_emissions_t: 1000000
  co_benefits:
    - {what: NOx, commitment: NOx −150 t/yr, unit: t/yr, baseline: 400, change: -150, by_year: 2030}
    - {what: natural gas, commitment: gas −20 %, unit: m3/yr, change_pct: -20, by_year: 2030}
    - {what: health, commitment: health measures}
government_commitments: {max_support_eur: 10000000, max_support_basis: test}
claw_back: {rule: pro_rata_shortfall, share: 1.0, basis: test}
sources: [test]
)";

std::string state_of(const DealStatus& s, const std::string& what) {
  for (const auto& b : s.co_benefits) {
    if (b.what == what) {
      return b.state;
    }
  }
  return "(none)";
}

TEST_F(RegistryTest, CoBenefitsAreMonitoredAgainstTheirCommittedLevel) {
  Registry r(path_);
  r.import_deals({parse(kCoBenefitDeal)}, {kCoBenefitDeal}, "rvo");
  auto s = r.status("nox-co", 2029);
  ASSERT_EQ(s.co_benefits.size(), 3u);
  EXPECT_EQ(state_of(s, "NOx"), "no_data");
  EXPECT_EQ(state_of(s, "natural gas"), "not_quantified");  // a share without a baseline
  EXPECT_EQ(state_of(s, "health"), "not_quantified");
  EXPECT_DOUBLE_EQ(*s.co_benefits[0].committed_level, 250.0);  // sorted by name: NOx first
  r.record_co_benefit("nox-co", "NOx", 2029, 300, "nea");
  EXPECT_EQ(state_of(r.status("nox-co", 2029), "NOx"), "open");  // above 250, before 2030
  r.record_co_benefit("nox-co", "NOx", 2030, 280, "nea");
  s = r.status("nox-co", 2030);
  EXPECT_EQ(state_of(s, "NOx"), "behind");
  EXPECT_EQ(s.co_benefits_behind, 1);
  r.record_co_benefit("nox-co", "NOx", 2031, 240, "nea");
  EXPECT_EQ(state_of(r.status("nox-co", 2031), "NOx"), "met");
  // Refused: a year twice, a name the deal lacks, one in words only.
  EXPECT_THROW(r.record_co_benefit("nox-co", "NOx", 2031, 200, "nea"), core::Error);
  try {
    r.record_co_benefit("nox-co", "NH3", 2031, 5, "nea");
    FAIL() << "NH3 is not one of the deal's co-benefits";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": deal 'nox-co': co-benefit: expected one of its co-benefits: NOx, health, natural "
                                  "gas, found \"NH3\"");
  }
  EXPECT_THROW(r.record_co_benefit("nox-co", "health", 2031, 1, "nea"), core::Error);
  // Every row is accounted for by an audit entry.
  EXPECT_TRUE(r.verify_audit().ok);
  EXPECT_EQ(r.audit_log().back().payload, "what=NOx\nyear=2031\nvalue=240\nunit=t/yr");
}

}  // namespace
}  // namespace decarbfund::registry
