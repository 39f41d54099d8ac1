#include "server/outlook_service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/outlook.hpp"
#include "analysis/package_levers.hpp"
#include "core/json_nesting.hpp"
#include "data/load_scenario.hpp"
#include "report/outlook_report.hpp"
#include "server/json_body.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {

using json = nlohmann::json;  // std::map objects: dump() sorts keys, which makes it canonical

constexpr const char* kBody = "request body";

[[noreturn]] void refuse(int status, std::string key_path, std::string expected, std::string found,
                         std::string code) {
  core::Diagnostics d;
  d.add({core::Severity::error, std::move(code), kBody, 0, key_path, {}, std::move(expected),
         std::move(found), {}});
  throw RequestError(status, d.all().front().to_string(), d);
}

std::string describe(const json& v) {
  return v.is_string() ? core::quote_found(v.get<std::string>()) : fmt::format("a {}", v.type_name());
}

}  // namespace

OutlookService::OutlookService(std::shared_ptr<const model::Model> model, const ScenarioCatalog& catalog,
                               const ProgrammeService* programmes, std::size_t cache_entries)
    : model_(std::move(model)), catalog_(catalog), programmes_(programmes), capacity_(cache_entries) {}

std::string OutlookService::canonical_diff(std::string_view body) const {
  if (core::find_json_nesting_excess(body, kMaxDiffDepth)) {
    refuse(400, "", fmt::format("JSON nested at most {} levels deep", kMaxDiffDepth), "deeper nesting",
           "request.too_deep");
  }
  json j = parse_json_body(body, "a JSON object (a scenario diff)");
  if (!j.is_object()) {
    refuse(400, "", "a JSON object (a scenario diff)", describe(j), "request.not_object");
  }
  const std::string expected_name = fmt::format("the name of a listed scenario ({})", catalog_.names());
  if (j.contains("base")) {
    const auto& b = j["base"];
    if (!b.is_string() || !catalog_.find(b.get<std::string>())) {
      refuse(422, "base", expected_name, describe(b), "request.base");
    }
  }
  if (j.contains("target") && j["target"].is_object() && j["target"].contains("reference")) {
    const auto& r = j["target"]["reference"];
    if (!r.is_string() || !catalog_.find(r.get<std::string>())) {
      refuse(422, "target.reference", expected_name, describe(r), "request.reference");
    }
  }
  if (!j.contains("name")) {
    // Every scenario file states its name (docs/scenarios.md §1); a posted diff may leave it
    // out and is then called after its base, so reports still say what it was.
    j["name"] = j.contains("base") ? j["base"].get<std::string>() + "+diff" : std::string("diff");
  }
  return j.dump();
}

model::Scenario OutlookService::resolve(const std::string& canonical) const {
  json j = json::parse(canonical);
  // Names become the catalogue's own files here, after the checks above: the loader never sees
  // a path that came from a request.
  if (j.contains("base")) {
    j["base"] = catalog_.find(j["base"].get<std::string>())->path.filename().string();
  }
  if (j.contains("target") && j["target"].is_object() && j["target"].contains("reference")) {
    j["target"]["reference"] = catalog_.find(j["target"]["reference"].get<std::string>())->path.string();
  }
  core::Diagnostics diags;
  auto s = data::load_scenario_text(j.dump(2), "request", catalog_.dir(), diags);
  if (!s) {
    std::string message;
    for (const auto& d : diags.all()) {
      if (d.severity == core::Severity::error) {
        message = d.to_string();
        break;
      }
    }
    throw RequestError(422, message, diags);
  }
  // package.deal_phase names deals by id, known only with the deal book: the same check and
  // message as `decarbfund outlook` (runs/run_inputs.cpp), as a 422.
  try {
    analysis::check_deal_levers(*s, programmes_ ? programmes_->deal_book() : nullptr);
  } catch (const core::Error& e) {
    core::Diagnostics d;
    for (const auto& x : e.diagnostics()) {
      d.add(x);
    }
    throw RequestError(422, d.all().front().to_string(), d);
  }
  if (!catalog_.find_path(s->target.reference_scenario)) {
    refuse(422, "target.reference", fmt::format("the name of a listed scenario ({})", catalog_.names()),
           s->target.reference_scenario.empty() ? "nothing" : "an unlisted file", "request.reference");
  }
  return std::move(*s);
}

std::shared_ptr<const std::string> OutlookService::outlook_json(const std::string& canonical) {
  {
    std::lock_guard lock(mutex_);
    if (const auto it = index_.find(canonical); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      ++hits_;
      return it->second->second;
    }
  }
  const auto scenario = resolve(canonical);
  const auto& reference = catalog_.find_path(scenario.target.reference_scenario)->scenario;
  const auto sme = programmes_ ? programmes_->outlook_sme(scenario) : std::nullopt;
  const auto outlook = analysis::run_outlook(*model_, scenario, reference,
                                             programmes_ ? programmes_->deal_book() : nullptr, sme ? &*sme : nullptr);
  auto doc = std::make_shared<const std::string>(report::outlook_json(*model_, outlook));
  if (capacity_ > 0) {
    std::lock_guard lock(mutex_);
    if (!index_.contains(canonical)) {
      lru_.emplace_front(canonical, doc);
      index_[canonical] = lru_.begin();
      if (lru_.size() > capacity_) {
        index_.erase(lru_.back().first);
        lru_.pop_back();
      }
    }
  }
  return doc;
}

std::size_t OutlookService::cache_hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

}  // namespace decarbfund::server
