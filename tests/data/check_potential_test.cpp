// Options that add up (issue 13, docs/model.md "Options that add up"): a dataset whose options
// could remove more than a site emits is refused at load, each problem named by the option row's
// file and line, the field, what was expected and what was found; the shipped dataset passes.

#include "data/check_potential.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "data/load_dataset.hpp"

namespace decarbfund::data {
namespace {

const std::string kSource = DECARBFUND_SOURCE_DIR;

std::vector<std::string> messages(const core::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.all()) {
    out.push_back(d.to_string());
  }
  return out;
}

TEST(CheckPotential, OptionsStackingPastASiteAreRefused) {
  // tests/data/bad/stacked-options: S1 (1,000 kt) has two section options, an e-boiler on a 600 kt
  // steam section and an electric furnace on a 700 kt furnace section, in two exclusive groups:
  // together they could remove 1,300 kt. S3 (200 kt) has a capture cutting 250 kt of what is left.
  const std::string dir = "tests/data/bad/stacked-options";
  core::Diagnostics diags;
  EXPECT_FALSE(load_dataset(kSource + "/" + dir, diags));
  const std::string file = kSource + "/" + dir + "/options.csv";
  EXPECT_EQ(messages(diags),
            (std::vector<std::string>{
                file + ":2: field 'section_emissions_t': expected sections of site S1 adding up to at most its "
                       "1000000 t/yr, found 1300000 t/yr over 2 sections: S1/steam 600000 t/yr (O1); "
                       "S1/furnace 700000 t/yr (O2) (docs/model.md \"Options that add up\")",
                file + ":5: field 'delta_emissions_t': expected at most the 200000 t/yr site S3 emits, found option "
                       "O4 cutting 250000 t/yr (docs/model.md \"Options that add up\")"}));
  for (const auto& d : diags.all()) {
    EXPECT_EQ(d.code, "dataset.potential");
  }
}

TEST(CheckPotential, ShippedDatasetPasses) {
  // `validate data/nl` passes the check: no site's options can stack past its emissions.
  core::Diagnostics diags;
  EXPECT_TRUE(load_dataset(kSource + "/data/nl", diags)) << diags.to_string();
  EXPECT_FALSE(diags.has_errors());
}

}  // namespace
}  // namespace decarbfund::data
