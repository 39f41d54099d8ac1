// `decarbfund serve`: the HTTP API and dashboard (issue 8; docs/api.yaml, docs/dashboard.md).
// Parses arguments and runs server::Server until the process is stopped.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/locate_inputs.hpp"
#include "cli/verbs.hpp"
#include "core/diagnostic.hpp"
#include "server/server.hpp"

namespace decarbfund::cli {

namespace {

/// "researcher=200" or "researcher=200:400" (rate, burst) into `opts`; throws core::Error.
void add_role_rate(server::ServerOptions& opts, const std::string& text) {
  const auto fail = [&](const char* expected) {
    core::Diagnostic d;
    d.code = "serve.role_rate";
    d.field = "--role-rate";
    d.expected = expected;
    d.found = core::quote_found(text);
    throw core::Error(d);
  };
  const auto eq = text.find('=');
  const auto role = server::parse_role(text.substr(0, eq));
  if (eq == std::string::npos || !role) {
    fail("ROLE=RATE[:BURST] with a role of the token file (viewer, researcher, analyst, fund_manager)");
  }
  const auto colon = text.find(':', eq);
  try {
    std::size_t used = 0;
    const std::string rate_text = text.substr(eq + 1, colon == std::string::npos ? std::string::npos : colon - eq - 1);
    const double rate = std::stod(rate_text, &used);
    const double burst = colon == std::string::npos ? 2 * rate : std::stod(text.substr(colon + 1));
    if (used != rate_text.size() || !(rate >= 0) || !(burst >= 1)) {
      fail("a rate ≥ 0 requests a second (0: no limit) and a burst ≥ 1");
    }
    opts.role_rates[*role] = {rate, burst};
  } catch (const std::logic_error&) {
    fail("ROLE=RATE[:BURST] with numbers, e.g. researcher=200:400");
  }
}

}  // namespace

void add_serve(CLI::App& app, int& status) {
  auto opts = std::make_shared<server::ServerOptions>();
  auto data = std::make_shared<std::string>();
  auto scenarios = std::make_shared<std::string>();
  auto role_rates = std::make_shared<std::vector<std::string>>();
  auto db = std::make_shared<std::string>();
  auto tokens = std::make_shared<std::string>();
  auto registry = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("serve", kServeSummary);
  cmd->add_option("--port", opts->port, "TCP port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--host", opts->host, "address to listen on")->capture_default_str();
  cmd->add_option("--data", *data,
                  "dataset directory (default: $DECARBFUND_DATA, the installed dataset, else ./data/nl)");
  cmd->add_option("--scenarios", *scenarios,
                  "directory of the scenarios offered as bases (default: the installed scenarios, else ./scenarios)");
  cmd->add_option("--db", *db, "SQLite file for saved scenarios (default: in memory, lost on exit)");
  cmd->add_option("--tokens", *tokens, "token file: lines '<role> <token> [who]' (docs/api.yaml)");
  cmd->add_option("--registry", *registry,
                  "agreements registry (SQLite, `decarbfund registry init`) served at /api/registry/…");
  cmd->add_option("--audit-key-file", opts->audit_key_file,
                  "the registry's audit key file (default: $DECARBFUND_AUDIT_KEY_FILE; none: unkeyed)");
  cmd->add_option("--max-body", opts->max_body_bytes, "largest request body in bytes")->capture_default_str();
  cmd->add_option("--rate", opts->rate_per_s, "requests per second per client (0: no limit)")->capture_default_str();
  cmd->add_option("--burst", opts->rate_burst, "burst of requests per client")->capture_default_str();
  cmd->add_option("--role-rate", *role_rates,
                  "ROLE=RATE[:BURST]: requests a second (and burst) per token of this role instead of per client "
                  "(repeatable; default researcher=200:400)");
  cmd->add_option("--threads", opts->threads, "worker threads (run complete requests only)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--header-timeout", opts->header_timeout_ms,
                  "ms a connection has to send a request's line and headers (absolute, not per byte)")
      ->capture_default_str()
      ->check(CLI::Range(100, 600'000));
  cmd->add_option("--body-timeout", opts->body_timeout_ms, "ms a request has to send its body after the headers")
      ->capture_default_str()
      ->check(CLI::Range(100, 600'000));
  cmd->add_option("--max-connections-per-client", opts->max_connections_per_client,
                  "open connections per client address (past it the oldest waiting one is closed)")
      ->capture_default_str()
      ->check(CLI::Range(1, 10'000));
  cmd->add_option("--montecarlo-per-client", opts->compute_per_client,
                  "long requests (Monte Carlo, batch, optimize) per client running or queued (503 with Retry-After "
                  "past it)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_option("--allow-origin", opts->allowed_origins,
                  "an origin besides the server's own whose pages may POST (repeatable), e.g. https://fund.example");
  cmd->callback([opts, data, scenarios, db, tokens, registry, role_rates, &status] {
    *data = locate_data(*data, true);  // the line below says which
    if (scenarios->empty()) {
      // The scenarios folder of the default scenario: the installed one, else ./scenarios.
      try {
        *scenarios = std::filesystem::path(locate_scenario("", true)).parent_path().string();
      } catch (const core::Error&) {
        *scenarios = "scenarios";  // the server then says what it expected there
      }
    }
    for (const auto& r : *role_rates) {
      add_role_rate(*opts, r);
    }
    opts->round_dirs = {locate_input("examples/rounds", true, "rounds")};
    opts->data_dir = *data;
    opts->scenarios_dir = *scenarios;
    opts->db = *db;
    opts->tokens = *tokens;
    opts->registry = *registry;
    server::Server srv(*opts);
    const int port = srv.bind();
    fmt::print("decarbfund serving http://{}:{}/ (data {}, saved scenarios in {}, registry {}, {})\n", opts->host,
               port, *data, db->empty() ? "memory" : *db, registry->empty() ? "none" : *registry,
               tokens->empty() ? "read-only" : "writes with a token");
    std::fflush(stdout);
    srv.listen();
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
