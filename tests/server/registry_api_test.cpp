// The registry endpoints (issue 8): reads open to all, writes by role, company-confidential
// figures hidden from the public, errors by body key, and the audit chain intact after writes.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "core/atomic_file.hpp"
#include "data/load_deal.hpp"
#include "registry/registry.hpp"
#include "server/server.hpp"
#include "shipped_options.hpp"

namespace decarbfund::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kManager = "manager-token-0123456789abcdef";
constexpr const char* kAnalyst = "analyst-token-0123456789abcdef";
constexpr const char* kViewer = "viewer-token-0123456789abcdefgh";

fs::path source(const std::string& rel) { return fs::path(DECARBFUND_SOURCE_DIR) / rel; }

class RegistryApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / fmt::format("decarbfund-registry-api-{}", ::getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "tokens") << "fund_manager " << kManager << " Femke Fondsbeheer\n"
                                   << "analyst " << kAnalyst << " Ada Analyst\n"
                                   << "viewer " << kViewer << "\n";
    const auto db = (dir_ / "registry.sqlite").string();
    registry::Registry::init(db);
    core::Diagnostics diags;
    std::vector<model::Deal> deals;
    std::vector<std::string> texts;
    for (const auto& e : fs::directory_iterator(source("data/nl/deals"))) {
      if (e.path().extension() == ".yaml" && e.path().filename() != "phases.yaml") {
        deals.push_back(*data::load_deal(e.path().string(), diags));
        texts.push_back(core::read_file(e.path()));
        max_support_eur_ += deals.back().max_support_eur;
      }
    }
    ASSERT_FALSE(diags.has_errors());
    registry::Registry(db).import_deals(deals, texts, "test");
    deal_count_ = deals.size();

    auto o = test::shipped_options();
    o.tokens = dir_ / "tokens";
    o.registry = db;
    server_ = new Server(o);
    port_ = server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(dir_);
  }
  static httplib::Result get(const std::string& path, const char* token = nullptr) {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers h;
    if (token) {
      h.emplace("Authorization", std::string("Bearer ") + token);
    }
    return c.Get(path.c_str(), h);
  }
  static httplib::Result post(const std::string& path, const std::string& text, const char* token = nullptr) {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers h;
    if (token) {
      h.emplace("Authorization", std::string("Bearer ") + token);
    }
    return c.Post(path.c_str(), h, text, "application/json");
  }
  static json body(const httplib::Result& r) { return json::parse(r->body); }

  static inline Server* server_ = nullptr;
  static inline int port_ = 0;
  static inline fs::path dir_;
  static inline std::size_t deal_count_ = 0;
  static inline double max_support_eur_ = 0;
};

TEST_F(RegistryApi, DealsListsEveryImportedDealWithItsStatus) {
  const auto r = get("/api/registry/deals");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto j = body(r);
  ASSERT_EQ(j["deals"].size(), deal_count_);
  EXPECT_EQ(deal_count_, 12u);
  EXPECT_DOUBLE_EQ(j["totals"]["max_support_eur"].get<double>(), max_support_eur_);
  bool tata = false;
  for (const auto& d : j["deals"]) {
    if (d["deal"] == "tata-steel") {
      tata = true;
      EXPECT_EQ(d["phase"], "jloi");
    }
  }
  EXPECT_TRUE(tata);
  EXPECT_EQ(get("/api/registry/deals?year=20x6")->status, 422);  // an invalid value (issue 19)
}

TEST_F(RegistryApi, WritesNeedATokenAndTheRightRole) {
  const std::string phase = R"({"phase": "paused", "date": "2026-11-01", "reason": "test"})";
  EXPECT_EQ(post("/api/registry/deals/air-liquide/phase", phase)->status, 401);
  EXPECT_EQ(post("/api/registry/deals/air-liquide/phase", phase, "not-a-token-at-all-xxxxxxxxxx")->status, 401);
  EXPECT_EQ(post("/api/registry/deals/air-liquide/phase", phase, kViewer)->status, 403);
  EXPECT_EQ(post("/api/registry/deals/air-liquide/phase", phase, kAnalyst)->status, 403);
  const std::string pay = R"({"date": "2026-11-02", "amount_eur": 1000000})";
  EXPECT_EQ(post("/api/registry/deals/air-liquide/payments", pay, kAnalyst)->status, 403);
  const std::string monitor = R"({"year": 2024, "verified_emissions_t": 1000})";
  EXPECT_EQ(post("/api/registry/deals/air-liquide/monitoring", monitor, kViewer)->status, 403);
  // Nothing refused reached the registry.
  EXPECT_EQ(body(get("/api/registry/deals/dow"))["audit"].size(), 1u);  // the import only

  const auto moved = post("/api/registry/deals/air-liquide/phase", phase, kManager);
  ASSERT_EQ(moved->status, 200) << moved->body;
  const auto j = body(moved);
  EXPECT_EQ(j["status"]["phase"], "paused");
  EXPECT_EQ(j["audit"].back()["action"], "phase");
  EXPECT_EQ(j["audit"].back()["actor"], "Femke Fondsbeheer");  // the token's holder, not the body
}

TEST_F(RegistryApi, MonitoringAndPaymentsChangeTheStatus) {
  const auto before = body(get("/api/registry/deals/nobian"));
  const double baseline = before["status"]["verified_emissions_t"].get<double>();
  EXPECT_EQ(baseline, 0.0);
  const auto m = post("/api/registry/deals/nobian/monitoring", R"({"year": 2026, "verified_emissions_t": 500000})", kAnalyst);
  ASSERT_EQ(m->status, 200) << m->body;
  const auto s = body(m)["status"];
  EXPECT_EQ(s["year"], 2026);
  EXPECT_DOUBLE_EQ(s["verified_emissions_t"].get<double>(), 500000);
  EXPECT_GT(s["realised_t"].get<double>(), 0);
  // A year recorded twice needs "replace".
  EXPECT_EQ(post("/api/registry/deals/nobian/monitoring", R"({"year": 2026, "verified_emissions_t": 1})", kAnalyst)->status,
            422);
  const auto p = post("/api/registry/deals/nobian/payments", R"({"date": "2026-06-30", "amount_eur": 2.5e7})", kManager);
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_DOUBLE_EQ(body(p)["status"]["paid_eur"].get<double>(), 2.5e7);
  // More than the deal's maximum support is refused, naming the body key.
  const auto over = post("/api/registry/deals/nobian/payments", R"({"date": "2026-07-30", "amount_eur": 1e12})", kManager);
  ASSERT_EQ(over->status, 422);
  EXPECT_NE(body(over)["error"]["diagnostics"][0]["key_path"].get<std::string>().find("amount_eur"), std::string::npos);
  const auto list = body(get("/api/registry/deals"));
  EXPECT_GE(list["totals"]["paid_eur"].get<double>(), 2.5e7);
}

TEST_F(RegistryApi, ProfitFiguresAreHiddenFromThePublic) {
  ASSERT_EQ(post("/api/registry/deals/yara/monitoring",
                 R"({"year": 2027, "verified_emissions_t": 2000000, "profit_eur": 9.5e7})", kAnalyst)
                ->status,
            200);
  const auto open = body(get("/api/registry/deals/yara"));
  EXPECT_EQ(open["audience"], "public");
  EXPECT_TRUE(open["claw_back"]["excess_profit_eur"].is_null());
  EXPECT_EQ(open.dump().find("95000000"), std::string::npos);
  EXPECT_EQ(open.dump().find("profit_eur="), std::string::npos);
  const auto viewer = body(get("/api/registry/deals/yara", kViewer));
  EXPECT_EQ(viewer["audience"], "public");
  const auto inside = body(get("/api/registry/deals/yara", kAnalyst));
  EXPECT_EQ(inside["audience"], "internal");
  EXPECT_FALSE(inside["claw_back"]["excess_profit_eur"].is_null());
  EXPECT_NE(inside.dump().find("profit_eur=95000000"), std::string::npos);
  EXPECT_EQ(get("/api/registry/deals/yara", "wrong-token-0123456789abcdefgh")->status, 401);
}

/// Every number in a JSON document, including those written inside strings (audit payloads).
void numbers_in(const json& j, std::vector<double>& out) {
  if (j.is_number()) {
    out.push_back(j.get<double>());
  } else if (j.is_string()) {
    const auto text = j.get<std::string>();
    for (std::size_t i = 0; i < text.size();) {
      std::size_t used = 0;
      try {
        out.push_back(std::stod(text.substr(i), &used));
      } catch (const std::exception&) {
      }
      i += std::max<std::size_t>(used, 1);
    }
  } else if (j.is_structured()) {
    for (const auto& v : j) {
      numbers_in(v, out);
    }
  }
}

// Issue 15: "without a token, a deal's claw-back amount_eur and share give its hidden excess
// profit exactly". Yara's claw-back is half the profit above a projected 0; a 2026 profit of
// EUR 12,345,678 against EUR 20 m paid makes the claw-back EUR 6,172,839, below what was paid,
// so the amount would give the profit away. No public answer may hold it, the profit, or
// anything that is the profit times the share.
TEST_F(RegistryApi, NothingConfidentialCanBeDerivedFromAPublicResponse) {
  ASSERT_EQ(post("/api/registry/deals/yara/payments", R"({"date": "2026-06-01", "amount_eur": 2e7})", kManager)->status,
            200);
  ASSERT_EQ(post("/api/registry/deals/yara/monitoring",
                 R"({"year": 2026, "verified_emissions_t": 2500000, "profit_eur": 12345678})", kAnalyst)
                ->status,
            200);
  // The figures exist, and the fund's staff see them: the test can fail.
  const auto inside = body(get("/api/registry/deals/yara?year=2026", kAnalyst));
  const double share = inside["claw_back"]["share"].get<double>();
  const double excess = inside["claw_back"]["excess_profit_eur"].get<double>();
  const double amount = inside["claw_back"]["amount_eur"].get<double>();
  ASSERT_DOUBLE_EQ(excess, 12'345'678);
  ASSERT_DOUBLE_EQ(amount, share * excess);
  ASSERT_LT(amount, inside["claw_back"]["paid_eur"].get<double>());

  std::vector<double> numbers;
  std::vector<std::string> paths = {"/api/registry/deals", "/api/registry/deals?year=2026", "/api/registry/audit",
                                    "/api/deals", "/api/deals/yara/assessment"};
  const auto listing = body(get("/api/registry/deals"));
  for (const auto& d : listing["deals"]) {
    paths.push_back("/api/registry/deals/" + d["deal"].get<std::string>());
    paths.push_back("/api/registry/deals/" + d["deal"].get<std::string>() + "?year=2026");
  }
  for (const auto& path : paths) {
    for (const char* token : {static_cast<const char*>(nullptr), kViewer}) {
      const auto r = get(path, token);
      ASSERT_TRUE(r) << path;
      ASSERT_EQ(r->status, 200) << path;
      numbers_in(body(r), numbers);
    }
  }
  // The one total: public totals leave the withheld claw-back out, so it cannot be had by
  // difference either.
  const auto totals = body(get("/api/registry/deals?year=2026"))["totals"];
  EXPECT_GE(totals["claw_back_withheld_deals"].get<int>(), 1);
  const auto near = [](double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); };
  for (const double x : numbers) {
    EXPECT_FALSE(near(x, excess)) << "the profit appears in a public answer";
    EXPECT_FALSE(near(x, amount)) << "the claw-back amount appears in a public answer";
    EXPECT_FALSE(near(x / share, excess)) << x << " divided by the share gives the profit";
  }
  double public_claw_backs = 0;
  const auto public_list = body(get("/api/registry/deals?year=2026"));
  for (const auto& d : public_list["deals"]) {
    public_claw_backs += d["claw_back_eur"].is_null() ? 0.0 : d["claw_back_eur"].get<double>();
  }
  EXPECT_DOUBLE_EQ(totals["claw_back_eur"].get<double>(), public_claw_backs);
}

// A client that retries a payment after a lost reply pays once.
TEST_F(RegistryApi, ARetriedPaymentWithTheSameIdempotencyKeyIsStoredOnce) {
  httplib::Client c("127.0.0.1", port_);
  const httplib::Headers h = {{"Authorization", std::string("Bearer ") + kManager}, {"Idempotency-Key", "pay-oci-1"}};
  const std::string pay = R"({"date": "2026-02-01", "amount_eur": 1500000})";
  const auto first = c.Post("/api/registry/deals/oci/payments", h, pay, "application/json");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  const auto retry = c.Post("/api/registry/deals/oci/payments", h, pay, "application/json");
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200);
  EXPECT_EQ(retry->body, first->body);
  const auto now = body(get("/api/registry/deals/oci?year=2026", kManager));
  EXPECT_DOUBLE_EQ(now["status"]["paid_eur"].get<double>(), 1'500'000);
  int pays = 0;
  for (const auto& e : now["audit"]) {
    pays += e["action"] == "pay";
  }
  EXPECT_EQ(pays, 1);
}

TEST_F(RegistryApi, BadRequestsNameTheirKey) {
  const auto unknown = post("/api/registry/deals/no-such-deal/payments", R"({"date": "2026-01-01", "amount_eur": 1})", kManager);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(get("/api/registry/deals/no-such-deal")->status, 404);
  const auto malformed = post("/api/registry/deals/oci/milestones", "{not json", kAnalyst);
  EXPECT_EQ(malformed->status, 400);
  const auto extra = post("/api/registry/deals/oci/milestones",
                          R"({"milestone": "m", "date": "2026-01-01", "progress_pct": 5, "path": "/etc/passwd"})", kAnalyst);
  ASSERT_EQ(extra->status, 422);  // issue 19: an invalid value in a JSON object is 422
  EXPECT_EQ(body(extra)["error"]["diagnostics"][0]["key_path"], "path");
  const auto missing = post("/api/registry/deals/oci/milestones", R"({"milestone": "m", "date": "2026-01-01"})", kAnalyst);
  ASSERT_EQ(missing->status, 422);
  EXPECT_EQ(body(missing)["error"]["diagnostics"][0]["key_path"], "progress_pct");
  const auto type = post("/api/registry/deals/oci/monitoring", R"({"year": "2026", "verified_emissions_t": 1})", kAnalyst);
  ASSERT_EQ(type->status, 422);
  EXPECT_EQ(body(type)["error"]["diagnostics"][0]["key_path"], "year");
  const auto date = post("/api/registry/deals/oci/payments", R"({"date": "2026-13-01", "amount_eur": 1})", kManager);
  ASSERT_EQ(date->status, 422);
  const auto d = body(date)["error"]["diagnostics"][0];
  EXPECT_EQ(d["key_path"], "date");
  EXPECT_EQ(d["file"], "registry");  // not the server's path
  const auto phase = post("/api/registry/deals/oci/phase", R"({"phase": "signed", "date": "2026-01-01", "reason": "x"})", kManager);
  ASSERT_EQ(phase->status, 422);
  EXPECT_EQ(body(phase)["error"]["diagnostics"][0]["key_path"], "phase");
}

TEST_F(RegistryApi, TheAuditChainVerifiesAfterTheWrites) {
  ASSERT_EQ(post("/api/registry/deals/shell/monitoring", R"({"year": 2025, "verified_emissions_t": 3e6})", kAnalyst)->status,
            200);
  const auto j = body(get("/api/registry/audit"));
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_GT(j["entries"].get<long long>(), static_cast<long long>(deal_count_));
  EXPECT_TRUE(j["problems"].empty());
}

TEST(RegistryApiAbsent, WithoutARegistryTheEndpointsSay404AndWritesStill401) {
  Server s(test::shipped_options());
  httplib::Client c("127.0.0.1", s.start());
  const auto r = c.Get("/api/registry/deals");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(r->body.find("--registry"), std::string::npos);
  EXPECT_EQ(c.Post("/api/registry/deals/dow/payments", R"({"date": "2026-01-01", "amount_eur": 1})", "application/json")->status,
            401);
}

}  // namespace
}  // namespace decarbfund::server
