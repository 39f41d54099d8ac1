#include "data/load_deal.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/atomic_file.hpp"
#include "core/civil_time.hpp"
#include "data/csv_reader.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data {

namespace {

namespace fs = std::filesystem;

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;
constexpr double kMaxEur = 100'000'000'000;  // 100 bn: above the whole Klimaatfonds (EUR 35 bn)
constexpr double kMaxT = 100'000'000;         // 100 Mt: above any Dutch site (Tata ≈ 6 Mt)

std::string indexed(const std::string& path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

/// Reads one YAML document, reporting each problem with line and key path.
class Reader : public YamlDiagnostics {
 public:
  Reader(std::string file, core::Diagnostics& diags)
      : YamlDiagnostics("deal.invalid", std::move(file), diags, "(document)") {}

  std::optional<double> number(const YAML::Node& node, const std::string& path, double min, double max,
                               std::string_view what) {
    const auto v = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
    if (!v || *v < min || *v > max) {
      error(node, path, fmt::format("{} from {} to {}", what, min, max), describe(node));
      return std::nullopt;
    }
    return v;
  }

  /// An amount in EUR of at least EUR 0.01 and in whole cents (1e-300 or 0.001 is a slip, not
  /// money); `min_cents` 0 admits zero.
  std::optional<double> money(const YAML::Node& node, const std::string& path, double min_cents) {
    const auto v = node.IsScalar() ? parse_number(node.Scalar()) : std::nullopt;
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

  std::optional<int> year(const YAML::Node& node, const std::string& path) {
    int v = 0;
    bool ok = node.IsScalar();
    if (ok) {
      const auto& s = node.Scalar();
      const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      ok = ec == std::errc() && ptr == s.data() + s.size() && v >= kMinYear && v <= kMaxYear;
    }
    if (!ok) {
      error(node, path, fmt::format("a year from {} to {}", kMinYear, kMaxYear), describe(node));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> text(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(node, path, "a text value", describe(node));
      return std::nullopt;
    }
    return node.Scalar();
  }

  /// YYYY-MM-DD, a day that exists (2024-02-29 does, 2025-02-29 does not).
  std::optional<std::string> date(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar() && core::valid_iso_date(node.Scalar(), kMinYear, kMaxYear)) {
      return node.Scalar();
    }
    error(node, path, "a date YYYY-MM-DD (a day of the calendar)", describe(node));
    return std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) {
      return node.Scalar() == "true";
    }
    error(node, path, "true or false", describe(node));
    return std::nullopt;
  }

  std::optional<model::DealPhase> phase(const YAML::Node& node, const std::string& path) {
    if (node.IsScalar()) {
      if (auto p = model::parse_phase(node.Scalar())) {
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
  std::vector<std::string> texts(const YAML::Node& node, const std::string& path) {
    std::vector<std::string> out;
    if (!node.IsDefined()) {
      return out;
    }
    if (!node.IsSequence()) {
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
  void list(const YAML::Node& node, const std::string& path, F item) {
    if (!node.IsDefined()) {
      return;
    }
    if (!node.IsSequence()) {
      error(node, path, "a list", describe(node));
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      item(node[i], indexed(path, i));
    }
  }
};

void read_company(Reader& r, const YAML::Node& n, model::Deal& d) {
  const std::string p = "company_commitments";
  if (!r.keys(n, p,
              {"projects", "committed_reduction_t", "baseline_year", "baseline_emissions_t",
               "climate_neutral_year", "co_benefits", "stay_invested_until"},
              {"projects", "committed_reduction_t"})) {
    return;
  }
  r.list(n["projects"], join(p, "projects"), [&](const YAML::Node& item, const std::string& at) {
    if (!r.keys(item, at, {"option", "start_year", "note"}, {"option", "start_year"})) {
      return;
    }
    model::DealProject project;
    auto o = item["option"].IsDefined() ? r.text(item["option"], join(at, "option")) : std::nullopt;
    auto y = item["start_year"].IsDefined() ? r.year(item["start_year"], join(at, "start_year")) : std::nullopt;
    if (item["note"].IsDefined()) {
      project.note = r.text(item["note"], join(at, "note")).value_or("");
    }
    if (o && y) {
      project.option = *o;
      project.start_year = *y;
      d.projects.push_back(std::move(project));
    }
  });
  if (n["projects"].IsDefined() && n["projects"].IsSequence() && n["projects"].size() == 0) {
    r.error(n["projects"], join(p, "projects"), "at least one committed project", "an empty list");
  }
  const auto& c = n["committed_reduction_t"];
  if (c.IsDefined()) {
    if (!c.IsMap() || c.size() == 0) {
      r.error(c, join(p, "committed_reduction_t"), "a mapping of year: t/yr (at least one year)", describe(c));
    } else {
      for (const auto& kv : c) {
        const auto at = fmt::format("{}.committed_reduction_t[{}]", p, kv.first.Scalar());
        const auto y = r.year(kv.first, at);
        const auto v = r.number(kv.second, at, 0, kMaxT, "a reduction in t/yr");
        if (y && v) {
          d.committed_reduction_t[*y] = *v;
        }
      }
    }
  }
  if (n["baseline_year"].IsDefined()) {
    d.baseline_year = r.year(n["baseline_year"], join(p, "baseline_year")).value_or(0);
  }
  if (n["baseline_emissions_t"].IsDefined()) {
    d.baseline_emissions_t =
        r.number(n["baseline_emissions_t"], join(p, "baseline_emissions_t"), 0, kMaxT, "emissions in t/yr")
            .value_or(0);
  }
  if (n["climate_neutral_year"].IsDefined()) {
    d.climate_neutral_year = r.year(n["climate_neutral_year"], join(p, "climate_neutral_year")).value_or(0);
  }
  if (n["stay_invested_until"].IsDefined()) {
    d.stay_invested_until = r.year(n["stay_invested_until"], join(p, "stay_invested_until")).value_or(0);
  }
  r.list(n["co_benefits"], join(p, "co_benefits"), [&](const YAML::Node& item, const std::string& at) {
    if (!r.keys(item, at, {"what", "commitment", "change_pct", "by_year"}, {"what", "commitment"})) {
      return;
    }
    model::DealCoBenefit b;
    b.what = item["what"].IsDefined() ? r.text(item["what"], join(at, "what")).value_or("") : "";
    b.commitment =
        item["commitment"].IsDefined() ? r.text(item["commitment"], join(at, "commitment")).value_or("") : "";
    if (item["change_pct"].IsDefined()) {
      b.change_pct = r.number(item["change_pct"], join(at, "change_pct"), -100, 100, "a change in %").value_or(0);
    }
    if (item["by_year"].IsDefined()) {
      b.by_year = r.year(item["by_year"], join(at, "by_year")).value_or(0);
    }
    d.co_benefits.push_back(std::move(b));
  });
}

void read_government(Reader& r, const YAML::Node& n, model::Deal& d) {
  const std::string p = "government_commitments";
  if (!r.keys(n, p,
              {"max_support_eur", "max_support_basis", "payments", "performance_linked_share",
               "infrastructure", "permit_acceleration", "generic_instrument_excluded"},
              {"max_support_eur", "max_support_basis"})) {
    return;
  }
  bool max_ok = false;
  if (n["max_support_eur"].IsDefined()) {
    const auto v = r.money(n["max_support_eur"], join(p, "max_support_eur"), 0);
    max_ok = v.has_value();
    d.max_support_eur = v.value_or(0);
  }
  if (n["max_support_basis"].IsDefined()) {
    d.max_support_basis = r.text(n["max_support_basis"], join(p, "max_support_basis")).value_or("");
  }
  r.list(n["payments"], join(p, "payments"), [&](const YAML::Node& item, const std::string& at) {
    if (!r.keys(item, at, {"year", "amount_eur"}, {"year", "amount_eur"})) {
      return;
    }
    const auto y = item["year"].IsDefined() ? r.year(item["year"], join(at, "year")) : std::nullopt;
    const auto a = item["amount_eur"].IsDefined()
                       ? r.money(item["amount_eur"], join(at, "amount_eur"), 1)
                       : std::nullopt;
    if (y && a) {
      d.payments.push_back({*y, *a});
    }
  });
  if (n["performance_linked_share"].IsDefined()) {
    d.performance_linked_share =
        r.number(n["performance_linked_share"], join(p, "performance_linked_share"), 0, 1, "a share")
            .value_or(0);
  }
  r.list(n["infrastructure"], join(p, "infrastructure"), [&](const YAML::Node& item, const std::string& at) {
    if (!r.keys(item, at, {"infra", "amount", "from_year", "note"}, {"infra", "amount", "from_year"})) {
      return;
    }
    model::DealInfrastructure inf;
    auto id = item["infra"].IsDefined() ? r.text(item["infra"], join(at, "infra")) : std::nullopt;
    auto amount = item["amount"].IsDefined()
                      ? r.number(item["amount"], join(at, "amount"), 0, kMaxT, "MW or t/yr")
                      : std::nullopt;
    auto y = item["from_year"].IsDefined() ? r.year(item["from_year"], join(at, "from_year")) : std::nullopt;
    if (item["note"].IsDefined()) {
      inf.note = r.text(item["note"], join(at, "note")).value_or("");
    }
    if (id && amount && y) {
      inf.infra = *id;
      inf.amount = *amount;
      inf.from_year = *y;
      d.infrastructure.push_back(std::move(inf));
    }
  });
  if (n["permit_acceleration"].IsDefined()) {
    d.permit_acceleration = r.boolean(n["permit_acceleration"], join(p, "permit_acceleration")).value_or(false);
  }
  if (n["generic_instrument_excluded"].IsDefined()) {
    d.generic_instrument_excluded =
        r.text(n["generic_instrument_excluded"], join(p, "generic_instrument_excluded")).value_or("");
  }
  double scheduled = 0;
  for (const auto& pay : d.payments) {
    scheduled += pay.amount_eur;
  }
  if (max_ok && scheduled > d.max_support_eur * (1 + 1e-9) + 0.5) {
    r.error(n["payments"], join(p, "payments"),
            fmt::format("payments adding up to at most max_support_eur ({:.0f})", d.max_support_eur),
            fmt::format("a total of {:.0f}", scheduled));
  }
}

void read_claw_back(Reader& r, const YAML::Node& n, model::Deal& d) {
  const std::string p = "claw_back";
  if (!r.keys(n, p, {"rule", "share", "projected_profit_eur", "basis"}, {"rule", "basis"})) {
    return;
  }
  const auto& rule = n["rule"];
  if (rule.IsDefined()) {
    bool ok = false;
    for (std::size_t i = 0; i < model::kClawBackRuleNames.size(); ++i) {
      if (rule.IsScalar() && rule.Scalar() == model::kClawBackRuleNames[i]) {
        d.claw_back.rule = static_cast<model::ClawBackRule>(i);
        ok = true;
      }
    }
    if (!ok) {
      r.error(rule, join(p, "rule"), "one of none, pro_rata_shortfall, profit_share", describe(rule));
    }
  }
  if (n["share"].IsDefined()) {
    d.claw_back.share = r.number(n["share"], join(p, "share"), 0, 1, "a share").value_or(1);
  }
  if (n["basis"].IsDefined()) {
    d.claw_back.basis = r.text(n["basis"], join(p, "basis")).value_or("");
  }
  const auto& pp = n["projected_profit_eur"];
  if (pp.IsDefined()) {
    if (!pp.IsMap()) {
      r.error(pp, join(p, "projected_profit_eur"), "a mapping of year: EUR", describe(pp));
    } else {
      for (const auto& kv : pp) {
        const auto at = fmt::format("{}.projected_profit_eur[{}]", p, kv.first.Scalar());
        const auto y = r.year(kv.first, at);
        const auto v = r.number(kv.second, at, -kMaxEur, kMaxEur, "an amount in EUR");
        if (y && v) {
          d.claw_back.projected_profit_eur[*y] = *v;
        }
      }
    }
  }
  if (d.claw_back.rule == model::ClawBackRule::profit_share && d.claw_back.projected_profit_eur.empty()) {
    r.error(pp, join(p, "projected_profit_eur"), "the projected profit per year (needed by profit_share)",
            "nothing", n);
  }
}

std::optional<model::Deal> read_deal(const YAML::Node& root, const std::string& file, core::Diagnostics& diags) {
  const auto before = diags.error_count();
  Reader r(file, diags);
  model::Deal d;
  d.file = file;
  if (!r.keys(root, "",
              {"id", "company", "sites", "phase", "history", "company_commitments", "government_commitments",
               "conditions", "exit_clauses", "claw_back", "monitoring", "milestones", "assumptions", "sources"},
              {"id", "company", "sites", "phase", "history", "company_commitments", "government_commitments",
               "claw_back", "sources"})) {
    return std::nullopt;
  }
  if (root["id"].IsDefined()) {
    if (auto id = r.text(root["id"], "id")) {
      const bool ok = std::all_of(id->begin(), id->end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      });
      if (!ok) {
        r.error(root["id"], "id", "lower-case letters, digits, '-' or '_'", core::quote_found(*id));
      }
      d.id = *id;
    }
  }
  if (root["company"].IsDefined()) {
    d.company = r.text(root["company"], "company").value_or("");
  }
  if (root["sites"].IsDefined()) {
    d.sites = r.texts(root["sites"], "sites");
    if (root["sites"].IsSequence() && d.sites.empty()) {
      r.error(root["sites"], "sites", "at least one site id", "an empty list");
    }
  }
  std::optional<model::DealPhase> phase;
  if (root["phase"].IsDefined()) {
    phase = r.phase(root["phase"], "phase");
  }
  // The item node and key path of each entry read, for the checks below (an entry that failed
  // to read is left out, so positions in d.history are not positions in the file).
  std::vector<std::pair<YAML::Node, std::string>> history_items;
  r.list(root["history"], "history", [&](const YAML::Node& item, const std::string& at) {
    if (!r.keys(item, at, {"phase", "date", "source", "note"}, {"phase", "date", "source"})) {
      return;
    }
    model::DealEvent e;
    auto ph = item["phase"].IsDefined() ? r.phase(item["phase"], join(at, "phase")) : std::nullopt;
    auto dt = item["date"].IsDefined() ? r.date(item["date"], join(at, "date")) : std::nullopt;
    auto src = item["source"].IsDefined() ? r.text(item["source"], join(at, "source")) : std::nullopt;
    if (item["note"].IsDefined()) {
      e.note = r.text(item["note"], join(at, "note")).value_or("");
    }
    if (ph && dt && src) {
      e.phase = *ph;
      e.date = *dt;
      e.source = *src;
      d.history.push_back(std::move(e));
      history_items.emplace_back(item, at);
    }
  });
  // The history must be a walk of allowed transitions in date order, ending in `phase`.
  for (std::size_t i = 1; i < d.history.size(); ++i) {
    const auto& prev = d.history[i - 1];
    const auto& cur = d.history[i];
    std::optional<model::DealPhase> paused_from;
    if (prev.phase == model::DealPhase::paused && i >= 2) {
      paused_from = d.history[i - 2].phase;
    }
    const auto& [item, at] = history_items[i];
    if (cur.date < prev.date) {
      r.error(item["date"], join(at, "date"), "a date on or after " + prev.date, cur.date);
    }
    // The same active phase again is a revision of its document (Tata's EoP of 2021, revised in
    // 2022); anything else must be an allowed transition.
    const bool revision = prev.phase == cur.phase && prev.phase != model::DealPhase::stopped &&
                          prev.phase != model::DealPhase::paused;
    if (!revision && !model::transition_allowed(prev.phase, cur.phase, paused_from)) {
      r.error(item["phase"], join(at, "phase"),
              fmt::format("a phase reachable from {} or a revision of it (docs/deals.md, \"Phases\")",
                          model::phase_name(prev.phase)),
              std::string(model::phase_name(cur.phase)));
    }
  }
  if (root["history"].IsDefined() && root["history"].IsSequence() && root["history"].size() == 0) {
    r.error(root["history"], "history", "at least the entry of the current phase", "an empty list");
  }
  // Only a history read whole says what the last phase is (a bad entry is reported already).
  const bool history_whole = root["history"].IsDefined() && root["history"].IsSequence() &&
                             history_items.size() == root["history"].size();
  if (phase) {
    d.phase = *phase;
    if (history_whole && !d.history.empty() && d.history.back().phase != *phase) {
      r.error(root["phase"], "phase",
              fmt::format("the phase of the last history entry ({})", model::phase_name(d.history.back().phase)),
              std::string(model::phase_name(*phase)));
    }
  }
  if (root["company_commitments"].IsDefined()) {
    read_company(r, root["company_commitments"], d);
  }
  if (root["government_commitments"].IsDefined()) {
    read_government(r, root["government_commitments"], d);
  }
  d.conditions = r.texts(root["conditions"], "conditions");
  d.exit_clauses = r.texts(root["exit_clauses"], "exit_clauses");
  if (root["claw_back"].IsDefined()) {
    read_claw_back(r, root["claw_back"], d);
  }
  if (const auto& m = root["monitoring"]; m.IsDefined()) {
    if (r.keys(m, "monitoring", {"on_track_tolerance", "breach_below"})) {
      if (m["on_track_tolerance"].IsDefined()) {
        d.monitoring.on_track_tolerance =
            r.number(m["on_track_tolerance"], "monitoring.on_track_tolerance", 0, 1, "a share").value_or(0.05);
      }
      if (m["breach_below"].IsDefined()) {
        d.monitoring.breach_below =
            r.number(m["breach_below"], "monitoring.breach_below", 0, 1, "a share").value_or(0.8);
      }
      if (d.monitoring.breach_below > 1 - d.monitoring.on_track_tolerance) {
        r.error(m["breach_below"], "monitoring.breach_below",
                fmt::format("at most 1 − on_track_tolerance ({})", 1 - d.monitoring.on_track_tolerance),
                fmt::format("{}", d.monitoring.breach_below), m);
      }
    }
  }
  std::set<std::string> milestone_ids;
  r.list(root["milestones"], "milestones", [&](const YAML::Node& item, const std::string& at) {
    if (!r.keys(item, at, {"id", "name", "due"}, {"id", "name", "due"})) {
      return;
    }
    auto id = item["id"].IsDefined() ? r.text(item["id"], join(at, "id")) : std::nullopt;
    auto name = item["name"].IsDefined() ? r.text(item["name"], join(at, "name")) : std::nullopt;
    auto due = item["due"].IsDefined() ? r.date(item["due"], join(at, "due")) : std::nullopt;
    if (id && !milestone_ids.insert(*id).second) {
      r.error(item["id"], join(at, "id"), "a milestone id not used before in this deal", core::quote_found(*id));
    }
    if (id && name && due) {
      d.milestones.push_back({*id, *name, *due});
    }
  });
  d.assumptions = r.texts(root["assumptions"], "assumptions");
  d.sources = r.texts(root["sources"], "sources");
  if (root["sources"].IsDefined() && d.sources.empty() && root["sources"].IsSequence()) {
    r.error(root["sources"], "sources", "at least one source URL", "an empty list");
  }
  if (diags.error_count() > before) {
    return std::nullopt;
  }
  return d;
}

}  // namespace

std::optional<model::Deal> load_deal_text(std::string_view text, const std::string& label,
                                          core::Diagnostics& diags) {
  auto root = parse_yaml(text, label, "deal.yaml", diags);
  if (!root) {
    return std::nullopt;
  }
  return read_deal(*root, label, diags);
}

std::optional<model::Deal> load_deal(const fs::path& path, core::Diagnostics& diags) {
  auto text = core::read_file(path, diags);
  if (!text) {
    return std::nullopt;
  }
  return load_deal_text(*text, path.string(), diags);
}

std::optional<std::vector<model::Deal>> load_deals(const fs::path& dir, core::Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error(dir.string(), 0, "", "a directory of deal files (*.yaml)", "no such directory", "deal.dir");
    return std::nullopt;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto& p = entry.path();
    if (entry.is_regular_file() && p.extension() == ".yaml" && p.filename() != "phases.yaml") {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<model::Deal> deals;
  bool ok = true;
  std::map<std::string, std::string> ids;
  for (const auto& f : files) {
    auto d = load_deal(f, diags);
    if (!d) {
      ok = false;
      continue;
    }
    if (auto [it, fresh] = ids.emplace(d->id, f.string()); !fresh) {
      core::Diagnostic diag;
      diag.code = "deal.duplicate_id";
      diag.file = f.string();
      diag.key_path = "id";
      diag.expected = "a deal id not used by another file";
      diag.found = fmt::format("\"{}\", also the id of {}", d->id, it->second);
      diags.add(std::move(diag));
      ok = false;
      continue;
    }
    deals.push_back(std::move(*d));
  }
  if (!ok) {
    return std::nullopt;
  }
  return deals;
}

std::optional<model::PhaseRealisation> load_phases(const fs::path& path, core::Diagnostics& diags) {
  auto text = core::read_file(path, diags);
  if (!text) {
    return std::nullopt;
  }
  return parse_phases(*text, path.string(), diags);
}

std::optional<model::PhaseRealisation> parse_phases(std::string_view text, const std::string& label,
                                                    core::Diagnostics& diags) {
  auto root = parse_yaml(text, label, "deal.yaml", diags);
  if (!root) {
    return std::nullopt;
  }
  const auto before = diags.error_count();
  Reader r(label, diags);
  model::PhaseRealisation out;
  out.file = label;
  if (!r.keys(*root, "", {"phases", "description"}, {"phases"})) {
    return std::nullopt;
  }
  const auto& phases = (*root)["phases"];
  if (!phases.IsMap()) {
    r.error(phases, "phases", "a mapping of phase: {probability, basis}", describe(phases));
    return std::nullopt;
  }
  std::array<bool, model::kDealPhaseCount> seen{};
  for (const auto& kv : phases) {
    const std::string at = join("phases", kv.first.Scalar());
    const auto p = r.phase(kv.first, at);
    if (!p || !r.keys(kv.second, at, {"probability", "basis"}, {"probability", "basis"})) {
      continue;
    }
    const auto i = static_cast<std::size_t>(*p);
    seen[i] = true;
    if (kv.second["probability"].IsDefined()) {
      out.probability[i] =
          r.number(kv.second["probability"], join(at, "probability"), 0, 1, "a probability").value_or(0);
    }
    if (kv.second["basis"].IsDefined()) {
      out.basis[i] = r.text(kv.second["basis"], join(at, "basis")).value_or("");
    }
  }
  for (std::size_t i = 0; i < model::kDealPhaseCount; ++i) {
    if (!seen[i]) {
      r.error(phases, join("phases", model::kDealPhaseNames[i]), "an entry for every phase", "nothing");
    }
  }
  if (diags.error_count() > before) {
    return std::nullopt;
  }
  return out;
}

bool check_deal(const model::Model& model, const model::Deal& deal, core::Diagnostics& diags) {
  const auto before = diags.error_count();
  auto error = [&](std::string path, std::string expected, std::string found) {
    core::Diagnostic d;
    d.code = "deal.reference";
    d.file = deal.file;
    d.key_path = std::move(path);
    d.expected = std::move(expected);
    d.found = std::move(found);
    diags.add(std::move(d));
  };
  std::vector<model::Index> sites;
  for (std::size_t i = 0; i < deal.sites.size(); ++i) {
    const auto s = model.find_site(deal.sites[i]);
    if (s == model::kNone) {
      error(indexed("sites", i), fmt::format("a site id of dataset {}", model.info.name),
            core::quote_found(deal.sites[i]));
    }
    sites.push_back(s);
  }
  for (std::size_t k = 0; k < deal.projects.size(); ++k) {
    const auto& p = deal.projects[k];
    const auto at = indexed("company_commitments.projects", k) + ".option";
    const auto options = model::project_options(model, p);
    if (options.empty()) {
      error(at, fmt::format("an option id (or prefix*) of dataset {}", model.info.name), core::quote_found(p.option));
    }
    for (auto o : options) {
      if (std::find(sites.begin(), sites.end(), model.options.site[o]) == sites.end()) {
        error(at, "options at the deal's sites",
              fmt::format("{} at site {}", model.options.id[o], model.sites.id[model.options.site[o]]));
      }
    }
  }
  for (std::size_t k = 0; k < deal.infrastructure.size(); ++k) {
    if (model.find_infrastructure(deal.infrastructure[k].infra) == model::kNone) {
      error(indexed("government_commitments.infrastructure", k) + ".infra",
            fmt::format("an infrastructure id of dataset {}", model.info.name),
            core::quote_found(deal.infrastructure[k].infra));
    }
  }
  return diags.error_count() == before;
}

model::DealBook load_deal_book_or_throw(const model::Model& model, const std::filesystem::path& dir) {
  core::Diagnostics diags;
  auto deals = load_deals(dir, diags);
  auto phases = load_phases(dir / "phases.yaml", diags);
  if (deals) {
    for (const auto& d : *deals) {
      check_deal(model, d, diags);
    }
  }
  if (diags.has_errors() || !deals || !phases) {
    throw core::Error(diags);
  }
  return model::DealBook{dir.string(), std::move(*deals), std::move(*phases)};
}

}  // namespace decarbfund::data
