#pragma once
// The C interface between `decarbfund` and its MPI plugin, libdecarbfund_mpi.so
// (mpi/plugin.cpp; issue 21: start-up). Linked into the binary, libmpi and the five libraries
// it pulls in (Open MPI's run-time, hwloc, libevent, libudev) cost every verb about 1.5 ms of
// start-up; as a plugin they are loaded only when an MPI launcher started the process
// (cli/mpi_session.hpp). C types only: the two sides share no C++ ABI but the C one.

namespace decarbfund::mpi {

/// Bumped when a signature below changes; the binary refuses a plugin of another version.
inline constexpr int kMpiPluginAbi = 1;
inline constexpr const char* kMpiPluginFile = "libdecarbfund_mpi.so";

extern "C" {
/// The plugin's kMpiPluginAbi.
using MpiAbiFn = int (*)();
/// MPI_Init unless MPI is running (owner = 1 when it started it), then this process's rank and
/// the number of ranks. 0 on success, else an MPI error code.
using MpiBeginFn = int (*)(int* rank, int* size, int* owner);
/// MPI_Gatherv to rank 0 of records of `record_doubles` doubles each: `count` records from this
/// rank into `all` (read on rank 0 only), with every rank's count and offset in records.
using MpiGatherFn = int (*)(const double* mine, int count, int record_doubles, double* all, const int* counts,
                            const int* offsets);
/// MPI_Finalize.
using MpiEndFn = void (*)();
}

}  // namespace decarbfund::mpi
