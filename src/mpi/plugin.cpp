// libdecarbfund_mpi.so: every MPI call `decarbfund montecarlo` makes, behind the C interface of
// mpi/plugin_abi.hpp. Built only with -DDECARBFUND_MPI=ON; the binary loads it under an MPI
// launcher (cli/mpi_session.cpp).

// The C API only: without OpenMPI's C++ bindings (deprecated since MPI-2.2) nothing calls
// libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#include <mpi.h>

#include <type_traits>

#include "mpi/plugin_abi.hpp"

extern "C" {

__attribute__((visibility("default"))) int decarbfund_mpi_abi() { return decarbfund::mpi::kMpiPluginAbi; }

__attribute__((visibility("default"))) int decarbfund_mpi_begin(int* rank, int* size, int* owner) {
  int initialised = 0;
  if (const int e = MPI_Initialized(&initialised); e != MPI_SUCCESS) {
    return e;
  }
  *owner = 0;
  if (!initialised) {
    if (const int e = MPI_Init(nullptr, nullptr); e != MPI_SUCCESS) {
      return e;
    }
    *owner = 1;
  }
  if (const int e = MPI_Comm_rank(MPI_COMM_WORLD, rank); e != MPI_SUCCESS) {
    return e;
  }
  return MPI_Comm_size(MPI_COMM_WORLD, size);
}

__attribute__((visibility("default"))) int decarbfund_mpi_gather(const double* mine, int count, int record_doubles,
                                                                 double* all, const int* counts, const int* offsets) {
  // Counts and offsets in records, not doubles: one MPI datatype per record keeps them far below
  // INT_MAX (--draws ≤ 1e8), where doubles would overflow an int at about 2^31 ÷ record_doubles.
  MPI_Datatype record{};
  if (const int e = MPI_Type_contiguous(record_doubles, MPI_DOUBLE, &record); e != MPI_SUCCESS) {
    return e;
  }
  MPI_Type_commit(&record);
  const int e = MPI_Gatherv(mine, count, record, all, counts, offsets, record, 0, MPI_COMM_WORLD);
  MPI_Type_free(&record);
  return e;
}

__attribute__((visibility("default"))) void decarbfund_mpi_end() { MPI_Finalize(); }

}  // extern "C"

// The definitions match the interface the binary calls them through.
static_assert(std::is_same_v<decltype(&decarbfund_mpi_abi), decarbfund::mpi::MpiAbiFn>);
static_assert(std::is_same_v<decltype(&decarbfund_mpi_begin), decarbfund::mpi::MpiBeginFn>);
static_assert(std::is_same_v<decltype(&decarbfund_mpi_gather), decarbfund::mpi::MpiGatherFn>);
static_assert(std::is_same_v<decltype(&decarbfund_mpi_end), decarbfund::mpi::MpiEndFn>);
