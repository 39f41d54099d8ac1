// `decarbfund deal assess FILE [--scenario FILE] [--data DIR] [--json]`: what the advisory
// committee asks of a draft maatwerk deal (issue 4 §4, docs/deals.md). Parses, loads, calls
// analysis::assess_deal and prints; no model logic here.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/deal_assessment.hpp"
#include "cli/verbs.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_scenario.hpp"
#include "report/deal_report.hpp"

namespace decarbfund::cli {

namespace {

struct DealArgs {
  std::string file;
  std::string data = "data/nl";
  std::string scenario = "scenarios/belastingplan-2026.yaml";
  bool json = false;
};

}  // namespace

void add_deal(CLI::App& app, int& status) {
  auto* deal = app.add_subcommand("deal", "Maatwerk deals: assess a draft deal");
  deal->require_subcommand(1);
  auto args = std::make_shared<DealArgs>();
  auto* assess = deal->add_subcommand("assess", "Additionality, support per tonne, funding gap, infrastructure, flags");
  assess->add_option("file", args->file, "deal file (YAML, docs/deals.md)")->required();
  assess->add_option("--data", args->data, "dataset directory")->capture_default_str();
  assess->add_option("--scenario", args->scenario, "scenario YAML (prices, levy version)")->capture_default_str();
  assess->add_flag("--json", args->json, "print the JSON document instead of the summary");
  assess->callback([args, &status] {
    core::Diagnostics diags;
    auto d = data::load_deal(args->file, diags);
    auto scenario = data::load_scenario(args->scenario, diags);
    if (!d || !scenario) {
      throw core::Error(diags);
    }
    const auto model = data::load_dataset_or_throw(args->data);
    if (!data::check_deal(model, *d, diags)) {
      throw core::Error(diags);
    }
    const auto a = analysis::assess_deal(model, *scenario, *d);
    fmt::print("{}", args->json ? report::deal_assessment_json(model, a) : report::deal_assessment_text(model, a));
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
