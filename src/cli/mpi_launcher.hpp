#pragma once
// Whether `decarbfund montecarlo` was started by an MPI launcher (docs/uncertainty.md "Many
// machines: MPI"). Only then does it call MPI_Init: called in a plain process, Open MPI starts its
// singleton run-time (an `orted` daemon), about 0.3 s of wall time for a run of one process that
// needs no MPI at all (issue 21).

#include <functional>

namespace decarbfund::cli {

/// Reads one environment variable (nullptr when unset): std::getenv, or a table in tests.
using EnvLookup = std::function<const char*(const char*)>;

/// The ranks an MPI launcher said it started: Open MPI's mpirun (OMPI_COMM_WORLD_SIZE), a PMI
/// launcher — MPICH's Hydra, Slurm's `srun --mpi=pmi2` — (PMI_SIZE), or 1 for a PMIx launcher
/// that names only this process's rank (PMIX_RANK; Slurm's `srun --mpi=pmix`, Open MPI 5). 0: no
/// launcher, a plain process.
int mpi_launcher_ranks(const EnvLookup& env);

}  // namespace decarbfund::cli
