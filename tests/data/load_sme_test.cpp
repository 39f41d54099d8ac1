// The SME technique catalogue (data/nl/sme-techniques.csv; data-sources.md §3.3).

#include "data/load_sme.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

namespace decarbfund::data {
namespace {

const std::string kCatalogue = std::string(DECARBFUND_SOURCE_DIR) + "/data/nl/sme-techniques.csv";

TEST(LoadSme, CatalogueHasAllSixteenRowsOfTheSource) {
  core::Diagnostics diags;
  auto t = load_sme_techniques(kCatalogue, diags);
  ASSERT_TRUE(t) << diags.to_string();
  ASSERT_EQ(t->size(), 16u);
  EXPECT_EQ(t->front().id, "T01");
  EXPECT_EQ(t->back().id, "T16");
  // GAP rows are carried, marked, with unknowns as NaN.
  EXPECT_EQ((*t)[14].status, model::TechniqueStatus::gap);
  EXPECT_TRUE(std::isnan((*t)[14].investment_eur));
  EXPECT_EQ((*t)[15].status, model::TechniqueStatus::gap);
  EXPECT_EQ((*t)[13].status, model::TechniqueStatus::partial);  // electric kiln from MIDDEN cards
}

TEST(LoadSme, DerivedColumnsFollowTheStatedAssumptions) {
  // data-sources.md §3.3: gas EUR 22/GJ, electricity EUR 150/MWh, 56.6 kg/GJ, 0.30 kg/kWh.
  core::Diagnostics diags;
  auto t = load_sme_techniques(kCatalogue, diags);
  ASSERT_TRUE(t);
  for (const auto& x : *t) {
    if (x.status == model::TechniqueStatus::gap) {
      continue;
    }
    const double saving = x.gas_saving_gj * 22 - x.electricity_delta_mwh * 150;
    if (saving > 0) {
      EXPECT_NEAR(x.payback_yr, x.investment_eur / saving, 0.006 * x.payback_yr) << x.id;
      EXPECT_EQ(x.mandatory, x.payback_yr <= 5) << x.id;
    } else {
      EXPECT_TRUE(std::isinf(x.payback_yr)) << x.id;
      EXPECT_FALSE(x.mandatory) << x.id;
    }
    EXPECT_NEAR(x.co2_reduction_t, x.co2_direct_t - x.electricity_delta_mwh * 0.30,
                0.002 * std::fabs(x.co2_reduction_t) + 0.01)
        << x.id;
  }
  // Row 9, the heat pump: 758 t net, 1,358 t direct (data-sources.md §3.3).
  EXPECT_NEAR((*t)[8].co2_reduction_t, 758.4, 1e-9);
  EXPECT_NEAR((*t)[8].co2_direct_t, 1358.4, 1e-9);
  // Row 10, the e-boiler on the average grid: an increase of 221 t.
  EXPECT_NEAR((*t)[9].co2_reduction_t, -220.8, 1e-9);
}

TEST(LoadSme, UsableRowMustCarryItsFigures) {
  const std::string text =
      "technique_id,name,theme,investment_eur,gas_saving_gj,electricity_delta_mwh,"
      "co2_reduction_t,co2_direct_t,lifetime_yr,status,basis,source\n"
      "X1,thing,energy_saving,,100,0,5.66,5.66,10,ok,estimate,here\n"
      "X1,thing,heat,1,100,0,5.66,5.66,10,fine,estimate,here\n";
  core::Diagnostics diags;
  EXPECT_FALSE(parse_sme_techniques(text, "t.csv", diags));
  EXPECT_EQ(diags.to_string(),
            "t.csv:2: field 'investment_eur': expected a number on a row with status ok or partial "
            "(or status gap), found nothing\n"
            "t.csv:3: field 'technique_id': expected a technique id used once, found \"X1\"\n"
            "t.csv:3: field 'theme': expected one of energy_saving, renewable_heat, electrification, "
            "renewable_electricity, fuel_switch, circularity, found \"heat\"\n"
            "t.csv:3: field 'status': expected one of ok, partial, gap, found \"fine\"\n");
}

}  // namespace
}  // namespace decarbfund::data
