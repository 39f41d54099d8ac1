// The API for scripts (issue 19): POST /api/batch (50 diffs in one call), /api/levy and
// /api/optimize (the CLI's documents), /api/montecarlo/draws (per-draw records), rate limits per
// token role (a research token can sweep), 422 naming the key path of every invalid value, and the
// compute budget for batch and optimize.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "../cli/cli_runner.hpp"
#include "server/server.hpp"
#include "shipped_options.hpp"

namespace decarbfund::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kResearchToken = "research-token-0123456789abcdef";

class ScriptingApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto o = test::shipped_options();
    o.round_dirs = {fs::path(DECARBFUND_SOURCE_DIR) / "examples/rounds"};
    server_ = new Server(o);
    port_ = server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static httplib::Result post(const std::string& path, const std::string& text) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(300, 0);
    return c.Post(path.c_str(), text, "application/json");
  }
  static json body(const httplib::Result& r) { return json::parse(r->body); }
  static json cli(const std::string& args) {
    const auto run = test::run_cli(args);
    EXPECT_EQ(run.status, 0) << args;
    return json::parse(run.out);
  }
  static inline Server* server_ = nullptr;
  static inline int port_ = 0;
};

/// A sweep of the 2030 ETS price: one diff per price.
std::string sweep(int n, int first_price) {
  json list = json::array();
  for (int i = 0; i < n; ++i) {
    list.push_back({{"base", "belastingplan-2026"},
                    {"name", fmt::format("ets {}", first_price + i)},
                    {"prices", {{"ets_eur_per_t", {{"2030", first_price + i}}}}}});
  }
  return json{{"scenarios", list}}.dump();
}

TEST_F(ScriptingApi, BatchAnswersFiftyDiffsInOneCall) {
  const auto started = std::chrono::steady_clock::now();
  const auto r = post("/api/batch", sweep(50, 60));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 500);
  const auto j = body(r);
  EXPECT_EQ(j["count"], 50);
  ASSERT_EQ(j["results"].size(), 50u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(j["results"][i]["meta"]["scenario"], fmt::format("ets {}", 60 + i));
  }
  // Each result is the document POST /api/outlook gives for that diff.
  const auto one = post("/api/outlook", R"({"base": "belastingplan-2026", "name": "ets 77",
                                           "prices": {"ets_eur_per_t": {"2030": 77}}})");
  ASSERT_EQ(one->status, 200);
  EXPECT_EQ(j["results"][17], body(one));
  std::printf("[ scripting ] POST /api/batch with 50 diffs: %.2f s\n", seconds);
  // keys: only the named top-level keys (and meta) of each outlook.
  const auto few = post("/api/batch", R"({"scenarios": [{"base": "coalition-2023"}], "keys": ["legs", "achieved_mt"]})");
  ASSERT_EQ(few->status, 200);
  const auto f = body(few)["results"][0];
  EXPECT_EQ(f.size(), 3u);
  EXPECT_TRUE(f.contains("meta") && f.contains("legs") && f.contains("achieved_mt"));
}

TEST_F(ScriptingApi, BatchRefusesAnInvalidDiffNamingItsPlace) {
  auto r = post("/api/batch", R"({"scenarios": [{"base": "coalition-2023"}, {"base": "coalition-2023",
                                  "response": {"hurdle_rate": 7}}]})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "scenarios[1].response.hurdle_rate");
  r = post("/api/batch", R"({"scenarios": [{"base": "nowhere"}]})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "scenarios[0].base");
  r = post("/api/batch", R"({"scenarios": [3]})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "scenarios[0]");
  r = post("/api/batch", R"({"scenarios": []})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["expected"], "an array of 1 to 200 scenario diffs");
  r = post("/api/batch", R"({"scenarioz": []})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "scenarioz");
  r = post("/api/batch", "[1]");
  EXPECT_EQ(r->status, 400);  // not a JSON object at all
}

TEST_F(ScriptingApi, LevyIsTheClisStatement) {
  // The worked examples as rows; the answer is `decarbfund levy --json` on the same file.
  std::ifstream in(fs::path(DECARBFUND_SOURCE_DIR) / "examples/levy-example.csv");
  std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto expected = cli("levy --input examples/levy-example.csv --json -");
  auto r = post("/api/levy", json{{"scenario", "belastingplan-2026"}, {"csv", csv}}.dump());
  ASSERT_EQ(r->status, 200) << r->body;
  auto got = body(r);
  EXPECT_EQ(got["rows"], expected["rows"]);
  EXPECT_EQ(got["totals"], expected["totals"]);
  EXPECT_EQ(got["meta"]["input"], "request");
  // The same rows as JSON objects; the scenario by default the CLI's.
  r = post("/api/levy", R"({"rows": [{"installation": "nea-200t", "year": 2025, "category": "n2o",
                                      "emissions_t": 1000, "dpr_allocated_t": 800}]})");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["rows"][0], expected["rows"][0]);
}

TEST_F(ScriptingApi, LevyNamesTheRowAndColumnOfABadValue) {
  auto r = post("/api/levy", R"({"rows": [{"installation": "a", "year": 2025, "category": "n2o",
                                           "emissions_t": 10, "dpr_allocated_t": 8},
                                          {"installation": "b", "year": 2025, "category": "steel",
                                           "emissions_t": -5, "dpr_allocated_t": 8}]})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  const auto d = body(r)["error"]["diagnostics"];
  ASSERT_GE(d.size(), 2u);
  EXPECT_EQ(d[0]["key_path"], "rows[1].category");
  EXPECT_EQ(d[1]["key_path"], "rows[1].emissions_t");
  EXPECT_EQ(post("/api/levy", R"({"rows": [{"installation": true}]})")->status, 422);
  EXPECT_EQ(post("/api/levy", R"({"csv": "x", "rows": []})")->status, 422);
  EXPECT_EQ(post("/api/levy", R"({"scenario": {"base": "elsewhere"}, "csv": "x"})")->status, 422);
}

TEST_F(ScriptingApi, OptimizeIsTheClisPortfolio) {
  auto r = post("/api/optimize", R"({"scenario": "belastingplan-2026", "budget_eur": 300e6, "sme_firms": 2000})");
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 400);
  auto got = body(r);
  auto expected = cli("optimize --budget 300e6 --sme-firms 2000 --json -");
  // A deal's basis names its file: absolute on the test server, relative in the checkout.
  for (auto* doc : {&got, &expected}) {
    for (auto& d : (*doc)["deals"]) {
      d.erase("basis");
    }
  }
  for (const char* key : {"objective", "budget", "reduction_t", "cost_eur", "deals", "projects", "sme_awards",
                          "money_by_year", "shadow_prices", "rules", "excluded"}) {
    EXPECT_EQ(got[key], expected[key]) << key;
  }
  EXPECT_EQ(got["meta"]["seed"], expected["meta"]["seed"]);
  r = post("/api/optimize", R"({"gap": 2})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "gap");
  r = post("/api/optimize", R"({"time_limit_s": 600})");
  EXPECT_EQ(r->status, 422);
  r = post("/api/optimize", R"({"objective": "max-profit"})");
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["expected"], "one of max-reduction, min-cost");
}

TEST_F(ScriptingApi, MonteCarloDrawsAreTheRecordsOfTheRun) {
  const std::string request = R"({"scenario": {"base": "belastingplan-2026"}, "draws": 20, "seed": 4)";
  auto csv = post("/api/montecarlo/draws", std::string(request) + R"(, "format": "csv"})");
  ASSERT_EQ(csv->status, 200) << csv->body.substr(0, 300);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  std::istringstream lines(csv->body);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("draw,achieved_t,", 0), 0u);
  int n = 0;
  double sum = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    const auto a = line.find(',') + 1;
    sum += std::stod(line.substr(a, line.find(',', a) - a));
  }
  EXPECT_EQ(n, 20);
  const auto doc = post("/api/montecarlo", std::string(request) + "}");
  ASSERT_EQ(doc->status, 200);
  EXPECT_NEAR(sum / n, body(doc)["achieved_t"]["mean"].get<double>(), 1e-3);
  const auto jsonl = post("/api/montecarlo/draws", std::string(request) + "}");
  ASSERT_EQ(jsonl->status, 200);
  EXPECT_EQ(jsonl->get_header_value("Content-Type"), "application/x-ndjson");
  EXPECT_EQ(json::parse(jsonl->body.substr(0, jsonl->body.find('\n')))["draw"], 0);
  EXPECT_EQ(post("/api/montecarlo/draws", std::string(request) + R"(, "format": "xml"})")->status, 422);
}

TEST(ScriptingRateLimit, AResearchTokenCanSweepWhereAnAddressIsLimited) {
  const fs::path tokens = fs::temp_directory_path() / fmt::format("decarbfund-research-tokens-{}", ::getpid());
  std::ofstream(tokens) << "researcher " << kResearchToken << " planning bureau\n";
  auto o = test::shipped_options();
  o.rate_per_s = 1;
  o.rate_burst = 5;
  o.tokens = tokens;
  o.role_rates[Role::researcher] = {100, 200};
  Server s(o);
  const int port = s.start();
  httplib::Client c("127.0.0.1", port);
  int anonymous_ok = 0;
  int research_ok = 0;
  for (int i = 0; i < 120; ++i) {
    anonymous_ok += c.Get("/api/health")->status == 200 ? 1 : 0;
  }
  for (int i = 0; i < 120; ++i) {
    research_ok += c.Get("/api/health", {{"Authorization", std::string("Bearer ") + kResearchToken}})->status == 200;
  }
  EXPECT_LE(anonymous_ok, 10);
  EXPECT_EQ(research_ok, 120);
  // A researcher reads; it may not write.
  const auto save = c.Post("/api/saved", {{"Authorization", std::string("Bearer ") + kResearchToken}},
                           R"({"name": "x", "diff": {}})", "application/json");
  EXPECT_EQ(save->status, 403);
  fs::remove(tokens);
}

TEST(ScriptingComputeBudget, BatchAndOptimizeTakeTurnsWithMonteCarlo) {
  auto o = test::shipped_options();
  o.compute_running = 1;
  o.compute_waiting = 0;
  o.compute_per_client = 1;
  Server s(o);
  const int port = s.start();
  std::atomic<int> first_status{0};
  std::thread first([&] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(300, 0);
    first_status = c.Post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "draws": 2000})",
                          "application/json")
                       ->status;
  });
  // While the Monte Carlo run computes, a batch and an optimisation are refused at once, with
  // the time to come back.
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(300, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the run has its turn by now
  bool refused_batch = false;
  bool refused_optimize = false;
  for (int i = 0; i < 200 && first_status == 0 && !(refused_batch && refused_optimize); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!refused_batch) {
      const auto b = c.Post("/api/batch", sweep(2, 1000 + i), "application/json");
      refused_batch = b->status == 503 && !b->get_header_value("Retry-After").empty();
    }
    if (!refused_optimize && first_status == 0) {
      refused_optimize = c.Post("/api/optimize", R"({"sme_firms": 100})", "application/json")->status == 503;
    }
  }
  first.join();
  EXPECT_EQ(first_status, 200);
  EXPECT_TRUE(refused_batch);
  EXPECT_TRUE(refused_optimize);
}

}  // namespace
}  // namespace decarbfund::server
