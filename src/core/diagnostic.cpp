#include "core/diagnostic.hpp"

#include <fmt/format.h>

namespace decarbfund::core {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += fmt::format(":{}", line);
    }
    out += ": ";
  }
  if (!key_path.empty()) {
    out += key_path + ": ";
  }
  if (severity == Severity::warning) {
    out += "warning: ";
  }
  if (!field.empty()) {
    out += fmt::format("field '{}': ", field);
  }
  if (!expected.empty()) {
    out += "expected " + expected;
    if (!found.empty()) {
      out += ", found " + found;
    }
  } else if (!found.empty()) {
    out += found;
  }
  if (!hint.empty()) {
    out += " (" + hint + ")";
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) {
    ++errors_;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::error(std::string file, long line, std::string field, std::string expected,
                        std::string found, std::string code) {
  Diagnostic d;
  d.code = std::move(code);
  d.file = std::move(file);
  d.line = line;
  d.field = std::move(field);
  d.expected = std::move(expected);
  d.found = std::move(found);
  add(std::move(d));
}

void Diagnostics::warning(std::string file, long line, std::string field, std::string message,
                          std::string code) {
  Diagnostic d;
  d.severity = Severity::warning;
  d.code = std::move(code);
  d.file = std::move(file);
  d.line = line;
  d.field = std::move(field);
  d.found = std::move(message);
  add(std::move(d));
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.to_string();
    out += '\n';
  }
  return out;
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    if (!out.empty()) {
      out += '\n';
    }
    out += d.to_string();
  }
  return out;
}
}  // namespace

Error::Error(Diagnostic d) : std::runtime_error(d.to_string()), diagnostics_{std::move(d)} {}

Error::Error(const Diagnostics& ds)
    : std::runtime_error(join_messages(ds.all())), diagnostics_(ds.all()) {}

Error::Error(std::string file, std::string message)
    : Error(Diagnostic{Severity::error, "command.failed", std::move(file), 0, {}, {}, {},
                       std::move(message), {}}) {}

std::string quote_found(std::string_view raw) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"";
  std::size_t n = 0;
  for (unsigned char c : raw) {
    if (n++ == kMax) {
      out += "…";
      break;
    }
    if (c == '"') {
      out += "\\\"";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace decarbfund::core
