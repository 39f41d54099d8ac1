// Runs `decarbfund montecarlo` (DECARBFUND_BINARY) on data/nl as a user would: the JSON is
// byte-identical for 1 and 2 threads, and a bad uncertainty section exits 2 naming file, line and
// key path.

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include <nlohmann/json.hpp>

namespace decarbfund {
namespace {

using test::kSource;
using test::Run;

// Output with stderr merged: the montecarlo verb reports progress and errors there.
Run run(const std::string& args) { return test::run_cli(args, true); }

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(MonteCarloCli, JsonIdenticalForOneAndTwoThreads) {
  const std::string dir = ::testing::TempDir();
  const auto a = run("montecarlo --draws 40 --seed 3 --threads 1 --quiet --json " + dir + "/mc1.json");
  const auto b = run("montecarlo --draws 40 --seed 3 --threads 2 --quiet --json " + dir + "/mc2.json");
  ASSERT_EQ(a.status, 0) << a.out;
  ASSERT_EQ(b.status, 0) << b.out;
  const auto j1 = slurp(dir + "/mc1.json");
  EXPECT_FALSE(j1.empty());
  EXPECT_EQ(j1, slurp(dir + "/mc2.json"));
  const auto j = nlohmann::json::parse(j1);
  EXPECT_EQ(j["meta"]["draws"], 40);
  EXPECT_EQ(j["meta"]["seed"], 3);
  EXPECT_EQ(j["meta"]["policy_version"], "belastingplan-2026");
  // The central run is the outlook's: the same levy leg.
  ASSERT_EQ(run("outlook --quiet --json " + dir + "/outlook-central.json").status, 0);
  const auto o = nlohmann::json::parse(slurp(dir + "/outlook-central.json"));
  EXPECT_NEAR(j["central"]["levy_leg_t"].get<double>() / 1e6, o["legs"]["levy_mt"].get<double>(), 1e-9);
}

// Under an MPI launcher a binary without its MPI plugin (libdecarbfund_mpi.so beside it or in
// ../lib/decarbfund) says where it looked and stops, rather than run every draw in every rank. (A
// build without MPI refuses a launcher's two ranks the same way.)
TEST(MonteCarloCli, UnderALauncherAMissingMpiPluginIsAnError) {
  namespace fs = std::filesystem;
  const fs::path bin = test::binary_without_plugins("no-mpi-plugin").parent_path();
  const auto r = test::run_command("cd '" + kSource + "' && OMPI_COMM_WORLD_SIZE=2 OMPI_COMM_WORLD_RANK=0 '" +
                                   (bin / "decarbfund").string() + "' montecarlo --draws 2 --quiet 2>&1");
  EXPECT_EQ(r.status, 2) << r.out;
  const bool no_plugin = r.out.find("expected the MPI plugin libdecarbfund_mpi.so beside the binary or in "
                                    "../lib/decarbfund") != std::string::npos &&
                         r.out.find((bin / "libdecarbfund_mpi.so").string()) != std::string::npos;
  const bool no_mpi = r.out.find("expected a build with MPI") != std::string::npos;
  EXPECT_TRUE(no_plugin || no_mpi) << r.out;
  fs::remove_all(bin.parent_path());
}

TEST(MonteCarloCli, BadUncertaintyExitsTwoWithKeyPath) {
  const std::string file = ::testing::TempDir() + "/bad-uncertainty.yaml";
  std::ofstream(file) << "name: bad\nbase: " << kSource
                      << "/scenarios/coalition-2023.yaml\nuncertainty:\n  permit_delay_yr: {distribution: uniform, min: 3, max: 1}\n";
  const auto r = run("montecarlo --draws 5 --scenario " + file);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(file + ":4: uncertainty.permit_delay_yr: expected min ≤ max, found min 3 > max 1"),
            std::string::npos)
      << r.out;
}

TEST(MonteCarloCli, ReportsSayWhichPackageLeversProducedThem) {
  const std::string dir = ::testing::TempDir();
  const auto r = run("montecarlo --draws 10 --seed 3 --quiet --scenario " + std::string(kSource) +
                     "/examples/scenarios/tata-binding.yaml --json " + dir + "/mc-levers.json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(slurp(dir + "/mc-levers.json"));
  EXPECT_EQ(j["meta"]["generator"], "decarbfund " DECARBFUND_VERSION);
  const auto& l = j["meta"]["package_levers"];
  EXPECT_EQ(l["deal_phase"]["tata-steel"]["phase"], "binding");
  EXPECT_EQ(l["deal_phase"]["tata-steel"]["phase_in_file"], "jloi");
  EXPECT_DOUBLE_EQ(l["deal_budget_eur"].get<double>(), 3.0e9);
  EXPECT_DOUBLE_EQ(l["sme_budget_eur"].get<double>(), 1.0e8);
  // The same selection as the outlook's (docs/scenarios.md example): Shell, Zeeland and OCI left out.
  EXPECT_EQ(l["deals_not_funded"], nlohmann::json::parse(R"(["shell", "zeeland-refinery", "oci"])"));
  // Σ max_support_eur of the 12 deal files (5,395.8 m) − Shell (857.4 m) − Zeeland (809.6 m) − OCI (1,028.4 m).
  EXPECT_NEAR(l["deal_max_support_funded_eur"].get<double>(), 2'700.4e6, 0.05e6);
  // Without levers the document has no such block.
  const auto plain = run("montecarlo --draws 5 --seed 3 --quiet --json " + dir + "/mc-plain.json");
  ASSERT_EQ(plain.status, 0) << plain.out;
  EXPECT_FALSE(nlohmann::json::parse(slurp(dir + "/mc-plain.json"))["meta"].contains("package_levers"));
}

TEST(MonteCarloCli, TornadoTopRunsTheTopInputsAndNamesTheRest) {
  // Issue 21: --tornado-top 20 runs the 20 inputs with the largest |rank correlation| and the JSON
  // names the others; by default (200) data/nl's inputs all run, as with --tornado-top 0.
  const std::string dir = ::testing::TempDir();
  ASSERT_EQ(run("montecarlo --draws 30 --seed 4 --quiet --tornado-top 20 --json " + dir + "/mc-t20.json").status, 0);
  ASSERT_EQ(run("montecarlo --draws 30 --seed 4 --quiet --json " + dir + "/mc-t0.json").status, 0);
  ASSERT_EQ(run("montecarlo --draws 30 --seed 4 --quiet --tornado-top 0 --json " + dir + "/mc-all.json").status, 0);
  EXPECT_EQ(slurp(dir + "/mc-t0.json"), slurp(dir + "/mc-all.json"));
  const auto top = nlohmann::json::parse(slurp(dir + "/mc-t20.json"));
  const auto all = nlohmann::json::parse(slurp(dir + "/mc-t0.json"));
  const auto inputs = top["uncertain_inputs"].size();
  ASSERT_GT(inputs, 20u);
  EXPECT_EQ(top["sensitivity"]["tornado"]["bars"].size(), 20u);
  EXPECT_EQ(top["sensitivity"]["tornado"]["not_run"].size(), inputs - 20);
  EXPECT_EQ(all["sensitivity"]["tornado"]["bars"].size(), inputs);
  EXPECT_FALSE(all["sensitivity"]["tornado"].contains("not_run"));
  // Everything but the tornado is the same run.
  EXPECT_EQ(top["achieved_t"], all["achieved_t"]);
  EXPECT_EQ(top["sensitivity"]["rank_correlation"], all["sensitivity"]["rank_correlation"]);
  EXPECT_EQ(top["sensitivity"]["tornado"]["base_t"], all["sensitivity"]["tornado"]["base_t"]);
  const auto bad = run("montecarlo --draws 5 --tornado-top many");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("--tornado-top"), std::string::npos) << bad.out;
}

TEST(MonteCarloCli, DrawsOutWritesEveryDrawsRecord) {
  // Issue 19: per-draw records as CSV or JSON lines; their mean is the report's mean.
  const std::string dir = ::testing::TempDir();
  const auto r = run("montecarlo --draws 25 --seed 9 --threads 2 --quiet --json " + dir + "/mc-d.json --draws-out " +
                     dir + "/draws.csv");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(slurp(dir + "/mc-d.json"));
  std::istringstream csv(slurp(dir + "/draws.csv"));
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("draw,achieved_t,levy_leg_t,package_leg_t,budget_outlay_eur,emissions_t.2020,", 0), 0u)
      << header;
  EXPECT_NE(header.find(",price:ets_eur_per_t"), std::string::npos);
  double sum = 0;
  int n = 0;
  for (std::string line; std::getline(csv, line); ++n) {
    EXPECT_EQ(line.rfind(std::to_string(n) + ",", 0), 0u);
    const auto a = line.find(',') + 1;
    sum += std::stod(line.substr(a, line.find(',', a) - a));
  }
  EXPECT_EQ(n, 25);
  EXPECT_NEAR(sum / n, j["achieved_t"]["mean"].get<double>(), 1e-6 * std::abs(sum / n) + 1e-3);
  // JSON lines, one object a draw, on stdout with `-`.
  const auto lines = run("montecarlo --draws 4 --seed 9 --quiet --draws-out -");
  ASSERT_EQ(lines.status, 0);
  std::istringstream in(lines.out);
  int k = 0;
  for (std::string line; std::getline(in, line); ++k) {
    const auto d = nlohmann::json::parse(line);
    EXPECT_EQ(d["draw"], k);
    EXPECT_TRUE(d.contains("emissions_t.2030"));
  }
  EXPECT_EQ(k, 4);
}

}  // namespace
}  // namespace decarbfund
