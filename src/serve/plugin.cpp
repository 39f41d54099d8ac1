// libdecarbfund_serve.so: `decarbfund serve` (cli/serve.cpp and the server room) behind the C
// interface of serve/plugin_abi.hpp, loaded by the binary only for that verb.

#include <CLI/CLI.hpp>

#include "cli/run_app.hpp"
#include "cli/verbs.hpp"
#include "serve/plugin_abi.hpp"

extern "C" {

__attribute__((visibility("default"))) int decarbfund_serve_abi() { return decarbfund::serve::kServePluginAbi; }

__attribute__((visibility("default"))) int decarbfund_serve_main(int argc, char** argv) {
  using namespace decarbfund;
  CLI::App app{cli::kAppDescription};
  app.require_subcommand(1);
  int status = cli::kExitOk;
  cli::add_serve(app, status);
  return cli::run_app(app, argc, argv, status);
}

}  // extern "C"
