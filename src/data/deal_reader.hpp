#pragma once
// The reader of one deal file (data/load_deal*.cpp, docs/deals.md): typed values with
// file:line: key-path diagnostics (STYLE §2.5). YAML stays in the data room (STYLE §2.3): only
// src/data/*.cpp include this header.

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/civil_time.hpp"
#include "core/diagnostic.hpp"
#include "data/csv_reader.hpp"
#include "model/deal.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_node.hpp"

namespace decarbfund::data::detail {

inline constexpr int kMinYear = 1990;
inline constexpr int kMaxYear = 2100;
inline constexpr double kMaxEur = 100'000'000'000;  // 100 bn: above the whole Klimaatfonds (EUR 35 bn)
inline constexpr double kMaxT = 100'000'000;         // 100 Mt: above any Dutch site (Tata ≈ 6 Mt)

inline std::string indexed(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

/// Reads one YAML document, reporting each problem with line and key path.
class DealReader : public YamlDiagnostics {
 public:
  DealReader(std::string file, core::Diagnostics& diags)
      : YamlDiagnostics("deal.invalid", std::move(file), diags, "(document)") {}

  std::optional<double> number(const YamlNode& node, const std::string& path, double min, double max,
                               std::string_view what) {
    const auto v = node.is_scalar() ? parse_number(node.scalar()) : std::nullopt;
    if (!v || *v < min || *v > max) {
      error(node, path, fmt::format("{} from {} to {}", what, min, max), describe(node));
      return std::nullopt;
    }
    return v;
  }

  /// An amount in EUR of at least EUR 0.01 and in whole cents (1e-300 or 0.001 is a slip, not
  /// money); `min_cents` 0 admits zero.
  std::optional<double> money(const YamlNode& node, const std::string& path, double min_cents) {
    const auto v = node.is_scalar() ? parse_number(node.scalar()) : std::nullopt;
    const double cents = v ? *v * 100 : 0;
    if (!v || cents < min_cents || *v > kMaxEur || std::fabs(cents - std::round(cents)) > 1e-6 * std::max(1.0, cents)) {
      error(node, path,
            fmt::format("an amount in EUR {}, in whole cents, at most {:.0f}", min_cents > 0 ? "above 0" : "of 0 or more",
                        kMaxEur),
            describe(node));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> year(const YamlNode& node, const std::string& path) {
    int v = 0;
    bool ok = node.is_scalar();
    if (ok) {
      const auto& s = node.scalar();
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      ok = ec == std::errc() && ptr == s.data() + s.size() && v >= kMinYear && v <= kMaxYear;
    }
    if (!ok) {
      error(node, path, fmt::format("a year from {} to {}", kMinYear, kMaxYear), describe(node));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> text(const YamlNode& node, const std::string& path) {
    if (!node.is_scalar() || node.scalar().empty()) {
      error(node, path, "a text value", describe(node));
      return std::nullopt;
    }
    return node.scalar();
  }

  /// YYYY-MM-DD, a day that exists (2024-02-29 does, 2025-02-29 does not).
  std::optional<std::string> date(const YamlNode& node, const std::string& path) {
    if (node.is_scalar() && core::valid_iso_date(node.scalar(), kMinYear, kMaxYear)) {
      return node.scalar();
    }
    error(node, path, "a date YYYY-MM-DD (a day of the calendar)", describe(node));
    return std::nullopt;
  }

  std::optional<bool> boolean(const YamlNode& node, const std::string& path) {
    if (node.is_scalar() && (node.scalar() == "true" || node.scalar() == "false")) {
      return node.scalar() == "true";
    }
    error(node, path, "true or false", describe(node));
    return std::nullopt;
  }

  std::optional<model::DealPhase> phase(const YamlNode& node, const std::string& path) {
    if (node.is_scalar()) {
      if (auto p = model::parse_phase(node.scalar())) {
        return p;
      }
    }
    std::string names;
    for (auto n : model::kDealPhaseNames) {
      names += names.empty() ? "" : ", ";
      names += n;
    }
    error(node, path, "a phase: one of " + names, describe(node));
    return std::nullopt;
  }

  /// A list of texts (a single text is not accepted: the file should say it is a list).
  std::vector<std::string> texts(const YamlNode& node, const std::string& path) {
    std::vector<std::string> out;
    if (!node.defined()) {
      return out;
    }
    if (!node.is_sequence()) {
      error(node, path, "a list of texts", describe(node));
      return out;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (auto t = text(node[i], indexed(path, i))) {
        out.push_back(*t);
      }
    }
    return out;
  }

  /// A list whose items are mappings; calls `item(node, path)` for each.
  template <class F>
  void list(const YamlNode& node, const std::string& path, F item) {
    if (!node.defined()) {
      return;
    }
    if (!node.is_sequence()) {
      error(node, path, "a list", describe(node));
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      item(node[i], indexed(path, i));
    }
  }
};

/// A fact named by a source's `cites` or an assumption's `covers`, where it was named.
struct FactRef {
  std::string fact;
  YamlNode node;
  std::string path;
};
/// `sources`: URLs, or {url, cites}; fills d.sources and d.fact_sources.
void read_sources(DealReader& r, const YamlNode& root, model::Deal& d, std::vector<FactRef>& refs);
/// `assumptions`: texts, or {text, covers}; fills d.assumptions and d.assumed_facts.
void read_assumptions(DealReader& r, const YamlNode& root, model::Deal& d, std::vector<FactRef>& refs);
/// Every fact named is one the deal has (model::deal_facts): a misspelt name is an error.
void check_fact_refs(DealReader& r, const model::Deal& d, const std::vector<FactRef>& refs);

/// The company's side: projects, committed and stated tonnes, baseline, co-benefits.
void read_company(DealReader& r, const YamlNode& n, model::Deal& d);
/// The state's side: support, payments, infrastructure, permits.
void read_government(DealReader& r, const YamlNode& n, model::Deal& d);
/// The state's obligations (`government_commitments.obligations`, at key path `p`).
void read_obligations(DealReader& r, const YamlNode& n, const std::string& p, model::Deal& d);
/// Each obligation's `shifts` names a milestone of the deal (after the milestones are read).
void check_obligation_shifts(DealReader& r, const YamlNode& n, const std::string& p, const model::Deal& d);
/// Public support outside the package (`government_commitments.other_support`, at key path `p`).
void read_other_support(DealReader& r, const YamlNode& n, const std::string& p, model::Deal& d);
/// `long_term_plan`: plan elements toward climate neutrality and the future-perspective figures.
void read_long_term_plan(DealReader& r, const YamlNode& n, model::Deal& d);
/// How support is clawed back.
void read_claw_back(DealReader& r, const YamlNode& n, model::Deal& d);

}  // namespace decarbfund::data::detail
