#pragma once
// The endpoints for scripts (issue 19, docs/api.yaml): POST /api/batch (many scenario diffs in
// one request, answered in one document), POST /api/levy (a levy statement, as `decarbfund levy
// --json`), POST /api/optimize (the support portfolio, as `decarbfund optimize --json`), and the
// Monte Carlo request both /api/montecarlo and /api/montecarlo/draws read. Bodies are checked
// whole before anything runs: 400 for a body that is not a JSON object, 422 naming the key path of
// any invalid value (scenarios[3].policy.levy…, rows[2].emissions_t). The expensive runs (batch,
// optimize, Monte Carlo) go through the server's compute budget (server.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/montecarlo.hpp"
#include "model/model.hpp"
#include "model/scenario.hpp"
#include "report/montecarlo_draws.hpp"
#include "runs/optimize_run.hpp"
#include "server/outlook_service.hpp"
#include "server/programme_service.hpp"
#include "server/scenario_catalog.hpp"

namespace decarbfund::server {

/// Most scenario diffs one POST /api/batch may hold (a diff is a few hundred bytes, an answer
/// about 120 KB each: 200 is 24 MB).
inline constexpr std::size_t kMaxBatchScenarios = 200;
/// Longest solver time a POST /api/optimize may ask for, s (the CLI's default).
inline constexpr double kMaxOptimizeSeconds = 30;

/// A checked POST /api/montecarlo (or /draws) body.
struct MonteCarloRequest {
  std::string canonical;  ///< the scenario diff, canonical
  std::uint32_t draws = 1000;
  std::optional<std::uint64_t> seed;
  /// /api/montecarlo only: the tornado's inputs (`montecarlo --tornado-top`; 0: every input).
  std::uint32_t tornado_top = analysis::kDefaultTornadoTop;
  report::DrawFormat format = report::DrawFormat::jsonl;  ///< /draws only
};

/// Reads a Monte Carlo body {"scenario", "draws", "seed"} (+ "tornado_top" for /api/montecarlo,
/// "format" for /draws, which runs no tornado).
MonteCarloRequest parse_montecarlo_request(std::string_view body, const OutlookService& outlook, bool draws_endpoint);

/// A checked POST /api/batch body.
struct BatchRequest {
  std::vector<std::string> canonical;  ///< one canonical diff per entry of `scenarios`, in order
  std::vector<std::string> keys;       ///< top-level keys to keep of each outlook (empty: all)
};

/// A checked POST /api/optimize body.
struct OptimizeRequestBody {
  model::Scenario scenario;
  runs::OptimizeRequest request;
  bool deals = true;
};

class ScriptingService {
 public:
  ScriptingService(std::shared_ptr<const model::Model> model, OutlookService& outlook,
                   const ProgrammeService& programmes);

  /// Checks every diff (resolving it, so an invalid one is 422 before any outlook runs).
  BatchRequest parse_batch(std::string_view body) const;
  /// {"count", "results": [outlook document …]} in the order of the request, the outlooks run on
  /// `threads` workers (and the outlook cache).
  std::string batch_json(const BatchRequest& batch, unsigned threads) const;

  /// The levy statement of {"scenario": diff, "rows": [{…}]} or {"scenario", "csv": "…"}.
  std::string levy_json(std::string_view body) const;

  OptimizeRequestBody parse_optimize(std::string_view body) const;
  std::string optimize_json(const OptimizeRequestBody& body) const;

 private:
  std::shared_ptr<const model::Model> model_;
  OutlookService& outlook_;
  const ProgrammeService& programmes_;
};

}  // namespace decarbfund::server
