// Fuzzes the API's request bodies (server/json_body.hpp): the checks and parse every POST body
// goes through, then, for an object, the scenario reader the outlook and Monte Carlo endpoints
// hand a diff to (as server/outlook_service.cpp does, JSON dumped as YAML flow text).

#include "data/load_scenario.hpp"
#include "fuzz_input.hpp"
#include "server/json_body.hpp"
#include "server/request_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  try {
    const auto body = server::parse_json_body(fuzz::text(data, size), "a JSON object");
    if (body.is_object()) {
      const auto diff = body.contains("scenario") && body["scenario"].is_object() ? body["scenario"] : body;
      core::Diagnostics diags;
      (void)data::load_scenario_text(diff.dump(2, ' ', false, nlohmann::json::error_handler_t::replace), "request",
                                     DECARBFUND_SOURCE_DIR "/scenarios", diags);
      fuzz::render(diags);
    }
  } catch (const server::RequestError& e) {
    fuzz::render(e.diagnostics());
  }
  return 0;
}
