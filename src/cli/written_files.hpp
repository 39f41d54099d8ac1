#pragma once
// How the verbs tell what report files they wrote (report::write_report_files returns them).

#include <string>
#include <vector>

#include <fmt/format.h>

namespace decarbfund::cli {

/// One "wrote PATH" line per file; `after_report` puts a blank line between a terminal report
/// printed above and the list.
inline void print_written(const std::vector<std::string>& paths, bool after_report) {
  for (std::size_t i = 0; i < paths.size(); ++i) {
    fmt::print("{}wrote {}\n", i == 0 && after_report ? "\n" : "", paths[i]);
  }
}

}  // namespace decarbfund::cli
