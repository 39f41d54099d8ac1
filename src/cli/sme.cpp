// `decarbfund sme generate|allocate`: the SME support scheme (issue 5; docs/sme.md).
//   sme generate --firms N --seed S --out FILE       synthetic applications, deterministic
//   sme allocate --round FILE --applications FILE --out awards.csv [--json FILE] [--csv DIR]
//                [--html FILE] [--xlsx FILE] [--compare ROUND…] [--lang nl|en]

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/sme_allocation.hpp"
#include "cli/lang_option.hpp"
#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "report/sme_report.hpp"
#include "report/sme_rules_report.hpp"
#include "core/atomic_file.hpp"
#include "data/award_table.hpp"
#include "data/load_applications.hpp"
#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"

namespace decarbfund::cli {

namespace {

/// The technique catalogue: --techniques, else the located dataset's sme-techniques.csv.
std::string techniques_path(const std::string& given) {
  return given.empty() ? (std::filesystem::path(locate_data("", false)) / "sme-techniques.csv").string()
                       : given;
}

struct GenerateArgs {
  std::size_t firms = 5000;
  std::uint64_t seed = 1;
  std::string out;
  std::string techniques;
  std::string opens = "2024-04-22T09:00:00";
  std::string closes = "2025-01-31T17:00:00";
  std::string project_type = "investment";
};

struct AllocateArgs : ReportArgs {
  std::string round;
  std::string applications;
  std::string out;
  std::string techniques;
  std::vector<std::string> compare;  ///< more round files allocated over the same applications
};

void print_diagnostics(const core::Diagnostics& diags) {
  for (const auto& d : diags.all()) {
    std::fprintf(stderr, "%s%s\n", d.severity == core::Severity::error ? "error: " : "",
                 d.to_string().c_str());
  }
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
  cmd->add_option("--techniques", args->techniques, "technique catalogue (default: the dataset's sme-techniques.csv)");
  cmd->add_option("--opens", args->opens, "round opening, YYYY-MM-DDTHH:MM:SS")->capture_default_str();
  cmd->add_option("--closes", args->closes, "round closing, YYYY-MM-DDTHH:MM:SS")->capture_default_str();
  cmd->add_option("--project-type", args->project_type,
                  "what the applications ask for: investment (VEKI, NIKI), pilot or demonstration (DEI+), research (MOOI)")
      ->capture_default_str()
      ->check(CLI::IsMember({"investment", "pilot", "demonstration", "research"}));
  cmd->callback([args, &status] {
    auto techniques = techniques_or_report(techniques_path(args->techniques), status);
    if (!techniques) {
      return;
    }
    data::GeneratorConfig config;
    config.firms = args->firms;
    config.seed = args->seed;
    config.opens = args->opens;
    config.closes = args->closes;
    for (std::size_t t = 0; t < model::kProjectTypeCount; ++t) {
      if (model::kProjectTypes[t] == args->project_type) {
        config.project_type = static_cast<model::ProjectType>(t);
      }
    }
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
  cmd->add_option("--techniques", args->techniques, "technique catalogue (default: the dataset's sme-techniques.csv)");
  add_json_csv_options(cmd, *args);
  cmd->add_option("--html", args->html, "also write an HTML report comparing the allocation rules to this file");
  cmd->add_option("--xlsx", args->xlsx, "also write an Excel workbook comparing the allocation rules to this file");
  cmd->add_option("--compare", args->compare,
                  "round files (e.g. examples/rounds/*.yaml) whose rules the reports set beside --round's");
  add_lang_option(cmd, args->lang);
  cmd->callback([args, &status] {
    args->round = locate_input(args->round, false, "round");
    auto techniques = techniques_or_report(techniques_path(args->techniques), status);
    if (!techniques) {
      return;
    }
    // Read and check everything before writing anything: a bad input leaves no award file.
    core::Diagnostics diags;
    auto round = data::load_round(args->round, *techniques, diags);
    auto apps = data::load_applications(args->applications, *techniques, diags);
    std::vector<model::Round> compared;
    bool compared_ok = true;
    for (const auto& file : args->compare) {
      auto r = data::load_round(file, *techniques, diags);
      compared_ok = compared_ok && r.has_value();
      if (r) {
        compared.push_back(std::move(*r));
      }
    }
    print_diagnostics(diags);
    if (!round || !apps || !compared_ok) {
      std::fprintf(stderr, "%zu error(s); no award file written\n", diags.error_count());
      status = kExitBadInput;
      return;
    }
    const auto result = analysis::allocate_round(*round, *apps);
    const std::string json = args->wants_json() ? report::sme_summary_json(*round, result) : "";
    // Render every file before writing any: the award file and the rule comparison's reports.
    std::string html, xlsx;
    if (!args->html.empty() || !args->xlsx.empty()) {
      std::vector<report::SmeRuleRun> runs{{&*round, result}};
      for (const auto& r : compared) {
        runs.push_back({&r, analysis::allocate_round(r, *apps)});
      }
      report::RunInfo info;
      info.more.emplace_back("round_file", args->round);
      info.more.emplace_back("applications_file", args->applications);
      std::string compare_options;
      for (const auto& file : args->compare) {
        compare_options += report::command_option("compare", file);
      }
      info.command = "decarbfund sme allocate" + report::command_option("round", args->round) +
                     report::command_option("applications", args->applications) + compare_options +
                     report::command_option("lang", args->lang == "en" ? "" : args->lang);
      // The round's closing time, not the clock: the same inputs give the same bytes.
      info.created_utc = round->closes;
      const auto lang = report_lang(args->lang);
      html = args->html.empty() ? "" : report::sme_rules_html(runs, info, lang);
      xlsx = args->xlsx.empty() ? "" : report::sme_rules_xlsx(runs, *apps, info, lang);
    }
    // The award file (13 MB for 100,000 applications) is moved in: a braced list would copy it.
    std::vector<std::pair<std::string, std::string>> award_file;
    award_file.emplace_back(args->out, data::awards_csv(result.awards, *round));
    auto written = write_reports(*args, json, html, xlsx, std::move(award_file));
    if (!args->json_to_stdout()) {
      fmt::print("{}", report::sme_summary_text(*round, result));
    }
    // The award file is the verb's output, not a report: only the reports are listed.
    std::erase(written, args->out);
    print_written(written, true, args->json_to_stdout());
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
