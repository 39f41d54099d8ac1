#pragma once
// What the MIDDEN importer's table writers share (docs/midden-import.md): number formatting, a row
// written in its schema's column order, the report sink, and the per-plant calibration. Internal
// to the data room; midden_import.hpp is the front header.

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "data/csv_reader.hpp"
#include "data/midden_import.hpp"
#include "data/midden_records.hpp"
#include "data/schema.hpp"

namespace decarbfund::data::detail {

inline constexpr std::string_view kMiddenSource = "(PBL/TNO, commit e404e16)";

/// x rounded to 1/per (e.g. per = 10: one decimal); n/per is the double nearest the decimal, so
/// csv_number prints it short ("3058570.8", not "3058570.8000000003").
inline double round_to(double x, double per) { return std::round(x * per) / per; }
inline std::string t_str(double x) { return csv_number(round_to(x, 10)); }  // t, GJ: 0.1
inline std::string eur_str(double x) { return csv_number(std::round(x)); }  // EUR: whole euros

inline std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.pop_back();
  }
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) {
    ++b;
  }
  return s.substr(b);
}

/// A row by column name, written in the schema's column order.
class Row {
 public:
  void set(std::string_view column, std::string value) { cells_[std::string(column)] = std::move(value); }
  std::string csv(const TableSpec& spec) const {
    std::string out;
    bool first = true;
    for (const auto& col : spec.columns) {
      if (!first) {
        out += ',';
      }
      first = false;
      const auto it = cells_.find(std::string(col.name));
      if (it == cells_.end()) {
        if (col.required) {  // a bug of this file, not bad input
          throw core::Error("midden_import.cpp",
                            fmt::format("internal: required column '{}' not set", col.name));
        }
        continue;
      }
      out += csv_escape(it->second);
    }
    out += '\n';
    return out;
  }

 private:
  std::map<std::string, std::string> cells_;
};

inline std::string header(const TableSpec& spec) {
  std::string out;
  for (const auto& col : spec.columns) {
    if (!out.empty()) {
      out += ',';
    }
    out += col.name;
  }
  return out + '\n';
}

/// NACE code "dd.dd": the NACE field where it is a 2-digit class (6.1 → "06.10"), else the first
/// four digits of sbi_2008 (SBI 2008 extends NACE rev. 2 by a fifth digit; leading zeros are lost

struct Sink {
  MiddenImportReport& report;
  void note(const std::string& plant, const std::string& config, std::string_view action,
            std::string reason) {
    if (action == "assumed") {
      ++report.assumed;
    }
    report.notes.push_back({plant, config, std::string(action), std::move(reason)});
  }
  void skip(const std::string& plant, const std::string& config, std::string_view code,
            std::string reason) {
    ++report.skipped;
    ++report.skipped_by_reason[std::string(code)];
    note(plant, config, "skipped", fmt::format("{}: {}", code, reason));
  }
};

/// One plant's base configurations against its verified 2020 emissions (the MIDDEN README's
/// check, docs/midden-import.md §7): the options are calibrated with it.
struct PlantCalibration {
  double verified_t = 0;    ///< 2020 NEa emissions (0 when absent)
  double base_t = 0;        ///< Σ base configurations' direct emissions (cards × activity)
  std::map<std::string, double> base_by_section_t;  ///< the same per section
  /// The factor the cards' emissions are scaled by: verified / base, at most 1 (cards that cover
  /// only part of a plant are not scaled up); 0 when either side is 0.
  double factor() const {
    return verified_t > 0 && base_t > 0 ? std::min(1.0, verified_t / base_t) : 0.0;
  }
};

/// Every plant's calibration, with one `calibration` note per plant in the report.
std::map<std::string, PlantCalibration> calibrate_plants(const MiddenData& data, Sink& sink);

/// sites.csv (docs/midden-import.md §2); `total` receives Σ emissions_t.
std::string midden_sites_csv(const MiddenData& data, Sink& sink, double& total);

/// options.csv (docs/midden-import.md §3–§6), calibrated per plant.
std::string midden_options_csv(const MiddenData& data, const std::map<std::string, PlantCalibration>& calibration,
                               Sink& sink, std::size_t& alternatives, std::size_t& written);

}  // namespace decarbfund::data::detail
