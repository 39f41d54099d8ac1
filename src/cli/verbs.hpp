#pragma once
// The decarbfund verbs. Each add_* registers one subcommand on the CLI11 app; the subcommand's
// callback parses arguments, calls the rooms below and stores its exit status in `status`.
// No model logic lives here (DESIGN §2).

namespace CLI {
class App;
}

namespace decarbfund::cli {

/// Exit statuses: 0 success, 1 the question's answer is "no" (e.g. target missed when asked to
/// fail on it), 2 bad input, 3 internal failure.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternal = 3;

void add_validate(CLI::App& app, int& status);
void add_import_midden(CLI::App& app, int& status);
void add_schema(CLI::App& app, int& status);
void add_levy(CLI::App& app, int& status);
void add_sme(CLI::App& app, int& status);
void add_outlook(CLI::App& app, int& status);
void add_compare(CLI::App& app, int& status);
void add_hindcast(CLI::App& app, int& status);
void add_montecarlo(CLI::App& app, int& status);
void add_optimize(CLI::App& app, int& status);
void add_deal(CLI::App& app, int& status);
void add_emitters(CLI::App& app, int& status);
void add_budget(CLI::App& app, int& status);
void add_registry(CLI::App& app, int& status);
void add_serve(CLI::App& app, int& status);
/// `serve` in the binary: loads the serve plugin and hands it the command line (serve_launcher.cpp).
void add_serve_launcher(CLI::App& app, int& status);
/// The one-line summary of `serve` that `decarbfund --help` shows.
inline constexpr const char* kServeSummary = "HTTP API and dashboard (read-only unless --tokens is given)";

}  // namespace decarbfund::cli
