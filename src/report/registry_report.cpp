#include "report/registry_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

json co_benefits_json(const registry::DealStatus& s) {
  json a = json::array();
  for (const auto& b : s.co_benefits) {
    a.push_back({{"what", b.what},
                 {"unit", b.unit},
                 {"baseline", b.baseline ? json(*b.baseline) : json(nullptr)},
                 {"committed_level", b.committed_level ? json(*b.committed_level) : json(nullptr)},
                 {"by_year", b.by_year == 0 ? json(nullptr) : json(b.by_year)},
                 {"monitored_year", b.monitored_year == 0 ? json(nullptr) : json(b.monitored_year)},
                 {"monitored", b.monitored ? json(*b.monitored) : json(nullptr)},
                 {"state", b.state}});
  }
  return a;
}

json obligations_json(const registry::DealStatus& s) {
  json a = json::array();
  auto text_or_null = [](const std::string& t) { return t.empty() ? json(nullptr) : json(t); };
  for (const auto& o : s.obligations) {
    a.push_back({{"id", o.id},
                 {"side", o.side},
                 {"kind", o.kind},
                 {"what", o.what},
                 {"due", o.due},
                 {"shifted_due", text_or_null(o.shifted_due)},
                 {"status", o.status},
                 {"status_date", text_or_null(o.status_date)},
                 {"expected", text_or_null(o.expected)},
                 {"late", o.late},
                 {"delay_days", o.delay_days},
                 {"shifts", o.shifts}});
  }
  return a;
}

json status_object(const registry::DealStatus& s) {
  return {{"deal", s.deal_id},
          {"company", s.company},
          {"phase", model::phase_name(s.phase)},
          {"year", s.year},
          {"committed_t", s.committed_t},
          {"realised_t", s.realised_t},
          {"verified_emissions_t", s.verified_emissions_t},
          {"overdue_milestones", s.overdue_milestones},
          {"status", registry::status_name(s.status)},
          {"max_support_eur", s.max_support_eur},
          {"paid_eur", s.paid_eur},
          {"claw_back_eur", s.claw_back_eur},
          {"co_benefits_behind", s.co_benefits_behind},
          {"co_benefits", co_benefits_json(s)},
          {"measure", model::kDeliveryMeasureNames[static_cast<std::size_t>(s.measure)]},
          {"production_index", s.production_index ? json(*s.production_index) : json(nullptr)},
          {"realised_intensity_t", s.realised_intensity_t ? json(*s.realised_intensity_t) : json(nullptr)},
          {"production_effect_t", s.production_effect_t ? json(*s.production_effect_t) : json(nullptr)},
          {"late_state_obligations", s.late_state_obligations},
          {"obligations", obligations_json(s)}};
}

json status_array(const std::vector<registry::DealStatus>& rows) {
  json j = json::array();
  for (const auto& s : rows) {
    j.push_back(status_object(s));
  }
  return j;
}

constexpr const char* kStatusHeader =
    "deal               phase            year  committed   realised    status  max MEUR paid MEUR claw MEUR\n";

std::string status_lines(const std::vector<registry::DealStatus>& rows) {
  std::string out = kStatusHeader;
  for (const auto& s : rows) {
    out += fmt::format("{:<18} {:<15} {:>5} {:>10.0f} {:>10.0f} {:>9} {:>9.1f} {:>9.1f} {:>8.1f}\n", s.deal_id,
                       model::phase_name(s.phase), s.year == 0 ? std::string("-") : std::to_string(s.year),
                       s.committed_t, s.realised_t, registry::status_name(s.status), s.max_support_eur / 1e6,
                       s.paid_eur / 1e6, s.claw_back_eur / 1e6);
  }
  // Co-benefits with a monitored value or a committed level, one line each under the table.
  for (const auto& s : rows) {
    for (const auto& b : s.co_benefits) {
      if (b.state == "not_quantified") {
        continue;
      }
      out += fmt::format("  {} {}: {} against a committed {} {}{} — {}\n", s.deal_id, b.what,
                         b.monitored ? fmt::format("{:.6g} {} in {}", *b.monitored, b.unit, b.monitored_year)
                                     : std::string("nothing monitored"),
                         fmt::format("{:.6g}", *b.committed_level), b.unit,
                         b.by_year > 0 ? fmt::format(" by {}", b.by_year) : std::string(), b.state);
    }
  }
  // Production next to emissions: how much of the absolute reduction a production change explains.
  for (const auto& s : rows) {
    if (s.production_index) {
      out += fmt::format("  {} production {:.3g} × baseline in {}: reduction {:.0f} t absolute, {:.0f} t at the baseline's "
                         "production ({:+.0f} t from production); judged on {}\n",
                         s.deal_id, *s.production_index, s.year, s.realised_t, *s.realised_intensity_t,
                         *s.production_effect_t, model::kDeliveryMeasureNames[static_cast<std::size_t>(s.measure)]);
    }
  }
  // Late obligations of either side, and every company due date a state delay moved.
  for (const auto& s : rows) {
    for (const auto& o : s.obligations) {
      if (o.side == "state" && o.late && o.status != "cancelled") {
        out += fmt::format("  {} state {} {} due {}: {}{}{} — {}\n", s.deal_id, o.kind, o.id, o.due,
                           o.status == "met" ? "met " + o.status_date : o.status == "late" ? std::string("reported late")
                                                                                          : std::string("not met"),
                           !o.expected.empty() ? ", expected " + o.expected : std::string(),
                           o.delay_days > 0 ? fmt::format(" ({} days late)", o.delay_days) : std::string(), o.what);
      } else if (o.side == "company" && !o.shifted_due.empty()) {
        out += fmt::format("  {} company milestone {} due {} moves to {} (late state obligation {}){}\n", s.deal_id,
                           o.id, o.due, o.shifted_due, fmt::join(o.shifts, ", "), o.late ? ": overdue" : "");
      } else if (o.side == "company" && o.late) {
        out += fmt::format("  {} company milestone {} due {}: overdue — {}\n", s.deal_id, o.id, o.due, o.what);
      }
    }
  }
  return out;
}

}  // namespace

PortfolioTotals portfolio_totals(const std::vector<registry::DealStatus>& rows) {
  PortfolioTotals t;
  t.deals = rows.size();
  for (const auto& s : rows) {
    t.max_support_eur += s.max_support_eur;
    t.paid_eur += s.paid_eur;
    t.claw_back_eur += s.claw_back_eur;
    t.committed_t += s.committed_t;
    t.realised_t += s.realised_t;
    switch (s.status) {
      case registry::Status::on_track:
        ++t.on_track;
        break;
      case registry::Status::at_risk:
        ++t.at_risk;
        break;
      case registry::Status::breached:
        ++t.breached;
        break;
      case registry::Status::no_data:
        ++t.no_data;
        break;
    }
  }
  return t;
}

std::string registry_status_json(const std::vector<registry::DealStatus>& rows) {
  return status_array(rows).dump(2) + "\n";
}

std::string registry_status_text(const std::vector<registry::DealStatus>& rows) { return status_lines(rows); }

std::string registry_report_json(const std::vector<registry::DealStatus>& rows) {
  const auto t = portfolio_totals(rows);
  json j;
  j["deals"] = status_array(rows);
  j["totals"] = {{"deals", t.deals},         {"max_support_eur", t.max_support_eur},
                 {"paid_eur", t.paid_eur},   {"claw_back_eur", t.claw_back_eur},
                 {"committed_t", t.committed_t}, {"realised_t", t.realised_t},
                 {"on_track", t.on_track},   {"at_risk", t.at_risk},
                 {"breached", t.breached},   {"no_data", t.no_data}};
  return j.dump(2) + "\n";
}

std::string registry_report_text(const std::vector<registry::DealStatus>& rows, const std::string& db) {
  const auto t = portfolio_totals(rows);
  return fmt::format("Portfolio of {} ({} deals)\n", db, rows.size()) + status_lines(rows) +
         fmt::format("total: max support {:.1f} MEUR, paid {:.1f} MEUR, claw-back due {:.1f} MEUR; committed {:.0f} t, "
                     "realised {:.0f} t; on track {}, at risk {}, breached {}, no data {}\n",
                     t.max_support_eur / 1e6, t.paid_eur / 1e6, t.claw_back_eur / 1e6, t.committed_t, t.realised_t,
                     t.on_track, t.at_risk, t.breached, t.no_data);
}

std::string claw_back_json(const std::string& deal_id, const registry::ClawBackResult& c, Audience audience) {
  json j;
  j["deal"] = deal_id;
  j["rule"] = model::kClawBackRuleNames[static_cast<std::size_t>(c.rule)];
  j["measure"] = model::kDeliveryMeasureNames[static_cast<std::size_t>(c.measure)];
  j["year"] = c.year;
  j["paid_eur"] = c.paid_eur;
  j["committed_t"] = c.committed_t;
  j["delivered_t"] = c.delivered_t;
  j["shortfall_share"] = c.shortfall_share;
  // The excess profit comes from the company's business case: confidential (docs/deals.md).
  j["excess_profit_eur"] = audience == Audience::internal ? json(c.excess_profit_eur) : json(nullptr);
  j["share"] = c.share;
  j["amount_eur"] = c.amount_eur;
  return j.dump(2) + "\n";
}

std::string claw_back_text(const std::string& deal_id, const registry::ClawBackResult& c) {
  return fmt::format(
      "{} up to {}: rule {}{}, paid {:.2f} EUR, committed {:.0f} t, delivered {:.0f} t, shortfall {:.2f} %, "
      "excess profit {:.2f} EUR, share {} → claw-back {:.2f} EUR\n",
      deal_id, c.year, model::kClawBackRuleNames[static_cast<std::size_t>(c.rule)],
      c.measure == model::DeliveryMeasure::intensity ? " on intensity" : "", c.paid_eur, c.committed_t,
      c.delivered_t, 100 * c.shortfall_share, c.excess_profit_eur, c.share, c.amount_eur);
}

}  // namespace decarbfund::report
