#pragma once
// Writing a verb's rendered reports (issue 8): all or, as far as can be known beforehand, none.
// Every path's directory is checked before the first file is written, so a mistyped directory in
// `--xlsx` does not leave the `--json` of the same run behind; each file is then written with
// core::write_file_atomically (path.tmp, then rename).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace decarbfund::report {

/// (path, bytes) pairs; an empty path is skipped. Throws core::Error naming the first path whose
/// directory does not exist (nothing written then), or the file that could not be written.
/// Returns the paths written, in order (what the verbs report as "wrote …").
std::vector<std::string> write_report_files(const std::vector<std::pair<std::string, std::string_view>>& files);

}  // namespace decarbfund::report
