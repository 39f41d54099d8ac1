#pragma once
// The fields of a JSON request body, read with one rule for every endpoint (issue 19 "422 for
// every invalid value", docs/api.yaml): a body that is not a JSON object is 400; in an object, a
// key the endpoint does not know, a value of the wrong type, out of range or not among the
// allowed names is 422, its diagnostic naming the key path, what was expected and what was found.
// Internal to the server room (includes nlohmann/json).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace decarbfund::server {

/// Throws RequestError `status` with one diagnostic: request body, key path, expected, found.
[[noreturn]] void refuse_field(int status, const std::string& key_path, const std::string& expected,
                               const std::string& found, const std::string& code);

/// How a found value reads in a message: a string quoted, a number as written, else its type.
std::string describe_value(const nlohmann::json& v);

/// Parses a body that must be a JSON object (400 otherwise; json_body.hpp checks it first).
nlohmann::json parse_object_body(std::string_view body, const std::string& expected);

/// Typed access to one object's fields; `path` prefixes key paths ("scenarios[3]" → "scenarios[3].x").
class BodyFields {
 public:
  /// Refuses (422) any key not in `known`. `object` must outlive the fields.
  BodyFields(const nlohmann::json& object, std::initializer_list<std::string_view> known, std::string path = "");
  /// Not on a temporary, which would be gone before the fields are read: e.g. an ordered_json body
  /// converted on the way in (found by AddressSanitizer in POST /api/saved).
  BodyFields(nlohmann::json&& object, std::initializer_list<std::string_view> known, std::string path = "") = delete;

  bool has(const std::string& key) const { return object_.contains(key); }
  const nlohmann::json& at(const std::string& key) const { return object_.at(key); }
  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  /// Refuses (422) when `key` is absent; `what` says what it should hold.
  void require(const std::string& key, const std::string& what) const;
  /// An integer in [min, max]; nullopt when absent.
  std::optional<std::uint64_t> count(const std::string& key, std::uint64_t min, std::uint64_t max) const;
  /// A signed integer in [min, max]; nullopt when absent.
  std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max) const;
  /// A string; nullopt when absent.
  std::optional<std::string> text(const std::string& key) const;
  /// A number in [min, max]; nullopt when absent.
  std::optional<double> number(const std::string& key, double min, double max) const;
  /// One of `names`; nullopt when absent.
  std::optional<std::string> choice(const std::string& key, std::initializer_list<std::string_view> names) const;
  /// true or false; nullopt when absent.
  std::optional<bool> flag(const std::string& key) const;

 private:
  const nlohmann::json& object_;
  std::string path_;
};

}  // namespace decarbfund::server
