// The registry's reads: a deal's monitoring status in a year, its claw-back and the portfolio
// (docs/deals.md "Status", "Claw-back"). Reads need no audit key and change nothing.

#include <algorithm>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"

namespace decarbfund::registry {

using detail::fail;
using detail::fail_unknown_deal;
using detail::Stmt;

DealStatus Registry::status(const std::string& deal_id, int year) const {
  DealStatus st;
  st.deal_id = deal_id;
  double baseline = 0, tolerance = 0.05, breach = 0.8;
  {
    Stmt s(db_, path_,
           "SELECT company, phase, max_support_eur, baseline_emissions_t, on_track_tolerance, breach_below FROM deals "
           "WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail_unknown_deal(path_, deal_id);
    }
    st.company = s.text(0);
    st.phase = model::parse_phase(s.text(1)).value_or(model::DealPhase::exploration);
    st.max_support_eur = s.number(2);
    baseline = s.number(3);
    tolerance = s.number(4);
    breach = s.number(5);
  }
  if (year == 0) {
    Stmt s(db_, path_, "SELECT MAX(year) FROM monitoring WHERE deal_id = ?");
    s.bind(1, deal_id);
    if (s.step() && !s.is_null(0)) {
      year = static_cast<int>(s.integer(0));
    }
  }
  st.year = year;
  bool monitored = false;
  if (year != 0) {
    Stmt s(db_, path_, "SELECT verified_emissions_t FROM monitoring WHERE deal_id = ? AND year = ?");
    s.bind(1, deal_id).bind(2, year);
    if (s.step()) {
      monitored = true;
      st.verified_emissions_t = s.number(0);
      st.realised_t = baseline - st.verified_emissions_t;
    }
    // The commitment holds from its year on (model::Deal::committed_in).
    Stmt c(db_, path_, "SELECT reduction_t FROM committed WHERE deal_id = ? AND year <= ? ORDER BY year DESC LIMIT 1");
    c.bind(1, deal_id).bind(2, year);
    if (c.step()) {
      st.committed_t = c.number(0);
    }
    Stmt p(db_, path_, "SELECT COALESCE(SUM(amount_eur), 0) FROM payments WHERE deal_id = ? AND date <= ?");
    p.bind(1, deal_id).bind(2, fmt::format("{}-12-31", year));
    p.step();
    st.paid_eur = p.number(0);
  }
  // Intensity: the reduction at the baseline's production. The status judges the delivery the
  // deal measures (claw_back.measure); with no production recorded, intensity falls back to the
  // absolute figure (production unchanged).
  st.measure = delivery_measure(deal_id);
  double judged_t = st.realised_t;
  if (monitored) {
    const auto production = production_indices(deal_id);
    if (const auto it = production.find(year); it != production.end()) {
      st.production_index = it->second;
      st.realised_intensity_t = baseline - st.verified_emissions_t / it->second;
      st.production_effect_t = st.realised_t - *st.realised_intensity_t;
      if (st.measure == model::DeliveryMeasure::intensity) {
        judged_t = *st.realised_intensity_t;
      }
    }
  }
  if (monitored) {
    if (st.committed_t <= 0 || judged_t >= (1 - tolerance) * st.committed_t) {
      st.status = Status::on_track;
    } else if (judged_t < breach * st.committed_t) {
      st.status = Status::breached;
    } else {
      st.status = Status::at_risk;
    }
  }
  // Both sides' obligations; a company milestone is overdue against its due date as shifted by
  // the state's late obligations (registry/obligations.cpp).
  st.obligations = obligation_status(deal_id, year);
  for (const auto& o : st.obligations) {
    st.overdue_milestones += o.side == "company" && o.late ? 1 : 0;
    st.late_state_obligations += o.side == "state" && o.late && o.status != "cancelled" ? 1 : 0;
  }
  if (st.overdue_milestones > 0 && (st.status == Status::on_track || st.status == Status::no_data)) {
    st.status = Status::at_risk;
  }
  st.co_benefits = co_benefit_status(deal_id, year);
  for (const auto& b : st.co_benefits) {
    st.co_benefits_behind += b.state == "behind" ? 1 : 0;
  }
  const auto c = claw_back(deal_id, year);
  st.claw_back_rule = c.rule;
  if (year != 0) {
    st.claw_back_eur = c.amount_eur;
  }
  return st;
}

ClawBackResult Registry::claw_back(const std::string& deal_id, int year) const {
  ClawBackResult r;
  double baseline = 0;
  {
    Stmt s(db_, path_, "SELECT claw_back_rule, claw_back_share, baseline_emissions_t FROM deals WHERE id = ?");
    s.bind(1, deal_id);
    if (!s.step()) {
      fail_unknown_deal(path_, deal_id);
    }
    const auto rule = s.text(0);
    for (std::size_t i = 0; i < model::kClawBackRuleNames.size(); ++i) {
      if (model::kClawBackRuleNames[i] == rule) {
        r.rule = static_cast<model::ClawBackRule>(i);
      }
    }
    r.share = s.number(1);
    baseline = s.number(2);
  }
  if (year == 0) {
    Stmt s(db_, path_, "SELECT MAX(year) FROM monitoring WHERE deal_id = ?");
    s.bind(1, deal_id);
    if (s.step() && !s.is_null(0)) {
      year = static_cast<int>(s.integer(0));
    }
  }
  r.year = year;
  r.measure = delivery_measure(deal_id);
  if (year == 0) {
    return r;
  }
  const auto production = production_indices(deal_id);
  {
    Stmt p(db_, path_, "SELECT COALESCE(SUM(amount_eur), 0) FROM payments WHERE deal_id = ? AND date <= ?");
    p.bind(1, deal_id).bind(2, fmt::format("{}-12-31", year));
    p.step();
    r.paid_eur = p.number(0);
  }
  // Per monitored year: committed (held from its year on), realised, profit against projection.
  Stmt s(db_, path_,
         "SELECT m.year, m.verified_emissions_t, m.profit_eur, "
         "(SELECT c.reduction_t FROM committed c WHERE c.deal_id = m.deal_id AND c.year <= m.year ORDER BY c.year DESC "
         "LIMIT 1), "
         "(SELECT p.profit_eur FROM projected_profit p WHERE p.deal_id = m.deal_id AND p.year <= m.year ORDER BY p.year "
         "DESC LIMIT 1) "
         "FROM monitoring m WHERE m.deal_id = ? AND m.year <= ? ORDER BY m.year");
  s.bind(1, deal_id).bind(2, year);
  while (s.step()) {
    const double committed = s.is_null(3) ? 0.0 : s.number(3);
    // On the intensity basis a year's verified emissions are scaled to the baseline's production.
    const auto it = production.find(static_cast<int>(s.integer(0)));
    const double index =
        r.measure == model::DeliveryMeasure::intensity && it != production.end() ? it->second : 1.0;
    const double realised = baseline - s.number(1) / index;
    if (committed > 0) {
      r.committed_t += committed;
      r.delivered_t += std::clamp(realised, 0.0, committed);
    }
    if (!s.is_null(2)) {
      const double projected = s.is_null(4) ? 0.0 : s.number(4);
      r.excess_profit_eur += std::max(0.0, s.number(2) - projected);
    }
  }
  r.shortfall_share = r.committed_t > 0 ? (r.committed_t - r.delivered_t) / r.committed_t : 0.0;
  switch (r.rule) {
    case model::ClawBackRule::pro_rata_shortfall: r.amount_eur = r.share * r.shortfall_share * r.paid_eur; break;
    case model::ClawBackRule::profit_share: r.amount_eur = std::min(r.paid_eur, r.share * r.excess_profit_eur); break;
    case model::ClawBackRule::none: r.amount_eur = 0; break;
  }
  return r;
}

std::vector<DealStatus> Registry::portfolio(int year) const {
  std::vector<std::string> ids;
  {
    Stmt s(db_, path_, "SELECT id FROM deals ORDER BY id");
    while (s.step()) {
      ids.push_back(s.text(0));
    }
  }
  std::vector<DealStatus> out;
  for (const auto& id : ids) {
    out.push_back(status(id, year));
  }
  return out;
}

}  // namespace decarbfund::registry
