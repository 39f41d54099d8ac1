#pragma once
// Appending formatted text to a report being built (keeps fmt's compile-time format checks).

#include <iterator>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace decarbfund::report {

template <typename... Args>
void append(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

}  // namespace decarbfund::report
