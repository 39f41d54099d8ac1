#pragma once
// Diagnostics: every problem with user input names where it is (file, line or key path), which
// field, what was expected and what was found (STYLE §2.5), and prints the way compilers do:
//   data/nl/options.csv:42: field 'capex_eur': expected a non-negative amount in EUR, found "-3e6"

#include <stdexcept>
#include <string>
#include <vector>

namespace decarbfund::core {

enum class Severity { error, warning };

/// One problem found in an input, with everything a user needs to find and fix it.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;      ///< stable identifier, e.g. "csv.ragged_row"
  std::string file;      ///< path as the user gave it
  long line = 0;         ///< 1-based line in `file`; 0 when not line-based
  std::string key_path;  ///< YAML/JSON path, e.g. "policy.levy.tariff_eur_per_t.ets[2031]"
  std::string field;     ///< column or key name
  std::string expected;  ///< what a good value looks like
  std::string found;     ///< what was there (shortened)
  std::string hint;      ///< optional remedy

  /// "file:line: field 'f': expected X, found \"Y\"" (parts that are empty are left out).
  std::string to_string() const;
};

/// Problems gathered in one pass; loaders report all of them, not just the first.
class Diagnostics {
 public:
  void add(Diagnostic d);
  void error(std::string file, long line, std::string field, std::string expected, std::string found,
             std::string code = "input.invalid");
  void warning(std::string file, long line, std::string field, std::string message,
               std::string code = "input.warning");
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return items_; }
  /// All diagnostics, one per line.
  std::string to_string() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

/// A failure that ends a command; caught once in cli/main.cpp (and per request in the server).
class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d);
  explicit Error(const Diagnostics& ds);
  Error(std::string file, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Shortens a found value for a message: at most 60 bytes, control bytes escaped.
std::string quote_found(std::string_view raw);

}  // namespace decarbfund::core
