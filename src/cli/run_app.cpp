#include "cli/run_app.hpp"

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "cli/verbs.hpp"
#include "core/diagnostic.hpp"

namespace decarbfund::cli {

int run_app(CLI::App& app, int argc, char** argv, const int& status) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitBadInput;
  } catch (const core::Error& e) {
    for (const auto& d : e.diagnostics()) {
      std::fprintf(stderr, "error: %s\n", d.to_string().c_str());
    }
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s\n", e.what());
    return kExitInternal;
  }
  return status;
}

}  // namespace decarbfund::cli
