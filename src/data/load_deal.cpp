#include "data/load_deal.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <set>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/civil_time.hpp"
#include "data/company_name.hpp"
#include "data/csv_reader.hpp"
#include "data/deal_reader.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data {

namespace {

namespace fs = std::filesystem;
using detail::DealReader;
using detail::indexed;
using detail::read_claw_back;
using detail::read_company;
using detail::read_government;

std::optional<model::Deal> read_deal(const YamlNode& root, const std::string& file, core::Diagnostics& diags) {
  const auto before = diags.error_count();
  DealReader r(file, diags);
  model::Deal d;
  d.file = file;
  if (!r.keys(root, "",
              {"id", "company", "sites", "phase", "history", "company_commitments", "government_commitments",
               "conditions", "exit_clauses", "claw_back", "monitoring", "milestones", "assumptions", "sources",
               "long_term_plan"},
              {"id", "company", "sites", "phase", "history", "company_commitments", "government_commitments",
               "claw_back", "sources"})) {
    return std::nullopt;
  }
  if (root["id"].defined()) {
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
  if (root["company"].defined()) {
    d.company = normalize_company_name(r.text(root["company"], "company").value_or(""));
  }
  if (root["sites"].defined()) {
    d.sites = r.texts(root["sites"], "sites");
    if (root["sites"].is_sequence() && d.sites.empty()) {
      r.error(root["sites"], "sites", "at least one site id", "an empty list");
    }
  }
  std::optional<model::DealPhase> phase;
  if (root["phase"].defined()) {
    phase = r.phase(root["phase"], "phase");
  }
  // The item node and key path of each entry read, for the checks below (an entry that failed
  // to read is left out, so positions in d.history are not positions in the file).
  std::vector<std::pair<YamlNode, std::string>> history_items;
  r.list(root["history"], "history", [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"phase", "date", "source", "note"}, {"phase", "date", "source"})) {
      return;
    }
    model::DealEvent e;
    auto ph = item["phase"].defined() ? r.phase(item["phase"], join(at, "phase")) : std::nullopt;
    auto dt = item["date"].defined() ? r.date(item["date"], join(at, "date")) : std::nullopt;
    auto src = item["source"].defined() ? r.text(item["source"], join(at, "source")) : std::nullopt;
    if (item["note"].defined()) {
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
  if (root["history"].defined() && root["history"].is_sequence() && root["history"].size() == 0) {
    r.error(root["history"], "history", "at least the entry of the current phase", "an empty list");
  }
  // Only a history read whole says what the last phase is (a bad entry is reported already).
  const bool history_whole = root["history"].defined() && root["history"].is_sequence() &&
                             history_items.size() == root["history"].size();
  if (phase) {
    d.phase = *phase;
    if (history_whole && !d.history.empty() && d.history.back().phase != *phase) {
      r.error(root["phase"], "phase",
              fmt::format("the phase of the last history entry ({})", model::phase_name(d.history.back().phase)),
              std::string(model::phase_name(*phase)));
    }
  }
  if (root["company_commitments"].defined()) {
    read_company(r, root["company_commitments"], d);
  }
  if (root["government_commitments"].defined()) {
    read_government(r, root["government_commitments"], d);
  }
  if (root["long_term_plan"].defined()) {
    detail::read_long_term_plan(r, root["long_term_plan"], d);
  }
  d.conditions = r.texts(root["conditions"], "conditions");
  d.exit_clauses = r.texts(root["exit_clauses"], "exit_clauses");
  if (root["claw_back"].defined()) {
    read_claw_back(r, root["claw_back"], d);
  }
  if (const auto& m = root["monitoring"]; m.defined()) {
    if (r.keys(m, "monitoring", {"on_track_tolerance", "breach_below"})) {
      if (m["on_track_tolerance"].defined()) {
        d.monitoring.on_track_tolerance =
            r.number(m["on_track_tolerance"], "monitoring.on_track_tolerance", 0, 1, "a share").value_or(0.05);
      }
      if (m["breach_below"].defined()) {
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
  r.list(root["milestones"], "milestones", [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"id", "name", "due"}, {"id", "name", "due"})) {
      return;
    }
    auto id = item["id"].defined() ? r.text(item["id"], join(at, "id")) : std::nullopt;
    auto name = item["name"].defined() ? r.text(item["name"], join(at, "name")) : std::nullopt;
    auto due = item["due"].defined() ? r.date(item["due"], join(at, "due")) : std::nullopt;
    if (id && !milestone_ids.insert(*id).second) {
      r.error(item["id"], join(at, "id"), "a milestone id not used before in this deal", core::quote_found(*id));
    }
    if (id && name && due) {
      d.milestones.push_back({*id, *name, *due});
    }
  });
  if (const auto& gov = root["government_commitments"]; gov.defined() && gov.is_map()) {
    detail::check_obligation_shifts(r, gov["obligations"], "government_commitments.obligations", d);
  }
  std::vector<detail::FactRef> refs;
  detail::read_assumptions(r, root, d, refs);
  detail::read_sources(r, root, d, refs);
  detail::check_fact_refs(r, d, refs);
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

std::vector<fs::path> deal_files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto& p = entry.path();
    if (entry.is_regular_file() && p.extension() == ".yaml" && p.filename() != kPhasesFile) {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<std::vector<model::Deal>> load_deals(const fs::path& dir, core::Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error(dir.string(), 0, "", "a directory of deal files (*.yaml)", "no such directory", "deal.dir");
    return std::nullopt;
  }
  const auto files = deal_files_in(dir);
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
  DealReader r(label, diags);
  model::PhaseRealisation out;
  out.file = label;
  if (!r.keys(*root, "", {"phases", "description"}, {"phases"})) {
    return std::nullopt;
  }
  const auto& phases = (*root)["phases"];
  if (!phases.is_map()) {
    r.error(phases, "phases", "a mapping of phase: {probability, basis}", describe(phases));
    return std::nullopt;
  }
  std::array<bool, model::kDealPhaseCount> seen{};
  for (const auto& kv : phases) {
    const std::string at = join("phases", kv.first.scalar());
    const auto p = r.phase(kv.first, at);
    if (!p || !r.keys(kv.second, at, {"probability", "basis"}, {"probability", "basis"})) {
      continue;
    }
    const auto i = static_cast<std::size_t>(*p);
    seen[i] = true;
    if (kv.second["probability"].defined()) {
      out.probability[i] =
          r.number(kv.second["probability"], join(at, "probability"), 0, 1, "a probability").value_or(0);
    }
    if (kv.second["basis"].defined()) {
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

UncheckedDealBook read_deal_book(const std::filesystem::path& dir) {
  UncheckedDealBook book;
  book.dir = dir.string();
  book.deals = load_deals(dir, book.diags);
  book.phases = load_phases(dir / "phases.yaml", book.diags);
  return book;
}

model::DealBook check_deal_book_or_throw(const model::Model& model, UncheckedDealBook book) {
  if (book.deals) {
    for (const auto& d : *book.deals) {
      check_deal(model, d, book.diags);
    }
  }
  if (book.diags.has_errors() || !book.deals || !book.phases) {
    throw core::Error(book.diags);
  }
  return model::DealBook{std::move(book.dir), std::move(*book.deals), std::move(*book.phases)};
}

model::DealBook load_deal_book_or_throw(const model::Model& model, const std::filesystem::path& dir) {
  return check_deal_book_or_throw(model, read_deal_book(dir));
}

}  // namespace decarbfund::data
