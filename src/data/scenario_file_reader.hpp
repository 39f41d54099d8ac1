#pragma once
// Reading one scenario file onto the scenario being built from its base chain (docs/scenarios.md):
// each key with its line and key path in every message (STYLE §2.5). Internal to the data room;
// load_scenario.hpp is the front header. Definitions: scenario_file_reader.cpp (keys),
// scenario_uncertainty_reader.cpp (the `uncertainty:` section).

#include <array>
#include <charconv>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/distribution.hpp"
#include "data/csv_reader.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_node.hpp"
#include "model/scenario.hpp"

namespace decarbfund::data::detail {

namespace fs = std::filesystem;

constexpr int kMinYear = 1990;  // no scenario parameter predates the Kyoto base year
constexpr int kMaxYear = 2100;
constexpr double kMaxEurPerT = 10'000;  // ~30× the highest tariff in policy.md (AVI 295 in 2030)
constexpr double kMaxEur = 100'000'000'000;  // 100 bn: above the whole Klimaatfonds (EUR 35 bn)

// Categories that carry a tariff and reduction factor (policy.md §1.2); `none` does not.
constexpr std::array<model::LevyCategory, 3> kLiable = {model::LevyCategory::ets_industrial,
                                                        model::LevyCategory::waste_incineration,
                                                        model::LevyCategory::n2o};
constexpr std::string_view kLiableNames[] = {"ets_industrial", "waste_incineration", "n2o"};
constexpr std::string_view kRules[] = {"npv_threshold"};

/// A per-year map being merged over the chain, with where it was last written (for messages
/// about the merged result).
struct Series {
  std::map<int, double> values;
  std::string file;
  long line = 0;
};

/// The scenario while the chain is applied.
struct Draft {
  model::Scenario s;
  std::array<Series, model::kLevyCategoryCount> tariff;
  std::array<Series, model::kLevyCategoryCount> reduction_factor;
  Series avi_correction_factor;
  Series ets_reference_price;
  Series minimum_price;
  std::map<std::string, Series> prices;
  std::map<std::string, Series> activity;
};

/// Applies one scenario file onto a Draft, reporting each problem with line and key path.
class FileReader : public YamlDiagnostics {
 public:
  FileReader(std::string file, core::Diagnostics& diags)
      : YamlDiagnostics("scenario.invalid", std::move(file), diags) {}

  std::optional<double> number(const YamlNode& node, const std::string& path, double min,
                               double max, std::string_view unit);

  std::optional<long long> integer(const YamlNode& node, const std::string& path, long long min,
                                   long long max, std::string_view what = "a whole number");

  std::optional<int> year(const YamlNode& node, const std::string& path);

  std::optional<bool> boolean(const YamlNode& node, const std::string& path);

  std::optional<std::string> text(const YamlNode& node, const std::string& path);

  /// A {year: value} mapping merged into `series` (per year: later files replace).
  void year_map(const YamlNode& node, const std::string& path, Series& series, double min,
                double max, std::string_view unit);

  /// {category: {year: value}} for the liable categories.
  void category_map(const YamlNode& node, const std::string& path,
                    std::array<Series, model::kLevyCategoryCount>& series, double min, double max,
                    std::string_view unit);

  void apply(const YamlNode& root, const fs::path& file_path, Draft& d);

 private:
  void apply_package(const YamlNode& n, model::Scenario& s);

  void apply_target(const YamlNode& n, const fs::path& file_path, model::Target& t);

  void apply_levy(const YamlNode& n, Draft& d);

  void apply_response(const YamlNode& n, model::ResponseParams& r);

  /// A distribution written as {distribution: kind, parameters…} (docs/uncertainty.md). With
  /// `bounded`, its support must lie in [lo, hi] (normal and lognormal are then refused unless
  /// lo ≤ 0 < hi = ∞ allows a lognormal).
  std::optional<core::Distribution> distribution(const YamlNode& n, const std::string& path,
                                                 double lo, double hi, std::string_view unit);

  void apply_uncertainty(const YamlNode& n, model::Uncertainty& u);
};

}  // namespace decarbfund::data::detail
