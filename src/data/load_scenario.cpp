#include "data/load_scenario.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/atomic_file.hpp"
#include "data/csv_reader.hpp"
#include "data/schema.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data {

namespace {

namespace fs = std::filesystem;

constexpr int kMinYear = 1990;  // no scenario parameter predates the Kyoto base year
constexpr int kMaxYear = 2100;
constexpr double kMaxEurPerT = 10'000;
constexpr double kMaxEur = 100'000'000'000;  // 100 bn: above the whole Klimaatfonds (EUR 35 bn)  // ~30× the highest tariff in policy.md (AVI 295 in 2030)

// Categories that carry a tariff and reduction factor (policy.md §1.2); `none` does not.
constexpr std::array<model::LevyCategory, 3> kLiable = {model::LevyCategory::ets_industrial,
                                                        model::LevyCategory::waste_incineration,
                                                        model::LevyCategory::n2o};
constexpr std::string_view kLiableNames[] = {"ets_industrial", "waste_incineration", "n2o"};
constexpr std::string_view kRules[] = {"npv_threshold", "stochastic"};

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
};

/// Applies one scenario file onto a Draft, reporting each problem with line and key path.
class FileReader : public YamlDiagnostics {
 public:
  FileReader(std::string file, core::Diagnostics& diags)
      : YamlDiagnostics("scenario.invalid", std::move(file), diags) {}

  std::optional<double> number(const YAML::Node& node, const std::string& path, double min,
                               double max, std::string_view unit) {
    const std::string u = unit.empty() ? "" : fmt::format(" in {}", unit);
    const auto v = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
    if (!v || *v < min || *v > max) {
      error(node, path, fmt::format("a number{} from {} to {}", u, min, max), describe(node));
      return std::nullopt;
    }
    return v;
  }

  std::optional<long long> integer(const YAML::Node& node, const std::string& path, long long min,
                                   long long max, std::string_view what = "a whole number") {
    long long v = 0;
    bool ok = node.IsScalar();
    if (ok) {
      const auto& s = node.Scalar();
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      ok = ec == std::errc() && ptr == s.data() + s.size() && v >= min && v <= max;
    }
    if (!ok) {
      error(node, path, fmt::format("{} from {} to {}", what, min, max), describe(node));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> year(const YAML::Node& node, const std::string& path) {
    auto v = integer(node, path, kMinYear, kMaxYear, "a year");
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) {
      return node.Scalar() == "true";
    }
    error(node, path, "true or false", describe(node));
    return std::nullopt;
  }

  std::optional<std::string> text(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(node, path, "a text value", describe(node));
      return std::nullopt;
    }
    return node.Scalar();
  }

  /// A {year: value} mapping merged into `series` (per year: later files replace).
  void year_map(const YAML::Node& node, const std::string& path, Series& series, double min,
                double max, std::string_view unit) {
    if (!node.IsMap()) {
      error(node, path, fmt::format("a mapping of year: value{}", unit.empty() ? "" : " in " + std::string(unit)),
            describe(node));
      return;
    }
    for (const auto& kv : node) {
      const std::string at = fmt::format("{}[{}]", path, kv.first.Scalar());
      const auto y = year(kv.first, at);
      const auto v = number(kv.second, at, min, max, unit);
      if (y && v) {
        series.values[*y] = *v;
      }
    }
    series.file = file();
    series.line = line_of(node);
  }

  /// {category: {year: value}} for the liable categories.
  void category_map(const YAML::Node& node, const std::string& path,
                    std::array<Series, model::kLevyCategoryCount>& series, double min, double max,
                    std::string_view unit) {
    if (!keys(node, path, {kLiableNames[0], kLiableNames[1], kLiableNames[2]})) {
      return;
    }
    for (std::size_t k = 0; k < kLiable.size(); ++k) {
      const auto sub = node[std::string(kLiableNames[k])];
      if (sub.IsDefined()) {
        year_map(sub, join(path, kLiableNames[k]), series[static_cast<std::size_t>(kLiable[k])],
                 min, max, unit);
      }
    }
  }

  void apply(const YAML::Node& root, const fs::path& file_path, Draft& d) {
    if (!keys(root, "", {"name", "description", "base", "years", "seed", "target", "policy",
                         "prices", "response", "infrastructure_delay_yr", "package",
                         "uncertainty"})) {
      return;
    }
    // A scenario's name and description are its own, never inherited from its base.
    if (const auto n = root["name"]; n.IsDefined()) {
      if (auto v = text(n, "name")) {
        d.s.name = *v;
      }
    } else {
      error(root, "name", "a name for this scenario (each file states its own)", "nothing");
    }
    d.s.description.clear();
    if (const auto n = root["description"]; n.IsDefined()) {
      if (auto v = text(n, "description")) {
        d.s.description = *v;
      }
    }
    if (const auto n = root["years"]; n.IsDefined() && keys(n, "years", {"start", "end"})) {
      if (const auto s = n["start"]; s.IsDefined()) {
        d.s.start_year = year(s, "years.start").value_or(d.s.start_year);
      }
      if (const auto e = n["end"]; e.IsDefined()) {
        d.s.end_year = year(e, "years.end").value_or(d.s.end_year);
      }
    }
    if (const auto n = root["seed"]; n.IsDefined()) {
      unsigned long long v = 0;
      const auto& s = n.IsScalar() ? n.Scalar() : std::string();
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
        error(n, "seed", "a whole number from 0 to 18446744073709551615", describe(n));
      } else {
        d.s.seed = v;
      }
    }
    if (const auto n = root["target"]; n.IsDefined()) {
      apply_target(n, file_path, d.s.target);
    }
    if (const auto n = root["policy"]; n.IsDefined() && keys(n, "policy", {"levy"})) {
      if (const auto levy = n["levy"]; levy.IsDefined()) {
        apply_levy(levy, d);
      }
    }
    if (const auto n = root["prices"]; n.IsDefined() && n.IsMap()) {
      for (const auto& kv : n) {
        const auto series = kv.first.Scalar();
        bool known = false;
        std::string names;
        for (auto p : kPriceSeries) {
          known = known || p == series;
          names += names.empty() ? "" : ", ";
          names += p;
        }
        if (!known) {
          error(kv.first, join("prices", series), "one of the price series " + names,
                "an unknown key");
          continue;
        }
        year_map(kv.second, join("prices", series), d.prices[series], -1e6, 1e6, "");
      }
    } else if (n.IsDefined()) {
      error(n, "prices", "a mapping of price series", describe(n));
    }
    if (const auto n = root["response"]; n.IsDefined()) {
      apply_response(n, d.s.response);
    }
    if (const auto n = root["infrastructure_delay_yr"]; n.IsDefined()) {
      if (!n.IsMap()) {
        error(n, "infrastructure_delay_yr", "a mapping of infrastructure id: years", describe(n));
      } else {
        for (const auto& kv : n) {
          const auto id = kv.first.Scalar();
          if (auto v = integer(kv.second, join("infrastructure_delay_yr", id), -50, 50)) {
            d.s.infrastructure_delay_yr[id] = static_cast<int>(*v);
          }
        }
      }
    }
    if (const auto n = root["package"]; n.IsDefined()) {
      apply_package(n, d.s);
    }
    if (const auto n = root["uncertainty"]; n.IsDefined()) {
      apply_uncertainty(n, d.s.uncertainty);
    }
  }

 private:
  /// `package:`. deal_phase merges per deal id over the chain (a later file replaces one deal's
  /// entry and keeps the others; `id: ~` drops an inherited entry); the budgets replace, and `~`
  /// clears an inherited budget (no limit / the round file's budget).
  void apply_package(const YAML::Node& n, model::Scenario& s) {
    if (!keys(n, "package", {"enabled", "deal_phase", "deal_budget_eur", "sme_budget_eur"})) {
      return;
    }
    if (const auto e = n["enabled"]; e.IsDefined()) {
      s.package_enabled = boolean(e, "package.enabled").value_or(s.package_enabled);
    }
    if (const auto v = n["deal_phase"]; v.IsDefined()) {
      if (!v.IsMap()) {
        error(v, "package.deal_phase", "a mapping of deal id: phase", describe(v));
      } else {
        std::string names;
        for (auto p : model::kDealPhaseNames) {
          names += names.empty() ? "" : ", ";
          names += p;
        }
        for (const auto& kv : v) {
          const auto id = kv.first.as<std::string>("");
          const auto at = join("package.deal_phase", id);
          if (kv.second.IsNull()) {
            s.deal_phase.erase(id);
            continue;
          }
          const auto phase = kv.second.IsScalar() ? model::parse_phase(kv.second.Scalar()) : std::nullopt;
          if (!phase) {
            error(kv.second, at, "a deal phase: one of " + names, describe(kv.second));
            continue;
          }
          s.deal_phase[id] = {*phase, file(), line_of(kv.first)};
        }
      }
    }
    const auto budget = [&](std::string_view key, std::optional<double>& out) {
      if (const auto v = n[std::string(key)]; v.IsDefined()) {
        if (v.IsNull()) {
          out.reset();
        } else if (auto x = number(v, join("package", key), 0, kMaxEur, "EUR")) {
          out = *x;
        }
      }
    };
    budget("deal_budget_eur", s.deal_budget_eur);
    budget("sme_budget_eur", s.sme_budget_eur);
  }

  void apply_target(const YAML::Node& n, const fs::path& file_path, model::Target& t) {
    if (!keys(n, "target", {"year", "required_t", "levy_leg_t", "package_leg_t", "reference"})) {
      return;
    }
    if (const auto v = n["year"]; v.IsDefined()) {
      t.year = year(v, "target.year").value_or(t.year);
    }
    const auto tonnes = [&](std::string_view key, double& out) {
      if (const auto v = n[std::string(key)]; v.IsDefined()) {
        out = number(v, join("target", key), 0, 1e9, "t").value_or(out);
      }
    };
    tonnes("required_t", t.required_t);
    tonnes("levy_leg_t", t.levy_leg_t);
    tonnes("package_leg_t", t.package_leg_t);
    if (const auto v = n["reference"]; v.IsDefined()) {
      if (auto ref = text(v, "target.reference")) {
        const auto resolved = (file_path.parent_path() / *ref).lexically_normal();
        std::error_code ec;
        if (!fs::is_regular_file(resolved, ec)) {
          error(v, "target.reference",
                "a scenario file (a path relative to this file)",
                fmt::format("{} (no file {})", core::quote_found(*ref), resolved.string()));
        } else {
          t.reference_scenario = resolved.string();
        }
      }
    }
  }

  void apply_levy(const YAML::Node& n, Draft& d) {
    const std::string p = "policy.levy";
    if (!keys(n, p, {"version", "first_year", "last_year", "tariff_eur_per_t", "reduction_factor",
                     "ets_reference_price_eur_per_t", "avi_correction_factor",
                     "minimum_price_eur_per_t", "dpr_trading", "carry_back",
                     "avi_trading_among_avis_only"})) {
      return;
    }
    auto& levy = d.s.levy;
    if (const auto v = n["version"]; v.IsDefined()) {
      levy.version = text(v, p + ".version").value_or(levy.version);
    }
    if (const auto v = n["first_year"]; v.IsDefined()) {
      levy.first_year = year(v, p + ".first_year").value_or(levy.first_year);
    }
    if (const auto v = n["last_year"]; v.IsDefined()) {
      levy.last_year = year(v, p + ".last_year").value_or(levy.last_year);
    }
    if (const auto v = n["tariff_eur_per_t"]; v.IsDefined()) {
      category_map(v, p + ".tariff_eur_per_t", d.tariff, 0, kMaxEurPerT, "EUR/t");
    }
    if (const auto v = n["reduction_factor"]; v.IsDefined()) {
      // RF is a ratio of DPRs to the benchmark basis; 1.213 is the highest stated (§1.5).
      category_map(v, p + ".reduction_factor", d.reduction_factor, 0, 5, "");
    }
    if (const auto v = n["ets_reference_price_eur_per_t"]; v.IsDefined()) {
      year_map(v, p + ".ets_reference_price_eur_per_t", d.ets_reference_price, 0, kMaxEurPerT,
               "EUR/t");
    }
    if (const auto v = n["avi_correction_factor"]; v.IsDefined()) {
      year_map(v, p + ".avi_correction_factor", d.avi_correction_factor, 0, 1, "");
    }
    if (const auto v = n["minimum_price_eur_per_t"]; v.IsDefined()) {
      year_map(v, p + ".minimum_price_eur_per_t", d.minimum_price, 0, kMaxEurPerT, "EUR/t");
    }
    const auto flag = [&](std::string_view key, bool& out) {
      if (const auto v = n[std::string(key)]; v.IsDefined()) {
        out = boolean(v, join(p, key)).value_or(out);
      }
    };
    flag("dpr_trading", levy.dpr_trading);
    flag("carry_back", levy.carry_back);
    flag("avi_trading_among_avis_only", levy.avi_trading_among_avis_only);
  }

  void apply_response(const YAML::Node& n, model::ResponseParams& r) {
    if (!keys(n, "response",
              {"hurdle_rate", "rule", "npv_threshold_eur", "decision_from_year", "foresight"})) {
      return;
    }
    if (const auto v = n["hurdle_rate"]; v.IsDefined()) {
      r.hurdle_rate = number(v, "response.hurdle_rate", 0, 1, "1/yr").value_or(r.hurdle_rate);
    }
    if (const auto v = n["rule"]; v.IsDefined()) {
      const auto s = v.IsScalar() ? v.Scalar() : std::string();
      if (s == kRules[0] || s == kRules[1]) {
        r.rule = s == kRules[0] ? model::AdoptionRule::npv_threshold
                                : model::AdoptionRule::stochastic;
      } else {
        error(v, "response.rule", "one of npv_threshold, stochastic", describe(v));
      }
    }
    if (const auto v = n["npv_threshold_eur"]; v.IsDefined()) {
      r.npv_threshold_eur =
          number(v, "response.npv_threshold_eur", -1e12, 1e12, "EUR").value_or(r.npv_threshold_eur);
    }
    if (const auto v = n["decision_from_year"]; v.IsDefined()) {
      r.decision_from_year = year(v, "response.decision_from_year").value_or(r.decision_from_year);
    }
    if (const auto v = n["foresight"]; v.IsDefined()) {
      r.foresight = boolean(v, "response.foresight").value_or(r.foresight);
    }
  }

  /// A distribution written as {distribution: kind, parameters…} (docs/uncertainty.md). With
  /// `bounded`, its support must lie in [lo, hi] (normal and lognormal are then refused unless
  /// lo ≤ 0 < hi = ∞ allows a lognormal).
  std::optional<core::Distribution> distribution(const YAML::Node& n, const std::string& path,
                                                 double lo, double hi, std::string_view unit) {
    if (!n.IsMap() || !n["distribution"].IsDefined()) {
      error(n, path,
            "a mapping {distribution: fixed|uniform|triangular|normal|lognormal|discrete|bernoulli, …}",
            describe(n));
      return std::nullopt;
    }
    const auto kind_node = n["distribution"];
    const std::string kind = kind_node.IsScalar() ? kind_node.Scalar() : std::string();
    const std::string k = join(path, "distribution");
    const auto param = [&](std::string_view key, double min, double max) -> std::optional<double> {
      const auto v = n[std::string(key)];
      if (!v.IsDefined()) {
        error(n, join(path, key), fmt::format("a value for '{}' (distribution {})", key, kind), "nothing");
        return std::nullopt;
      }
      return number(v, join(path, key), min, max, unit);
    };
    const bool unbounded = lo == -std::numeric_limits<double>::infinity() &&
                           hi == std::numeric_limits<double>::infinity();
    const auto range = [&](double min, double max, const char* what) {
      error(n, path, fmt::format("{} within [{}, {}]", what, lo, hi),
            fmt::format("values from {} to {}", min, max));
    };
    if (kind == "fixed") {
      if (!keys(n, path, {"distribution", "value"})) {
        return std::nullopt;
      }
      const auto v = param("value", lo, hi);
      return v ? std::optional(core::Distribution::fixed(*v)) : std::nullopt;
    }
    if (kind == "uniform") {
      if (!keys(n, path, {"distribution", "min", "max"})) {
        return std::nullopt;
      }
      const auto a = param("min", lo, hi);
      const auto b = param("max", lo, hi);
      if (!a || !b) {
        return std::nullopt;
      }
      if (*a > *b) {
        error(n, path, "min ≤ max", fmt::format("min {} > max {}", *a, *b));
        return std::nullopt;
      }
      return core::Distribution::uniform(*a, *b);
    }
    if (kind == "triangular") {
      if (!keys(n, path, {"distribution", "min", "mode", "max"})) {
        return std::nullopt;
      }
      const auto a = param("min", lo, hi);
      const auto m = param("mode", lo, hi);
      const auto b = param("max", lo, hi);
      if (!a || !m || !b) {
        return std::nullopt;
      }
      if (*a > *m || *m > *b) {
        error(n, path, "min ≤ mode ≤ max", fmt::format("min {}, mode {}, max {}", *a, *m, *b));
        return std::nullopt;
      }
      return core::Distribution::triangular(*a, *m, *b);
    }
    if (kind == "normal") {
      if (!keys(n, path, {"distribution", "mean", "sd"})) {
        return std::nullopt;
      }
      if (!unbounded) {
        error(kind_node, k,
              fmt::format("a distribution that stays within [{}, {}] (a normal does not; use "
                          "triangular, uniform or lognormal)", lo, hi),
              core::quote_found(kind));
        return std::nullopt;
      }
      const auto mean = param("mean", -1e12, 1e12);
      const auto sd = param("sd", 0, 1e12);
      return mean && sd ? std::optional(core::Distribution::normal(*mean, *sd)) : std::nullopt;
    }
    if (kind == "lognormal") {
      if (!keys(n, path, {"distribution", "median", "sigma"})) {
        return std::nullopt;
      }
      if (lo > 0 || hi != std::numeric_limits<double>::infinity()) {
        error(kind_node, k,
              fmt::format("a distribution that stays within [{}, {}] (a lognormal does not; use "
                          "triangular, uniform or discrete)", lo, hi),
              core::quote_found(kind));
        return std::nullopt;
      }
      const auto median = param("median", 1e-12, 1e12);
      const auto sigma = param("sigma", 0, 5);
      return median && sigma ? std::optional(core::Distribution::lognormal(*median, *sigma)) : std::nullopt;
    }
    if (kind == "discrete") {
      if (!keys(n, path, {"distribution", "values", "probabilities"})) {
        return std::nullopt;
      }
      const auto values = n["values"];
      const auto probs = n["probabilities"];
      if (!values.IsSequence() || values.size() == 0) {
        error(values, join(path, "values"), "a non-empty list of numbers", describe(values));
        return std::nullopt;
      }
      if (!probs.IsSequence() || probs.size() != values.size()) {
        error(probs, join(path, "probabilities"),
              fmt::format("a list of {} probabilities (one per value)", values.size()),
              probs.IsSequence() ? fmt::format("{} entries", probs.size()) : describe(probs));
        return std::nullopt;
      }
      std::vector<double> v, p;
      bool ok = true;
      double sum = 0;
      for (std::size_t i = 0; i < values.size(); ++i) {
        const auto x = number(values[i], fmt::format("{}.values[{}]", path, i), lo, hi, unit);
        const auto q = number(probs[i], fmt::format("{}.probabilities[{}]", path, i), 0, 1, "");
        ok = ok && x && q;
        if (x && q) {
          v.push_back(*x);
          p.push_back(*q);
          sum += *q;
        }
      }
      if (ok && std::fabs(sum - 1.0) > 1e-9) {
        error(probs, join(path, "probabilities"), "probabilities that sum to 1",
              fmt::format("a sum of {}", sum));
        return std::nullopt;
      }
      return ok ? std::optional(core::Distribution::discrete(std::move(v), std::move(p))) : std::nullopt;
    }
    if (kind == "bernoulli") {
      if (!keys(n, path, {"distribution", "p"})) {
        return std::nullopt;
      }
      if (lo > 0 || hi < 1) {
        range(0, 1, "a distribution");
        return std::nullopt;
      }
      const auto p = param("p", 0, 1);
      return p ? std::optional(core::Distribution::bernoulli(*p)) : std::nullopt;
    }
    error(kind_node, k, "one of fixed, uniform, triangular, normal, lognormal, discrete, bernoulli",
          describe(kind_node));
    return std::nullopt;
  }

  void apply_uncertainty(const YAML::Node& n, model::Uncertainty& u) {
    const std::string p = "uncertainty";
    if (!keys(n, p, {"prices", "capex", "delta_emissions", "infrastructure_delay_yr",
                     "permit_delay_yr", "deals", "sme_realisation"})) {
      return;
    }
    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (const auto v = n["prices"]; v.IsDefined()) {
      if (!v.IsMap()) {
        error(v, p + ".prices", "a mapping of price series: distribution of its multiplier", describe(v));
      } else {
        for (const auto& kv : v) {
          const auto series = kv.first.Scalar();
          bool known = false;
          std::string names;
          for (auto s : kPriceSeries) {
            known = known || s == series;
            names += names.empty() ? "" : ", ";
            names += s;
          }
          const std::string at = join(p + ".prices", series);
          if (!known) {
            error(kv.first, at, "one of the price series " + names, "an unknown key");
            continue;
          }
          if (auto dist = distribution(kv.second, at, 0, kInf, "")) {
            u.price_factor[series] = *dist;
          }
        }
      }
    }
    const auto shape = [&](std::string_view key, model::RangeShape& out) {
      if (const auto v = n[std::string(key)]; v.IsDefined()) {
        const auto s = v.IsScalar() ? v.Scalar() : std::string();
        for (std::size_t i = 0; i < std::size(model::kRangeShapeNames); ++i) {
          if (s == model::kRangeShapeNames[i]) {
            out = static_cast<model::RangeShape>(i);
            return;
          }
        }
        error(v, join(p, key), "one of none, uniform, triangular (drawn from the option's low/high range)",
              describe(v));
      }
    };
    shape("capex", u.capex);
    shape("delta_emissions", u.delta_emissions);
    if (const auto v = n["infrastructure_delay_yr"]; v.IsDefined()) {
      if (!v.IsMap()) {
        error(v, p + ".infrastructure_delay_yr",
              "a mapping of infrastructure id (or default): distribution in years", describe(v));
      } else {
        for (const auto& kv : v) {
          const auto id = kv.first.Scalar();
          if (auto dist = distribution(kv.second, join(p + ".infrastructure_delay_yr", id), -50, 50, "years")) {
            if (id == "default") {
              u.infrastructure_delay_default = *dist;
            } else {
              u.infrastructure_delay_yr[id] = *dist;
            }
          }
        }
      }
    }
    if (const auto v = n["permit_delay_yr"]; v.IsDefined()) {
      if (auto dist = distribution(v, p + ".permit_delay_yr", 0, 50, "years")) {
        u.permit_delay_yr = *dist;
      }
    }
    if (const auto v = n["deals"]; v.IsDefined() && keys(v, p + ".deals", {"realisation", "probability"})) {
      if (const auto r = v["realisation"]; r.IsDefined()) {
        const auto s = r.IsScalar() ? r.Scalar() : std::string();
        if (s == model::kDealRealisationNames[0] || s == model::kDealRealisationNames[1]) {
          u.deals = s == model::kDealRealisationNames[0] ? model::DealRealisation::by_phase
                                                          : model::DealRealisation::certain;
        } else {
          error(r, p + ".deals.realisation", "one of by_phase, certain", describe(r));
        }
      }
      if (const auto pr = v["probability"]; pr.IsDefined()) {
        if (keys(pr, p + ".deals.probability",
                 {"exploration", "eop", "early_support", "jloi", "binding", "implementation", "paused",
                  "stopped"})) {
          for (const auto& kv : pr) {
            const auto phase = kv.first.Scalar();
            if (auto q = number(kv.second, join(p + ".deals.probability", phase), 0, 1, "")) {
              u.deal_probability[phase] = *q;
            }
          }
        }
      }
    }
    if (const auto v = n["sme_realisation"]; v.IsDefined()) {
      if (auto dist = distribution(v, p + ".sme_realisation", 0, 1, "")) {
        u.sme_realisation = *dist;
      }
    }
  }
};

/// One file of the chain, parsed.
struct ChainLink {
  fs::path path;  // as shown in messages
  YAML::Node root;
};

/// Reads `path` and its bases, child first. nullopt (with diagnostics) on any failure.
std::optional<std::vector<ChainLink>> read_chain(const fs::path& path, core::Diagnostics& diags) {
  std::vector<ChainLink> chain;
  std::vector<fs::path> seen;  // canonical paths, for the cycle check
  fs::path current = path;
  YAML::Node via;  // the `base:` node that led to `current` (undefined for the root)
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
        d.line = line_of(via);
        d.key_path = "base";
        d.expected = "an existing scenario file (a path relative to this file)";
        d.found = fmt::format("{} (no file {})", core::quote_found(via.Scalar()), file);
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
        d.line = line_of(via);
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
    const YAML::Node root = *parsed;
    chain.push_back({current, root});
    if (!root.IsMap()) {
      return chain;  // FileReader::apply reports it
    }
    const auto base = root["base"];
    if (!base.IsDefined()) {
      return chain;
    }
    if (!base.IsScalar() || base.Scalar().empty()) {
      FileReader(file, diags).error(base, "base", "a path to the base scenario file",
                                    describe(base));
      return std::nullopt;
    }
    via = base;
    current = (current.parent_path() / base.Scalar()).lexically_normal();
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
  const YAML::Node root = *parsed;
  std::vector<ChainLink> chain{{fs::path(label), root}};
  if (root.IsMap() && root["base"].IsDefined()) {
    const auto base = root["base"];
    if (!base.IsScalar() || base.Scalar().empty()) {
      FileReader(label, diags).error(base, "base", "a path to the base scenario file", describe(base));
      return std::nullopt;
    }
    auto rest = read_chain(base_dir / base.Scalar(), diags);
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
