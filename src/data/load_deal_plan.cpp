// Stacked public support and the long-term plan of a deal file (issue 17 §5, §7; docs/deals.md
// "State aid: stacking", "Long-term plan"): `government_commitments.other_support` and
// `long_term_plan`.

#include <set>

#include <fmt/format.h>

#include "data/deal_reader.hpp"

namespace decarbfund::data::detail {

void read_other_support(DealReader& r, const YamlNode& n, const std::string& p, model::Deal& d) {
  std::set<std::string> ids;
  r.list(n, p, [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"id", "scheme", "amount_eur", "year", "note"}, {"id", "scheme", "amount_eur"})) {
      return;
    }
    model::DealOtherSupport o;
    auto id = item["id"].defined() ? r.text(item["id"], join(at, "id")) : std::nullopt;
    if (id && !ids.insert(*id).second) {
      r.error(item["id"], join(at, "id"), "a support id not used before in this deal", core::quote_found(*id));
    }
    std::optional<std::string> scheme;
    if (const auto& s = item["scheme"]; s.defined()) {
      for (auto name : model::kSupportSchemeNames) {
        if (s.is_scalar() && s.scalar() == name) {
          scheme = std::string(name);
        }
      }
      if (!scheme) {
        r.error(s, join(at, "scheme"), "one of sde++, innovation_fund, niki, other", describe(s));
      }
    }
    auto amount = item["amount_eur"].defined() ? r.money(item["amount_eur"], join(at, "amount_eur"), 1) : std::nullopt;
    if (item["year"].defined()) {
      o.year = r.year(item["year"], join(at, "year")).value_or(0);
    }
    if (item["note"].defined()) {
      o.note = r.text(item["note"], join(at, "note")).value_or("");
    }
    if (id && scheme && amount) {
      o.id = *id;
      o.scheme = *scheme;
      o.amount_eur = *amount;
      d.other_support.push_back(std::move(o));
    }
  });
}

void read_long_term_plan(DealReader& r, const YamlNode& n, model::Deal& d) {
  const std::string p = "long_term_plan";
  if (!r.keys(n, p, {"elements", "value_added_eur", "employment", "future_perspective"})) {
    return;
  }
  auto& plan = d.long_term_plan;
  std::set<std::string> ids;
  r.list(n["elements"], join(p, "elements"), [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"id", "what", "year", "reduction_t", "option", "infra"}, {"id", "what", "year"})) {
      return;
    }
    model::DealPlanElement e;
    auto id = item["id"].defined() ? r.text(item["id"], join(at, "id")) : std::nullopt;
    if (id && !ids.insert(*id).second) {
      r.error(item["id"], join(at, "id"), "a plan element id not used before in this deal", core::quote_found(*id));
    }
    auto what = item["what"].defined() ? r.text(item["what"], join(at, "what")) : std::nullopt;
    auto year = item["year"].defined() ? r.year(item["year"], join(at, "year")) : std::nullopt;
    if (item["reduction_t"].defined()) {
      e.reduction_t = r.number(item["reduction_t"], join(at, "reduction_t"), 0, kMaxT, "a reduction in t/yr").value_or(0);
    }
    if (item["option"].defined()) {
      e.option = r.text(item["option"], join(at, "option")).value_or("");
    }
    e.infra = r.texts(item["infra"], join(at, "infra"));
    if (id && what && year) {
      e.id = *id;
      e.what = *what;
      e.year = *year;
      plan.elements.push_back(std::move(e));
    }
  });
  if (n["value_added_eur"].defined()) {
    plan.value_added_eur = r.money(n["value_added_eur"], join(p, "value_added_eur"), 1).value_or(0);
  }
  if (n["employment"].defined()) {
    plan.employment = static_cast<int>(r.number(n["employment"], join(p, "employment"), 1, 1e6, "a number of jobs").value_or(0));
  }
  if (n["future_perspective"].defined()) {
    plan.future_perspective = r.text(n["future_perspective"], join(p, "future_perspective")).value_or("");
  }
}

}  // namespace decarbfund::data::detail
