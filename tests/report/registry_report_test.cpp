#include "report/registry_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace decarbfund::report {
namespace {

std::vector<registry::DealStatus> two_deals() {
  registry::DealStatus a;
  a.deal_id = "nobian";
  a.company = "Nobian";
  a.phase = model::DealPhase::binding;
  a.year = 2027;
  a.committed_t = 100'000;
  a.realised_t = 70'000;
  a.status = registry::Status::breached;
  a.max_support_eur = 200e6;
  a.paid_eur = 50e6;
  a.claw_back_eur = 15e6;
  registry::DealStatus b;
  b.deal_id = "yara";
  b.company = "Yara";
  b.phase = model::DealPhase::early_support;
  b.max_support_eur = 31e6;
  return {a, b};
}

TEST(RegistryReport, TotalsAddTheDealsUp) {
  const auto t = portfolio_totals(two_deals());
  EXPECT_EQ(t.deals, 2u);
  EXPECT_DOUBLE_EQ(t.max_support_eur, 231e6);
  EXPECT_DOUBLE_EQ(t.paid_eur, 50e6);
  EXPECT_DOUBLE_EQ(t.claw_back_eur, 15e6);
  EXPECT_DOUBLE_EQ(t.committed_t, 100'000);
  EXPECT_EQ(t.breached, 1);
  EXPECT_EQ(t.no_data, 1);
  EXPECT_EQ(t.on_track + t.at_risk, 0);
}

TEST(RegistryReport, JsonReportHasEveryDealAndTheTotals) {
  const auto j = nlohmann::json::parse(registry_report_json(two_deals()));
  ASSERT_EQ(j["deals"].size(), 2u);
  EXPECT_EQ(j["deals"][0]["deal"], "nobian");
  EXPECT_EQ(j["deals"][0]["phase"], "binding");
  EXPECT_EQ(j["deals"][0]["status"], "breached");
  EXPECT_EQ(j["deals"][1]["status"], "no_data");
  EXPECT_DOUBLE_EQ(j["totals"]["max_support_eur"].get<double>(), 231e6);
  EXPECT_EQ(j["totals"]["breached"], 1);
  EXPECT_EQ(nlohmann::json::parse(registry_status_json(two_deals())), j["deals"]);
}

TEST(RegistryReport, TextReportEndsWithTheTotalsLine) {
  const auto text = registry_report_text(two_deals(), "reg.sqlite");
  EXPECT_NE(text.find("Portfolio of reg.sqlite (2 deals)"), std::string::npos);
  EXPECT_NE(text.find("total: max support 231.0 MEUR, paid 50.0 MEUR, claw-back due 15.0 MEUR"), std::string::npos);
  EXPECT_NE(text.find("yara               early_support       -"), std::string::npos);
}

TEST(RegistryReport, TheExcessProfitIsHiddenFromThePublic) {
  registry::ClawBackResult c;
  c.rule = model::ClawBackRule::profit_share;
  c.year = 2028;
  c.paid_eur = 10e6;
  c.excess_profit_eur = 4e6;
  c.share = 0.5;
  c.amount_eur = 2e6;
  const auto internal = nlohmann::json::parse(claw_back_json("x", c, Audience::internal));
  const auto open = nlohmann::json::parse(claw_back_json("x", c, Audience::public_reader));
  EXPECT_DOUBLE_EQ(internal["excess_profit_eur"].get<double>(), 4e6);
  EXPECT_TRUE(open["excess_profit_eur"].is_null());
  EXPECT_DOUBLE_EQ(open["amount_eur"].get<double>(), 2e6);  // what the state claims is public
  EXPECT_EQ(open["rule"], "profit_share");
}

}  // namespace
}  // namespace decarbfund::report
