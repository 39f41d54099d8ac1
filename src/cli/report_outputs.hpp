#pragma once
// One set of report options for every verb (issue 19): `--json FILE` writes the JSON document,
// `--json -` prints it on stdout (and nothing else goes there); `--csv DIR` writes every table of
// the document as DIR/<table>.csv (report/json_tables.hpp); `--html FILE` and `--xlsx FILE` where
// a verb has them. Every file is rendered before the first is written and every directory checked
// first (report/report_files.hpp).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace decarbfund::cli {

struct ReportArgs {
  std::string json;  ///< a file, "-" for stdout, empty for none
  std::string csv;   ///< a directory, empty for none
  std::string html;
  std::string xlsx;
  std::string lang = "en";  ///< of the HTML and Excel reports (--lang nl|en)
  bool json_to_stdout() const { return json == "-"; }
  /// Whether the JSON document must be rendered (for --json or for the tables of --csv).
  bool wants_json() const { return !json.empty() || !csv.empty(); }
};

/// Registers --json FILE and --csv DIR on `cmd`.
void add_json_csv_options(CLI::App* cmd, ReportArgs& args);

/// Registers --html FILE, --xlsx FILE and --lang nl|en on `cmd`.
void add_html_xlsx_options(CLI::App* cmd, ReportArgs& args);

/// Writes the rendered reports: the JSON document to its file, the CSV tables of `json` into
/// the --csv directory (made if missing, its parent must exist), `html` and `xlsx` to theirs —
/// then, for `--json -`, the document on stdout. Returns the paths written.
std::vector<std::string> write_reports(const ReportArgs& args, const std::string& json, const std::string& html = "",
                                       const std::string& xlsx = "", std::vector<std::pair<std::string, std::string>> more = {});

/// The CSV files of --csv DIR for `json`: (path, text).
std::vector<std::pair<std::string, std::string>> csv_outputs(const std::string& dir, const std::string& json);

/// Makes the --csv directory `dir` (its parent must exist); throws core::Error naming it.
void make_csv_dir(const std::string& dir);

/// One "wrote PATH" line per file: on stdout (a blank line first when `after_report`), or on
/// stderr when stdout holds a JSON document.
void print_written(const std::vector<std::string>& paths, bool after_report, bool json_on_stdout = false);

/// Writes a document produced in pieces (a levy statement, Monte Carlo draws) to `path`
/// (path.tmp, then rename), or to stdout for "-". Throws core::Error naming the path.
void write_streamed(const std::string& path, const std::function<void(const std::function<void(std::string_view)>&)>& produce);

}  // namespace decarbfund::cli
