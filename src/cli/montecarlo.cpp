// `decarbfund montecarlo`: P(target met), percentiles, fan chart and sensitivity over N draws of
// the outlook (issue 6, docs/uncertainty.md). Parses arguments, loads, calls analysis::montecarlo,
// prints and writes the reports. Built with -DDECARBFUND_MPI=ON, `mpirun -np K decarbfund
// montecarlo …` splits the draws into K contiguous blocks, gathers every draw's record to rank 0,
// and rank 0 summarises and writes: the same bytes as one process. `--draws-out FILE` writes every
// draw's record (report/montecarlo_draws.hpp) as CSV or JSON lines. What rank 0 holds is each draw's
// outcome (4 + years doubles); the inputs' drawn values are regenerated from the seed when needed.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/montecarlo.hpp"
#include "cli/lang_option.hpp"
#include "cli/mpi_session.hpp"
#include "cli/run_setup.hpp"
#include "cli/verbs.hpp"
#include "core/diagnostic.hpp"
#include "report/montecarlo_draws.hpp"
#include "report/montecarlo_report.hpp"
#include "report/xlsx_montecarlo.hpp"

namespace decarbfund::cli {

namespace {

struct MonteCarloArgs : RunArgs {
  std::uint32_t draws = 1000;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::uint32_t tornado_top = analysis::kDefaultTornadoTop;
  std::string draws_out;
};

/// "[#######.......]  45 %  4500/10000" on one line of stderr.
void draw_progress(std::uint32_t done, std::uint32_t total) {
  constexpr int kWidth = 40;
  const double f = total == 0 ? 1.0 : static_cast<double>(done) / total;
  const int filled = static_cast<int>(f * kWidth);
  std::fprintf(stderr, "\r[%s%s] %3d %%  %u/%u draws", std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), static_cast<int>(f * 100), done,
               total);
  if (done >= total) {
    std::fprintf(stderr, "\n");
  }
  std::fflush(stderr);
}

}  // namespace

void add_montecarlo(CLI::App& app, int& status) {
  auto args = std::make_shared<MonteCarloArgs>();
  auto* cmd = app.add_subcommand("montecarlo", "P(target met), percentiles, fan chart and sensitivity over N draws");
  add_run_options(cmd, *args, "scenario YAML (its uncertainty: section says what is drawn)");
  cmd->add_option("--draws,-n", args->draws, "number of draws")->capture_default_str()->check(CLI::Range(1u, 100'000'000u));
  cmd->add_option("--seed", args->seed, "random seed (default: the scenario's seed)");
  cmd->add_option("--threads,-t", args->threads, "worker threads per process (default: all cores)");
  cmd->add_option("--tornado-top", args->tornado_top,
                  "tornado: run the N inputs with the largest |rank correlation| (0: every input)")
      ->capture_default_str();
  cmd->add_option("--draws-out", args->draws_out,
                  "write every draw's record to this file: CSV for *.csv, else JSON lines ('-': stdout)");
  cmd->callback([args, &status] {
    const MpiSession mpi;
    const int rank = mpi.rank();
    const int ranks = mpi.size();
    if (args->draws_out == "-" && args->json_to_stdout()) {
      throw core::Error("--draws-out", "expected one of --json - and --draws-out - on stdout, found both");
    }
    const auto setup_inputs = load_run_setup(*args);
    const auto& model = setup_inputs.model();
    const auto& scenario = setup_inputs.scenario;
    const auto& reference = setup_inputs.reference;
    const auto* deals = setup_inputs.deal_book();
    analysis::MonteCarloOptions options;
    options.draws = args->draws;
    options.seed = args->seed.value_or(scenario.seed);
    options.tornado_top = args->tornado_top;
    const unsigned threads = args->threads > 0 ? args->threads : std::max(1u, std::thread::hardware_concurrency());
    const auto& sme = setup_inputs.sme;
    const auto setup = analysis::prepare_montecarlo(model, scenario, reference, deals, options, sme ? &*sme : nullptr);

    // This process's block of draws (all of them without MPI).
    const auto block = [&](int r) {
      return static_cast<std::uint32_t>(static_cast<std::uint64_t>(options.draws) * static_cast<std::uint64_t>(r) /
                                        static_cast<std::uint64_t>(ranks));
    };
    const std::uint32_t first = block(rank), end = block(rank + 1);
    const bool stdout_taken = args->json_to_stdout() || args->draws_out == "-";
    const bool bar = rank == 0 && !args->quiet && isatty(STDERR_FILENO) != 0;
    const auto started = std::chrono::steady_clock::now();
    std::atomic<std::uint32_t> done{0};
    std::vector<double> mine;
    {
      std::thread runner([&] { mine = analysis::run_draws(setup, first, end, threads, &done); });
      while (bar && done.load() < end - first) {
        draw_progress(done.load() * static_cast<std::uint32_t>(ranks), options.draws);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      runner.join();
    }
    std::vector<int> counts(static_cast<std::size_t>(ranks)), offsets(static_cast<std::size_t>(ranks));
    for (int r = 0; r < ranks; ++r) {
      counts[static_cast<std::size_t>(r)] = static_cast<int>(block(r + 1) - block(r));
      offsets[static_cast<std::size_t>(r)] = static_cast<int>(block(r));
    }
    const std::vector<double> outcomes = mpi.gather(std::move(mine), setup.outcome_size(), counts, offsets);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (bar) {
      draw_progress(options.draws, options.draws);
    }
    if (rank != 0) {
      status = kExitOk;
      return;
    }
    const auto result = analysis::summarise_montecarlo(setup, outcomes, threads);
    const std::string json = args->wants_json() ? report::montecarlo_json(model, result) : "";
    const std::string html = args->html.empty() ? "" : report::montecarlo_html(model, result, report_lang(args->lang));
    std::string xlsx;
    if (!args->xlsx.empty()) {
      auto info = report::montecarlo_run_info(model, result, report_lang(args->lang));
      info.scenario_chain = scenario.chain;
      // Threads and ranks are left out: they do not change the bytes.
      info.command = run_command("montecarlo", *args,
                                 report::command_option("draws", std::to_string(options.draws)) +
                                     report::command_option("seed", std::to_string(options.seed)) +
                                     (options.tornado_top == analysis::kDefaultTornadoTop
                                          ? std::string()
                                          : report::command_option("tornado-top", std::to_string(options.tornado_top))));
      xlsx = report::montecarlo_xlsx(model, result, info, report_lang(args->lang));
    }
    auto written = write_reports(*args, json, html, xlsx);
    if (!args->draws_out.empty()) {
      write_streamed(args->draws_out, [&](const auto& sink) {
        report::montecarlo_draws(setup, outcomes, 0, report::draw_format_of(args->draws_out), sink);
      });
      if (args->draws_out != "-") {
        written.push_back(args->draws_out);
      }
    }
    if (!args->quiet) {
      if (!stdout_taken) {
        fmt::print("{}", report::montecarlo_text(model, result));
      }
      fmt::print(stderr, "{} draws in {:.2f} s ({:.0f} draws/s) on {} process(es) × {} thread(s)\n", options.draws,
                 seconds, options.draws / std::max(seconds, 1e-9), ranks, threads);
      print_written(written, true, stdout_taken);
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
