#include "server/scripting_service.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "data/csv_reader.hpp"
#include "optimize/portfolio_report.hpp"
#include "report/levy_report.hpp"
#include "runs/levy_input.hpp"
#include "server/body_fields.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {

using json = nlohmann::json;

/// The scenario the levy and optimize endpoints use when the body names none (the CLI's default).
const json kDefaultScenario = {{"base", "belastingplan-2026"}};
/// File names the levy rows are read under, before their diagnostics are given key paths.
constexpr const char* kRowsLabel = "rows";
constexpr const char* kCsvLabel = "csv";

/// `e` with every key path under `prefix` ("scenarios[3]"), as a 422: an invalid diff inside a
/// well-formed body is an invalid value.
RequestError under(const RequestError& e, const std::string& prefix) {
  core::Diagnostics d;
  for (auto x : e.diagnostics().all()) {
    x.key_path = x.key_path.empty() ? prefix : prefix + "." + x.key_path;
    if (x.file == "request") {
      x.file = "request body";
    }
    d.add(std::move(x));
  }
  std::string message = fmt::format("{}: {}", prefix, e.what());
  for (const auto& x : d.all()) {
    if (x.severity == core::Severity::error) {
      message = x.to_string();
      break;
    }
  }
  return RequestError(422, message, d);
}

/// A diff at `path` of a body: checked, resolved, canonical; errors under `path`.
std::string checked_diff(const OutlookService& outlook, const json& diff, const std::string& path) {
  if (!diff.is_object()) {
    refuse_field(422, path, "a JSON object (a scenario diff)", describe_value(diff), "request.not_object");
  }
  try {
    auto canonical = outlook.canonical_diff(diff.dump());
    outlook.resolve(canonical);
    return canonical;
  } catch (const RequestError& e) {
    throw under(e, path);
  }
}

/// The scenario of a body's "scenario" key: a diff, or the name of a listed scenario.
model::Scenario body_scenario(const OutlookService& outlook, const BodyFields& fields) {
  json diff = fields.has("scenario") ? fields.at("scenario") : kDefaultScenario;
  if (diff.is_string()) {
    diff = json{{"base", diff.get<std::string>()}};
  }
  return outlook.resolve(checked_diff(outlook, diff, fields.path("scenario")));
}

/// The levy rows of a body as a table, each value as its text; rows[i] is "line" i + 1.
data::CsvTable rows_table(const json& rows) {
  data::CsvTable t;
  t.file = kRowsLabel;
  for (const auto& r : rows) {
    for (const auto& [k, v] : r.items()) {
      if (std::find(t.header.begin(), t.header.end(), k) == t.header.end()) {
        t.header.push_back(k);
      }
    }
  }
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    fields.clear();
    for (const auto& k : t.header) {
      const auto it = rows[i].find(k);
      fields.push_back(it == rows[i].end() || it->is_null() ? std::string()
                       : it->is_string()                    ? it->get<std::string>()
                                                            : it->dump());
    }
    t.add_row(static_cast<long>(i) + 1, fields);  // one field per header column, so never refused
  }
  return t;
}

}  // namespace

MonteCarloRequest parse_montecarlo_request(std::string_view text, const OutlookService& outlook, bool draws_endpoint) {
  const auto body = parse_object_body(text, R"(a JSON object {"scenario": {...}, "draws": N, "seed": S})");
  const BodyFields fields = draws_endpoint ? BodyFields(body, {"scenario", "draws", "seed", "format"})
                                           : BodyFields(body, {"scenario", "draws", "seed", "tornado_top"});
  MonteCarloRequest r;
  // Larger runs belong on the command line (`decarbfund montecarlo`), not on a shared server.
  r.draws = static_cast<std::uint32_t>(fields.count("draws", 1, kMaxMonteCarloDraws).value_or(1000));
  r.seed = fields.count("seed", 0, UINT64_MAX);
  if (!draws_endpoint) {
    r.tornado_top = static_cast<std::uint32_t>(fields.count("tornado_top", 0, UINT32_MAX).value_or(r.tornado_top));
  }
  if (draws_endpoint && fields.choice("format", {"jsonl", "csv"}).value_or("jsonl") == "csv") {
    r.format = report::DrawFormat::csv;
  }
  r.canonical = checked_diff(outlook, fields.has("scenario") ? fields.at("scenario") : json::object(), "scenario");
  return r;
}

ScriptingService::ScriptingService(std::shared_ptr<const model::Model> model, OutlookService& outlook,
                                   const ProgrammeService& programmes)
    : model_(std::move(model)), outlook_(outlook), programmes_(programmes) {}

BatchRequest ScriptingService::parse_batch(std::string_view text) const {
  const auto body = parse_object_body(text, R"(a JSON object {"scenarios": [{diff}, …], "keys": [...]})");
  const BodyFields fields(body, {"scenarios", "keys"});
  const auto& list = fields.has("scenarios") ? fields.at("scenarios") : json();
  if (!list.is_array() || list.empty() || list.size() > kMaxBatchScenarios) {
    refuse_field(422, "scenarios", fmt::format("an array of 1 to {} scenario diffs", kMaxBatchScenarios),
                 list.is_array() ? fmt::format("{} entries", list.size()) : describe_value(list), "request.scenarios");
  }
  BatchRequest batch;
  for (std::size_t i = 0; i < list.size(); ++i) {
    batch.canonical.push_back(checked_diff(outlook_, list[i], fmt::format("scenarios[{}]", i)));
  }
  if (fields.has("keys")) {
    const auto& keys = fields.at("keys");
    for (std::size_t i = 0; keys.is_array() && i < keys.size(); ++i) {
      if (!keys[i].is_string()) {
        refuse_field(422, fmt::format("keys[{}]", i), "a top-level key of the outlook document (e.g. legs)",
                     describe_value(keys[i]), "request.keys");
      }
      batch.keys.push_back(keys[i].get<std::string>());
    }
    if (!keys.is_array()) {
      refuse_field(422, "keys", "an array of top-level keys of the outlook document", describe_value(keys),
                   "request.keys");
    }
  }
  return batch;
}

std::string ScriptingService::batch_json(const BatchRequest& batch, unsigned threads) const {
  const std::size_t n = batch.canonical.size();
  std::vector<std::shared_ptr<const std::string>> docs(n);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        docs[i] = outlook_.outlook_json(batch.canonical[i]);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n))); ++t) {
    workers.emplace_back(work);
  }
  work();
  for (auto& w : workers) {
    w.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  std::string out = fmt::format("{{\n  \"count\": {},\n  \"results\": [\n", n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string doc = *docs[i];
    if (!batch.keys.empty()) {
      const auto full = nlohmann::ordered_json::parse(doc);
      nlohmann::ordered_json kept = nlohmann::ordered_json::object();
      for (const auto& [k, v] : full.items()) {
        if (k == "meta" || std::find(batch.keys.begin(), batch.keys.end(), k) != batch.keys.end()) {
          kept[k] = v;
        }
      }
      doc = kept.dump(2);
    }
    while (!doc.empty() && doc.back() == '\n') {
      doc.pop_back();
    }
    out += doc + (i + 1 < n ? ",\n" : "\n");
  }
  return out + "  ]\n}\n";
}

std::string ScriptingService::levy_json(std::string_view text) const {
  const auto body = parse_object_body(text, R"(a JSON object {"scenario": {...}, "rows": [{...}]} or "csv": "...")");
  const BodyFields fields(body, {"scenario", "rows", "csv"});
  const auto scenario = body_scenario(outlook_, fields);
  if (fields.has("rows") == fields.has("csv")) {
    refuse_field(422, "rows", "either rows (an array of objects) or csv (the text of a levy input file)",
                 fields.has("rows") ? "both" : "neither", "request.levy_input");
  }
  core::Diagnostics diags;
  std::optional<data::CsvTable> table;
  if (fields.has("rows")) {
    const auto& rows = fields.at("rows");
    if (!rows.is_array() || rows.empty()) {
      refuse_field(422, "rows", "a non-empty array of row objects (docs/levy.md columns)", describe_value(rows),
                   "request.rows");
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].is_object()) {
        refuse_field(422, fmt::format("rows[{}]", i), "a row object (docs/levy.md columns)", describe_value(rows[i]),
                     "request.rows");
      }
      for (const auto& [k, v] : rows[i].items()) {
        if (v.is_structured() || v.is_boolean()) {
          refuse_field(422, fmt::format("rows[{}].{}", i, k), "a number or text", describe_value(v), "request.rows");
        }
      }
    }
    table = rows_table(rows);
  } else if (!fields.at("csv").is_string()) {
    refuse_field(422, "csv", "the text of a levy input file (docs/levy.md)", describe_value(fields.at("csv")),
                 "request.csv");
  } else {
    table = data::parse_csv(fields.at("csv").get<std::string>(), kCsvLabel, diags);
  }
  std::optional<runs::LevyInput> input;
  if (table) {
    input = runs::read_levy_input(*table, diags);
  }
  std::optional<runs::LevyRun> run;
  if (input && !diags.has_errors()) {
    run = runs::compute_levy(*model_, scenario, *input);
    runs::add_levy_issues(*input, *run, diags);
  }
  if (diags.has_errors() || !run) {
    // Row diagnostics name rows[i] and the column, as key paths of the body.
    core::Diagnostics named;
    for (auto d : diags.all()) {
      if (d.file == kRowsLabel) {
        d.key_path = d.line > 0 ? fmt::format("rows[{}]{}", d.line - 1, d.field.empty() ? "" : "." + d.field) : "rows";
        d.line = 0;
        d.file = "request body";
      } else if (d.file == kCsvLabel) {
        d.key_path = "csv";
        d.file = "request body csv";
      }
      named.add(std::move(d));
    }
    throw RequestError(422, named.all().empty() ? "the levy input is not valid" : named.all().front().to_string(), named);
  }
  return report::levy_json({&model_->info, &scenario, "request", &input->rows, &run->statement, &run->ets_reference_source});
}

OptimizeRequestBody ScriptingService::parse_optimize(std::string_view text) const {
  const auto body = parse_object_body(text, R"(a JSON object {"scenario": {...}, "budget_eur": B, ...})");
  const BodyFields f(body, {"scenario", "objective", "budget_eur", "reduction_t", "commit_per_year_eur",
                            "cash_per_year_eur", "sme_firms", "seed", "sme_max_applications", "first_decision_year",
                            "gap", "time_limit_s", "deals"});
  OptimizeRequestBody o{body_scenario(outlook_, f), {}, f.flag("deals").value_or(true)};
  auto& r = o.request;
  r.objective = f.choice("objective", {"max-reduction", "min-cost"}).value_or("max-reduction") == "min-cost"
                    ? optimize::Objective::min_cost
                    : optimize::Objective::max_reduction;
  constexpr double kMaxEur = 1e13;  // ten trillion: beyond any fund
  r.budget_eur = f.number("budget_eur", 0, kMaxEur).value_or(r.budget_eur);
  r.reduction_t = f.number("reduction_t", 0, 1e10).value_or(r.reduction_t);
  r.commit_per_year_eur = f.number("commit_per_year_eur", 0, kMaxEur).value_or(r.commit_per_year_eur);
  r.cash_per_year_eur = f.number("cash_per_year_eur", 0, kMaxEur).value_or(r.cash_per_year_eur);
  r.sme_firms = f.count("sme_firms", 1, kMaxSmeFirms).value_or(r.sme_firms);
  r.seed = f.count("seed", 0, UINT64_MAX);
  r.sme_max_applications = f.count("sme_max_applications", 0, kMaxSmeFirms).value_or(0);
  r.first_decision_year = static_cast<int>(f.count("first_decision_year", 2000, 2100).value_or(0));
  r.gap = f.number("gap", 0, 1).value_or(r.gap);
  r.time_limit_s = f.number("time_limit_s", 0.1, kMaxOptimizeSeconds).value_or(r.time_limit_s);
  return o;
}

std::string ScriptingService::optimize_json(const OptimizeRequestBody& body) const {
  const auto inputs = programmes_.optimize_inputs(body.deals);
  const auto run = runs::run_optimize(*model_, body.scenario, inputs, body.request);
  return optimize::portfolio_json(run->report);
}

}  // namespace decarbfund::server
