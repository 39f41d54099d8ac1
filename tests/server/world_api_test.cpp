// API test of one world, two policies (issue 14): POST /api/outlook with only world keys changed
// moves the reference path with the scenario, so the legs measure policy only — as the CLI test
// (tests/cli/outlook_cli_test.cpp, WorldKeysMoveTheReferenceAndLeaveTheLegsToPolicy) pins for
// `decarbfund outlook`, against a server started in-process on the shipped inputs.

#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/server.hpp"
#include "shipped_options.hpp"

namespace decarbfund::server {
namespace {

using json = nlohmann::json;

/// World keys of a scenario diff: a higher ETS path, lower chemicals production, Aramis two years
/// later (docs/scenarios.md "World and policy").
const json kWorldChange = json::parse(R"({
  "prices": {"ets_eur_per_t": {"2026": 150, "2027": 160, "2028": 170, "2029": 185, "2030": 200}},
  "activity": {"chemicals": {"2027": 0.8, "2028": 0.8, "2029": 0.8, "2030": 0.8}},
  "infrastructure_delay_yr": {"aramis": 2}
})");

class WorldApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new Server(test::shipped_options());
    port_ = server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  /// The outlook of the scenario `diff` names.
  static json outlook(const json& diff) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    const auto r = c.Post("/api/outlook", diff.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r && r->status == 200 ? json::parse(r->body) : json::object();
  }
  /// The outlook of `base` with kWorldChange laid over it.
  static json outlook_in_changed_world(const std::string& base) {
    json diff = kWorldChange;
    diff["base"] = base;
    return outlook(diff);
  }
  static inline Server* server_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(WorldApi, WorldKeysMoveTheReferenceAndLeaveTheLegsToPolicy) {
  // The reference's own policy in a changed world achieves exactly nothing, its three runs alike,
  // and the header names the world keys it replaced.
  const auto world = outlook_in_changed_world("klimaatakkoord");
  EXPECT_EQ(world["achieved_mt"], 0.0);
  EXPECT_EQ(world["legs"]["levy_mt"], 0.0);
  EXPECT_EQ(world["legs"]["package_mt"], 0.0);
  EXPECT_EQ(world["reference_emissions_t_by_year"], world["levy_only_emissions_t_by_year"]);
  EXPECT_EQ(world["reference_emissions_t_by_year"], world["emissions_t_by_year"]);
  EXPECT_EQ(world["meta"]["reference_world_replaced"],
            json({"activity.chemicals", "infrastructure_delay_yr.aramis", "prices.ets_eur_per_t"}));
  // A policy scenario in the same changed world has that very reference path; the unchanged one
  // has another (the world change is real).
  const auto policy = outlook_in_changed_world("belastingplan-2026");
  EXPECT_EQ(policy["reference_emissions_t_by_year"], world["reference_emissions_t_by_year"]);
  EXPECT_NE(outlook({{"base", "belastingplan-2026"}})["reference_emissions_t_by_year"]["2030"],
            world["reference_emissions_t_by_year"]["2030"]);
}

}  // namespace
}  // namespace decarbfund::server
