#pragma once
// The programme endpoints of the API (issue 8): the maatwerk deals of <data>/deals and their
// assessment (issue 4), the SME scheme's rounds and their allocation (issue 5) and the Monte Carlo
// over a posted scenario diff (issue 6). Everything is read once at start-up and shared read-only
// (STYLE §2.6); a request only names things by id (a deal id, a round name, a listed scenario),
// never by file path, and the files it may reach are the ones listed here.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/montecarlo.hpp"
#include "analysis/outlook.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "model/sme_scheme.hpp"
#include "report/montecarlo_draws.hpp"
#include "runs/optimize_run.hpp"
#include "server/scenario_catalog.hpp"

namespace decarbfund::server {

/// Most Monte Carlo draws one request may ask for: 2000 draws take a few seconds on one core
/// (docs/uncertainty.md timings); larger runs belong on the command line (`decarbfund montecarlo`).
inline constexpr std::uint32_t kMaxMonteCarloDraws = 2000;
/// Most firms one SME allocation request may generate (the outlook's default population is 5000).
inline constexpr std::size_t kMaxSmeFirms = 50'000;
/// Firms in the SME population the outlook generates, as `decarbfund outlook` (--sme-firms).
inline constexpr std::size_t kOutlookSmeFirms = 5000;

struct RoundEntry {
  std::string name;  ///< file stem, what requests use
  model::Round round;
};

class ProgrammeService {
 public:
  /// Reads <data_dir>/deals (deal files and phases.yaml, each checked against the model) when it
  /// exists, the SME technique catalogue and the rounds in `round_dirs` (missing directories are
  /// skipped; the first file of a name wins). Adds every problem to `diags`.
  ProgrammeService(std::shared_ptr<const model::Model> model, const ScenarioCatalog& catalog,
                   const std::filesystem::path& data_dir, const std::vector<std::filesystem::path>& round_dirs,
                   core::Diagnostics& diags);

  /// The deal book the outlook runs with (nullptr when <data>/deals does not exist).
  const analysis::DealBook* deal_book() const { return deals_ ? &*deals_ : nullptr; }

  /// GET /api/deals: one entry per deal (id, company, phase, probability, committed tonnes,
  /// maximum support): fields the deal files cite from public sources, so the same for every
  /// caller. The one company-confidential field of a deal file, the business case's projected
  /// profit (docs/deals.md "Confidential fields"), is not in it.
  std::string deals_json() const;

  /// GET /api/deals/{id}/assessment: `deal assess --json` under the listed scenario `scenario`
  /// (empty: belastingplan-2026, the CLI's default). Throws RequestError 404 for an unknown id,
  /// 422 for a scenario that is not listed.
  std::string assessment_json(std::string_view id, std::string_view scenario) const;

  /// GET /api/emitters: `decarbfund emitters --json` (all companies, largest first) with the
  /// target of the default scenario (belastingplan-2026): public figures only (sites.csv, the
  /// deal files' committed tonnes).
  std::string emitters_json() const;

  /// GET /api/sme/rounds: the rounds' names and rules in brief.
  std::string rounds_json() const;

  /// POST /api/sme/allocate: the round summary of `sme allocate --json` over a generated
  /// population. Throws RequestError 400 for a body that is not an object, 422 naming the body
  /// key that is wrong.
  std::string allocate_json(std::string_view body) const;

  /// The SME contribution the outlook counts for `scenario` (as `decarbfund outlook` with the
  /// default round <data>/rounds/veki-2024.yaml and kOutlookSmeFirms firms at the scenario's
  /// seed); nullopt when that round does not exist.
  std::optional<analysis::SmeInput> outlook_sme(const model::Scenario& scenario) const;

  /// POST /api/montecarlo on a resolved scenario and its reference: `montecarlo --json`. Runs
  /// one at a time (the machine's cores are shared with the outlook requests). `options` as the
  /// CLI's: draws, seed, tornado_top.
  std::string montecarlo_json(const model::Scenario& scenario, const model::Scenario& reference,
                              const analysis::MonteCarloOptions& options) const;

  /// POST /api/montecarlo/draws: the same run's per-draw records (`montecarlo --draws-out`).
  std::string montecarlo_draws(const model::Scenario& scenario, const model::Scenario& reference,
                               std::uint32_t draws, std::uint64_t seed, report::DrawFormat format) const;

  /// What POST /api/optimize chooses from: the SME techniques and the outlook's round read at
  /// start-up, the deal book (or, with `deals` false, each company's announced projects) and the
  /// rule rounds fcfs, ranking, points and phases among the rounds — as `decarbfund optimize`
  /// reads them from the same files. Throws RequestError 404 without the outlook's round.
  runs::OptimizeInputs optimize_inputs(bool deals) const;

 private:
  std::shared_ptr<const model::Model> model_;
  const ScenarioCatalog& catalog_;
  std::optional<analysis::DealBook> deals_;
  std::vector<model::Technique> techniques_;
  std::vector<RoundEntry> rounds_;
  std::string outlook_round_;  ///< name of the round the outlook uses ("" = none)
  mutable std::mutex montecarlo_mutex_;

  /// Runs options.draws draws and hands the set-up and records to `use` (under montecarlo_mutex_).
  void run_montecarlo(const model::Scenario& scenario, const model::Scenario& reference,
                      const analysis::MonteCarloOptions& options,
                      const std::function<void(const analysis::MonteCarloSetup&, const std::vector<double>&, unsigned)>&
                          use) const;
};

}  // namespace decarbfund::server
