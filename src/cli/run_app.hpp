#pragma once
// Parsing the command line and running the verb it names, with one handling of errors: what the
// binary (cli/main.cpp) and its serve plugin (serve/plugin.cpp) share.

namespace CLI {
class App;
}

namespace decarbfund::cli {

/// What `decarbfund --help` says the program is.
inline constexpr const char* kAppDescription =
    "decarbfund — steering engine for the Klimaatfonds industry lot (perceel 5)";

/// Parses `argv` with `app` (its verbs added) and runs the verb's callback. Returns `status` as
/// the verb left it, or kExitBadInput for a command-line or input error and kExitInternal for any
/// other exception, each printed to stderr (cf. HiGHS app/RunHighs.cpp).
int run_app(CLI::App& app, int argc, char** argv, const int& status);

}  // namespace decarbfund::cli
