// `decarbfund serve` from the binary: the verb lives in a plugin, libdecarbfund_serve.so
// (serve/plugin_abi.hpp), which this loads and hands the command line to. So every other verb
// starts without the server's libraries (issue 21: start-up). `decarbfund --help` lists the verb;
// its options, help and errors are the plugin's, the same as when the binary held it.

#include <dlfcn.h>

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/plugin_loader.hpp"
#include "cli/verbs.hpp"
#include "serve/plugin_abi.hpp"

namespace decarbfund::cli {

namespace {

[[noreturn]] void refuse(std::string expected, std::string found) {
  refuse_plugin("serve.plugin", std::move(expected), std::move(found));
}

/// The plugin's entry point, loaded (it stays loaded: the server runs until the process ends).
serve::ServeMainFn load_serve_plugin() {
  std::string tried;
  void* handle = open_plugin(serve::kServePluginFile, RTLD_NOW | RTLD_LOCAL, tried);
  if (handle == nullptr) {
    refuse(fmt::format("the serve plugin {} beside the binary or in ../lib/decarbfund", serve::kServePluginFile),
           fmt::format("none that loads: {}", tried));
  }
  const auto abi = reinterpret_cast<serve::ServeAbiFn>(dlsym(handle, "decarbfund_serve_abi"));
  const auto main = reinterpret_cast<serve::ServeMainFn>(dlsym(handle, "decarbfund_serve_main"));
  if (abi == nullptr || main == nullptr || abi() != serve::kServePluginAbi) {
    refuse(fmt::format("a serve plugin of interface version {}", serve::kServePluginAbi),
           abi == nullptr ? std::string("one without it") : fmt::format("version {}", abi()));
  }
  return main;
}

}  // namespace

void add_serve_launcher(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("serve", kServeSummary);
  // Everything after `serve`, --help included, is the plugin's to parse.
  cmd->prefix_command();
  cmd->set_help_flag();
  cmd->callback([&app, cmd, &status] {
    std::vector<std::string> args{app.get_name(), "serve"};
    for (auto& a : cmd->remaining()) {
      args.push_back(std::move(a));
    }
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    status = load_serve_plugin()(static_cast<int>(args.size()), argv.data());
  });
}

}  // namespace decarbfund::cli
