// decarbfund import-midden MIDDEN_DIR --out DIR: MIDDEN v3 JSON → sites.csv, options.csv,
// import-report.csv, price-index.csv (docs/midden-import.md).

#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "data/midden_import.hpp"

namespace decarbfund::cli {

void add_import_midden(CLI::App& app, int& status) {
  struct Args {
    std::string midden_dir;
    std::string out_dir;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "import-midden",
      "Convert the MIDDEN v3 database (PBL/TNO) into sites.csv and options.csv with a report");
  cmd->add_option("MIDDEN_DIR", args->midden_dir,
                  "directory with midden.json, gpd.json, pcd.json, tc.json, cd.json")
      ->required();
  cmd->add_option("--out", args->out_dir, "output directory, e.g. data/nl/midden")->required();
  cmd->callback([args, &status] {
    const data::MiddenImportReport r = data::import_midden(args->midden_dir, args->out_dir);
    std::printf("plants (sites written): %zu\n", r.plants);
    std::printf("alternative configurations: %zu\n", r.alternatives);
    std::printf("options written: %zu (%zu of them routes of several alternatives, %zu alternatives in "
                "those beyond the first)\n",
                r.options, r.routes, r.in_routes);
    std::printf("alternatives skipped: %zu\n", r.skipped);
    for (const auto& [reason, n] : r.skipped_by_reason) {
      std::printf("  %-24s %zu\n", reason.c_str(), n);
    }
    std::printf("assumption notes: %zu (see import-report.csv)\n", r.assumed);
    std::printf("sum of 2020 verified emissions: %s t CO2-eq\n",
                fmt::format("{:.0f}", r.base_emissions_t).c_str());
    for (const auto& f : r.files_written) {
      std::printf("wrote %s\n", f.c_str());
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
