#include "data/load_scenario.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "data/scenario_file_reader.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data {

namespace {

using detail::Draft;
using detail::FileReader;
using detail::Series;
using detail::kLiable;
using detail::kLiableNames;
namespace fs = std::filesystem;


/// One file of the chain, parsed.
struct ChainLink {
  fs::path path;  // as shown in messages
  YamlNode root;
};

/// Reads `path` and its bases, child first. nullopt (with diagnostics) on any failure.
std::optional<std::vector<ChainLink>> read_chain(const fs::path& path, core::Diagnostics& diags) {
  std::vector<ChainLink> chain;
  std::vector<fs::path> seen;  // canonical paths, for the cycle check
  fs::path current = path;
  YamlNode via;  // the `base:` node that led to `current` (undefined for the root)
  while (true) {
    const std::string file = current.string();
    std::error_code ec;
    if (!fs::is_regular_file(current, ec)) {
      if (chain.empty()) {
        diags.add({core::Severity::error, "scenario.missing", file, 0, {}, {},
                   "a readable scenario file", "no such file", {}});
      } else {
        core::Diagnostic d;
        d.code = "scenario.missing_base";
        d.file = chain.back().path.string();
        d.line = via.line();
        d.key_path = "base";
        d.expected = "an existing scenario file (a path relative to this file)";
        d.found = fmt::format("{} (no file {})", core::quote_found(via.scalar()), file);
        diags.add(std::move(d));
      }
      return std::nullopt;
    }
    const auto canonical = fs::weakly_canonical(current, ec);
    for (std::size_t i = 0; i < seen.size(); ++i) {
      if (seen[i] == canonical) {
        std::string cycle;
        for (std::size_t k = i; k < chain.size(); ++k) {
          cycle += chain[k].path.string() + " → ";
        }
        cycle += file;
        core::Diagnostic d;
        d.code = "scenario.base_cycle";
        d.file = chain.back().path.string();
        d.line = via.line();
        d.key_path = "base";
        d.expected = "a base chain that ends (no scenario may be its own base)";
        d.found = "the cycle " + cycle;
        diags.add(std::move(d));
        return std::nullopt;
      }
    }
    seen.push_back(canonical);
    const auto text = core::read_file(current, diags);
    const auto parsed = text ? parse_yaml(*text, file, "scenario.yaml", diags) : std::nullopt;
    if (!parsed) {
      return std::nullopt;
    }
    const YamlNode root = *parsed;
    chain.push_back({current, root});
    if (!root.is_map()) {
      return chain;  // FileReader::apply reports it
    }
    const auto base = root["base"];
    if (!base.defined()) {
      return chain;
    }
    if (!base.is_scalar() || base.scalar().empty()) {
      FileReader(file, diags).error(base, "base", "a path to the base scenario file",
                                    describe(base));
      return std::nullopt;
    }
    via = base;
    current = (current.parent_path() / base.scalar()).lexically_normal();
  }
}

/// Turns a merged per-year map into a YearSeries; its years must be consecutive.
model::YearSeries to_series(const Series& s, const std::string& path, core::Diagnostics& diags) {
  model::YearSeries out;
  int expected_year = 0;
  for (const auto& [y, v] : s.values) {
    if (!out.empty() && y != expected_year) {
      core::Diagnostic d;
      d.code = "scenario.year_gap";
      d.file = s.file;
      d.line = s.line;
      d.key_path = path;
      d.expected = fmt::format("a value for every year from {} to {} (years are not interpolated)",
                               s.values.begin()->first, s.values.rbegin()->first);
      d.found = fmt::format("none for {}", expected_year);
      diags.add(std::move(d));
      return {};
    }
    out.set(y, v);
    expected_year = y + 1;
  }
  return out;
}

void finish(Draft& d, const std::string& root_file, core::Diagnostics& diags) {
  auto& s = d.s;
  auto& levy = s.levy;
  const auto fail = [&](std::string path, std::string expected, std::string found) {
    core::Diagnostic diag;
    diag.code = "scenario.invalid";
    diag.file = root_file;
    diag.key_path = std::move(path);
    diag.expected = std::move(expected);
    diag.found = std::move(found);
    diags.add(std::move(diag));
  };
  if (s.start_year > s.end_year) {
    fail("years", "start ≤ end", fmt::format("start {} > end {}", s.start_year, s.end_year));
  }
  if (levy.first_year > levy.last_year) {
    fail("policy.levy", "first_year ≤ last_year",
         fmt::format("first_year {} > last_year {}", levy.first_year, levy.last_year));
  }
  if (levy.version.empty()) {
    fail("policy.levy.version", "a policy version name (in this file or its base chain)",
         "nothing");
  }
  for (std::size_t k = 0; k < kLiable.size(); ++k) {
    const auto c = static_cast<std::size_t>(kLiable[k]);
    const auto check = [&](const Series& src, model::YearSeries& dst, std::string path,
                           std::string_view unit) {
      if (src.values.empty()) {
        fail(path, fmt::format("a value per year{} (in this file or its base chain)", unit),
             "nothing");
        return;
      }
      dst = to_series(src, path, diags);
      if (!dst.empty() && dst.first_year > levy.first_year) {
        core::Diagnostic diag;
        diag.code = "scenario.invalid";
        diag.file = src.file;
        diag.line = src.line;
        diag.key_path = path;
        diag.expected = fmt::format("values from the levy's first year {}", levy.first_year);
        diag.found = fmt::format("the first value for {}", dst.first_year);
        diags.add(std::move(diag));
      }
    };
    check(d.tariff[c], levy.tariff_eur_per_t[c],
          fmt::format("policy.levy.tariff_eur_per_t.{}", kLiableNames[k]), " in EUR/t");
    check(d.reduction_factor[c], levy.reduction_factor[c],
          fmt::format("policy.levy.reduction_factor.{}", kLiableNames[k]), "");
  }
  levy.avi_correction_factor =
      to_series(d.avi_correction_factor, "policy.levy.avi_correction_factor", diags);
  levy.ets_reference_price_eur_per_t =
      to_series(d.ets_reference_price, "policy.levy.ets_reference_price_eur_per_t", diags);
  levy.minimum_price_eur_per_t =
      to_series(d.minimum_price, "policy.levy.minimum_price_eur_per_t", diags);
  for (const auto& [name, series] : d.prices) {
    s.prices[name] = to_series(series, "prices." + name, diags);
  }
  for (const auto& [group, series] : d.activity) {
    s.activity[group] = to_series(series, "activity." + group, diags);
  }
  const double legs = s.target.levy_leg_t + s.target.package_leg_t;
  if (legs != s.target.required_t) {
    core::Diagnostic diag;
    diag.severity = core::Severity::warning;
    diag.code = "scenario.target_legs";
    diag.file = root_file;
    diag.key_path = "target";
    diag.found = fmt::format("levy_leg_t + package_leg_t = {} differs from required_t = {}", legs,
                             s.target.required_t);
    diags.add(std::move(diag));
  }
}

}  // namespace

namespace {

model::Scenario apply_chain(std::vector<ChainLink>& chain, const std::string& file,
                            core::Diagnostics& diags) {
  Draft d;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {  // root first
    FileReader(it->path.string(), diags).apply(it->root, it->path, d);
    d.s.chain.push_back(it->path.string());
  }
  d.s.file = file;
  finish(d, file, diags);
  return std::move(d.s);
}

}  // namespace

std::optional<model::Scenario> load_scenario(const std::filesystem::path& path,
                                             core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  auto chain = read_chain(path, diags);
  if (!chain) {
    return std::nullopt;
  }
  auto s = apply_chain(*chain, path.string(), diags);
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return s;
}

std::optional<model::Scenario> load_scenario_text(std::string_view text, const std::string& label,
                                                  const std::filesystem::path& base_dir,
                                                  core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  const auto parsed = parse_yaml(text, label, "scenario.yaml", diags, "valid YAML or JSON");
  if (!parsed) {
    return std::nullopt;
  }
  const YamlNode root = *parsed;
  std::vector<ChainLink> chain{{fs::path(label), root}};
  if (root.is_map() && root["base"].defined()) {
    const auto base = root["base"];
    if (!base.is_scalar() || base.scalar().empty()) {
      FileReader(label, diags).error(base, "base", "a path to the base scenario file", describe(base));
      return std::nullopt;
    }
    auto rest = read_chain(base_dir / base.scalar(), diags);
    if (!rest) {
      return std::nullopt;
    }
    chain.insert(chain.end(), rest->begin(), rest->end());
  }
  auto s = apply_chain(chain, label, diags);
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return s;
}

model::Scenario load_scenario_or_throw(const std::filesystem::path& path) {
  core::Diagnostics diags;
  auto s = load_scenario(path, diags);
  if (!s) {
    throw core::Error(diags);
  }
  return std::move(*s);
}

}  // namespace decarbfund::data
