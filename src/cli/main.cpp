// decarbfund: the command-line entry point. Builds the CLI11 app from the verbs in
// decarbfund::cli and turns failures into exit codes (cli/run_app.hpp).

#include <algorithm>
#include <iterator>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/run_app.hpp"
#include "cli/verbs.hpp"
#include "core/helper_thread.hpp"
#include "core/huge_pages.hpp"
#include "core/version.hpp"

int main(int argc, char** argv) {
  using namespace decarbfund;
  const std::string_view first = argc > 1 ? std::string_view(argv[1]) : std::string_view();
  // Every verb that runs and ends keeps its freed memory and takes huge pages
  // (core/huge_pages.hpp); not the server, which runs for weeks and should give memory back.
  if (first != "serve") {
    core::prepare_heap_for_a_run();
  }
  CLI::App app{cli::kAppDescription};
  app.require_subcommand(1);
  app.set_version_flag("--version", core::kGenerator);
  int status = cli::kExitOk;
  struct Verb {
    std::string_view name;
    void (*add)(CLI::App&, int&);
    /// Reads its inputs on two threads (runs/run_inputs.hpp: the dataset here, the deal files,
    /// scenarios and SME round on the helper thread).
    bool two_threads = false;
  };
  static constexpr Verb kVerbs[] = {
      {"validate", cli::add_validate},
      {"import-midden", cli::add_import_midden},
      {"schema", cli::add_schema},
      {"levy", cli::add_levy},
      {"sme", cli::add_sme},
      {"outlook", cli::add_outlook, true},
      {"compare", cli::add_compare, true},
      {"hindcast", cli::add_hindcast},
      {"montecarlo", cli::add_montecarlo, true},
      {"optimize", cli::add_optimize},
      {"deal", cli::add_deal, true},
      {"emitters", cli::add_emitters, true},
      {"budget", cli::add_budget, true},
      {"registry", cli::add_registry},
      {"serve", cli::add_serve_launcher},  // a plugin: the server's libraries load only for it
  };
  // A command line that starts with a verb builds only that verb: CLI11 builds every option of
  // every verb up front, about a seventh of the instructions of `--version` (issue 21: start-up).
  // Anything else (--help, --version, a mistyped verb) builds them all, so help and errors list
  // every verb. A verb's own help and errors are the same either way.
  const auto named = std::find_if(std::begin(kVerbs), std::end(kVerbs), [&](const Verb& v) { return v.name == first; });
  if (named != std::end(kVerbs)) {
    // Its helper thread starts now, while the command line is parsed: a thread started at the
    // first job began up to 4 ms late on a VM whose other core was asleep (core/helper_thread.hpp).
    if (named->two_threads) {
      core::HelperThread::instance().start();
    }
    named->add(app, status);
  } else {
    for (const auto& v : kVerbs) {
      v.add(app, status);
    }
  }
  return cli::run_app(app, argc, argv, status);
}
