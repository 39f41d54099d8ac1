// The two sides of a deal file's commitments and its claw-back (docs/deals.md "The deal file").

#include <cmath>

#include <fmt/format.h>

#include "data/deal_reader.hpp"

namespace decarbfund::data::detail {

namespace {

/// `{year: t/yr}`, at least one year (committed_reduction_t, stated_additional_t).
void read_tonnes_by_year(DealReader& r, const YamlNode& c, const std::string& path, std::map<int, double>& out) {
  if (!c.defined()) {
    return;
  }
  if (!c.is_map() || c.size() == 0) {
    r.error(c, path, "a mapping of year: t/yr (at least one year)", describe(c));
    return;
  }
  for (const auto& kv : c) {
    const auto at = fmt::format("{}[{}]", path, kv.first.scalar());
    const auto y = r.year(kv.first, at);
    const auto v = r.number(kv.second, at, 0, kMaxT, "a reduction in t/yr");
    if (y && v) {
      out[*y] = *v;
    }
  }
}

}  // namespace

void read_company(DealReader& r, const YamlNode& n, model::Deal& d) {
  const std::string p = "company_commitments";
  if (!r.keys(n, p,
              {"projects", "committed_reduction_t", "baseline_year", "baseline_emissions_t",
               "climate_neutral_year", "co_benefits", "stay_invested_until", "stated_additional_t"},
              {"projects", "committed_reduction_t"})) {
    return;
  }
  r.list(n["projects"], join(p, "projects"), [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"option", "start_year", "note"}, {"option", "start_year"})) {
      return;
    }
    model::DealProject project;
    auto o = item["option"].defined() ? r.text(item["option"], join(at, "option")) : std::nullopt;
    auto y = item["start_year"].defined() ? r.year(item["start_year"], join(at, "start_year")) : std::nullopt;
    if (item["note"].defined()) {
      project.note = r.text(item["note"], join(at, "note")).value_or("");
    }
    if (o && y) {
      project.option = *o;
      project.start_year = *y;
      d.projects.push_back(std::move(project));
    }
  });
  if (n["projects"].defined() && n["projects"].is_sequence() && n["projects"].size() == 0) {
    r.error(n["projects"], join(p, "projects"), "at least one committed project", "an empty list");
  }
  read_tonnes_by_year(r, n["committed_reduction_t"], join(p, "committed_reduction_t"), d.committed_reduction_t);
  read_tonnes_by_year(r, n["stated_additional_t"], join(p, "stated_additional_t"), d.stated_additional_t);
  if (n["baseline_year"].defined()) {
    d.baseline_year = r.year(n["baseline_year"], join(p, "baseline_year")).value_or(0);
  }
  if (n["baseline_emissions_t"].defined()) {
    d.baseline_emissions_t =
        r.number(n["baseline_emissions_t"], join(p, "baseline_emissions_t"), 0, kMaxT, "emissions in t/yr")
            .value_or(0);
  }
  if (n["climate_neutral_year"].defined()) {
    d.climate_neutral_year = r.year(n["climate_neutral_year"], join(p, "climate_neutral_year")).value_or(0);
  }
  if (n["stay_invested_until"].defined()) {
    d.stay_invested_until = r.year(n["stay_invested_until"], join(p, "stay_invested_until")).value_or(0);
  }
  r.list(n["co_benefits"], join(p, "co_benefits"), [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"what", "commitment", "unit", "baseline", "change", "change_pct", "by_year"},
                {"what", "commitment"})) {
      return;
    }
    model::DealCoBenefit b;
    b.what = item["what"].defined() ? r.text(item["what"], join(at, "what")).value_or("") : "";
    b.commitment =
        item["commitment"].defined() ? r.text(item["commitment"], join(at, "commitment")).value_or("") : "";
    if (item["change_pct"].defined()) {
      b.change_pct = r.number(item["change_pct"], join(at, "change_pct"), -100, 100, "a change in %").value_or(0);
    }
    if (item["by_year"].defined()) {
      b.by_year = r.year(item["by_year"], join(at, "by_year")).value_or(0);
    }
    if (item["unit"].defined()) {
      b.unit = r.text(item["unit"], join(at, "unit")).value_or("");
    }
    if (item["baseline"].defined()) {
      b.baseline = r.number(item["baseline"], join(at, "baseline"), 0, 1e15, "a baseline in the co-benefit's unit")
                       .value_or(0);
    }
    if (item["change"].defined()) {
      b.change = r.number(item["change"], join(at, "change"), -1e15, 1e15, "a change in the co-benefit's unit")
                     .value_or(0);
    }
    // Numbers need their unit, and a commitment is an amount or a share, not both.
    if ((item["baseline"].defined() || item["change"].defined()) && !item["unit"].defined()) {
      r.error(item, join(at, "unit"), "the unit of baseline and change (t/yr, m3/yr …)", "nothing");
    }
    if (item["change"].defined() && item["change_pct"].defined()) {
      r.error(item["change_pct"], join(at, "change_pct"), "either change (an amount) or change_pct (a share), not both",
              "both");
    }
    if (b.change != 0 && b.baseline > 0 && b.baseline + b.change < 0) {
      r.error(item["change"], join(at, "change"), fmt::format("a change of at most the baseline ({})", b.baseline),
              fmt::format("{}", b.change));
    }
    d.co_benefits.push_back(std::move(b));
  });
}

void read_government(DealReader& r, const YamlNode& n, model::Deal& d) {
  const std::string p = "government_commitments";
  if (!r.keys(n, p,
              {"max_support_eur", "max_support_basis", "payments", "performance_linked_share",
               "infrastructure", "permit_acceleration", "generic_instrument_excluded", "obligations", "other_support"},
              {"max_support_eur", "max_support_basis"})) {
    return;
  }
  bool max_ok = false;
  if (n["max_support_eur"].defined()) {
    const auto v = r.money(n["max_support_eur"], join(p, "max_support_eur"), 0);
    max_ok = v.has_value();
    d.max_support_eur = v.value_or(0);
  }
  if (n["max_support_basis"].defined()) {
    d.max_support_basis = r.text(n["max_support_basis"], join(p, "max_support_basis")).value_or("");
  }
  r.list(n["payments"], join(p, "payments"), [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"year", "amount_eur"}, {"year", "amount_eur"})) {
      return;
    }
    const auto y = item["year"].defined() ? r.year(item["year"], join(at, "year")) : std::nullopt;
    const auto a = item["amount_eur"].defined()
                       ? r.money(item["amount_eur"], join(at, "amount_eur"), 1)
                       : std::nullopt;
    if (y && a) {
      d.payments.push_back({*y, *a});
    }
  });
  if (n["performance_linked_share"].defined()) {
    d.performance_linked_share =
        r.number(n["performance_linked_share"], join(p, "performance_linked_share"), 0, 1, "a share")
            .value_or(0);
  }
  r.list(n["infrastructure"], join(p, "infrastructure"), [&](const YamlNode& item, const std::string& at) {
    if (!r.keys(item, at, {"infra", "amount", "from_year", "note"}, {"infra", "amount", "from_year"})) {
      return;
    }
    model::DealInfrastructure inf;
    auto id = item["infra"].defined() ? r.text(item["infra"], join(at, "infra")) : std::nullopt;
    auto amount = item["amount"].defined()
                      ? r.number(item["amount"], join(at, "amount"), 0, kMaxT, "MW or t/yr")
                      : std::nullopt;
    auto y = item["from_year"].defined() ? r.year(item["from_year"], join(at, "from_year")) : std::nullopt;
    if (item["note"].defined()) {
      inf.note = r.text(item["note"], join(at, "note")).value_or("");
    }
    if (id && amount && y) {
      inf.infra = *id;
      inf.amount = *amount;
      inf.from_year = *y;
      d.infrastructure.push_back(std::move(inf));
    }
  });
  if (n["permit_acceleration"].defined()) {
    d.permit_acceleration = r.boolean(n["permit_acceleration"], join(p, "permit_acceleration")).value_or(false);
  }
  read_obligations(r, n["obligations"], join(p, "obligations"), d);
  read_other_support(r, n["other_support"], join(p, "other_support"), d);
  if (n["generic_instrument_excluded"].defined()) {
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

void read_claw_back(DealReader& r, const YamlNode& n, model::Deal& d) {
  const std::string p = "claw_back";
  if (!r.keys(n, p, {"rule", "share", "projected_profit_eur", "basis", "measure"}, {"rule", "basis"})) {
    return;
  }
  if (const auto& m = n["measure"]; m.defined()) {
    bool ok = false;
    for (std::size_t i = 0; i < model::kDeliveryMeasureNames.size(); ++i) {
      if (m.is_scalar() && m.scalar() == model::kDeliveryMeasureNames[i]) {
        d.claw_back.measure = static_cast<model::DeliveryMeasure>(i);
        ok = true;
      }
    }
    if (!ok) {
      r.error(m, join(p, "measure"), "absolute or intensity (docs/deals.md \"Intensity\")", describe(m));
    }
  }
  const auto& rule = n["rule"];
  if (rule.defined()) {
    bool ok = false;
    for (std::size_t i = 0; i < model::kClawBackRuleNames.size(); ++i) {
      if (rule.is_scalar() && rule.scalar() == model::kClawBackRuleNames[i]) {
        d.claw_back.rule = static_cast<model::ClawBackRule>(i);
        ok = true;
      }
    }
    if (!ok) {
      r.error(rule, join(p, "rule"), "one of none, pro_rata_shortfall, profit_share", describe(rule));
    }
  }
  if (n["share"].defined()) {
    d.claw_back.share = r.number(n["share"], join(p, "share"), 0, 1, "a share").value_or(1);
  }
  if (n["basis"].defined()) {
    d.claw_back.basis = r.text(n["basis"], join(p, "basis")).value_or("");
  }
  const auto& pp = n["projected_profit_eur"];
  if (pp.defined()) {
    if (!pp.is_map()) {
      r.error(pp, join(p, "projected_profit_eur"), "a mapping of year: EUR", describe(pp));
    } else {
      for (const auto& kv : pp) {
        const auto at = fmt::format("{}.projected_profit_eur[{}]", p, kv.first.scalar());
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

}  // namespace decarbfund::data::detail
