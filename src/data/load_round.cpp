#include "data/load_round.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/civil_time.hpp"
#include "data/csv_reader.hpp"
#include "data/load_sme.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data {

namespace {

/// Reads typed values out of a YAML tree, reporting each problem with its line and key path.
class YamlReader : public YamlDiagnostics {
 public:
  YamlReader(std::string file, core::Diagnostics& diags) : YamlDiagnostics("yaml.invalid", std::move(file), diags) {}

  /// A required (or optional) number in [min, max]; nullopt when absent or bad.
  std::optional<double> number(const YamlNode& parent, std::string_view key,
                               const std::string& path, double min, double max,
                               bool required = true, std::string_view unit = "") {
    const auto node = parent[std::string(key)];
    const auto where = join(path, key);
    const std::string u = unit.empty() ? "" : fmt::format(" in {}", unit);
    if (!node.defined() || node.is_null()) {
      if (required) {
        error(parent, where, "a number" + u, "nothing");
      }
      return std::nullopt;
    }
    return number_at(node, where, min, max, u);
  }

  std::optional<double> number_at(const YamlNode& node, const std::string& where, double min,
                                  double max, const std::string& unit = "") {
    if (!node.is_scalar()) {
      error(node, where, "a number" + unit, describe(node));
      return std::nullopt;
    }
    auto v = parse_number(node.scalar());
    if (!v) {
      error(node, where, "a number" + unit, core::quote_found(node.scalar()));
      return std::nullopt;
    }
    if (*v < min || *v > max) {
      error(node, where, fmt::format("a number{} from {} to {}", unit, min, max),
            core::quote_found(node.scalar()));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> text(const YamlNode& parent, std::string_view key,
                                  const std::string& path, bool required = true) {
    const auto node = parent[std::string(key)];
    const auto where = join(path, key);
    if (!node.defined() || node.is_null()) {
      if (required) {
        error(parent, where, "a value", "nothing");
      }
      return std::nullopt;
    }
    if (!node.is_scalar() || node.scalar().empty()) {
      error(node, where, "a text value", describe(node));
      return std::nullopt;
    }
    return node.scalar();
  }

  /// One of `allowed`; its index or -1.
  template <std::size_t N>
  int choice(const YamlNode& parent, std::string_view key, const std::string& path,
             const std::string_view (&allowed)[N], bool required = true) {
    auto value = text(parent, key, path, required);
    if (!value) {
      return -1;
    }
    for (std::size_t i = 0; i < N; ++i) {
      if (allowed[i] == *value) {
        return static_cast<int>(i);
      }
    }
    std::string list;
    for (auto a : allowed) {
      list += list.empty() ? "" : ", ";
      list += a;
    }
    error(parent[std::string(key)], join(path, key), "one of " + list, core::quote_found(*value));
    return -1;
  }
};

template <std::size_t N>
int index_of(const std::string_view (&names)[N], std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void read_points(YamlReader& y, const YamlNode& node, model::Round& round) {
  if (!y.keys(node, "points", {"min_points", "criteria"})) {
    return;
  }
  round.min_points = y.number(node, "min_points", "points", 0, 10).value_or(0);
  const auto list = node["criteria"];
  if (!list.defined() || !list.is_sequence() || list.size() == 0) {
    y.error(list.defined() ? list : node, "points.criteria", "a list of one or more criteria",
            describe(list));
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto c = list[i];
    const auto path = fmt::format("points.criteria[{}]", i);
    if (!y.keys(c, path, {"criterion", "weight", "worst", "best", "min_score"})) {
      continue;
    }
    model::PointsRule rule;
    const int which = y.choice(c, "criterion", path, model::kPointsCriteria);
    rule.criterion = static_cast<model::PointsCriterion>(which < 0 ? 0 : which);
    rule.weight = y.number(c, "weight", path, 1e-9, 1e6).value_or(1);
    rule.worst = y.number(c, "worst", path, -1e12, 1e12).value_or(0);
    rule.best = y.number(c, "best", path, -1e12, 1e12).value_or(1);
    rule.min_score = y.number(c, "min_score", path, 0, 10, false).value_or(0);
    if (rule.worst == rule.best) {
      y.error(c["best"], path + ".best", "a value different from worst",
              core::quote_found(fmt::format("{}", rule.best)));
    }
    round.criteria.push_back(rule);
  }
}

void read_phases(YamlReader& y, const YamlNode& node, model::Round& round) {
  if (!node.is_sequence() || node.size() == 0) {
    y.error(node, "phases", "a list of one or more phases", describe(node));
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto p = node[i];
    const auto path = fmt::format("phases[{}]", i);
    if (!y.keys(p, path, {"name", "ceiling_eur_per_t"})) {
      continue;
    }
    model::Phase phase;
    phase.name = y.text(p, "name", path).value_or("");
    phase.ceiling_eur_per_t = y.number(p, "ceiling_eur_per_t", path, 0, 1e6, true, "EUR/t").value_or(0);
    if (!round.phases.empty() && phase.ceiling_eur_per_t <= round.phases.back().ceiling_eur_per_t) {
      y.error(p["ceiling_eur_per_t"], path + ".ceiling_eur_per_t",
              fmt::format("a ceiling above the previous phase's {} EUR/t (phases rise)",
                          round.phases.back().ceiling_eur_per_t),
              core::quote_found(fmt::format("{}", phase.ceiling_eur_per_t)));
    }
    round.phases.push_back(std::move(phase));
  }
}

/// A list of names from `allowed`, as flags; false where a name is bad (reported).
template <std::size_t N, std::size_t M>
bool read_flags(YamlReader& y, const YamlNode& node, const std::string& where,
                const std::string_view (&allowed)[N], std::array<bool, M>& flags) {
  static_assert(N == M);
  std::string list;
  for (auto a : allowed) {
    list += list.empty() ? "" : ", ";
    list += a;
  }
  if (!node.is_sequence() || node.size() == 0) {
    y.error(node, where, "a list of one or more of " + list, describe(node));
    return false;
  }
  flags.fill(false);
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto at = fmt::format("{}[{}]", where, i);
    const int k = node[i].is_scalar() ? index_of(allowed, node[i].scalar()) : -1;
    if (k < 0) {
      y.error(node[i], at, "one of " + list, node[i].is_scalar() ? core::quote_found(node[i].scalar()) : describe(node[i]));
      continue;
    }
    flags[static_cast<std::size_t>(k)] = true;
  }
  return true;
}

/// Who may apply and how large a project must be: firm sizes (an SME-only round lists small and
/// medium), project types, NIKI's minimum lifetime reduction, MOOI's minimum cost and consortium.
void read_eligibility_extras(YamlReader& y, const YamlNode& elig, model::Round& round) {
  if (const auto sizes = elig["firm_sizes"]; sizes.defined()) {
    read_flags(y, sizes, "eligibility.firm_sizes", model::kFirmSizes, round.eligible_sizes);
  }
  if (const auto types = elig["project_types"]; types.defined()) {
    read_flags(y, types, "eligibility.project_types", model::kProjectTypes, round.eligible_types);
  }
  round.min_lifetime_reduction_t =
      y.number(elig, "min_lifetime_reduction_t", "eligibility", 0, 1e12, false, "t CO2").value_or(0);
  round.min_eligible_cost_eur =
      y.number(elig, "min_eligible_cost_eur", "eligibility", 0, 1e12, false, "EUR").value_or(0);
  if (const auto c = elig["consortium"]; c.defined()) {
    if (y.keys(c, "eligibility.consortium", {"min_parties", "min_smes"})) {
      round.min_consortium_parties =
          static_cast<int>(y.number(c, "min_parties", "eligibility.consortium", 1, 1000).value_or(1));
      round.min_consortium_smes =
          static_cast<int>(y.number(c, "min_smes", "eligibility.consortium", 0, 1000).value_or(0));
      if (round.min_consortium_smes > round.min_consortium_parties) {
        y.error(c["min_smes"], "eligibility.consortium.min_smes",
                fmt::format("at most min_parties ({})", round.min_consortium_parties),
                core::quote_found(fmt::format("{}", round.min_consortium_smes)));
      }
    }
  }
}

/// `estimated:` maps key paths of this file to the reason no published figure was used; each
/// path must name a key that is there.
void read_estimated(YamlReader& y, const YamlNode& root, const YamlNode& estimated, model::Round& round) {
  if (!estimated.is_map()) {
    y.error(estimated, "estimated", "a reason per estimated key path, e.g. budget_eur: \"…\"", describe(estimated));
    return;
  }
  for (const auto& kv : estimated) {
    const auto path = kv.first.key_text();
    const auto where = "estimated." + path;
    std::vector<YamlNode> trail{root};
    std::size_t start = 0;
    bool found = !path.empty();
    while (found && start <= path.size()) {
      const auto dot = path.find('.', start);
      const auto key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      const YamlNode parent = trail.back();
      found = parent.is_map() && !key.empty() && parent[key].defined();
      if (found) {
        trail.push_back(parent[key]);
      }
      start = dot == std::string::npos ? path.size() + 1 : dot + 1;
    }
    if (!found) {
      y.error(kv.first, where, "the key path of a value in this file (e.g. caps.per_project_eur)",
              core::quote_found(path));
      continue;
    }
    if (!kv.second.is_scalar() || kv.second.scalar().empty()) {
      y.error(kv.second, where, "the reason the value is estimated", describe(kv.second));
      continue;
    }
    round.estimated.emplace_back(path, kv.second.scalar());
  }
}

}  // namespace

std::optional<model::Round> parse_round(std::string_view text, const std::string& file,
                                        std::span<const model::Technique> techniques,
                                        core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  const auto loaded = parse_yaml(text, file, "yaml.syntax", diags);
  if (!loaded) {
    return std::nullopt;
  }
  const YamlNode root = *loaded;
  YamlReader y(file, diags);
  if (!y.keys(root, "", {"id", "name", "instrument", "opens", "closes", "budget_eur", "allocation", "rates",
                        "caps", "eligibility", "economics", "points", "phases", "fences_eur",
                        "fence_overflow", "estimated", "sources"})) {
    return std::nullopt;
  }
  model::Round round;
  round.id = y.text(root, "id", "").value_or("");
  round.name = y.text(root, "name", "", false).value_or(round.id);
  const int instrument = y.choice(root, "instrument", "", model::kInstruments);
  round.instrument = static_cast<model::Instrument>(instrument < 0 ? 0 : instrument);
  for (auto [key, target] : {std::pair{"opens", &round.opens}, std::pair{"closes", &round.closes}}) {
    if (auto v = y.text(root, key, "", false)) {
      if (!core::parse_iso_datetime(*v)) {
        y.error(root[key], key, "a date-time YYYY-MM-DDTHH:MM:SS", core::quote_found(*v));
      }
      *target = *v;
    }
  }
  round.budget_eur = y.number(root, "budget_eur", "", 0, 1e12, true, "EUR").value_or(0);
  const int mode = y.choice(root, "allocation", "", model::kAllocationModes);
  round.mode = static_cast<model::AllocationMode>(mode < 0 ? 0 : mode);

  // rates: base by theme (only the themes the round opens), size bonus, maximum.
  round.base_rate.fill(std::numeric_limits<double>::quiet_NaN());
  const auto rates = root["rates"];
  if (!rates.defined()) {
    y.error(root, "rates", "a mapping with base, size_bonus and max_rate", "nothing");
  } else if (y.keys(rates, "rates", {"base", "by_project_type", "size_bonus", "max_rate"})) {
    const auto base = rates["base"];
    if (!base.defined() || !base.is_map() || base.size() == 0) {
      y.error(base.defined() ? base : rates, "rates.base",
              "a rate (fraction of eligible cost) per open theme", describe(base));
    } else {
      for (const auto& kv : base) {
        const auto theme = kv.first.key_text();
        const int t = index_of(model::kSmeThemes, theme);
        if (t < 0) {
          y.error(kv.first, "rates.base." + theme, "a theme: energy_saving, renewable_heat, "
                  "electrification, renewable_electricity, fuel_switch or circularity",
                  core::quote_found(theme));
          continue;
        }
        round.base_rate[static_cast<std::size_t>(t)] =
            y.number_at(kv.second, "rates.base." + theme, 0, 1).value_or(0);
      }
    }
    round.type_rate.fill(std::numeric_limits<double>::quiet_NaN());
    if (const auto by_type = rates["by_project_type"]; by_type.defined()) {
      if (!by_type.is_map()) {
        y.error(by_type, "rates.by_project_type", "a rate per project type", describe(by_type));
      } else {
        for (const auto& kv : by_type) {
          const auto type = kv.first.key_text();
          const int t = index_of(model::kProjectTypes, type);
          if (t < 0) {
            y.error(kv.first, "rates.by_project_type." + type,
                    "a project type: investment, pilot, demonstration or research", core::quote_found(type));
            continue;
          }
          round.type_rate[static_cast<std::size_t>(t)] =
              y.number_at(kv.second, "rates.by_project_type." + type, 0, 1).value_or(0);
        }
      }
    }
    const auto bonus = rates["size_bonus"];
    if (!bonus.defined()) {
      y.error(rates, "rates.size_bonus", "a mapping with small, medium and large", "nothing");
    } else if (y.keys(bonus, "rates.size_bonus", {"small", "medium", "large"})) {
      for (std::size_t s = 0; s < model::kFirmSizeCount; ++s) {
        round.size_bonus[s] =
            y.number(bonus, model::kFirmSizes[s], "rates.size_bonus", 0, 1).value_or(0);
      }
    }
    round.max_rate = y.number(rates, "max_rate", "rates", 0, 1).value_or(1);
  }

  const auto caps = root["caps"];
  if (!caps.defined()) {
    y.error(root, "caps", "a mapping with per_project_eur, eur_per_t, tonnes_over, min_grant_eur",
            "nothing");
  } else if (y.keys(caps, "caps", {"per_project_eur", "eur_per_t", "tonnes_over", "min_grant_eur"})) {
    round.cap_per_project_eur = y.number(caps, "per_project_eur", "caps", 0, 1e12, true, "EUR").value_or(0);
    round.cap_eur_per_t = y.number(caps, "eur_per_t", "caps", 0, 1e6, true, "EUR/t").value_or(0);
    const int period = y.choice(caps, "tonnes_over", "caps", model::kCapPeriods);
    round.cap_period = static_cast<model::CapPeriod>(period < 0 ? 0 : period);
    round.min_grant_eur = y.number(caps, "min_grant_eur", "caps", 0, 1e12, true, "EUR").value_or(0);
  }

  const auto elig = root["eligibility"];
  if (!elig.defined()) {
    y.error(root, "eligibility", "a mapping with min_payback_without_aid_yr and techniques",
            "nothing");
  } else if (y.keys(elig, "eligibility", {"min_payback_without_aid_yr", "techniques", "firm_sizes",
                                          "project_types", "min_lifetime_reduction_t", "min_eligible_cost_eur",
                                          "consortium"})) {
    read_eligibility_extras(y, elig, round);
    round.min_payback_yr =
        y.number(elig, "min_payback_without_aid_yr", "eligibility", 0, 100, true, "yr").value_or(5);
    const auto list = elig["techniques"];
    if (!list.defined() || !list.is_sequence() || list.size() == 0) {
      y.error(list.defined() ? list : elig, "eligibility.techniques",
              "a list of technique ids", describe(list));
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto where = fmt::format("eligibility.techniques[{}]", i);
        if (!list[i].is_scalar()) {
          y.error(list[i], where, "a technique id", describe(list[i]));
          continue;
        }
        const auto id = list[i].scalar();
        if (!techniques.empty() && find_technique(techniques, id) < 0) {
          y.error(list[i], where, "a technique_id of the technique catalogue",
                  core::quote_found(id));
        }
        round.eligible_techniques.push_back(id);
      }
    }
  }

  const auto econ = root["economics"];
  if (!econ.defined()) {
    y.error(root, "economics",
            "a mapping with gas_eur_per_gj, electricity_eur_per_mwh and discount_rate", "nothing");
  } else if (y.keys(econ, "economics", {"gas_eur_per_gj", "electricity_eur_per_mwh", "discount_rate"})) {
    round.economics.gas_eur_per_gj = y.number(econ, "gas_eur_per_gj", "economics", 0, 1000, true, "EUR/GJ").value_or(0);
    round.economics.electricity_eur_per_mwh =
        y.number(econ, "electricity_eur_per_mwh", "economics", 0, 10000, true, "EUR/MWh").value_or(0);
    round.economics.discount_rate = y.number(econ, "discount_rate", "economics", 0, 1).value_or(0);
  }

  if (const auto points = root["points"]; points.defined()) {
    read_points(y, points, round);
  } else if (round.mode == model::AllocationMode::points) {
    y.error(root, "points", "a points section (allocation: points)", "nothing");
  }
  if (const auto phases = root["phases"]; phases.defined()) {
    read_phases(y, phases, round);
  } else if (round.mode == model::AllocationMode::phases) {
    y.error(root, "phases", "a list of phases (allocation: phases)", "nothing");
  }
  if (const auto fences = root["fences_eur"]; fences.defined()) {
    if (!fences.is_map()) {
      y.error(fences, "fences_eur", "a budget in EUR per theme", describe(fences));
    } else {
      double total = 0;
      for (const auto& kv : fences) {
        const auto theme = kv.first.key_text();
        const int t = index_of(model::kSmeThemes, theme);
        if (t < 0) {
          y.error(kv.first, "fences_eur." + theme, "a theme", core::quote_found(theme));
          continue;
        }
        const double v = y.number_at(kv.second, "fences_eur." + theme, 0, 1e12, " in EUR").value_or(0);
        round.fence_eur[static_cast<std::size_t>(t)] = v;
        total += v;
      }
      if (total > round.budget_eur) {
        y.error(fences, "fences_eur",
                fmt::format("fences summing to at most the budget ({} EUR)", round.budget_eur),
                fmt::format("{} EUR", total));
      }
    }
  }
  if (const auto overflow = root["fence_overflow"]; overflow.defined()) {
    const auto v = overflow.is_scalar() ? overflow.scalar() : std::string();
    if (v == "true" || v == "false") {
      round.fence_overflow = v == "true";
    } else {
      y.error(overflow, "fence_overflow", "true or false", describe(overflow));
    }
  }
  if (const auto estimated = root["estimated"]; estimated.defined()) {
    read_estimated(y, root, estimated, round);
  }
  if (const auto sources = root["sources"]; sources.defined()) {
    if (!sources.is_sequence()) {
      y.error(sources, "sources", "a list of URLs or references", describe(sources));
    } else {
      for (const auto& s : sources) {
        round.sources.push_back(s.is_scalar() ? s.scalar() : std::string());
      }
    }
  }
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return round;
}

std::optional<model::Round> load_round(const std::filesystem::path& path,
                                       std::span<const model::Technique> techniques,
                                       core::Diagnostics& diags) {
  const auto read = core::read_file(path, diags);
  if (!read) {
    return std::nullopt;
  }
  const std::string& text = *read;
  return parse_round(text, path.string(), techniques, diags);
}

}  // namespace decarbfund::data
