#include "data/scenario_file_reader.hpp"

#include "data/schema.hpp"

namespace decarbfund::data::detail {

std::optional<double> FileReader::number(const YamlNode& node, const std::string& path, double min,
                             double max, std::string_view unit) {
  const std::string u = unit.empty() ? "" : fmt::format(" in {}", unit);
  const auto v = node.is_scalar() ? parse_number(node.scalar()) : std::nullopt;
  if (!v || *v < min || *v > max) {
    error(node, path, fmt::format("a number{} from {} to {}", u, min, max), describe(node));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> FileReader::integer(const YamlNode& node, const std::string& path, long long min,
                                 long long max, std::string_view what) {
  long long v = 0;
  bool ok = node.is_scalar();
  if (ok) {
    const auto& s = node.scalar();
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    ok = ec == std::errc() && ptr == s.data() + s.size() && v >= min && v <= max;
  }
  if (!ok) {
    error(node, path, fmt::format("{} from {} to {}", what, min, max), describe(node));
    return std::nullopt;
  }
  return v;
}

std::optional<int> FileReader::year(const YamlNode& node, const std::string& path) {
  auto v = integer(node, path, kMinYear, kMaxYear, "a year");
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<bool> FileReader::boolean(const YamlNode& node, const std::string& path) {
  if (node.is_scalar() && (node.scalar() == "true" || node.scalar() == "false")) {
    return node.scalar() == "true";
  }
  error(node, path, "true or false", describe(node));
  return std::nullopt;
}

std::optional<std::string> FileReader::text(const YamlNode& node, const std::string& path) {
  if (!node.is_scalar() || node.scalar().empty()) {
    error(node, path, "a text value", describe(node));
    return std::nullopt;
  }
  return node.scalar();
}

void FileReader::year_map(const YamlNode& node, const std::string& path, Series& series, double min,
              double max, std::string_view unit) {
  if (!node.is_map()) {
    error(node, path, fmt::format("a mapping of year: value{}", unit.empty() ? "" : " in " + std::string(unit)),
          describe(node));
    return;
  }
  for (const auto& kv : node) {
    const std::string at = fmt::format("{}[{}]", path, kv.first.scalar());
    const auto y = year(kv.first, at);
    const auto v = number(kv.second, at, min, max, unit);
    if (y && v) {
      series.values[*y] = *v;
    }
  }
  series.file = file();
  series.line = node.line();
}

void FileReader::category_map(const YamlNode& node, const std::string& path,
                  std::array<Series, model::kLevyCategoryCount>& series, double min, double max,
                  std::string_view unit) {
  if (!keys(node, path, {kLiableNames[0], kLiableNames[1], kLiableNames[2]})) {
    return;
  }
  for (std::size_t k = 0; k < kLiable.size(); ++k) {
    const auto sub = node[std::string(kLiableNames[k])];
    if (sub.defined()) {
      year_map(sub, join(path, kLiableNames[k]), series[static_cast<std::size_t>(kLiable[k])],
               min, max, unit);
    }
  }
}

void FileReader::apply(const YamlNode& root, const fs::path& file_path, Draft& d) {
  if (!keys(root, "", {"name", "description", "base", "years", "seed", "target", "policy",
                       "prices", "prices_basis", "activity", "response", "infrastructure_delay_yr",
                       "instruments", "package", "uncertainty"})) {
    return;
  }
  // A scenario's name and description are its own, never inherited from its base.
  if (const auto n = root["name"]; n.defined()) {
    if (auto v = text(n, "name")) {
      d.s.name = *v;
    }
  } else {
    error(root, "name", "a name for this scenario (each file states its own)", "nothing");
  }
  d.s.description.clear();
  if (const auto n = root["description"]; n.defined()) {
    if (auto v = text(n, "description")) {
      d.s.description = *v;
    }
  }
  if (const auto n = root["years"]; n.defined() && keys(n, "years", {"start", "end"})) {
    if (const auto s = n["start"]; s.defined()) {
      d.s.start_year = year(s, "years.start").value_or(d.s.start_year);
    }
    if (const auto e = n["end"]; e.defined()) {
      d.s.end_year = year(e, "years.end").value_or(d.s.end_year);
    }
  }
  if (const auto n = root["seed"]; n.defined()) {
    unsigned long long v = 0;
    const auto& s = n.is_scalar() ? n.scalar() : std::string();
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
      error(n, "seed", "a whole number from 0 to 18446744073709551615", describe(n));
    } else {
      d.s.seed = v;
    }
  }
  if (const auto n = root["target"]; n.defined()) {
    apply_target(n, file_path, d.s.target);
  }
  if (const auto n = root["policy"]; n.defined() && keys(n, "policy", {"levy"})) {
    if (const auto levy = n["levy"]; levy.defined()) {
      apply_levy(levy, d);
    }
  }
  if (const auto n = root["prices"]; n.defined() && n.is_map()) {
    for (const auto& kv : n) {
      const auto series = kv.first.scalar();
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
  } else if (n.defined()) {
    error(n, "prices", "a mapping of price series", describe(n));
  }
  if (const auto n = root["prices_basis"]; n.defined()) {
    if (n.is_scalar() && (n.scalar() == "nominal" || n.scalar() == "real")) {
      d.s.prices_nominal = n.scalar() == "nominal";
    } else {
      error(n, "prices_basis", "nominal or real (EUR of the dataset's price year)", describe(n));
    }
  }
  if (const auto n = root["activity"]; n.defined()) {
    if (!n.is_map()) {
      error(n, "activity", "a mapping of activity group id: {year: index}", describe(n));
    } else {
      for (const auto& kv : n) {
        const auto group = kv.first.key_text();
        // Group ids are the dataset's (activity-groups.csv); checked where the scenario meets the
        // dataset (sim::check_scenario).
        year_map(kv.second, join("activity", group), d.activity[group], 0, 10, "");
      }
    }
  }
  if (const auto n = root["response"]; n.defined()) {
    apply_response(n, d.s.response);
  }
  if (const auto n = root["infrastructure_delay_yr"]; n.defined()) {
    if (!n.is_map()) {
      error(n, "infrastructure_delay_yr", "a mapping of infrastructure id: years", describe(n));
    } else {
      for (const auto& kv : n) {
        const auto id = kv.first.scalar();
        if (auto v = integer(kv.second, join("infrastructure_delay_yr", id), -50, 50)) {
          d.s.infrastructure_delay_yr[id] = static_cast<int>(*v);
        }
      }
    }
  }
  if (const auto n = root["instruments"]; n.defined() && keys(n, "instruments", {"sde"})) {
    if (const auto v = n["sde"]; v.defined()) {
      d.s.sde_enabled = boolean(v, "instruments.sde").value_or(d.s.sde_enabled);
    }
  }
  if (const auto n = root["package"]; n.defined()) {
    apply_package(n, d.s);
  }
  if (const auto n = root["uncertainty"]; n.defined()) {
    apply_uncertainty(n, d.s.uncertainty);
  }
}


void FileReader::apply_package(const YamlNode& n, model::Scenario& s) {
  if (!keys(n, "package", {"enabled", "deal_phase", "deal_budget_eur", "sme_budget_eur"})) {
    return;
  }
  if (const auto e = n["enabled"]; e.defined()) {
    s.package_enabled = boolean(e, "package.enabled").value_or(s.package_enabled);
  }
  if (const auto v = n["deal_phase"]; v.defined()) {
    if (!v.is_map()) {
      error(v, "package.deal_phase", "a mapping of deal id: phase", describe(v));
    } else {
      std::string names;
      for (auto p : model::kDealPhaseNames) {
        names += names.empty() ? "" : ", ";
        names += p;
      }
      for (const auto& kv : v) {
        const auto id = kv.first.key_text();
        const auto at = join("package.deal_phase", id);
        if (kv.second.is_null()) {
          s.deal_phase.erase(id);
          continue;
        }
        const auto phase = kv.second.is_scalar() ? model::parse_phase(kv.second.scalar()) : std::nullopt;
        if (!phase) {
          error(kv.second, at, "a deal phase: one of " + names, describe(kv.second));
          continue;
        }
        s.deal_phase[id] = {*phase, file(), kv.first.line()};
      }
    }
  }
  const auto budget = [&](std::string_view key, std::optional<double>& out) {
    if (const auto v = n[std::string(key)]; v.defined()) {
      if (v.is_null()) {
        out.reset();
      } else if (auto x = number(v, join("package", key), 0, kMaxEur, "EUR")) {
        out = *x;
      }
    }
  };
  budget("deal_budget_eur", s.deal_budget_eur);
  budget("sme_budget_eur", s.sme_budget_eur);
}


void FileReader::apply_target(const YamlNode& n, const fs::path& file_path, model::Target& t) {
  if (!keys(n, "target", {"year", "required_t", "levy_leg_t", "package_leg_t", "reference"})) {
    return;
  }
  if (const auto v = n["year"]; v.defined()) {
    t.year = year(v, "target.year").value_or(t.year);
  }
  const auto tonnes = [&](std::string_view key, double& out) {
    if (const auto v = n[std::string(key)]; v.defined()) {
      out = number(v, join("target", key), 0, 1e9, "t").value_or(out);
    }
  };
  tonnes("required_t", t.required_t);
  tonnes("levy_leg_t", t.levy_leg_t);
  tonnes("package_leg_t", t.package_leg_t);
  if (const auto v = n["reference"]; v.defined()) {
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


void FileReader::apply_levy(const YamlNode& n, Draft& d) {
  const std::string p = "policy.levy";
  if (!keys(n, p, {"version", "first_year", "last_year", "tariff_eur_per_t", "reduction_factor",
                   "ets_reference_price_eur_per_t", "avi_correction_factor",
                   "minimum_price_eur_per_t", "dpr_trading", "carry_back",
                   "avi_trading_among_avis_only", "price_basis"})) {
    return;
  }
  auto& levy = d.s.levy;
  if (const auto v = n["version"]; v.defined()) {
    levy.version = text(v, p + ".version").value_or(levy.version);
  }
  if (const auto v = n["first_year"]; v.defined()) {
    levy.first_year = year(v, p + ".first_year").value_or(levy.first_year);
  }
  if (const auto v = n["last_year"]; v.defined()) {
    levy.last_year = year(v, p + ".last_year").value_or(levy.last_year);
  }
  if (const auto v = n["tariff_eur_per_t"]; v.defined()) {
    category_map(v, p + ".tariff_eur_per_t", d.tariff, 0, kMaxEurPerT, "EUR/t");
  }
  if (const auto v = n["reduction_factor"]; v.defined()) {
    // RF is a ratio of DPRs to the benchmark basis; 1.213 is the highest stated (§1.5).
    category_map(v, p + ".reduction_factor", d.reduction_factor, 0, 5, "");
  }
  if (const auto v = n["ets_reference_price_eur_per_t"]; v.defined()) {
    year_map(v, p + ".ets_reference_price_eur_per_t", d.ets_reference_price, 0, kMaxEurPerT,
             "EUR/t");
  }
  if (const auto v = n["avi_correction_factor"]; v.defined()) {
    year_map(v, p + ".avi_correction_factor", d.avi_correction_factor, 0, 1, "");
  }
  if (const auto v = n["minimum_price_eur_per_t"]; v.defined()) {
    year_map(v, p + ".minimum_price_eur_per_t", d.minimum_price, 0, kMaxEurPerT, "EUR/t");
  }
  const auto flag = [&](std::string_view key, bool& out) {
    if (const auto v = n[std::string(key)]; v.defined()) {
      out = boolean(v, join(p, key)).value_or(out);
    }
  };
  flag("dpr_trading", levy.dpr_trading);
  flag("carry_back", levy.carry_back);
  flag("avi_trading_among_avis_only", levy.avi_trading_among_avis_only);
  if (const auto v = n["price_basis"]; v.defined()) {
    if (v.is_scalar() && (v.scalar() == "nominal" || v.scalar() == "real")) {
      levy.nominal = v.scalar() == "nominal";
    } else {
      error(v, p + ".price_basis",
            "nominal (EUR of each year, as statutes state it) or real (EUR of the dataset's price year)",
            describe(v));
    }
  }
}


void FileReader::apply_response(const YamlNode& n, model::ResponseParams& r) {
  if (!keys(n, "response",
            {"hurdle_rate", "rule", "npv_threshold_eur", "decision_from_year", "foresight",
             "first_year_output_share", "levy_balance_sigma"})) {
    return;
  }
  if (const auto v = n["hurdle_rate"]; v.defined()) {
    r.hurdle_rate = number(v, "response.hurdle_rate", 0, 1, "1/yr").value_or(r.hurdle_rate);
  }
  if (const auto v = n["rule"]; v.defined()) {
    const auto s = v.is_scalar() ? v.scalar() : std::string();
    // Only the NPV threshold is implemented. "stochastic" used to be read and then ignored (a
    // silent default); it is refused until the simulation has such a rule (docs/scenarios.md).
    if (s == kRules[0]) {
      r.rule = model::AdoptionRule::npv_threshold;
    } else {
      error(v, "response.rule", "npv_threshold (the only adoption rule implemented)", describe(v));
    }
  }
  if (const auto v = n["npv_threshold_eur"]; v.defined()) {
    r.npv_threshold_eur =
        number(v, "response.npv_threshold_eur", -1e12, 1e12, "EUR").value_or(r.npv_threshold_eur);
  }
  if (const auto v = n["decision_from_year"]; v.defined()) {
    r.decision_from_year = year(v, "response.decision_from_year").value_or(r.decision_from_year);
  }
  if (const auto v = n["foresight"]; v.defined()) {
    r.foresight = boolean(v, "response.foresight").value_or(r.foresight);
  }
  if (const auto v = n["first_year_output_share"]; v.defined()) {
    r.first_year_output_share =
        number(v, "response.first_year_output_share", 0, 1, "").value_or(r.first_year_output_share);
  }
  if (const auto v = n["levy_balance_sigma"]; v.defined()) {
    // A share of the pool's liable emissions per √year (docs/model.md "The levy as firms expect it").
    if (auto x = number(v, "response.levy_balance_sigma", 0, 1, "per √yr")) {
      r.levy_balance_sigma = *x;
    }
  }
}


}  // namespace decarbfund::data::detail
