// `decarbfund budget [--data DIR] [--deals DIR | --no-deals] [--sources] [--reconcile] [--json FILE] [--csv DIR]
//                   [--xlsx FILE] [--html FILE]`:
// the lot's books per instrument and year — reserved, committed, paid, free, still open from the
// as-of year — and what the outlook's package would need on top (issue 18, docs/budget.md).
// `--reconcile` prints the projects shared with lots 3 and 4 instead, and refuses (exit 2, nothing
// written) when a tonne or a euro is counted twice. `--xlsx`/`--html` write the books in the fund's
// formats: the MJP-style measure list and the verdiepingstabel (report/budget_formats.hpp).
// Parses, loads, calls fund::build_budget_book, fund::package_need or fund::reconcile_shared, prints;
// no model logic.

#include <cstdio>

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "fund/budget_book.hpp"
#include "fund/measure_list.hpp"
#include "fund/reconcile.hpp"
#include "report/budget_formats.hpp"
#include "report/budget_report.hpp"
#include "report/reconcile_report.hpp"
#include "runs/run_inputs.hpp"

namespace decarbfund::cli {

namespace {

struct BudgetArgs : ReportArgs {
  std::string data;
  std::string deals;
  bool no_deals = false;
  bool sources = false;
  bool reconcile = false;
  int first_year = 2024;
  int last_year = 2030;
};

}  // namespace

void add_budget(CLI::App& app, int& status) {
  auto args = std::make_shared<BudgetArgs>();
  auto* cmd = app.add_subcommand(
      "budget", "The lot's books: reserved, committed, paid and free money per instrument and year");
  cmd->add_option("--data", args->data,
                  "dataset directory (default: $DECARBFUND_DATA, the installed dataset, else ./data/nl)");
  cmd->add_option("--deals", args->deals, "deal files whose support the outlook's package needs (default: <data>/deals)");
  cmd->add_flag("--no-deals", args->no_deals, "ignore the deal files: no package need is shown");
  cmd->add_flag("--sources", args->sources, "list the source of every figure of the ledger");
  cmd->add_flag("--reconcile", args->reconcile,
                "the projects shared with lots 3 and 4: euros per lot, tonnes credited once (exit 2 on a double count)");
  cmd->add_option("--from", args->first_year, "first year shown")->capture_default_str()->check(CLI::Range(2000, 2100));
  cmd->add_option("--to", args->last_year, "last year shown")->capture_default_str()->check(CLI::Range(2000, 2100));
  add_json_csv_options(cmd, *args);
  cmd->add_option("--xlsx", args->xlsx, "write the MJP measure list and the verdiepingstabel as an Excel workbook");
  cmd->add_option("--html", args->html, "write the MJP measure list and the verdiepingstabel as an HTML page");
  cmd->callback([args, &status] {
    auto& a = *args;
    if (a.last_year < a.first_year) {
      throw CLI::ValidationError("--to", fmt::format("expected a year not before --from {}, found {}", a.first_year,
                                                      a.last_year));
    }
    a.data = locate_data(a.data, a.json_to_stdout());
    a.deals = locate_input(a.deals, a.json_to_stdout(), "deals");
    const auto dataset = runs::load_dataset_inputs(a.data, a.deals, a.no_deals);
    const auto& model = dataset.model;
    if (a.reconcile) {
      const auto* deals = dataset.deal_book();
      const auto rec = fund::reconcile_shared(
          model, deals != nullptr ? std::span<const model::Deal>(deals->deals) : std::span<const model::Deal>());
      if (!rec.ok()) {
        // Refused: a figure counted twice is no reconciliation; nothing is written.
        std::fputs(report::double_counts_text(rec).c_str(), stderr);
        std::fprintf(stderr, "error: budget --reconcile: %zu double count(s) in the shared projects; nothing written\n",
                     rec.double_counts.size());
        status = kExitBadInput;
        return;
      }
      const auto written = write_reports(a, a.wants_json() ? report::reconcile_json(model, rec) : "");
      if (!a.json_to_stdout()) {
        fmt::print("{}", report::reconcile_text(model, rec));
      }
      print_written(written, true, a.json_to_stdout());
      status = kExitOk;
      return;
    }
    const auto book = fund::build_budget_book(model, a.first_year, a.last_year);
    std::optional<fund::PackageNeed> need;
    if (const auto* deals = dataset.deal_book(); deals != nullptr && !model.fund.empty()) {
      need = fund::package_need(model, book, deals->deals, a.last_year);
    }
    const auto* deal_book = dataset.deal_book();
    const auto measures = fund::measure_list(
        model, book, deal_book != nullptr ? std::span<const model::Deal>(deal_book->deals) : std::span<const model::Deal>());
    // Render every report before writing any file, so a failure leaves no half set of files.
    const std::string json = a.wants_json() ? report::budget_json(model, book, need ? &*need : nullptr, measures) : "";
    std::string html, xlsx;
    if (!a.html.empty() || !a.xlsx.empty()) {
      auto info = report::dataset_run_info(model);
      info.command = "decarbfund budget" + report::command_option("data", a.data) +
                     report::command_option("deals", a.deals) + (a.no_deals ? " --no-deals" : "") +
                     fmt::format(" --from {} --to {}", a.first_year, a.last_year);
      html = a.html.empty() ? "" : report::budget_html(model, book, measures, info);
      xlsx = a.xlsx.empty() ? "" : report::budget_xlsx(model, book, measures, info);
    }
    const auto written = write_reports(a, json, html, xlsx);
    if (!a.json_to_stdout()) {
      fmt::print("{}", report::budget_text(model, book, need ? &*need : nullptr, a.sources));
    }
    print_written(written, true, a.json_to_stdout());
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
