#include "server/programme_service.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/deal_assessment.hpp"
#include "analysis/emitters.hpp"
#include "analysis/deal_own_effect.hpp"
#include "analysis/montecarlo.hpp"
#include "analysis/package_levers.hpp"
#include "analysis/sme_allocation.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"
#include "optimize/build_problem.hpp"
#include "report/deal_report.hpp"
#include "report/emitters_report.hpp"
#include "report/montecarlo_report.hpp"
#include "report/sme_report.hpp"
#include "runs/run_inputs.hpp"
#include "server/body_fields.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

/// The scenario `deal assess` uses when none is named (src/cli/deal.cpp).
constexpr const char* kDefaultAssessmentScenario = "belastingplan-2026";
/// The round `decarbfund outlook` counts by default (runs/run_inputs.cpp load_sme_input).
constexpr const char* kOutlookRound = "veki-2024";

}  // namespace

ProgrammeService::ProgrammeService(std::shared_ptr<const model::Model> model, const ScenarioCatalog& catalog,
                                   const fs::path& data_dir, const std::vector<fs::path>& round_dirs,
                                   core::Diagnostics& diags)
    : model_(std::move(model)), catalog_(catalog) {
  // The deal book, as `outlook` and `montecarlo` read it (src/cli/outlook.cpp load_deal_book).
  const fs::path deals_dir = data_dir / "deals";
  if (fs::is_directory(deals_dir)) {
    auto deals = data::load_deals(deals_dir, diags);
    auto phases = data::load_phases(deals_dir / "phases.yaml", diags);
    if (deals && phases) {
      bool ok = true;
      for (const auto& d : *deals) {
        ok = data::check_deal(*model_, d, diags) && ok;
      }
      if (ok) {
        deals_ = analysis::DealBook{deals_dir.string(), std::move(*deals), std::move(*phases)};
      }
    }
  }
  const fs::path techniques_file = data_dir / "sme-techniques.csv";
  if (!fs::is_regular_file(techniques_file)) {
    return;  // a dataset without the SME scheme: no rounds to offer
  }
  auto techniques = data::load_sme_techniques(techniques_file, diags);
  if (!techniques) {
    return;
  }
  techniques_ = std::move(*techniques);
  std::vector<fs::path> dirs{data_dir / "rounds"};
  dirs.insert(dirs.end(), round_dirs.begin(), round_dirs.end());
  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir)) {
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const auto name = f.stem().string();
      if (std::any_of(rounds_.begin(), rounds_.end(), [&](const auto& r) { return r.name == name; })) {
        continue;  // <data>/rounds comes first and wins
      }
      if (auto round = data::load_round(f, techniques_, diags)) {
        rounds_.push_back({name, std::move(*round)});
      }
    }
  }
  if (std::any_of(rounds_.begin(), rounds_.end(), [](const auto& r) { return r.name == kOutlookRound; }) &&
      fs::is_regular_file(data_dir / "rounds" / (std::string(kOutlookRound) + ".yaml"))) {
    outlook_round_ = kOutlookRound;
  }
}

std::string ProgrammeService::deals_json() const {
  json list = json::array();
  if (!deals_) {
    return list.dump(2) + "\n";
  }
  for (const auto& d : deals_->deals) {
    json j;
    j["id"] = d.id;
    j["company"] = d.company;
    j["phase"] = std::string(model::phase_name(d.phase));
    j["phase_since"] = d.history.empty() ? json(nullptr) : json(d.history.back().date);
    j["realisation_probability"] = deals_->phases.of(d.phase);
    j["committed_2030_t"] = d.committed_in(2030);
    json committed = json::object();
    for (const auto& [year, t] : d.committed_reduction_t) {
      committed[std::to_string(year)] = t;
    }
    j["committed_reduction_t"] = committed;
    j["max_support_eur"] = d.max_support_eur;
    j["max_support_basis"] = d.max_support_basis;
    j["sites"] = d.sites;
    j["climate_neutral_year"] = d.climate_neutral_year == 0 ? json(nullptr) : json(d.climate_neutral_year);
    j["assessment"] = fmt::format("/api/deals/{}/assessment", d.id);
    list.push_back(j);
  }
  return list.dump(2) + "\n";
}

std::string ProgrammeService::emitters_json() const {
  const auto* entry = catalog_.find(std::string(kDefaultAssessmentScenario));
  const model::Target target = entry ? entry->scenario.target : model::Target{};
  return report::emitters_json(*model_, analysis::rank_emitters(*model_, deal_book(), target, 0));
}

std::string ProgrammeService::assessment_json(std::string_view id, std::string_view scenario) const {
  const model::Deal* deal = nullptr;
  if (deals_) {
    for (const auto& d : deals_->deals) {
      if (d.id == id) {
        deal = &d;
      }
    }
  }
  if (!deal) {
    throw RequestError(404, fmt::format("no deal with id {}", core::quote_found(std::string(id))));
  }
  const std::string name = scenario.empty() ? std::string(kDefaultAssessmentScenario) : std::string(scenario);
  const auto* entry = catalog_.find(name);
  if (!entry) {
    core::Diagnostics d;
    d.add({core::Severity::error, "request.scenario", "query", 0, "scenario", {},
           fmt::format("the name of a listed scenario ({})", catalog_.names()), core::quote_found(name), {}});
    throw RequestError(422, d.all().front().to_string(), d);
  }
  auto a = analysis::assess_deal(*model_, entry->scenario, *deal);
  // Its own effect among the other deals, against the scenario's reference (as `deal assess`).
  if (const auto* reference = catalog_.find_path(entry->scenario.target.reference_scenario)) {
    a.own_effect = analysis::deal_own_effect(*model_, entry->scenario, reference->scenario, *deals_, *deal);
  }
  return report::deal_assessment_json(*model_, a);
}

std::string ProgrammeService::rounds_json() const {
  json list = json::array();
  for (const auto& e : rounds_) {
    const auto& r = e.round;
    json j;
    j["name"] = e.name;
    j["id"] = r.id;
    j["title"] = r.name;
    j["instrument"] = model::kInstruments[static_cast<std::size_t>(r.instrument)];
    j["allocation"] = model::kAllocationModes[static_cast<std::size_t>(r.mode)];
    j["opens"] = r.opens;
    j["closes"] = r.closes;
    j["budget_eur"] = r.budget_eur;
    j["cap_per_project_eur"] = r.cap_per_project_eur;
    j["cap_eur_per_t"] = r.cap_eur_per_t;
    j["eligible_techniques"] = r.eligible_techniques.size();
    j["outlook"] = e.name == outlook_round_;
    list.push_back(j);
  }
  return list.dump(2) + "\n";
}

std::string ProgrammeService::allocate_json(std::string_view text) const {
  const auto body = parse_object_body(text, R"(a JSON object {"round": "...", "firms": N, "seed": S})");
  const BodyFields fields(body, {"round", "firms", "seed", "mode"});
  std::string names;
  for (const auto& r : rounds_) {
    names += (names.empty() ? "" : ", ") + r.name;
  }
  const RoundEntry* entry = nullptr;
  if (fields.has("round") && fields.at("round").is_string()) {
    for (const auto& r : rounds_) {
      if (r.name == fields.at("round").get<std::string>()) {
        entry = &r;
      }
    }
  }
  if (!entry) {
    refuse_field(422, "round", fmt::format("the name of a listed round ({})", names),
                 fields.has("round") ? describe_value(fields.at("round")) : "nothing", "request.round");
  }
  data::GeneratorConfig config;
  config.firms = fields.count("firms", 1, kMaxSmeFirms).value_or(kOutlookSmeFirms);
  config.seed = fields.count("seed", 0, UINT64_MAX).value_or(1);
  model::Round round = entry->round;
  if (const auto mode_name = fields.choice("mode", {"fcfs", "ranking", "points", "phases"})) {
    std::size_t m = 0;
    while (model::kAllocationModes[m] != *mode_name) {
      ++m;
    }
    const auto mode = static_cast<model::AllocationMode>(m);
    // Points and phases need rules the round file states (docs/sme.md): a round without them
    // cannot be allocated that way.
    if (mode == model::AllocationMode::points && round.criteria.empty()) {
      refuse_field(422, "mode", fmt::format("a mode round {} has rules for (points needs criteria:)", entry->name),
                   describe_value(fields.at("mode")), "request.mode");
    }
    if (mode == model::AllocationMode::phases && round.phases.empty()) {
      refuse_field(422, "mode", fmt::format("a mode round {} has rules for (phases needs phases:)", entry->name),
                   describe_value(fields.at("mode")), "request.mode");
    }
    round.mode = mode;
  }
  config.project_type = data::generated_project_type(round);
  const auto apps = data::generate_applications(techniques_, config);
  const auto result = analysis::allocate_round(round, apps);
  return report::sme_summary_json(round, result);
}

std::optional<analysis::SmeInput> ProgrammeService::outlook_sme(const model::Scenario& scenario) const {
  if (outlook_round_.empty()) {
    return std::nullopt;
  }
  const auto& round =
      std::find_if(rounds_.begin(), rounds_.end(), [&](const auto& r) { return r.name == outlook_round_; })->round;
  // As `decarbfund outlook` with its defaults (runs/run_inputs.hpp, docs/sme.md). (Anything that
  // caches this result must key it by package.sme_budget_eur as well as the seed.)
  const auto apps =
      runs::outlook_applications(techniques_, kOutlookSmeFirms, scenario, data::generated_project_type(round));
  return runs::sme_input(round, apps,
                         fmt::format("{} ({} generated firms, seed {})", outlook_round_, kOutlookSmeFirms, scenario.seed),
                         scenario);
}

void ProgrammeService::run_montecarlo(
    const model::Scenario& scenario, const model::Scenario& reference, const analysis::MonteCarloOptions& options,
    const std::function<void(const analysis::MonteCarloSetup&, const std::vector<double>&, unsigned)>& use) const {
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  // The same deals and SME scheme as the outlook, as `decarbfund montecarlo` does by default.
  const auto sme = outlook_sme(scenario);
  std::lock_guard lock(montecarlo_mutex_);
  const auto setup =
      analysis::prepare_montecarlo(*model_, scenario, reference, deal_book(), options, sme ? &*sme : nullptr);
  use(setup, analysis::run_draws(setup, 0, options.draws, threads), threads);
}

std::string ProgrammeService::montecarlo_json(const model::Scenario& scenario, const model::Scenario& reference,
                                              const analysis::MonteCarloOptions& options) const {
  std::string out;
  run_montecarlo(scenario, reference, options,
                 [&](const analysis::MonteCarloSetup& setup, const std::vector<double>& outcomes, unsigned threads) {
                   out = report::montecarlo_json(*model_, analysis::summarise_montecarlo(setup, outcomes, threads));
                 });
  return out;
}

std::string ProgrammeService::montecarlo_draws(const model::Scenario& scenario, const model::Scenario& reference,
                                               std::uint32_t draws, std::uint64_t seed,
                                               report::DrawFormat format) const {
  std::string out;
  analysis::MonteCarloOptions options;
  options.draws = draws;
  options.seed = seed;
  run_montecarlo(scenario, reference, options,
                 [&](const analysis::MonteCarloSetup& setup, const std::vector<double>& outcomes, unsigned) {
                   report::montecarlo_draws(setup, outcomes, 0, format, [&out](std::string_view s) { out += s; });
                 });
  return out;
}

runs::OptimizeInputs ProgrammeService::optimize_inputs(bool deals) const {
  const auto outlook_round =
      std::find_if(rounds_.begin(), rounds_.end(), [&](const auto& r) { return r.name == outlook_round_; });
  if (outlook_round_.empty() || outlook_round == rounds_.end()) {
    throw RequestError(404, fmt::format("this server's dataset has no SME round {} to optimise over", kOutlookRound));
  }
  runs::OptimizeInputs in;
  in.techniques = techniques_;
  in.round = outlook_round->round;
  // As `decarbfund optimize` reads <rule-rounds>/{fcfs,ranking,points,phases}.yaml.
  for (const char* rule : {"fcfs", "ranking", "points", "phases"}) {
    for (const auto& r : rounds_) {
      if (r.name == rule) {
        in.rule_rounds.push_back(r.round);
      }
    }
  }
  in.deals = deals && deals_ ? optimize::deal_inputs(*model_, deals_->deals, deals_->phases)
                             : optimize::company_deals(*model_);
  return in;
}

}  // namespace decarbfund::server
