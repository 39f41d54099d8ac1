// A deal file's sources and assumptions (docs/deals.md "Sources"): each date, amount and tonne of
// the file names the URL that states it, or the assumption that stands in for it. Items are
// either a plain text (a URL, an assumption) or a mapping that also names the facts it covers:
//   sources:
//     - url: https://www.rijksoverheid.nl/…
//       cites: [committed_reduction_t.2030, max_support_eur]
//   assumptions:
//     - text: "payment schedule: four equal tranches (not public)"
//       covers: [payments]

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "data/deal_reader.hpp"

namespace decarbfund::data::detail {

namespace {

/// The fact names of `list` (a `cites` or `covers` list), with the node each came from.
std::vector<std::pair<std::string, YamlNode>> fact_list(DealReader& r, const YamlNode& list,
                                                          const std::string& at) {
  std::vector<std::pair<std::string, YamlNode>> out;
  if (!list.is_sequence() || list.size() == 0) {
    r.error(list, at, "a list of the facts it states (docs/deals.md \"Sources\")", describe(list));
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto t = r.text(list[i], indexed(at, i))) {
      out.emplace_back(*t, list[i]);
    }
  }
  return out;
}

}  // namespace

void read_sources(DealReader& r, const YamlNode& root, model::Deal& d, std::vector<FactRef>& refs) {
  const auto& n = root["sources"];
  if (!n.defined()) {
    return;
  }
  if (!n.is_sequence()) {
    r.error(n, "sources", "a list of URLs or {url, cites}", describe(n));
    return;
  }
  if (n.size() == 0) {
    r.error(n, "sources", "at least one source URL", "an empty list");
    return;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    const auto at = indexed("sources", i);
    const auto& item = n[i];
    if (item.is_scalar()) {
      if (auto url = r.text(item, at)) {
        d.sources.push_back(*url);
      }
      continue;
    }
    if (!r.keys(item, at, {"url", "cites", "note"}, {"url", "cites"})) {
      continue;
    }
    const auto url = item["url"].defined() ? r.text(item["url"], join(at, "url")) : std::nullopt;
    if (!url) {
      continue;
    }
    d.sources.push_back(*url);
    if (item["cites"].defined()) {
      for (auto& [fact, node] : fact_list(r, item["cites"], join(at, "cites"))) {
        d.fact_sources.emplace(fact, *url);  // the first source citing a fact is the one shown
        refs.push_back({std::move(fact), node, join(at, "cites")});
      }
    }
  }
}

void read_assumptions(DealReader& r, const YamlNode& root, model::Deal& d, std::vector<FactRef>& refs) {
  const auto& n = root["assumptions"];
  if (!n.defined()) {
    return;
  }
  if (!n.is_sequence()) {
    r.error(n, "assumptions", "a list of texts or {text, covers}", describe(n));
    return;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    const auto at = indexed("assumptions", i);
    const auto& item = n[i];
    if (item.is_scalar()) {
      if (auto t = r.text(item, at)) {
        d.assumptions.push_back(*t);
      }
      continue;
    }
    if (!r.keys(item, at, {"text", "covers"}, {"text", "covers"})) {
      continue;
    }
    if (auto t = item["text"].defined() ? r.text(item["text"], join(at, "text")) : std::nullopt) {
      d.assumptions.push_back(*t);
    }
    if (item["covers"].defined()) {
      for (auto& [fact, node] : fact_list(r, item["covers"], join(at, "covers"))) {
        d.assumed_facts.insert(fact);
        refs.push_back({std::move(fact), node, join(at, "covers")});
      }
    }
  }
}

void check_fact_refs(DealReader& r, const model::Deal& d, const std::vector<FactRef>& refs) {
  const auto facts = model::deal_facts(d);
  for (const auto& ref : refs) {
    if (std::find(facts.begin(), facts.end(), ref.fact) == facts.end()) {
      std::string names;
      for (const auto& f : facts) {
        names += names.empty() ? "" : ", ";
        names += f;
      }
      r.error(ref.node, ref.path, "a fact of this deal: one of " + names, core::quote_found(ref.fact));
    }
  }
}

}  // namespace decarbfund::data::detail
