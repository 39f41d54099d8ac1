// Fuzzes the server's token file reader (server/token_file.hpp) and the bearer header parser.

#include "fuzz_input.hpp"
#include "server/token_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  const auto text = fuzz::text(data, size);
  core::Diagnostics diags;
  if (const auto table = server::parse_token_text(text, "fuzz-tokens", diags)) {
    (void)table->find(server::bearer_token(text));
  }
  fuzz::render(diags);
  return 0;
}
