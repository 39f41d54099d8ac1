// `decarbfund sme generate|allocate`: the SME support scheme (issue 5; docs/sme.md).
//   sme generate --firms N --seed S --out FILE       synthetic applications, deterministic
//   sme allocate --round FILE --applications FILE --out awards.csv [--json]

#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/sme_allocation.hpp"
#include "cli/verbs.hpp"
#include "core/atomic_file.hpp"
#include "data/award_table.hpp"
#include "data/load_applications.hpp"
#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace decarbfund::cli {

namespace {

struct GenerateArgs {
  std::size_t firms = 5000;
  std::uint64_t seed = 1;
  std::string out;
  std::string techniques = "data/nl/sme-techniques.csv";
  std::string opens = "2024-04-22T09:00:00";
  std::string closes = "2025-01-31T17:00:00";
};

struct AllocateArgs {
  std::string round;
  std::string applications;
  std::string out;
  std::string techniques = "data/nl/sme-techniques.csv";
  bool json = false;
};

void print_diagnostics(const core::Diagnostics& diags) {
  for (const auto& d : diags.all()) {
    std::fprintf(stderr, "%s%s\n", d.severity == core::Severity::error ? "error: " : "",
                 d.to_string().c_str());
  }
}

nlohmann::ordered_json summary_json(const model::Round& round, const analysis::Allocation& result) {
  const auto& s = result.summary;
  nlohmann::ordered_json j;
  j["round"] = round.id;
  j["allocation"] = model::kAllocationModes[static_cast<std::size_t>(round.mode)];
  j["applications"] = s.applications;
  j["eligible"] = s.eligible;
  j["awarded"] = s.awarded;
  j["budget_eur"] = s.budget_eur;
  j["requested_eur"] = s.requested_eur;
  j["budget_used_eur"] = s.budget_used_eur;
  j["reduction_t_per_yr"] = s.reduction_t_per_yr;
  j["lifetime_reduction_t"] = s.lifetime_reduction_t;
  j["eur_per_t"] = s.eur_per_t;
  j["eur_per_annual_t"] = s.eur_per_annual_t;
  j["free_riders"] = s.free_riders;
  j["free_rider_share"] = s.free_rider_share;
  j["free_rider_budget_share"] = s.free_rider_budget_share;
  nlohmann::ordered_json rejected = nlohmann::ordered_json::object();
  for (std::size_t r = 1; r < s.rejected.size(); ++r) {
    rejected[std::string(model::kRejectReasons[r])] = s.rejected[r];
  }
  j["rejected"] = rejected;
  // What the outlook would count in the target year (analysis::sme_contribution, defaults EST).
  constexpr int kTargetYear = 2030;
  const auto c = analysis::sme_contribution(result.awards, analysis::kDefaultRealisationRate,
                                            analysis::kDefaultDelayYr, kTargetYear, kTargetYear);
  j["expected_reduction_2030_t"] = c.reduction_in(kTargetYear);
  j["realisation_rate"] = analysis::kDefaultRealisationRate;
  j["delay_yr"] = analysis::kDefaultDelayYr;
  return j;
}

void print_summary(const nlohmann::ordered_json& j) {
  fmt::print("round {} ({})\n", j["round"].get<std::string>(), j["allocation"].get<std::string>());
  fmt::print("  applications            {:>14}\n", j["applications"].get<std::size_t>());
  fmt::print("  eligible                {:>14}\n", j["eligible"].get<std::size_t>());
  fmt::print("  awarded                 {:>14}\n", j["awarded"].get<std::size_t>());
  fmt::print("  budget_eur              {:>14.0f}\n", j["budget_eur"].get<double>());
  fmt::print("  requested_eur           {:>14.0f}\n", j["requested_eur"].get<double>());
  fmt::print("  budget_used_eur         {:>14.0f}\n", j["budget_used_eur"].get<double>());
  fmt::print("  reduction_t_per_yr      {:>14.1f}\n", j["reduction_t_per_yr"].get<double>());
  fmt::print("  lifetime_reduction_t    {:>14.0f}\n", j["lifetime_reduction_t"].get<double>());
  fmt::print("  eur_per_t               {:>14.2f}   (per lifetime tonne)\n", j["eur_per_t"].get<double>());
  fmt::print("  eur_per_annual_t        {:>14.2f}\n", j["eur_per_annual_t"].get<double>());
  fmt::print("  free_rider_share        {:>14.3f}   ({} awards NPV-positive without aid)\n",
             j["free_rider_share"].get<double>(), j["free_riders"].get<std::size_t>());
  fmt::print("  free_rider_budget_share {:>14.3f}\n", j["free_rider_budget_share"].get<double>());
  fmt::print("  expected_reduction_2030_t{:>14.1f}   (realisation {}, delay {} yr)\n",
             j["expected_reduction_2030_t"].get<double>(), j["realisation_rate"].get<double>(),
             j["delay_yr"].get<int>());
  fmt::print("  rejected:");
  for (const auto& [k, v] : j["rejected"].items()) {
    if (v.get<std::size_t>() > 0) {
      fmt::print(" {} {}", k, v.get<std::size_t>());
    }
  }
  fmt::print("\n");
}

std::optional<std::vector<model::Technique>> techniques_or_report(const std::string& path,
                                                                  int& status) {
  core::Diagnostics diags;
  auto techniques = data::load_sme_techniques(path, diags);
  print_diagnostics(diags);
  if (!techniques) {
    std::fprintf(stderr, "%zu error(s) in the technique catalogue\n", diags.error_count());
    status = kExitBadInput;
  }
  return techniques;
}

void add_generate(CLI::App& sme, int& status) {
  auto args = std::make_shared<GenerateArgs>();
  auto* cmd = sme.add_subcommand("generate", "Generate a synthetic population of SME applications");
  cmd->add_option("--firms", args->firms, "industrial firms in the population")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{100'000'000}));
  cmd->add_option("--seed", args->seed, "random seed")->capture_default_str();
  cmd->add_option("--out", args->out, "application CSV to write")->required();
  cmd->add_option("--techniques", args->techniques, "technique catalogue")->capture_default_str();
  cmd->add_option("--opens", args->opens, "round opening, YYYY-MM-DDTHH:MM:SS")->capture_default_str();
  cmd->add_option("--closes", args->closes, "round closing, YYYY-MM-DDTHH:MM:SS")->capture_default_str();
  cmd->callback([args, &status] {
    auto techniques = techniques_or_report(args->techniques, status);
    if (!techniques) {
      return;
    }
    data::GeneratorConfig config;
    config.firms = args->firms;
    config.seed = args->seed;
    config.opens = args->opens;
    config.closes = args->closes;
    const auto apps = data::generate_applications(*techniques, config);
    core::write_file_atomically(args->out, data::applications_csv(apps));
    std::fprintf(stderr, "%zu applications from %zu firms (seed %llu) written to %s\n", apps.size(),
                 args->firms, static_cast<unsigned long long>(args->seed), args->out.c_str());
    status = kExitOk;
  });
}

void add_allocate(CLI::App& sme, int& status) {
  auto args = std::make_shared<AllocateArgs>();
  auto* cmd = sme.add_subcommand("allocate", "Allocate a round's budget over its applications");
  cmd->add_option("--round", args->round, "round rules (YAML)")->required();
  cmd->add_option("--applications", args->applications, "application CSV")->required();
  cmd->add_option("--out", args->out, "award CSV to write (atomically)")->required();
  cmd->add_option("--techniques", args->techniques, "technique catalogue")->capture_default_str();
  cmd->add_flag("--json", args->json, "print the summary as JSON");
  cmd->callback([args, &status] {
    auto techniques = techniques_or_report(args->techniques, status);
    if (!techniques) {
      return;
    }
    // Read and check everything before writing anything: a bad input leaves no award file.
    core::Diagnostics diags;
    auto round = data::load_round(args->round, *techniques, diags);
    auto apps = data::load_applications(args->applications, *techniques, diags);
    print_diagnostics(diags);
    if (!round || !apps) {
      std::fprintf(stderr, "%zu error(s); no award file written\n", diags.error_count());
      status = kExitBadInput;
      return;
    }
    const auto result = analysis::allocate_round(*round, *apps);
    core::write_file_atomically(args->out, data::awards_csv(result.awards, *round));
    const auto j = summary_json(*round, result);
    if (args->json) {
      fmt::print("{}\n", j.dump(2));
    } else {
      print_summary(j);
    }
    status = kExitOk;
  });
}

}  // namespace

void add_sme(CLI::App& app, int& status) {
  auto* sme = app.add_subcommand("sme", "SME support scheme: generate applications, allocate a round");
  sme->require_subcommand(1);
  add_generate(*sme, status);
  add_allocate(*sme, status);
}

}  // namespace decarbfund::cli
