#pragma once
// The C interface between `decarbfund` and its serve plugin, libdecarbfund_serve.so
// (serve/plugin.cpp; issue 21: start-up). The HTTP server's libraries — cpp-httplib with OpenSSL
// and Brotli — cost every verb about 1.5 ms of start-up, most of it OpenSSL's initialisation,
// which cpp-httplib runs when it is loaded. As a plugin they are loaded only by `decarbfund serve`
// (cli/serve_launcher.cpp). C types only, as the MPI plugin's (mpi/plugin_abi.hpp).

namespace decarbfund::serve {

/// Bumped when a signature below changes; the binary refuses a plugin of another version.
inline constexpr int kServePluginAbi = 1;
inline constexpr const char* kServePluginFile = "libdecarbfund_serve.so";

extern "C" {
/// The plugin's kServePluginAbi.
using ServeAbiFn = int (*)();
/// `decarbfund serve` with the whole command line (argv[1] is "serve"): parses the options, runs
/// the server until it is stopped and returns the exit status, errors printed as every verb's.
using ServeMainFn = int (*)(int argc, char** argv);
}

}  // namespace decarbfund::serve
