#include "server/body_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "server/json_body.hpp"
#include "server/request_error.hpp"

namespace decarbfund::server {

namespace {
constexpr const char* kBody = "request body";
}  // namespace

void refuse_field(int status, const std::string& key_path, const std::string& expected, const std::string& found,
                  const std::string& code) {
  core::Diagnostics d;
  d.add({core::Severity::error, code, kBody, 0, key_path, {}, expected, found, {}});
  throw RequestError(status, d.all().front().to_string(), d);
}

std::string describe_value(const nlohmann::json& v) {
  if (v.is_string()) {
    return core::quote_found(v.get<std::string>());
  }
  if (v.is_number() || v.is_boolean()) {
    return v.dump();
  }
  return fmt::format("a {}", v.type_name());
}

nlohmann::json parse_object_body(std::string_view body, const std::string& expected) {
  auto j = parse_json_body(body, expected);
  if (!j.is_object()) {
    refuse_field(400, "", expected, describe_value(j), "request.json");
  }
  return j;
}

BodyFields::BodyFields(const nlohmann::json& object, std::initializer_list<std::string_view> known, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) {
    refuse_field(422, path_, "a JSON object", describe_value(object_), "request.type");
  }
  std::string names;
  for (const auto k : known) {
    names += (names.empty() ? "" : ", ") + std::string(k);
  }
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      refuse_field(422, this->path(key), fmt::format("one of the keys {}", names), core::quote_found(key),
                   "request.unknown_key");
    }
  }
}

void BodyFields::require(const std::string& key, const std::string& what) const {
  if (!has(key)) {
    refuse_field(422, path(key), what, "nothing", "request.missing");
  }
}

std::optional<std::int64_t> BodyFields::integer(const std::string& key, std::int64_t min, std::int64_t max) const {
  if (!has(key)) {
    return std::nullopt;
  }
  const auto& v = object_[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max ||
      (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
    refuse_field(422, path(key), fmt::format("an integer from {} to {}", min, max), describe_value(v),
                 fmt::format("request.{}", key));
  }
  return v.get<std::int64_t>();
}

std::optional<std::string> BodyFields::text(const std::string& key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  const auto& v = object_[key];
  if (!v.is_string()) {
    refuse_field(422, path(key), "a string", describe_value(v), fmt::format("request.{}", key));
  }
  return v.get<std::string>();
}

std::optional<std::uint64_t> BodyFields::count(const std::string& key, std::uint64_t min, std::uint64_t max) const {
  if (!has(key)) {
    return std::nullopt;
  }
  const auto& v = object_[key];
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() < min || v.get<std::uint64_t>() > max) {
    refuse_field(422, path(key), fmt::format("an integer from {} to {}", min, max), describe_value(v),
                 fmt::format("request.{}", key));
  }
  return v.get<std::uint64_t>();
}

std::optional<double> BodyFields::number(const std::string& key, double min, double max) const {
  if (!has(key)) {
    return std::nullopt;
  }
  const auto& v = object_[key];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < min || v.get<double>() > max) {
    const bool any = min == std::numeric_limits<double>::lowest() && max == std::numeric_limits<double>::max();
    refuse_field(422, path(key), any ? std::string("a number") : fmt::format("a number from {} to {}", min, max),
                 describe_value(v), fmt::format("request.{}", key));
  }
  return v.get<double>();
}

std::optional<std::string> BodyFields::choice(const std::string& key,
                                              std::initializer_list<std::string_view> names) const {
  if (!has(key)) {
    return std::nullopt;
  }
  const auto& v = object_[key];
  if (!v.is_string() || std::find(names.begin(), names.end(), v.get<std::string>()) == names.end()) {
    std::string list;
    for (const auto n : names) {
      list += (list.empty() ? "" : ", ") + std::string(n);
    }
    refuse_field(422, path(key), fmt::format("one of {}", list), describe_value(v), fmt::format("request.{}", key));
  }
  return v.get<std::string>();
}

std::optional<bool> BodyFields::flag(const std::string& key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  const auto& v = object_[key];
  if (!v.is_boolean()) {
    refuse_field(422, path(key), "true or false", describe_value(v), fmt::format("request.{}", key));
  }
  return v.get<bool>();
}

}  // namespace decarbfund::server
