#include "cli/locate_inputs.hpp"

#include <fmt/format.h>

#include "runs/locate.hpp"

namespace decarbfund::cli {

namespace {

const runs::ShareDir& share() {
  static const runs::ShareDir dir = runs::installed_share_dir();
  return dir;
}

std::string say(const char* what, const runs::Located& located, bool quiet) {
  if (const auto line = runs::located_line(what, located); !line.empty() && !quiet) {
    fmt::print(stderr, "decarbfund: {}\n", line);
  }
  return located.path.string();
}

}  // namespace

std::string locate_data(const std::string& given, bool quiet) {
  return say("dataset", runs::locate_dataset(given, share()), quiet);
}

std::string locate_scenario(const std::string& given, bool quiet, const char* what) {
  return say(what, runs::locate_scenario(given, share()), quiet);
}

std::string locate_input(const std::string& given, bool quiet, const char* what) {
  return say(what, runs::locate_input(given, share()), quiet);
}

}  // namespace decarbfund::cli
