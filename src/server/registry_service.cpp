#include "server/registry_service.hpp"

#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "registry/registry.hpp"
#include "server/body_fields.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {

using json = nlohmann::ordered_json;

[[noreturn]] void refuse(int status, const std::string& key, const std::string& expected, const std::string& found,
                         const std::string& code) {
  core::Diagnostic d;
  d.code = code;
  d.file = "request body";
  d.key_path = key;
  d.expected = expected;
  d.found = found;
  core::Diagnostics diags;
  diags.add(d);
  throw RequestError(status, d.to_string(), diags);
}

/// A request body: a JSON object whose keys are all known, read by type with the API's one rule
/// (server/body_fields.hpp): 400 for a body that is not an object, 422 naming the key of any
/// unknown key, missing or mistyped value.
class Body {
 public:
  Body(std::string_view text, std::initializer_list<std::string_view> allowed, const char* shape)
      : j_(parse_object_body(text, fmt::format("a JSON object {}", shape))), fields_(j_, allowed) {}

  std::optional<std::string> text(const char* key, bool required) const {
    present(key, required, "a string");
    return fields_.text(key);
  }

  std::optional<double> number(const char* key, bool required) const {
    present(key, required, "a number");
    return fields_.number(key, std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max());
  }

  std::optional<int> integer(const char* key, bool required) const {
    present(key, required, "an integer");
    const auto v = fields_.integer(key, -1'000'000, 1'000'000);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }

  bool flag(const char* key) const { return fields_.flag(key).value_or(false); }

 private:
  void present(const char* key, bool required, const char* what) const {
    if (required) {
      fields_.require(key, what);
    }
  }
  nlohmann::json j_;
  BodyFields fields_;
};

/// The registry names its inputs as the CLI's flags; a request names them as body keys.
const std::map<std::string, std::string, std::less<>> kBodyKey = {
    {"--date", "date"},       {"--reason", "reason"},         {"--progress", "progress_pct"},
    {"--emissions", "verified_emissions_t"}, {"--profit", "profit_eur"}, {"--amount", "amount_eur"},
};

/// Runs a registry call; its errors become request errors: an unknown deal 404, a busy database
/// 503, anything else the registry refuses 422. The server's file path is not sent.
template <class F>
auto on_registry(F&& f) {
  try {
    return f();
  } catch (const core::Error& e) {
    core::Diagnostics diags;
    int status = 422;
    for (auto d : e.diagnostics()) {
      if (d.code == "registry.unknown_deal") {
        status = 404;
      } else if (d.code == "registry.busy") {
        status = 503;
      }
      d.file = "registry";
      if (const auto it = kBodyKey.find(d.key_path); it != kBodyKey.end()) {
        d.key_path = it->second;
      }
      diags.add(d);
    }
    const std::string message = diags.all().empty() ? std::string(e.what()) : diags.all().front().to_string();
    throw RequestError(status, message, diags);
  }
}

// What the public (no token, or a viewer's) may see, per endpoint: fields are copied from these
// allow-lists, never removed from the full answer, so a field added later stays internal until it
// is listed here (docs/deals.md "Confidential fields").

/// A deal's status row (GET /api/registry/deals and /deals/{id}).
constexpr const char* kPublicStatusKeys[] = {"deal",       "company",    "phase",   "year",
                                             "committed_t", "realised_t", "verified_emissions_t",
                                             "overdue_milestones", "status", "max_support_eur", "paid_eur",
                                             "claw_back_eur"};
/// The portfolio's totals.
constexpr const char* kPublicTotalsKeys[] = {"deals",       "max_support_eur", "paid_eur", "committed_t",
                                             "realised_t", "on_track",        "at_risk",  "breached",
                                             "no_data"};
/// A claw-back computation.
constexpr const char* kPublicClawBackKeys[] = {"deal",        "rule",        "year",  "paid_eur", "committed_t",
                                               "delivered_t", "shortfall_share", "share", "amount_eur"};
/// An audit entry, and its payload's lines by action.
constexpr const char* kPublicAuditKeys[] = {"seq", "recorded_at", "actor", "action", "hash"};
const std::map<std::string, std::set<std::string>, std::less<>> kPublicPayloadLines = {
    {"init", {"format", "schema_version", "audit_mac"}},
    {"import", {"file", "phase", "max_support_eur"}},
    {"phase", {"from", "to", "date", "reason"}},
    {"milestone", {"milestone", "date", "progress_pct", "note"}},
    {"monitor", {"year", "verified_emissions_t"}},
    {"monitor-replace", {"year", "verified_emissions_t"}},
    {"pay", {"date", "amount_eur", "performance_linked"}},
};

template <std::size_t N>
json pick(const json& from, const char* const (&keys)[N]) {
  json out = json::object();
  for (const char* k : keys) {
    if (from.contains(k)) {
      out[k] = from[k];
    }
  }
  return out;
}

/// A profit-share claw-back is a share of the excess profit: with the share (public, in the deal)
/// its amount would give the confidential profit away, so the public does not get it.
bool claw_back_is_public(model::ClawBackRule rule) { return rule != model::ClawBackRule::profit_share; }

json public_status(const registry::DealStatus& s) {
  auto j = pick(json::parse(report::registry_status_json({s}))[0], kPublicStatusKeys);
  if (!claw_back_is_public(s.claw_back_rule)) {
    j["claw_back_eur"] = nullptr;
  }
  return j;
}

/// The payload lines the public may read for an entry's action.
std::string public_payload(const std::string& action, const std::string& payload) {
  const auto allowed = kPublicPayloadLines.find(action);
  std::string out;
  std::size_t start = 0;
  while (allowed != kPublicPayloadLines.end() && start < payload.size()) {
    const auto end = std::min(payload.find('\n', start), payload.size());
    const std::string line = payload.substr(start, end - start);
    if (allowed->second.contains(line.substr(0, line.find('=')))) {
      out += (out.empty() ? "" : "\n") + line;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

RegistryService::RegistryService(std::filesystem::path path, registry::AuditKey key)
    : path_(std::move(path)), key_(std::move(key)) {
  registry::Registry check(path_.string(), key_);  // throws when missing or not a registry
}

registry::Registry RegistryService::open() const { return registry::Registry(path_.string(), key_); }

std::string RegistryService::deals_json(int year, report::Audience audience) const {
  return on_registry([&] {
    auto r = open();
    const auto rows = r.portfolio(year);
    if (audience == report::Audience::internal) {
      return report::registry_report_json(rows);
    }
    json j;
    j["deals"] = json::array();
    double claw_back = 0;
    int withheld = 0;
    for (const auto& s : rows) {
      j["deals"].push_back(public_status(s));
      if (claw_back_is_public(s.claw_back_rule)) {
        claw_back += s.claw_back_eur;
      } else {
        ++withheld;
      }
    }
    j["totals"] = pick(json::parse(report::registry_report_json(rows))["totals"], kPublicTotalsKeys);
    // The total leaves out the profit-share claw-backs, or it would give them away by difference.
    j["totals"]["claw_back_eur"] = claw_back;
    j["totals"]["claw_back_withheld_deals"] = withheld;
    j["audience"] = "public";
    return j.dump(2) + "\n";
  });
}

std::string RegistryService::deal_json(std::string_view id_view, int year, report::Audience audience) const {
  const std::string id(id_view);
  return on_registry([&] {
    auto r = open();
    const auto status = r.status(id, year);
    const auto claw = json::parse(report::claw_back_json(id, r.claw_back(id, year), report::Audience::internal));
    const bool internal = audience == report::Audience::internal;
    json j;
    j["deal"] = id;
    j["status"] = internal ? json::parse(report::registry_status_json({status}))[0] : public_status(status);
    j["claw_back"] = internal ? claw : pick(claw, kPublicClawBackKeys);
    if (!internal) {
      j["claw_back"]["excess_profit_eur"] = nullptr;
      if (!claw_back_is_public(status.claw_back_rule)) {
        j["claw_back"]["amount_eur"] = nullptr;
      }
    }
    json audit = json::array();
    for (const auto& e : r.audit_log()) {
      if (e.deal_id != id) {
        continue;
      }
      json entry = {{"seq", e.seq},        {"recorded_at", e.recorded_at}, {"actor", e.actor},
                    {"action", e.action},  {"payload", e.payload},         {"hash", e.hash}};
      if (!internal) {
        entry = pick(entry, kPublicAuditKeys);
        entry["payload"] = public_payload(e.action, e.payload);
      }
      audit.push_back(entry);
    }
    j["audit"] = audit;
    j["audience"] = internal ? "internal" : "public";
    return j.dump(2) + "\n";
  });
}

std::string RegistryService::audit_json() const {
  return on_registry([&] {
    auto r = open();
    const auto c = r.verify_audit();
    json j;
    j["ok"] = c.ok;
    j["entries"] = c.entries;
    j["problems"] = c.problems;
    return j.dump(2) + "\n";
  });
}

std::string RegistryService::move_phase(std::string_view id, std::string_view text, const std::string& actor) const {
  const Body body(text, {"phase", "date", "reason"}, R"({"phase": "...", "date": "YYYY-MM-DD", "reason": "..."})");
  const auto phase_name = *body.text("phase", true);
  const auto phase = model::parse_phase(phase_name);
  if (!phase) {
    std::string list;
    for (const auto& n : model::kDealPhaseNames) {
      list += (list.empty() ? "" : ", ") + std::string(n);
    }
    refuse(422, "phase", "one of " + list, core::quote_found(phase_name), "request.phase");
  }
  const auto date = *body.text("date", true);
  const auto reason = *body.text("reason", true);
  on_registry([&] {
    open().move_phase(std::string(id), *phase, date, actor, reason);
    return 0;
  });
  return deal_json(id, 0, report::Audience::internal);
}

std::string RegistryService::record_milestone(std::string_view id, std::string_view text,
                                              const std::string& actor) const {
  const Body body(text, {"milestone", "date", "progress_pct", "note"},
                  R"({"milestone": "...", "date": "YYYY-MM-DD", "progress_pct": 0-100, "note": "..."})");
  const auto milestone = *body.text("milestone", true);
  const auto date = *body.text("date", true);
  const auto progress = *body.number("progress_pct", true);
  const auto note = body.text("note", false).value_or("");
  on_registry([&] {
    open().record_milestone(std::string(id), milestone, date, progress, actor, note);
    return 0;
  });
  return deal_json(id, 0, report::Audience::internal);
}

std::string RegistryService::record_monitoring(std::string_view id, std::string_view text,
                                               const std::string& actor) const {
  const Body body(text, {"year", "verified_emissions_t", "profit_eur", "replace"},
                  R"({"year": Y, "verified_emissions_t": t, "profit_eur": EUR, "replace": false})");
  const auto year = *body.integer("year", true);
  const auto emissions = *body.number("verified_emissions_t", true);
  const auto profit = body.number("profit_eur", false);
  const bool replace = body.flag("replace");
  on_registry([&] {
    open().record_monitoring(std::string(id), year, emissions, profit, actor, replace);
    return 0;
  });
  return deal_json(id, year, report::Audience::internal);
}

std::string RegistryService::record_payment(std::string_view id, std::string_view text, const std::string& actor) const {
  const Body body(text, {"date", "amount_eur", "performance_linked"},
                  R"({"date": "YYYY-MM-DD", "amount_eur": EUR, "performance_linked": false})");
  const auto date = *body.text("date", true);
  const auto amount = *body.number("amount_eur", true);
  const bool performance = body.flag("performance_linked");
  on_registry([&] {
    open().record_payment(std::string(id), date, amount, performance, actor);
    return 0;
  });
  return deal_json(id, 0, report::Audience::internal);
}

}  // namespace decarbfund::server
