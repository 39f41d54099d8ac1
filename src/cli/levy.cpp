// `decarbfund levy --input FILE.csv [--scenario FILE] [--data DIR] [--json FILE] [--csv DIR]`: a
// company's CO2 levy per installation and year, with carry-back across its years (docs/levy.md).
// Parses and prints only: the rows are read and computed by runs/levy_input.hpp
// (sim::compute_levy_statement), and shown by report/levy_report.hpp.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "core/diagnostic.hpp"
#include "data/load_dataset.hpp"
#include "data/load_scenario.hpp"
#include "report/levy_report.hpp"
#include "runs/levy_input.hpp"

namespace decarbfund::cli {

namespace {

struct LevyArgs : ReportArgs {
  std::string input;
  std::string scenario;
  std::string data;
};

void run_levy(LevyArgs& args, int& status) {
  // The dataset holds the ETS price path the reference price falls back to (docs/levy.md); each
  // row that used it says so, so the dataset is found quietly.
  args.data = locate_data(args.data, true);
  args.scenario = locate_scenario(args.scenario, false);
  args.input = locate_input(args.input, false, "input");
  const auto model = data::load_dataset_or_throw(args.data);
  core::Diagnostics diags;
  const auto scenario = data::load_scenario(args.scenario, diags);
  const auto input = runs::load_levy_input(args.input, diags);
  std::optional<runs::LevyRun> run;
  if (scenario && input && !diags.has_errors()) {
    run = runs::compute_levy(model, *scenario, *input);
    runs::add_levy_issues(*input, *run, diags);
  }
  for (const auto& d : diags.all()) {
    std::fprintf(stderr, "%s%s\n", d.severity == core::Severity::error ? "error: " : "", d.to_string().c_str());
  }
  if (diags.has_errors() || !run) {
    std::fprintf(stderr, "%zu error(s); no levy computed\n", diags.error_count());
    status = kExitBadInput;
    return;
  }
  const report::LevyReport r{&model.info, &*scenario, args.input, &input->rows, &run->statement, &run->ets_reference_source};
  std::vector<std::string> written;
  // The statement may have 400,000 rows: its JSON and rows.csv are written row by row. Every
  // output's folder is checked before the first file is written.
  if (const auto dir = std::filesystem::path(args.json).parent_path();
      !args.json_to_stdout() && !dir.empty() && !std::filesystem::is_directory(dir)) {
    throw core::Error(args.json, "cannot write: directory " + dir.string() + " does not exist");
  }
  if (!args.csv.empty()) {
    make_csv_dir(args.csv);
    const auto dir = std::filesystem::path(args.csv);
    write_streamed((dir / "summary.csv").string(), [&](const auto& sink) { sink(report::levy_summary_csv(r)); });
    write_streamed((dir / "rows.csv").string(), [&](const auto& sink) { report::levy_rows_csv(r, sink); });
    written = {(dir / "summary.csv").string(), (dir / "rows.csv").string()};
  }
  if (!args.json.empty()) {
    write_streamed(args.json, [&](const auto& sink) { report::levy_json(r, sink); });
    if (!args.json_to_stdout()) {
      written.push_back(args.json);
    }
  }
  if (!args.json_to_stdout()) {
    fmt::print("{}", report::levy_text(r));
  }
  print_written(written, true, args.json_to_stdout());
  status = kExitOk;
}

}  // namespace

void add_levy(CLI::App& app, int& status) {
  auto args = std::make_shared<LevyArgs>();
  auto* cmd = app.add_subcommand(
      "levy", "Compute the CO2 levy of installations per year, with carry-back (docs/levy.md)");
  cmd->add_option("--input", args->input,
                  "CSV: installation, year, category, emissions_t, dpr_basis_t or "
                  "dpr_allocated_t, optional overrides")
      ->required();
  cmd->add_option("--scenario", args->scenario,
                  "scenario: a file, or the name of one in the scenarios folder (default: belastingplan-2026)");
  cmd->add_option("--data", args->data,
                  "dataset whose ETS price path gives missing reference prices (default: $DECARBFUND_DATA, "
                  "the installed dataset, else ./data/nl)");
  add_json_csv_options(cmd, *args);
  cmd->callback([args, &status] { run_levy(*args, status); });
}

}  // namespace decarbfund::cli
