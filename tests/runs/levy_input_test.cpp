// The levy statement's ETS reference price (issue 19): a row without one takes the scenario's
// policy, else the dataset's stated reference price, else the ETS price of the year before on the
// scenario's path — as simulate() does — and says which per row.

#include "runs/levy_input.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "data/csv_reader.hpp"
#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"
#include "sim/inputs.hpp"

namespace decarbfund::runs {
namespace {

const std::filesystem::path kSource = DECARBFUND_SOURCE_DIR;

LevyInput input(const std::string& csv) {
  core::Diagnostics diags;
  const auto table = data::parse_csv(csv, "test.csv", diags);
  EXPECT_TRUE(table) << diags.to_string();
  auto in = read_levy_input(*table, diags);
  EXPECT_TRUE(in) << diags.to_string();
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  return *in;
}

TEST(LevyInput, ReferencePriceFallsBackToTheScenariosPathAndSaysWhere) {
  const auto model = data::load_dataset_or_throw(kSource / "data/nl");
  const auto scenario = data::load_scenario_or_throw(kSource / "scenarios/belastingplan-2026.yaml");
  const auto in = input(
      "installation,year,category,emissions_t,dpr_basis_t,dpr_allocated_t,ets_reference_price_eur_per_t\n"
      "given,2026,ets,1000,,800,70\n"
      "stated,2021,ets,1000,,800,\n"
      "path,2028,ets,1000,,800,\n"
      "n2o,2028,n2o,1000,,800,\n");
  const auto run = compute_levy(model, scenario, in);
  ASSERT_TRUE(run.statement.issues.empty());
  ASSERT_EQ(run.ets_reference_source.size(), 4u);
  EXPECT_EQ(run.ets_reference_source[0], kRefFromInput);
  EXPECT_DOUBLE_EQ(run.statement.lines[0].ets_reference_price_eur_per_t, 70);
  // 2021: a price the scenario's levy policy (or the dataset) states.
  EXPECT_NE(run.ets_reference_source[1], "");
  EXPECT_NE(run.ets_reference_source[1], kRefFromPricePath);
  // 2028: nobody states it, so the ETS price of 2027 on the scenario's path — what simulate() uses,
  // in 2027's nominal EUR (the statement is in each year's EUR, simulate() in the price year's).
  const auto resolved = sim::resolve_inputs(model, scenario);
  if (!resolved.levy.ets_reference_price_eur_per_t.covers(2028)) {
    EXPECT_EQ(run.ets_reference_source[2], kRefFromPricePath);
    EXPECT_DOUBLE_EQ(run.statement.lines[2].ets_reference_price_eur_per_t,
                     model.nominal_eur(resolved.prices.ets_eur_per_t[static_cast<std::size_t>(resolved.year_index(2027))], 2027));
  }
  EXPECT_GT(run.statement.lines[2].ets_reference_price_eur_per_t, 0);
  // An N2O installation deducts no ETS price.
  EXPECT_EQ(run.ets_reference_source[3], "");
}

}  // namespace
}  // namespace decarbfund::runs
