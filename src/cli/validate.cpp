// `decarbfund validate [DIR] [--json FILE] [--csv DIR]`: load a dataset, check it, print a summary (issue 2 §5).

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/locate_inputs.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "data/load_dataset.hpp"

namespace decarbfund::cli {

namespace {

struct ValidateArgs : ReportArgs {
  std::string dir;
};

nlohmann::ordered_json summary_json(const model::Model& m) {
  nlohmann::ordered_json j;
  const auto& s = m.sites;
  double base = 0;
  std::map<std::string, double> by_cluster;
  std::map<std::string, std::size_t> sites_by_category;
  std::size_t with_options = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    base += s.base_emissions_t[i];
    by_cluster[m.clusters.id[s.cluster[i]]] += s.base_emissions_t[i];
    ++sites_by_category[std::string(
        model::kLevyCategoryNames[static_cast<std::size_t>(s.levy_category[i])])];
    with_options += s.option_begin[i + 1] > s.option_begin[i] ? 1 : 0;
  }
  j["dataset"] = m.info.name;
  j["version"] = m.info.version;
  j["path"] = m.info.path;
  j["base_year"] = m.info.base_year;
  j["price_year"] = m.info.price_year;
  j["sites"] = s.size();
  j["sites_with_options"] = with_options;
  j["options"] = m.options.size();
  j["exclusive_groups"] = m.options.exclusive_group_count;
  j["clusters"] = m.clusters.size();
  j["infrastructure"] = m.infrastructure.size();
  j["base_year_emissions_t"] = base;
  // History coverage (issue 12): how each site's figure in the last history year was obtained,
  // and the share of base-year emissions those sites stand for.
  const auto& h = m.history;
  j["history_first_year"] = h.first_year;
  j["history_last_year"] = h.last_year;
  j["history_last_year_emissions_t"] = 0.0;
  nlohmann::ordered_json coverage;
  for (auto name : model::kHistoryBasisNames) {
    coverage[std::string(name)] = {{"sites", 0}, {"base_emissions_share", 0.0}};
  }
  double last_total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = std::string(model::kHistoryBasisNames[static_cast<std::size_t>(
        h.basis_of(static_cast<model::Index>(i), h.last_year))]);
    coverage[b]["sites"] = coverage[b]["sites"].get<int>() + 1;
    coverage[b]["base_emissions_share"] =
        coverage[b]["base_emissions_share"].get<double>() + (base > 0 ? s.base_emissions_t[i] / base : 0.0);
    last_total += h.emissions(static_cast<model::Index>(i), h.last_year);
  }
  j["history_last_year_emissions_t"] = last_total;
  j["history_coverage"] = coverage;
  nlohmann::ordered_json lambdas;
  for (int y = h.first_year; y <= h.last_year; ++y) {
    const auto k = static_cast<std::size_t>(y - h.first_year);
    if (!std::isnan(h.published_total_t[k])) {
      lambdas[std::to_string(y)] = {{"published_t", h.published_total_t[k]}, {"calibration_factor", h.calibration_factor[k]}};
    }
  }
  j["history_calibration"] = lambdas;
  j["activity_groups"] = m.activity.size();
  j["base_year_emissions_t_by_cluster"] = by_cluster;
  j["sites_by_levy_category"] = sites_by_category;
  return j;
}

void print_summary(const nlohmann::ordered_json& j) {
  fmt::print("dataset {} {} ({}), prices in EUR {}\n", j["dataset"].get<std::string>(),
             j["version"].get<std::string>(), j["path"].get<std::string>(),
             j["price_year"].get<int>());
  fmt::print("  sites            {:>8}  ({} with options)\n", j["sites"].get<std::size_t>(),
             j["sites_with_options"].get<std::size_t>());
  fmt::print("  options          {:>8}  in {} mutually-exclusive groups\n",
             j["options"].get<std::size_t>(), j["exclusive_groups"].get<std::size_t>());
  fmt::print("  infrastructure   {:>8}\n", j["infrastructure"].get<std::size_t>());
  fmt::print("  sites by levy category:");
  for (const auto& [k, v] : j["sites_by_levy_category"].items()) {
    fmt::print(" {} {}", k, v.get<std::size_t>());
  }
  fmt::print("\n\n  {:<24} {:>14}\n", "cluster", "base-year Mt");
  for (const auto& [k, v] : j["base_year_emissions_t_by_cluster"].items()) {
    fmt::print("  {:<24} {:>14.3f}\n", k, v.get<double>() / 1e6);
  }
  fmt::print("  {:<24} {:>14.3f}\n", "total (base year)", j["base_year_emissions_t"].get<double>() / 1e6);
  const int last = j["history_last_year"].get<int>();
  fmt::print("  {:<24} {:>14.3f}\n", fmt::format("total ({})", last),
             j["history_last_year_emissions_t"].get<double>() / 1e6);
  fmt::print("\n  history {}–{} ({} activity groups); how each site's {} figure was obtained:\n",
             j["history_first_year"].get<int>(), last, j["activity_groups"].get<std::size_t>(), last);
  for (const auto& [k, v] : j["history_coverage"].items()) {
    if (v["sites"].get<int>() > 0) {
      fmt::print("    {:<12} {:>5} sites  {:>6.1f} % of base-year emissions\n", k, v["sites"].get<int>(),
                 100 * v["base_emissions_share"].get<double>());
    }
  }
  for (const auto& [year, v] : j["history_calibration"].items()) {
    fmt::print("    {}: NEa industry total {:.2f} Mt, calibration factor {:.3f}\n", year,
               v["published_t"].get<double>() / 1e6, v["calibration_factor"].get<double>());
  }
}

}  // namespace

void add_validate(CLI::App& app, int& status) {
  auto args = std::make_shared<ValidateArgs>();
  auto* cmd = app.add_subcommand("validate", "Load a dataset directory, check it and summarise it");
  cmd->add_option("dir", args->dir,
                  "dataset directory holding dataset.yaml (default: $DECARBFUND_DATA, the installed dataset, "
                  "else ./data/nl)");
  add_json_csv_options(cmd, *args);
  cmd->callback([args, &status] {
    args->dir = locate_data(args->dir, false);
    core::Diagnostics diags;
    auto model = data::load_dataset(args->dir, diags);
    for (const auto& d : diags.all()) {
      std::fprintf(stderr, "%s%s\n", d.severity == core::Severity::error ? "error: " : "",
                   d.to_string().c_str());
    }
    if (!model) {
      std::fprintf(stderr, "%zu error(s); nothing loaded\n", diags.error_count());
      status = kExitBadInput;
      return;
    }
    const auto j = summary_json(*model);
    const auto written = write_reports(*args, args->wants_json() ? j.dump(2) + "\n" : "");
    if (!args->json_to_stdout()) {
      print_summary(j);
    }
    print_written(written, true, args->json_to_stdout());
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
