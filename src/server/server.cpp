#include "server/server.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/version.hpp"
#include "data/load_dataset.hpp"
#include "model/policy.hpp"
#include "server/body_fields.hpp"
#include "server/catalog_documents.hpp"
#include "server/compute_queue.hpp"
#include "server/connection_front.hpp"
#include "server/http_errors.hpp"
#include "server/idempotency.hpp"
#include "server/json_body.hpp"
#include "server/outlook_service.hpp"
#include "server/programme_service.hpp"
#include "server/rate_limiter.hpp"
#include "server/registry_service.hpp"
#include "server/request_error.hpp"
#include "server/request_guard.hpp"
#include "server/saved_scenarios.hpp"
#include "server/scenario_catalog.hpp"
#include "server/scripting_service.hpp"
#include "server/token_file.hpp"
#include "server/web_assets.hpp"

namespace decarbfund::server {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kJson = "application/json";
constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kSavedListLimit = 200;

/// Shown at `/` when the build had no npm: the API still works (issue 8 brief).
constexpr const char* kNoDashboardPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>decarbfund: dashboard not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>The dashboard assets were not built</h1>
<p>This decarbfund binary was built without the dashboard, because <code>npm</code> or the
packages in <code>web/package-lock.json</code> were not available during the build.
Install them (<code>cd web &amp;&amp; npm ci</code>) and rebuild to get the dashboard here.</p>
<p>The JSON API works as documented in <code>docs/api.yaml</code>: try
<a href="/api/health">/api/health</a> and <a href="/api/scenarios">/api/scenarios</a>.</p>
</body></html>
)";

json saved_json(const SavedScenario& s, bool with_diff) {
  json j;
  j["id"] = s.id;
  j["name"] = s.name;
  j["created_at"] = s.created_at;
  j["created_by"] = s.created_by;
  if (with_diff) {
    j["diff"] = json::parse(s.diff);
  }
  j["link"] = fmt::format("/#s={}", s.id);
  return j;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const model::Model> model;
  ScenarioCatalog catalog;
  TokenTable tokens;
  std::unique_ptr<SavedScenarios> saved;
  std::unique_ptr<ProgrammeService> programmes;
  std::unique_ptr<OutlookService> outlook;
  std::unique_ptr<RegistryService> registry;  ///< null without --registry
  std::unique_ptr<ScriptingService> scripting;
  RateLimiter limiter;
  RequestRouter http;
  ConnectionFront front;
  ComputeQueue compute;
  IdempotencyStore idempotency;
  std::thread thread;
  std::atomic<int> port{0};
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::string dataset_json;  // rendered once: the model never changes

  Impl(ServerOptions o, std::shared_ptr<const model::Model> m, ScenarioCatalog c, TokenTable t)
      : options(std::move(o)),
        model(std::move(m)),
        catalog(std::move(c)),
        tokens(std::move(t)),
        limiter(options.rate_per_s, options.rate_burst),
        front(http, ConnectionLimits{std::chrono::milliseconds(options.header_timeout_ms),
                                     std::chrono::milliseconds(options.body_timeout_ms),
                                     std::chrono::milliseconds(30'000), 16 * 1024, options.max_body_bytes,
                                     options.max_connections_per_client, options.max_connections, options.threads,
                                     1000}),
        compute(ComputeBudget{options.compute_running, options.compute_waiting, options.compute_per_client}) {}

  /// The holder of the request's bearer token with at least `needed`; throws 401/403 otherwise.
  TokenHolder authorise(const httplib::Request& req, Role needed) const {
    const std::string header = req.get_header_value("Authorization");  // bearer_token views it
    const auto token = bearer_token(header);
    if (token.empty()) {
      throw RequestError(401, "this request writes: send 'Authorization: Bearer <token>' (server --tokens)");
    }
    const auto holder = tokens.find(token);
    if (!holder) {
      throw RequestError(401, "the bearer token is not valid");
    }
    if (holder->role < needed) {
      throw RequestError(403, fmt::format("role {} may not do this; it needs {} or higher",
                                          role_name(holder->role), role_name(needed)));
    }
    return *holder;
  }

  /// Who reads: no token is the public; a valid token of an analyst or fund manager sees the
  /// company-confidential fields (docs/deals.md). A token that is not valid is refused (401)
  /// rather than read as the public, so a typo does not look like missing data.
  report::Audience audience(const httplib::Request& req) const {
    const std::string header = req.get_header_value("Authorization");
    if (header.empty()) {
      return report::Audience::public_reader;
    }
    const auto token = bearer_token(header);
    const auto holder = token.empty() ? std::nullopt : tokens.find(token);
    if (!holder) {
      throw RequestError(401, "the bearer token is not valid");
    }
    return holder->role >= Role::analyst ? report::Audience::internal : report::Audience::public_reader;
  }

  /// The rate-limit bucket of a request and its limit: a valid bearer token whose role has a
  /// limit of its own (options.role_rates) is counted per token, everyone else per address.
  std::pair<std::string, RateLimit> rate_bucket(const httplib::Request& req) const {
    const std::string header = req.get_header_value("Authorization");
    if (!header.empty() && !options.role_rates.empty()) {
      const auto token = bearer_token(header);
      if (const auto holder = token.empty() ? std::nullopt : tokens.find(token)) {
        if (const auto it = options.role_rates.find(holder->role); it != options.role_rates.end()) {
          return {"token " + std::string(token), it->second};
        }
      }
    }
    return {req.remote_addr, RateLimit{options.rate_per_s, options.rate_burst}};
  }

  /// A place in the compute budget for an expensive request, or 503 with Retry-After at once.
  ComputeQueue::Turn compute_turn(const httplib::Request& req, httplib::Response& res, const char* what) {
    auto turn = compute.enter(req.remote_addr);
    if (!turn) {
      const int after = compute.retry_after_s();
      res.set_header("Retry-After", std::to_string(after));
      throw RequestError(503, fmt::format("the server is busy with other long runs (Monte Carlo, batch, optimize; "
                                          "this client may have {} running or waiting); retry {} in {} s",
                                          options.compute_per_client, what, after));
    }
    return std::move(*turn);
  }

  const RegistryService& need_registry() const {
    if (!registry) {
      throw RequestError(404, "this server has no agreements registry (start it with serve --registry FILE)");
    }
    return *registry;
  }

  void routes();
};

void Server::Impl::routes() {
  http.set_payload_max_length(options.max_body_bytes);
  // A dashboard keeps one connection per tab; httplib's default closes it after 5 requests.
  http.set_keep_alive_max_count(1000);

  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    const auto [bucket, limit] = rate_bucket(req);
    if (!limiter.allow(bucket, limit)) {
      res.set_header("Retry-After", fmt::format("{}", static_cast<int>(std::ceil(limiter.retry_after_s(bucket)))));
      send_error(res, 429, "too many requests from this client; slow down");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (const auto refusal = refuse_before_routing(req, options.allowed_origins)) {
      send_error(res, refusal->status(), refusal->what(), refusal->diagnostics());
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Statuses httplib sets itself (413 body too large, 404 no route, 400 bad request line) get
  // the same JSON error body as ours.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    std::string message = fmt::format("HTTP {}", res.status);
    if (res.status == 413) {
      message = "the request body is larger than the server accepts (--max-body)";
    } else if (res.status == 404) {
      message = fmt::format("no such resource: {} {}", req.method, req.path);
    }
    send_error(res, res.status, message);
    return httplib::Server::HandlerResponse::Handled;
  }));

  // Every handler runs inside this, so a refused or failing request never takes the server down.
  const auto guarded = [](auto fn) {
    return [fn](const httplib::Request& req, httplib::Response& res) {
      try {
        fn(req, res);
      } catch (const RequestError& e) {
        send_error(res, e.status(), e.what(), e.diagnostics());
      } catch (const core::Error& e) {
        core::Diagnostics d;
        for (const auto& x : e.diagnostics()) {
          d.add(x);
        }
        send_error(res, 422, e.what(), d);
      } catch (const std::exception& e) {
        send_error(res, 500, fmt::format("internal error: {}", e.what()));
      }
    };
  };
  // Every POST goes through here: its body is checked (UTF-8, nesting) before any handler or
  // parser sees it (json_body.hpp; the size was bounded before it was read).
  const auto post = [this, guarded](const std::string& pattern, auto fn) {
    http.Post(pattern, guarded([fn](const httplib::Request& req, httplib::Response& res) {
                check_json_body(req.body);
                fn(req, res);
              }));
  };
  // A write: with an Idempotency-Key header, its answer is kept and a retry (same token, path and
  // body) gets it again without writing twice (server/idempotency.hpp).
  const auto idempotent = [this, guarded](auto fn) {
    const auto run = guarded(fn);
    return [this, run](const httplib::Request& req, httplib::Response& res) {
      answer_once(idempotency, req, res, run);
    };
  };

  http.Get("/api/health", guarded([this](const httplib::Request&, httplib::Response& res) {
    json j;
    j["status"] = "ok";
    j["generator"] = core::kGenerator;
    j["dataset"] = model->info.name;
    j["dataset_version"] = model->info.version;
    j["scenarios"] = catalog.entries().size();
    j["dashboard"] = !web_assets().empty();
    j["writes"] = tokens.size() > 0;
    j["uptime_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    j["outlook_cache_hits"] = outlook->cache_hits();
    res.set_content(j.dump(2) + "\n", kJson);
  }));
  http.Get("/api/dataset", guarded([this](const httplib::Request&, httplib::Response& res) {
    res.set_content(dataset_json, kJson);
  }));
  http.Get("/api/scenarios", guarded([this](const httplib::Request&, httplib::Response& res) {
    res.set_content(scenarios_document(catalog), kJson);
  }));
  post("/api/outlook", [this](const httplib::Request& req, httplib::Response& res) {
    const auto canonical = outlook->canonical_diff(req.body);
    res.set_content(*outlook->outlook_json(canonical), kJson);
  });
  http.Get("/api/saved", guarded([this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& s : saved->list(kSavedListLimit)) {
      list.push_back(saved_json(s, false));
    }
    res.set_content(list.dump(2) + "\n", kJson);
  }));
  http.Get(R"(/api/saved/([^/]+))", guarded([this](const httplib::Request& req, httplib::Response& res) {
    const std::string raw = req.matches[1];
    std::int64_t id = 0;
    bool numeric = !raw.empty() && raw.size() <= 18;
    for (char c : raw) {
      numeric = numeric && c >= '0' && c <= '9';
    }
    if (numeric) {
      id = std::stoll(raw);
    }
    const auto s = numeric ? saved->get(id) : std::nullopt;
    if (!s) {
      throw RequestError(404, fmt::format("no saved scenario with id {}", core::quote_found(raw)));
    }
    res.set_content(saved_json(*s, true).dump(2) + "\n", kJson);
  }));
  post("/api/saved", idempotent([this](const httplib::Request& req, httplib::Response& res) {
    const auto holder = authorise(req, Role::analyst);
    // nlohmann::json, as BodyFields reads (an ordered_json would be converted to a temporary).
    const nlohmann::json body = parse_object_body(req.body, R"(a JSON object {"name": "...", "diff": {...}})");
    const BodyFields fields(body, {"name", "diff"});
    fields.require("diff", "a scenario diff (a JSON object)");
    const auto& name = body.value("name", nlohmann::json());
    bool name_ok = name.is_string() && !name.get<std::string>().empty() &&
                   name.get<std::string>().size() <= kMaxNameLength;
    if (name_ok) {
      for (unsigned char c : name.get<std::string>()) {
        name_ok = name_ok && c >= 0x20 && c != 0x7f;
      }
    }
    if (!name_ok) {
      core::Diagnostics d;
      d.add({core::Severity::error, "request.saved_name", "request body", 0, "name", {},
             fmt::format("a name of 1 to {} printable characters", kMaxNameLength),
             name.is_string() ? core::quote_found(name.get<std::string>()) : std::string("no string"), {}});
      throw RequestError(422, d.all().front().to_string(), d);
    }
    // Only diffs that resolve are kept, so a saved link always opens.
    const auto canonical = outlook->canonical_diff(body["diff"].dump());
    outlook->resolve(canonical);
    const auto s = saved->add(name.get<std::string>(), canonical, holder.who);
    res.status = 201;
    res.set_header("Location", fmt::format("/api/saved/{}", s.id));
    res.set_content(saved_json(s, true).dump(2) + "\n", kJson);
  }));

  post("/api/montecarlo", [this](const httplib::Request& req, httplib::Response& res) {
    const auto r = parse_montecarlo_request(req.body, *outlook, false);
    const auto scenario = outlook->resolve(r.canonical);
    const auto& reference = catalog.find_path(scenario.target.reference_scenario)->scenario;
    const auto turn = compute_turn(req, res, "the Monte Carlo run");
    analysis::MonteCarloOptions run;
    run.draws = r.draws;
    run.seed = r.seed.value_or(scenario.seed);
    run.tornado_top = r.tornado_top;
    res.set_content(programmes->montecarlo_json(scenario, reference, run), kJson);
  });
  // The endpoints for scripts (issue 19, server/scripting_service.hpp).
  post("/api/montecarlo/draws", [this](const httplib::Request& req, httplib::Response& res) {
    const auto r = parse_montecarlo_request(req.body, *outlook, true);
    const auto scenario = outlook->resolve(r.canonical);
    const auto& reference = catalog.find_path(scenario.target.reference_scenario)->scenario;
    const auto turn = compute_turn(req, res, "the Monte Carlo run");
    res.set_content(programmes->montecarlo_draws(scenario, reference, r.draws, r.seed.value_or(scenario.seed), r.format),
                    r.format == report::DrawFormat::csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
  });
  post("/api/batch", [this](const httplib::Request& req, httplib::Response& res) {
    const auto batch = scripting->parse_batch(req.body);
    const auto turn = compute_turn(req, res, "the batch");
    res.set_content(scripting->batch_json(batch, std::max(1u, std::thread::hardware_concurrency())), kJson);
  });
  post("/api/levy", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_content(scripting->levy_json(req.body), kJson);
  });
  post("/api/optimize", [this](const httplib::Request& req, httplib::Response& res) {
    const auto body = scripting->parse_optimize(req.body);
    const auto turn = compute_turn(req, res, "the optimisation");
    res.set_content(scripting->optimize_json(body), kJson);
  });
  http.Get("/api/deals", guarded([this](const httplib::Request&, httplib::Response& res) {
    res.set_content(programmes->deals_json(), kJson);
  }));
  http.Get("/api/emitters", guarded([this](const httplib::Request&, httplib::Response& res) {
    res.set_content(programmes->emitters_json(), kJson);
  }));
  http.Get(R"(/api/deals/([^/]+)/assessment)", guarded([this](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    res.set_content(programmes->assessment_json(id, req.get_param_value("scenario")), kJson);
  }));
  http.Get("/api/sme/rounds", guarded([this](const httplib::Request&, httplib::Response& res) {
    res.set_content(programmes->rounds_json(), kJson);
  }));
  post("/api/sme/allocate", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_content(programmes->allocate_json(req.body), kJson);
  });

  // The agreements registry (issue 4 §5): reads are open, writes need a role — recording
  // milestones and monitoring is the analysts' work, moving a phase and paying are the fund
  // manager's decisions (docs/api.yaml).
  const auto year_param = [](const httplib::Request& req) {
    const std::string raw = req.get_param_value("year");
    if (raw.empty()) {
      return 0;
    }
    bool digits = raw.size() == 4;
    for (char c : raw) {
      digits = digits && c >= '0' && c <= '9';
    }
    if (!digits) {
      throw RequestError(422, fmt::format("query year: expected a year YYYY, found {}", core::quote_found(raw)));
    }
    return std::stoi(raw);
  };
  http.Get("/api/registry/deals", guarded([this, year_param](const httplib::Request& req, httplib::Response& res) {
    res.set_content(need_registry().deals_json(year_param(req), audience(req)), kJson);
  }));
  http.Get(R"(/api/registry/deals/([^/]+))", guarded([this, year_param](const httplib::Request& req, httplib::Response& res) {
    const auto& r = need_registry();
    res.set_content(r.deal_json(std::string(req.matches[1]), year_param(req), audience(req)), kJson);
  }));
  http.Get("/api/registry/audit", guarded([this](const httplib::Request&, httplib::Response& res) {
    res.set_content(need_registry().audit_json(), kJson);
  }));
  const auto registry_write = [this, post, idempotent](const char* what, Role role, auto write) {
    post(fmt::format(R"(/api/registry/deals/([^/]+)/{})", what),
         idempotent([this, role, write](const httplib::Request& req, httplib::Response& res) {
           const auto holder = authorise(req, role);  // before anything else: refused writes say nothing
           const auto& r = need_registry();
           const std::string actor = holder.who.empty() ? std::string(role_name(holder.role)) : holder.who;
           res.set_content((r.*write)(std::string(req.matches[1]), req.body, actor), kJson);
         }));
  };
  registry_write("phase", Role::fund_manager, &RegistryService::move_phase);
  registry_write("milestones", Role::analyst, &RegistryService::record_milestone);
  registry_write("monitoring", Role::analyst, &RegistryService::record_monitoring);
  registry_write("payments", Role::fund_manager, &RegistryService::record_payment);

  const auto serve_asset = [](const httplib::Request& req, httplib::Response& res) {
    const std::string path = req.path == "/" ? "/index.html" : req.path;
    for (const auto& a : web_assets()) {
      if (a.path == path) {
        res.set_content(std::string(a.body), std::string(a.content_type).c_str());
        // index.html names the bundle without a hash, so the browser must revalidate.
        res.set_header("Cache-Control", "no-cache");
        return;
      }
    }
    if (web_assets().empty() && (path == "/index.html")) {
      res.set_content(kNoDashboardPage, "text/html; charset=utf-8");
      return;
    }
    send_error(res, 404, fmt::format("no such resource: GET {}", req.path));
  };
  http.Get("/", serve_asset);
  http.Get(R"(/[A-Za-z0-9_.-]+\.(js|css|html|png|svg|ico|map))", serve_asset);
}

Server::Server(ServerOptions options) {
  core::Diagnostics diags;
  auto model = data::load_dataset(options.data_dir, diags);
  auto catalog = ScenarioCatalog::load(options.scenarios_dir, diags);
  std::optional<TokenTable> tokens = TokenTable{};
  if (!options.tokens.empty()) {
    tokens = load_token_file(options.tokens, diags);
  }
  if (diags.has_errors() || !model || !catalog || !tokens) {
    throw core::Error(diags);
  }
  impl_ = std::make_unique<Impl>(std::move(options),
                                 std::make_shared<const model::Model>(std::move(*model)),
                                 std::move(*catalog), std::move(*tokens));
  // Deals, phases and SME rounds are read now, so a bad file stops the server at start-up
  // rather than failing requests later.
  impl_->programmes = std::make_unique<ProgrammeService>(impl_->model, impl_->catalog, impl_->options.data_dir,
                                                         impl_->options.round_dirs, diags);
  if (diags.has_errors()) {
    throw core::Error(diags);
  }
  impl_->saved = std::make_unique<SavedScenarios>(impl_->options.db);
  if (!impl_->options.registry.empty()) {
    impl_->registry = std::make_unique<RegistryService>(
        impl_->options.registry, registry::AuditKey::resolve(impl_->options.audit_key_file));
  }
  impl_->outlook = std::make_unique<OutlookService>(impl_->model, impl_->catalog, impl_->programmes.get(),
                                                    impl_->options.cache_entries);
  impl_->scripting = std::make_unique<ScriptingService>(impl_->model, *impl_->outlook, *impl_->programmes);
  impl_->dataset_json = dataset_document(*impl_->model);
  impl_->routes();
}

Server::~Server() { stop(); }

int Server::bind() {
  const int port = impl_->front.bind(impl_->options.host, impl_->options.port);
  impl_->port = port;
  return port;
}

void Server::listen() { impl_->front.run(); }

int Server::start() {
  const int port = bind();
  impl_->thread = std::thread([this] { listen(); });
  for (int i = 0; i < 2000 && !impl_->front.running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port;
}

void Server::stop() {
  if (!impl_) {
    return;
  }
  impl_->front.stop();
  if (impl_->thread.joinable()) {
    impl_->thread.join();
  }
}

int Server::port() const { return impl_->port; }

}  // namespace decarbfund::server
