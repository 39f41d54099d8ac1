// `decarbfund serve`: the HTTP API and dashboard (issue 8; docs/api.yaml, docs/dashboard.md).
// Parses arguments and runs server::Server until the process is stopped.

#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "server/server.hpp"

namespace decarbfund::cli {

void add_serve(CLI::App& app, int& status) {
  auto opts = std::make_shared<server::ServerOptions>();
  auto data = std::make_shared<std::string>(opts->data_dir.string());
  auto scenarios = std::make_shared<std::string>(opts->scenarios_dir.string());
  auto db = std::make_shared<std::string>();
  auto tokens = std::make_shared<std::string>();
  auto registry = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("serve", "HTTP API and dashboard (read-only unless --tokens is given)");
  cmd->add_option("--port", opts->port, "TCP port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--host", opts->host, "address to listen on")->capture_default_str();
  cmd->add_option("--data", *data, "dataset directory")->capture_default_str();
  cmd->add_option("--scenarios", *scenarios, "directory of the scenarios offered as bases")->capture_default_str();
  cmd->add_option("--db", *db, "SQLite file for saved scenarios (default: in memory, lost on exit)");
  cmd->add_option("--tokens", *tokens, "token file: lines '<role> <token> [who]' (docs/api.yaml)");
  cmd->add_option("--registry", *registry,
                  "agreements registry (SQLite, `decarbfund registry init`) served at /api/registry/…");
  cmd->add_option("--audit-key-file", opts->audit_key_file,
                  "the registry's audit key file (default: $DECARBFUND_AUDIT_KEY_FILE; none: unkeyed)");
  cmd->add_option("--max-body", opts->max_body_bytes, "largest request body in bytes")->capture_default_str();
  cmd->add_option("--rate", opts->rate_per_s, "requests per second per client (0: no limit)")->capture_default_str();
  cmd->add_option("--burst", opts->rate_burst, "burst of requests per client")->capture_default_str();
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
                  "Monte Carlo requests per client running or queued (503 with Retry-After past it)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  cmd->add_option("--allow-origin", opts->allowed_origins,
                  "an origin besides the server's own whose pages may POST (repeatable), e.g. https://fund.example");
  cmd->callback([opts, data, scenarios, db, tokens, registry, &status] {
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
