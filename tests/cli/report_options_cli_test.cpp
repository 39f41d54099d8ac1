// One set of report options (issue 19): `--json -` prints the JSON document alone on stdout for
// every verb that has --json — the verbs are found from the help, so a verb that gains --json
// needs a case here — and writes no file named "-"; `--csv DIR` writes every table of the report.

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli_runner.hpp"

namespace decarbfund::test {
namespace {

namespace fs = std::filesystem;

/// A scratch folder that links the checkout's inputs, so no run writes into the checkout.
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("decarbfund-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* sub : {"data", "scenarios", "examples"}) {
    fs::create_directory_symlink(fs::path(kSource) / sub, dir / sub);
  }
  return dir;
}

/// The subcommand names listed in `help` (CLI11's "Subcommands:" section).
std::vector<std::string> subcommands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Subcommands:", 0) == 0) {
      listing = true;
      continue;
    }
    if (listing && line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ') {
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return out;
}

/// Every verb (with its parent: "registry status") whose help offers --json.
std::set<std::string> verbs_with_json() {
  std::set<std::string> out;
  std::vector<std::string> todo = subcommands(run_cli("--help").out);
  while (!todo.empty()) {
    const std::string verb = todo.back();
    todo.pop_back();
    const auto help = run_cli(verb + " --help").out;
    const auto children = subcommands(help);
    for (const auto& c : children) {
      todo.push_back(verb + " " + c);
    }
    if (children.empty() && help.find("--json") != std::string::npos) {
      out.insert(verb);
    }
  }
  return out;
}

TEST(ReportOptions, JsonDashPrintsTheDocumentAloneForEveryVerbWithJson) {
  const auto dir = scratch("json-stdout");
  const std::string d = dir.string();
  ASSERT_EQ(run_cli("sme generate --firms 300 --seed 3 --out apps.csv", false, d).status, 0);
  ASSERT_EQ(run_cli("registry init r.db", false, d).status, 0);
  ASSERT_EQ(run_cli("registry import r.db data/nl/deals/nobian.yaml --actor test", false, d).status, 0);
  const std::map<std::string, std::string> cases = {
      {"validate", "validate data/nl"},
      {"levy", "levy --input examples/levy-example.csv"},
      {"outlook", "outlook --scenario coalition-2023"},
      {"montecarlo", "montecarlo --draws 12 --threads 1"},
      {"compare", "compare coalition-2023 belastingplan-2026"},
      {"hindcast", "hindcast --scenario coalition-2023"},
      {"optimize", "optimize --sme-firms 500"},
      {"deal assess", "deal assess data/nl/deals/nobian.yaml"},
      {"emitters", "emitters"},
      {"budget", "budget"},
      {"sme allocate", "sme allocate --round data/nl/rounds/veki-2024.yaml --applications apps.csv --out awards.csv"},
      {"registry status", "registry status r.db"},
      {"registry report", "registry report r.db"},
      {"registry clawback", "registry clawback r.db nobian"},
  };
  const auto verbs = verbs_with_json();
  EXPECT_GE(verbs.size(), cases.size());
  for (const auto& verb : verbs) {
    const auto it = cases.find(verb);
    if (it == cases.end()) {
      ADD_FAILURE() << "`decarbfund " << verb << "` has --json but no case in this test";
      continue;
    }
    const auto r = run_cli(it->second + " --json -", false, d);
    EXPECT_EQ(r.status, 0) << it->second;
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << it->second << " printed:\n" << r.out.substr(0, 400);
    EXPECT_FALSE(fs::exists(dir / "-")) << it->second << " wrote a file named -";
  }
  fs::remove_all(dir);
}

TEST(ReportOptions, CsvWritesEveryTableOfTheReport) {
  const auto dir = scratch("csv");
  const auto r = run_cli("outlook --quiet --scenario coalition-2023 --csv tables --json out.json", false, dir.string());
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* f : {"summary.csv", "by_year.csv", "package_credits.csv", "sites_by_reduction.csv",
                        "options_adopted.csv", "macc_target_year.csv"}) {
    EXPECT_TRUE(fs::exists(dir / "tables" / f)) << f;
  }
  std::ifstream in(dir / "tables/by_year.csv");
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("year,emissions_t,reference_emissions_t,levy_only_emissions_t,levy_revenue_eur", 0), 0u)
      << header;
  // The CSV holds the JSON's numbers: 2030 emissions, exactly.
  const auto j = nlohmann::json::parse(std::ifstream(dir / "out.json"));
  std::string line;
  while (std::getline(in, line) && line.rfind("2030,", 0) != 0) {
  }
  const double csv_2030 = std::stod(line.substr(5, line.find(',', 5) - 5));
  EXPECT_EQ(csv_2030, j["emissions_t_by_year"]["2030"].get<double>());
  // A --csv folder whose parent is missing is refused before any file is written.
  const auto bad = run_cli("outlook --quiet --csv no/such/dir --json out2.json", true, dir.string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_FALSE(fs::exists(dir / "out2.json"));
  fs::remove_all(dir);
}

TEST(ReportOptions, OneSeedDefaultAndOneNamePerConcept) {
  // optimize's generated SME population takes the scenario's seed, as outlook does.
  const auto r = run_cli("optimize --sme-firms 500 --json -");
  ASSERT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["meta"]["seed"], 20261128);
  // The old option names still work, and say which name to use.
  const auto old = run_cli("optimize --firms 500 --json -", true);
  ASSERT_EQ(old.status, 0);
  EXPECT_EQ(old.out.rfind("decarbfund: --firms is deprecated; use --sme-firms\n", 0), 0u) << old.out.substr(0, 200);
}

}  // namespace
}  // namespace decarbfund::test
