#include "data/midden_import.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "data/midden_tables.hpp"
#include "data/midden_units.hpp"
#include "data/price_index.hpp"

namespace decarbfund::data {

namespace {

using detail::MiddenData;
using detail::Sink;

std::string report_csv(std::vector<MiddenImportNote> notes) {
  // Deterministic order: plant, configuration ("" = the plant first), then the order of the rules.
  std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.plant_id, a.configuration_id) < std::tie(b.plant_id, b.configuration_id);
  });
  std::string out = "plant_id,configuration_id,action,reason\n";
  for (const auto& n : notes) {
    out += fmt::format("{},{},{},{}\n", csv_escape(n.plant_id), csv_escape(n.configuration_id),
                       csv_escape(n.action), csv_escape(n.reason));
  }
  return out;
}

/// Checks that the commodity table's ids mean in this cd.json what the table says they mean.
void check_commodities(const MiddenData& data, const std::filesystem::path& dir) {
  for (const auto& c : detail::commodity_classes()) {
    const auto it = data.commodities.find(std::string(c.commodity_id));
    if (it == data.commodities.end() || it->second != c.name) {
      core::Diagnostic d;
      d.code = "midden.commodity";
      d.file = (dir / "cd.json").string();
      d.key_path = std::string(c.commodity_id);
      d.field = "commodity_name";
      d.expected = fmt::format("\"{}\" (the importer's commodity table, MIDDEN v3)", c.name);
      d.found = it == data.commodities.end() ? "no such id" : core::quote_found(it->second);
      throw core::Error(std::move(d));
    }
  }
}

}  // namespace

MiddenImportReport import_midden(const std::filesystem::path& midden_dir,
                                 const std::filesystem::path& out_dir) {
  const MiddenData data = detail::read_midden(midden_dir);
  check_commodities(data, midden_dir);
  MiddenImportReport report;
  Sink sink{report};
  double total = 0;
  const std::string sites = detail::midden_sites_csv(data, sink, total);
  report.plants = data.plants.size();
  report.base_emissions_t = total;
  const auto calibration = detail::calibrate_plants(data, sink);
  const std::string options = detail::midden_options_csv(data, calibration, sink, report.alternatives, report.options);
  const std::string notes = report_csv(report.notes);

  std::filesystem::create_directories(out_dir);
  const std::pair<std::string_view, const std::string*> files[] = {
      {"sites.csv", &sites}, {"options.csv", &options}, {"import-report.csv", &notes}};
  for (const auto& [name, text] : files) {
    core::write_file_atomically(out_dir / name, *text);
    report.files_written.push_back((out_dir / name).string());
  }
  core::write_file_atomically(out_dir / "price-index.csv", price_index_csv());
  report.files_written.push_back((out_dir / "price-index.csv").string());
  return report;
}

}  // namespace decarbfund::data