#include "cli/report_outputs.hpp"

#include "cli/lang_option.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "report/json_tables.hpp"
#include "report/report_files.hpp"

namespace decarbfund::cli {

namespace fs = std::filesystem;

void add_json_csv_options(CLI::App* cmd, ReportArgs& args) {
  cmd->add_option("--json", args.json, "write the JSON document to this file ('-': print it on stdout, alone)");
  cmd->add_option("--csv", args.csv, "write every table of the report as DIR/<table>.csv (DIR is made if missing)");
}

void add_html_xlsx_options(CLI::App* cmd, ReportArgs& args) {
  cmd->add_option("--html", args.html, "write a self-contained HTML report to this file");
  cmd->add_option("--xlsx", args.xlsx, "write an Excel workbook (one sheet per table) to this file");
  add_lang_option(cmd, args.lang);
}

std::vector<std::pair<std::string, std::string>> csv_outputs(const std::string& dir, const std::string& json) {
  std::vector<std::pair<std::string, std::string>> out;
  if (dir.empty()) {
    return out;
  }
  for (auto& [name, text] : report::csv_files(json)) {
    out.emplace_back((fs::path(dir) / name).string(), std::move(text));
  }
  return out;
}

std::vector<std::string> write_reports(const ReportArgs& args, const std::string& json, const std::string& html,
                                       const std::string& xlsx, std::vector<std::pair<std::string, std::string>> more) {
  auto files = csv_outputs(args.csv, json);
  for (auto& m : more) {
    files.push_back(std::move(m));
  }
  std::vector<std::pair<std::string, std::string_view>> all = {
      {args.json_to_stdout() ? std::string() : args.json, json}, {args.html, html}, {args.xlsx, xlsx}};
  for (const auto& [path, text] : files) {
    all.emplace_back(path, text);
  }
  if (!args.csv.empty()) {
    // The directory is made once every other output's folder is known to be there, so a
    // mistyped path leaves nothing behind.
    std::error_code ec;
    for (const auto& [path, text] : all) {
      const auto dir = fs::path(path).parent_path();
      if (!path.empty() && !dir.empty() && dir != fs::path(args.csv) && !fs::is_directory(dir, ec)) {
        throw core::Error(path, "cannot write: directory " + dir.string() + " does not exist");
      }
    }
    make_csv_dir(args.csv);
  }
  auto written = report::write_report_files(all);
  if (args.json_to_stdout()) {
    fmt::print("{}", json);
    std::fflush(stdout);
  }
  return written;
}

void make_csv_dir(const std::string& dir) {
  std::error_code ec;
  const auto parent = fs::path(dir).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    throw core::Error(dir, "cannot write --csv: directory " + parent.string() + " does not exist");
  }
  fs::create_directory(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    throw core::Error(dir, "cannot write --csv: expected a directory, found a file");
  }
}

void print_written(const std::vector<std::string>& paths, bool after_report, bool json_on_stdout) {
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (json_on_stdout) {
      fmt::print(stderr, "wrote {}\n", paths[i]);
    } else {
      fmt::print("{}wrote {}\n", i == 0 && after_report ? "\n" : "", paths[i]);
    }
  }
}

void write_streamed(const std::string& path,
                    const std::function<void(const std::function<void(std::string_view)>&)>& produce) {
  if (path == "-") {
    produce([](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); });
    std::fflush(stdout);
    return;
  }
  const fs::path target(path);
  std::error_code ec;
  if (!target.parent_path().empty() && !fs::is_directory(target.parent_path(), ec)) {
    throw core::Error(path, "cannot write: directory " + target.parent_path().string() + " does not exist");
  }
  const fs::path tmp = target.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw core::Error(path, "cannot write: " + tmp.string() + " cannot be created");
    }
    produce([&out](std::string_view s) { out.write(s.data(), static_cast<std::streamsize>(s.size())); });
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      throw core::Error(path, "cannot write: writing " + tmp.string() + " failed");
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw core::Error(path, "cannot write: renaming " + tmp.string() + " failed");
  }
}

}  // namespace decarbfund::cli
