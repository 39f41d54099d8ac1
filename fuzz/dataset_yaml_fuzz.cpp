// Fuzzes the dataset manifest reader (dataset.yaml, data/load_dataset.hpp); the tables it names
// are not read.

#include "data/load_dataset.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  core::Diagnostics diags;
  (void)data::detail::parse_manifest_text(fuzz::text(data, size), "dataset.yaml", "/nonexistent-dataset", diags);
  fuzz::render(diags);
  return 0;
}
