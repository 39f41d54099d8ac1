#include "cli/mpi_launcher.hpp"

#include <charconv>
#include <cstring>

namespace decarbfund::cli {

namespace {

/// A positive count in `text`, else 0 (unset, empty or not a number: not a launcher's count).
int positive_count(const char* text) {
  if (text == nullptr) {
    return 0;
  }
  int n = 0;
  const char* end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, n);
  return ec == std::errc() && ptr == end && n > 0 ? n : 0;
}

}  // namespace

int mpi_launcher_ranks(const EnvLookup& env) {
  for (const char* size : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    if (const int n = positive_count(env(size)); n > 0) {
      return n;
    }
  }
  // PMIx names the rank, not always the size: MPI_Comm_size tells once MPI is up.
  return env("PMIX_RANK") != nullptr || env("PMI_RANK") != nullptr ? 1 : 0;
}

}  // namespace decarbfund::cli
