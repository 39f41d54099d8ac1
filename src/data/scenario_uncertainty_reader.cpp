#include "data/scenario_file_reader.hpp"

#include <cmath>

#include "data/schema.hpp"

namespace decarbfund::data::detail {

/// A distribution written as {distribution: kind, parameters…} (docs/uncertainty.md). With
/// `bounded`, its support must lie in [lo, hi] (normal and lognormal are then refused unless
/// lo ≤ 0 < hi = ∞ allows a lognormal).
std::optional<core::Distribution> FileReader::distribution(const YamlNode& n, const std::string& path,
                                               double lo, double hi, std::string_view unit) {
  if (!n.is_map() || !n["distribution"].defined()) {
    error(n, path,
          "a mapping {distribution: fixed|uniform|triangular|normal|lognormal|discrete|bernoulli, …}",
          describe(n));
    return std::nullopt;
  }
  const auto kind_node = n["distribution"];
  const std::string kind = kind_node.is_scalar() ? kind_node.scalar() : std::string();
  const std::string k = join(path, "distribution");
  const auto param = [&](std::string_view key, double min, double max) -> std::optional<double> {
    const auto v = n[std::string(key)];
    if (!v.defined()) {
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
    if (!values.is_sequence() || values.size() == 0) {
      error(values, join(path, "values"), "a non-empty list of numbers", describe(values));
      return std::nullopt;
    }
    if (!probs.is_sequence() || probs.size() != values.size()) {
      error(probs, join(path, "probabilities"),
            fmt::format("a list of {} probabilities (one per value)", values.size()),
            probs.is_sequence() ? fmt::format("{} entries", probs.size()) : describe(probs));
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


void FileReader::apply_uncertainty(const YamlNode& n, model::Uncertainty& u) {
  const std::string p = "uncertainty";
  if (!keys(n, p, {"prices", "capex", "delta_emissions", "infrastructure_delay_yr",
                   "permit_delay_yr", "deals", "sme_realisation", "activity",
                   "levy_balance_sigma"})) {
    return;
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (const auto v = n["prices"]; v.defined()) {
    if (!v.is_map()) {
      error(v, p + ".prices", "a mapping of price series: distribution of its multiplier", describe(v));
    } else {
      for (const auto& kv : v) {
        const auto series = kv.first.scalar();
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
    if (const auto v = n[std::string(key)]; v.defined()) {
      const auto s = v.is_scalar() ? v.scalar() : std::string();
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
  if (const auto v = n["infrastructure_delay_yr"]; v.defined()) {
    if (!v.is_map()) {
      error(v, p + ".infrastructure_delay_yr",
            "a mapping of infrastructure id (or default): distribution in years", describe(v));
    } else {
      for (const auto& kv : v) {
        const auto id = kv.first.scalar();
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
  if (const auto v = n["activity"]; v.defined()) {
    if (!v.is_map()) {
      error(v, p + ".activity", "a mapping of activity group id (or default): distribution of its multiplier",
            describe(v));
    } else {
      for (const auto& kv : v) {
        const auto id = kv.first.scalar();
        if (auto dist = distribution(kv.second, join(p + ".activity", id), 0, kInf, "")) {
          if (id == "default") {
            u.activity_default = *dist;
          } else {
            u.activity_factor[id] = *dist;  // checked against the dataset in prepare_montecarlo
          }
        }
      }
    }
  }
  if (const auto v = n["permit_delay_yr"]; v.defined()) {
    if (auto dist = distribution(v, p + ".permit_delay_yr", 0, 50, "years")) {
      u.permit_delay_yr = *dist;
    }
  }
  if (const auto v = n["deals"]; v.defined() && keys(v, p + ".deals", {"realisation", "probability"})) {
    if (const auto r = v["realisation"]; r.defined()) {
      const auto s = r.is_scalar() ? r.scalar() : std::string();
      if (s == model::kDealRealisationNames[0] || s == model::kDealRealisationNames[1]) {
        u.deals = s == model::kDealRealisationNames[0] ? model::DealRealisation::by_phase
                                                        : model::DealRealisation::certain;
      } else {
        error(r, p + ".deals.realisation", "one of by_phase, certain", describe(r));
      }
    }
    if (const auto pr = v["probability"]; pr.defined()) {
      if (keys(pr, p + ".deals.probability",
               {"exploration", "eop", "early_support", "jloi", "binding", "implementation", "paused",
                "stopped"})) {
        for (const auto& kv : pr) {
          const auto phase = kv.first.scalar();
          if (auto q = number(kv.second, join(p + ".deals.probability", phase), 0, 1, "")) {
            u.deal_probability[phase] = *q;
          }
        }
      }
    }
  }
  if (const auto v = n["sme_realisation"]; v.defined()) {
    if (auto dist = distribution(v, p + ".sme_realisation", 0, 1, "")) {
      u.sme_realisation = *dist;
    }
  }
  if (const auto v = n["levy_balance_sigma"]; v.defined()) {
    if (auto dist = distribution(v, p + ".levy_balance_sigma", 0, 100, "×")) {
      u.levy_balance_sigma = *dist;
    }
  }
}

}  // namespace decarbfund::data::detail
