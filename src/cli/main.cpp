// decarbfund: the command-line entry point. Builds the CLI11 app from the verbs in
// decarbfund::cli and turns failures into exit codes (cf. HiGHS app/RunHighs.cpp).

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "cli/verbs.hpp"
#include "core/diagnostic.hpp"
#include "core/version.hpp"

int main(int argc, char** argv) {
  using namespace decarbfund;
  CLI::App app{"decarbfund — steering engine for the Klimaatfonds industry lot (perceel 5)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", core::kGenerator);
  int status = cli::kExitOk;
  cli::add_validate(app, status);
  cli::add_import_midden(app, status);
  cli::add_schema(app, status);
  cli::add_levy(app, status);
  cli::add_sme(app, status);
  cli::add_outlook(app, status);
  cli::add_compare(app, status);
  cli::add_hindcast(app, status);
  cli::add_montecarlo(app, status);
  cli::add_optimize(app, status);
  cli::add_deal(app, status);
  cli::add_emitters(app, status);
  cli::add_budget(app, status);
  cli::add_registry(app, status);
  cli::add_serve(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : cli::kExitBadInput;
  } catch (const core::Error& e) {
    for (const auto& d : e.diagnostics()) {
      std::fprintf(stderr, "error: %s\n", d.to_string().c_str());
    }
    return cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s\n", e.what());
    return cli::kExitInternal;
  }
  return status;
}
