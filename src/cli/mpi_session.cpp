#include "cli/mpi_session.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/mpi_launcher.hpp"
#include "cli/plugin_loader.hpp"
#include "mpi/plugin_abi.hpp"

namespace decarbfund::cli {

namespace {

#ifdef DECARBFUND_WITH_MPI
using mpi::kMpiPluginAbi, mpi::kMpiPluginFile, mpi::MpiAbiFn, mpi::MpiBeginFn, mpi::MpiGatherFn, mpi::MpiEndFn;
#endif

[[noreturn]] void refuse(std::string expected, std::string found) {
  refuse_plugin("mpi.plugin", std::move(expected), std::move(found));
}

}  // namespace

MpiSession::MpiSession() {
  const int launched = mpi_launcher_ranks(std::getenv);
  if (launched == 0) {
    return;
  }
#ifndef DECARBFUND_WITH_MPI
  // Under mpirun without MPI support every process would run every draw: refuse.
  if (launched > 1) {
    refuse("a build with MPI (cmake -DDECARBFUND_MPI=ON) for montecarlo under mpirun", "one without");
  }
#else
  std::string tried;
  // RTLD_GLOBAL: Open MPI's own components, which it loads in turn, look up its symbols there.
  void* handle = open_plugin(kMpiPluginFile, RTLD_NOW | RTLD_GLOBAL, tried);
  if (handle == nullptr) {
    refuse(fmt::format("the MPI plugin {} beside the binary or in ../lib/decarbfund (montecarlo under an MPI "
                       "launcher)",
                       kMpiPluginFile),
           fmt::format("none that loads: {}", tried));
  }
  // (The plugin stays loaded: Open MPI may still run code of it at exit.)
  const auto abi = reinterpret_cast<MpiAbiFn>(dlsym(handle, "decarbfund_mpi_abi"));
  const auto begin = reinterpret_cast<MpiBeginFn>(dlsym(handle, "decarbfund_mpi_begin"));
  gather_ = reinterpret_cast<MpiGatherFn>(dlsym(handle, "decarbfund_mpi_gather"));
  end_ = reinterpret_cast<MpiEndFn>(dlsym(handle, "decarbfund_mpi_end"));
  if (abi == nullptr || begin == nullptr || gather_ == nullptr || end_ == nullptr || abi() != kMpiPluginAbi) {
    refuse(fmt::format("an MPI plugin of interface version {}", kMpiPluginAbi),
           abi == nullptr ? std::string("one without it") : fmt::format("version {}", abi()));
  }
  int owner = 0;
  if (const int e = begin(&rank_, &size_, &owner); e != 0) {
    refuse("MPI to start", fmt::format("MPI error {}", e));
  }
  owner_ = owner != 0;
#endif
}

MpiSession::~MpiSession() {
  if (owner_) {
    end_();
  }
}

std::vector<double> MpiSession::gather(std::vector<double> mine, std::size_t record_doubles,
                                       const std::vector<int>& counts, const std::vector<int>& offsets) const {
  if (size_ == 1) {
    return mine;
  }
  std::vector<double> all;
  if (rank_ == 0) {
    all.resize(static_cast<std::size_t>(std::accumulate(counts.begin(), counts.end(), 0L)) * record_doubles);
  }
  const int count = static_cast<int>(mine.size() / record_doubles);
  if (const int e = gather_(mine.data(), count, static_cast<int>(record_doubles), all.data(), counts.data(),
                            offsets.data());
      e != 0) {
    refuse("every rank's draws gathered to rank 0", fmt::format("MPI error {}", e));
  }
  return all;
}

}  // namespace decarbfund::cli
