// API tests of the programme endpoints (issue 8): Monte Carlo, deals and their assessment, SME
// rounds and allocation. Each answer is compared with what the CLI prints for the same input
// (DECARBFUND_BINARY run in the checkout), plus bad requests and unknown ids.

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "../cli/cli_runner.hpp"
#include "server/server.hpp"
#include "shipped_options.hpp"

namespace decarbfund::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path source(const std::string& rel) { return fs::path(DECARBFUND_SOURCE_DIR) / rel; }

class ProgrammeApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / fmt::format("decarbfund-programme-api-{}", ::getpid());
    fs::create_directories(dir_);
    auto o = test::shipped_options();
    o.round_dirs = {source("examples/rounds")};
    server_ = new Server(o);
    port_ = server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(dir_);
  }
  static httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c.Get(path.c_str());
  }
  static httplib::Result post(const std::string& path, const std::string& text) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c.Post(path.c_str(), text, "application/json");
  }
  static json body(const httplib::Result& r) { return json::parse(r->body); }
  /// The JSON the CLI writes with `args` (which must contain --json <dir>/out.json or print it).
  static json cli_file(const std::string& args, const fs::path& out) {
    const auto run = test::run_cli(args);
    EXPECT_EQ(run.status, 0) << args << "\n" << run.out;
    std::ifstream in(out);
    return json::parse(in);
  }

  static inline Server* server_ = nullptr;
  static inline int port_ = 0;
  static inline fs::path dir_;
};

TEST_F(ProgrammeApi, OutlookCountsDealsAndSmeAsTheCliDoes) {
  const auto out = dir_ / "outlook.json";
  auto expected = cli_file(fmt::format("outlook --json '{}' --quiet", out.string()), out);
  auto r = post("/api/outlook", R"({"base": "belastingplan-2026"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto got = body(r);
  // deals_dir is the server's --data path (absolute here), the CLI's relative one.
  EXPECT_EQ(fs::path(got["deals_dir"].get<std::string>()), source("data/nl/deals"));
  EXPECT_EQ(expected["deals_dir"], "data/nl/deals");
  for (const char* k : {"meta", "deals_dir"}) {
    got.erase(k);
    expected.erase(k);
  }
  EXPECT_EQ(got, expected);
  // The package leg names the deals (data/nl/deals) and the SME scheme.
  EXPECT_NE(r->body.find("\"deal\": \"tata-steel\""), std::string::npos);
  EXPECT_NE(r->body.find("veki-2024 (5000 generated firms"), std::string::npos);
}

// The package levers (docs/scenarios.md "package") in a posted diff give the CLI's document for
// the same scenario file (examples/scenarios/tata-binding.yaml), levers block included.
TEST_F(ProgrammeApi, OutlookLeversAsTheCliDoes) {
  const auto out = dir_ / "levers.json";
  auto expected = cli_file(
      fmt::format("outlook --scenario examples/scenarios/tata-binding.yaml --json '{}' --quiet", out.string()), out);
  auto r = post("/api/outlook", R"({"base": "belastingplan-2026", "package": {"deal_phase": {"tata-steel": "binding"},
                                    "deal_budget_eur": 3.0e9, "sme_budget_eur": 1.0e8}})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto got = body(r);
  EXPECT_EQ(got["meta"]["package_levers"], expected["meta"]["package_levers"]);
  EXPECT_EQ(got["meta"]["package_levers"]["deals_not_funded"], json::parse(R"(["shell", "zeeland-refinery", "oci"])"));
  EXPECT_EQ(got["meta"]["package_levers"]["deal_phase"]["tata-steel"]["phase_in_file"], "jloi");
  for (const char* k : {"meta", "deals_dir"}) {
    got.erase(k);
    expected.erase(k);
  }
  EXPECT_EQ(got, expected);
}

// A deal id the deal book does not have: 422 naming the key path, as the CLI's exit 2 does.
TEST_F(ProgrammeApi, OutlookRefusesAnUnknownDealInDealPhase) {
  for (const char* path : {"/api/outlook", "/api/montecarlo"}) {
    const std::string diff = R"({"base": "belastingplan-2026", "package": {"deal_phase": {"tata": "binding"}}})";
    auto r = post(path, std::string(path) == "/api/outlook" ? diff : R"({"draws": 10, "scenario": )" + diff + "}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << path << r->body;
    const auto d = body(r)["error"]["diagnostics"][0];
    // The Monte Carlo body holds the diff under "scenario" (issue 19: key paths from the body's root).
    EXPECT_EQ(d["key_path"], std::string(path) == "/api/outlook" ? "package.deal_phase.tata"
                                                                 : "scenario.package.deal_phase.tata")
        << path;
    EXPECT_EQ(d["expected"],
              "a deal id of " + source("data/nl/deals").string() +
                  " (air-liquide, alco, anqore, bp, cosun, dow, nobian, oci, shell, tata-steel, yara, "
                  "zeeland-refinery)") << path;
    EXPECT_EQ(d["found"], "\"tata\"") << path;
  }
  // An unknown phase is the loader's 422.
  auto r = post("/api/outlook", R"({"base": "belastingplan-2026", "package": {"deal_phase": {"tata-steel": "signed"}}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "package.deal_phase.tata-steel");
}

TEST_F(ProgrammeApi, MonteCarloIsTheCliDocument) {
  const auto out = dir_ / "mc.json";
  auto expected = cli_file(fmt::format("montecarlo --draws 40 --seed 11 --threads 1 --json '{}' --quiet", out.string()), out);
  auto r = post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "draws": 40, "seed": 11})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto got = body(r);
  EXPECT_EQ(got["meta"]["draws"], 40);
  EXPECT_EQ(got["meta"]["seed"], 11);
  EXPECT_EQ(got["meta"]["scenario"], "belastingplan-2026+diff");
  const double p = got["p_target_met"]["total"].get<double>();
  EXPECT_GE(p, 0.0);
  EXPECT_LE(p, 1.0);
  got.erase("meta");
  expected.erase("meta");
  EXPECT_EQ(got, expected);
}

// "tornado_top" is the CLI's --tornado-top: the same document, the tornado cut to N inputs.
TEST_F(ProgrammeApi, MonteCarloTornadoTopIsTheClis) {
  const auto out = dir_ / "mc-top.json";
  auto expected = cli_file(
      fmt::format("montecarlo --draws 30 --seed 5 --threads 1 --tornado-top 3 --json '{}' --quiet", out.string()), out);
  auto r = post("/api/montecarlo",
                R"({"scenario": {"base": "belastingplan-2026"}, "draws": 30, "seed": 5, "tornado_top": 3})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto got = body(r);
  EXPECT_EQ(got["sensitivity"]["tornado"]["inputs_run"], 3);
  got.erase("meta");
  expected.erase("meta");
  EXPECT_EQ(got, expected);
  // A negative count is refused, naming the key; /draws runs no tornado, so it has no such key.
  r = post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "draws": 5, "tornado_top": -1})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "tornado_top");
  r = post("/api/montecarlo/draws", R"({"scenario": {"base": "belastingplan-2026"}, "draws": 5, "tornado_top": 3})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "tornado_top");
}

TEST_F(ProgrammeApi, MonteCarloRefusesTooManyDrawsAndBadScenarios) {
  // Issue 19: every invalid value in a well-formed body is 422, naming its key path.
  auto r = post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "draws": 2001})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  auto d = body(r)["error"]["diagnostics"][0];
  EXPECT_EQ(d["key_path"], "draws");
  EXPECT_EQ(d["expected"], "an integer from 1 to 2000");
  EXPECT_EQ(d["found"], "2001");
  r = post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "draws": -3})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  r = post("/api/montecarlo", R"({"scenario": {"base": "../etc/passwd"}, "draws": 10})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "scenario.base");
  r = post("/api/montecarlo", R"({"scenario": {"base": "belastingplan-2026"}, "drawz": 10})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "drawz");
  r = post("/api/montecarlo", "{oops");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(body(r)["error"]["diagnostics"][0]["found"].get<std::string>().starts_with("malformed JSON at column 2: "));
}

TEST_F(ProgrammeApi, DealsListsTheDealFiles) {
  auto r = get("/api/deals");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto j = body(r);
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(source("data/nl/deals"))) {
    files += e.path().extension() == ".yaml" && e.path().filename() != "phases.yaml";
  }
  ASSERT_EQ(j.size(), files);
  const json* tata = nullptr;
  for (const auto& d : j) {
    if (d["id"] == "tata-steel") {
      tata = &d;
    }
    EXPECT_GE(d["realisation_probability"].get<double>(), 0.0);
    EXPECT_LE(d["realisation_probability"].get<double>(), 1.0);
    EXPECT_FALSE(d.contains("file"));  // no server paths in answers
  }
  ASSERT_NE(tata, nullptr);
  EXPECT_EQ((*tata)["company"].get<std::string>().find("Tata Steel"), 0u);
  EXPECT_EQ((*tata)["assessment"], "/api/deals/tata-steel/assessment");
  EXPECT_GT((*tata)["max_support_eur"].get<double>(), 1e9);  // up to EUR 2 bn (JLoI 2025)
}

TEST_F(ProgrammeApi, AssessmentIsTheCliDocument) {
  const auto run = test::run_cli("deal assess data/nl/deals/nobian.yaml --json -");
  ASSERT_EQ(run.status, 0) << run.out;
  const auto expected = json::parse(run.out);
  auto r = get("/api/deals/nobian/assessment");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r), expected);
  EXPECT_EQ(body(r)["deal"], "nobian");

  const auto run2 = test::run_cli("deal assess data/nl/deals/nobian.yaml --scenario scenarios/coalition-2023.yaml --json -");
  ASSERT_EQ(run2.status, 0) << run2.out;
  r = get("/api/deals/nobian/assessment?scenario=coalition-2023");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r), json::parse(run2.out));
}

TEST_F(ProgrammeApi, UnknownDealsAndScenariosAreRefused) {
  auto r = get("/api/deals/no-such-deal/assessment");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(body(r)["error"]["message"], "no deal with id \"no-such-deal\"");
  r = get("/api/deals/nobian/assessment?scenario=../../etc/passwd");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "scenario");
}

TEST_F(ProgrammeApi, SmeRoundsListsDataAndExampleRounds) {
  auto r = get("/api/sme/rounds");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto j = body(r);
  // data/nl/rounds (niki-2025, veki-2024), then examples/rounds (dei, fcfs, mooi, niki, phases,
  // points, ranking, veki-sme-only), each sorted by name.
  ASSERT_EQ(j.size(), 10u);
  EXPECT_EQ(j[0]["name"], "niki-2025");
  EXPECT_EQ(j[0]["instrument"], "niki");
  EXPECT_EQ(j[0]["allocation"], "ranking");
  EXPECT_EQ(j[0]["outlook"], false);
  EXPECT_EQ(j[1]["name"], "veki-2024");
  EXPECT_EQ(j[1]["outlook"], true);
  EXPECT_EQ(j[1]["allocation"], "fcfs");
  EXPECT_EQ(j[2]["name"], "dei");
  EXPECT_EQ(j[3]["name"], "fcfs");
  EXPECT_EQ(j[3]["outlook"], false);
}

TEST_F(ProgrammeApi, SmeAllocateIsTheCliSummary) {
  const auto apps = dir_ / "apps.csv";
  const auto gen = test::run_cli(fmt::format("sme generate --firms 400 --seed 5 --out '{}'", apps.string()));
  ASSERT_EQ(gen.status, 0) << gen.out;
  const auto run = test::run_cli(fmt::format("sme allocate --round examples/rounds/ranking.yaml --applications '{}' "
                                             "--out '{}' --json -",
                                             apps.string(), (dir_ / "awards.csv").string()));
  ASSERT_EQ(run.status, 0) << run.out;
  const auto expected = json::parse(run.out);
  auto r = post("/api/sme/allocate", R"({"round": "ranking", "firms": 400, "seed": 5})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto got = body(r);
  EXPECT_EQ(got["allocation"], "ranking");
  EXPECT_GT(got["awarded"].get<std::size_t>(), 0u);
  // The CLI read the applications back from CSV, so amounts may differ in the last digits.
  for (const auto& [key, value] : expected.items()) {
    ASSERT_TRUE(got.contains(key)) << key;
    if (value.is_number_float()) {
      EXPECT_NEAR(got[key].get<double>(), value.get<double>(), 1e-6 * std::max(1.0, std::abs(value.get<double>())))
          << key;
    } else {
      EXPECT_EQ(got[key], value) << key;
    }
  }
  // Overriding the mode reallocates the same population.
  r = post("/api/sme/allocate", R"({"round": "ranking", "firms": 400, "seed": 5, "mode": "fcfs"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["allocation"], "fcfs");
  EXPECT_EQ(body(r)["applications"], got["applications"]);
}

// A DEI+ round opens pilots and demonstrations: the population the server generates for it asks
// for those (data::generated_project_type), not for investments it would refuse wholesale.
TEST_F(ProgrammeApi, SmeAllocateGeneratesWhatTheRoundOpens) {
  auto r = post("/api/sme/allocate", R"({"round": "dei", "firms": 2000, "seed": 1})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto got = body(r);
  EXPECT_EQ(got["instrument"], "dei");
  EXPECT_EQ(got["rejected"]["project_type_not_open"], 0);
  EXPECT_GT(got["awarded"].get<std::size_t>(), 0u);
}

TEST_F(ProgrammeApi, SmeAllocateRefusesBadRequests) {
  auto r = post("/api/sme/allocate", R"({"round": "../../etc/passwd"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "round");
  r = post("/api/sme/allocate", R"({"round": "fcfs", "firms": 1000000})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["expected"], "an integer from 1 to 50000");
  r = post("/api/sme/allocate", R"({"round": "fcfs", "mode": "lottery"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(body(r)["error"]["diagnostics"][0]["key_path"], "mode");
  r = post("/api/sme/allocate", "[1]");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

}  // namespace
}  // namespace decarbfund::server
