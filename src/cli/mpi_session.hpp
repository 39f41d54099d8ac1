#pragma once
// MPI for one `decarbfund montecarlo` command (docs/uncertainty.md "Many machines: MPI"). Under an
// MPI launcher (cli/mpi_launcher.hpp) it loads the MPI plugin (mpi/plugin_abi.hpp) and starts
// MPI; a plain process is rank 0 of 1 and loads nothing.

#include <cstddef>
#include <vector>

#include "mpi/plugin_abi.hpp"

namespace decarbfund::cli {

class MpiSession {
 public:
  /// Throws core::Error under a launcher when this build has no MPI and the launcher started
  /// more than one rank, or when the plugin cannot be loaded or MPI cannot start.
  MpiSession();
  /// MPI_Finalize, when this session started MPI.
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  /// Every rank's records in rank order, on rank 0 (empty on the others): rank r holds counts[r]
  /// records of `record_doubles` doubles, starting at record offsets[r] of the whole.
  std::vector<double> gather(std::vector<double> mine, std::size_t record_doubles,
                             const std::vector<int>& counts, const std::vector<int>& offsets) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool owner_ = false;
  mpi::MpiGatherFn gather_ = nullptr;  ///< the plugin's, under a launcher
  mpi::MpiEndFn end_ = nullptr;
};

}  // namespace decarbfund::cli
