// cli/mpi_launcher.hpp: montecarlo starts MPI only under a launcher that says it started ranks.
#include "cli/mpi_launcher.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace decarbfund::cli {
namespace {

int ranks_with(const std::map<std::string, std::string>& vars) {
  return mpi_launcher_ranks([&](const char* name) -> const char* {
    const auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

TEST(MpiLauncher, APlainProcessHasNone) {
  EXPECT_EQ(ranks_with({}), 0);
  EXPECT_EQ(ranks_with({{"SLURM_NTASKS", "4"}, {"OMPI_MCA_plm", "rsh"}}), 0);
}

TEST(MpiLauncher, ReadsTheLaunchersCount) {
  EXPECT_EQ(ranks_with({{"OMPI_COMM_WORLD_SIZE", "4"}, {"OMPI_COMM_WORLD_RANK", "2"}}), 4);
  EXPECT_EQ(ranks_with({{"PMI_SIZE", "8"}, {"PMI_RANK", "0"}}), 8);
  EXPECT_EQ(ranks_with({{"OMPI_COMM_WORLD_SIZE", "1"}}), 1);
}

TEST(MpiLauncher, ARankWithoutACountIsStillALauncher) {
  // PMIx (srun --mpi=pmix) names the rank only; MPI_Comm_size gives the count once MPI is up.
  EXPECT_EQ(ranks_with({{"PMIX_RANK", "3"}}), 1);
  EXPECT_EQ(ranks_with({{"PMI_RANK", "0"}, {"PMI_SIZE", "junk"}}), 1);
}

TEST(MpiLauncher, AGarbledCountIsNotACount) {
  for (const char* bad : {"", "0", "-2", "2x", " 2"}) {
    EXPECT_EQ(ranks_with({{"OMPI_COMM_WORLD_SIZE", bad}}), 0) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace decarbfund::cli
