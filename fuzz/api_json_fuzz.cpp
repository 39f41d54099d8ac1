// Fuzzes the API's request bodies (server/json_body.hpp): the checks and parse every POST body
// goes through, then, for an object, the scenario reader the outlook and Monte Carlo endpoints
// hand a diff to (as server/outlook_service.cpp does, JSON dumped as YAML flow text), and the
// typed field reading of server/body_fields.hpp that every endpoint's keys go through.

#include "data/load_scenario.hpp"
#include "fuzz_input.hpp"
#include "server/body_fields.hpp"
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
      try {
        const server::BodyFields f(body, {"scenario", "scenarios", "draws", "seed", "format", "budget_eur", "gap",
                                          "deals", "round", "year", "keys"});
        (void)f.count("draws", 1, 2000);
        (void)f.number("budget_eur", 0, 1e13);
        (void)f.choice("format", {"jsonl", "csv"});
        (void)f.flag("deals");
        (void)f.text("round");
        (void)f.integer("year", -1'000'000, 1'000'000);
        f.require("seed", "an integer");
      } catch (const server::RequestError& e) {
        fuzz::render(e.diagnostics());
      }
    }
  } catch (const server::RequestError& e) {
    fuzz::render(e.diagnostics());
  }
  return 0;
}
