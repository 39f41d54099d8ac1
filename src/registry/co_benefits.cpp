// The registry's co-benefits (issue 17 §3, docs/deals.md "Co-benefits"): what each deal commits to
// beyond CO2 (NOx, NH3, gas, water) as numbers, imported with the deal, and the values monitored
// each year against the committed level.

#include <cmath>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"

namespace decarbfund::registry {

using detail::fail;
using detail::Stmt;
using detail::Transaction;

void Registry::record_co_benefit(const std::string& deal_id, const std::string& what, int year, double value,
                                 const std::string& actor) {
  if (actor.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(path_, "--actor", "who records the change (a name or role)", actor.empty() ? "nothing" : core::quote_found(actor));
  }
  if (year < 1990 || year > 2100) {
    fail(path_, "year", "a year from 1990 to 2100", std::to_string(year));
  }
  if (!(value >= 0 && value < 1e15)) {
    fail(path_, "--value", "a monitored value of 0 or more in the co-benefit's unit", fmt::format("{}", value));
  }
  Transaction tx(db_, path_);
  check_before_write();
  std::string unit;
  {
    Stmt s(db_, path_, "SELECT unit FROM co_benefits WHERE deal_id = ? AND what = ?");
    s.bind(1, deal_id).bind(2, what);
    if (!s.step()) {
      std::string names;
      Stmt n(db_, path_, "SELECT what FROM co_benefits WHERE deal_id = ? ORDER BY what");
      n.bind(1, deal_id);
      while (n.step()) {
        names += (names.empty() ? "" : ", ") + n.text(0);
      }
      fail(path_, fmt::format("deal '{}': co-benefit", deal_id),
           names.empty() ? std::string("a deal in the registry with co-benefits") : "one of its co-benefits: " + names,
           core::quote_found(what), "registry.unknown_co_benefit");
    }
    unit = s.text(0);
  }
  if (unit.empty()) {
    fail(path_, fmt::format("deal '{}': co-benefit '{}'", deal_id, what),
         "a co-benefit the deal file quantifies (a unit)", "one stated in words only", "registry.not_quantified");
  }
  {
    Stmt s(db_, path_, "SELECT 1 FROM co_benefit_monitoring WHERE deal_id = ? AND what = ? AND year = ?");
    s.bind(1, deal_id).bind(2, what).bind(3, year);
    if (s.step()) {
      fail(path_, fmt::format("deal '{}': co-benefit '{}' {}", deal_id, what, year), "a year not yet recorded",
           "already recorded", "registry.duplicate");
    }
  }
  Stmt s(db_, path_, "INSERT INTO co_benefit_monitoring VALUES (?, ?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, what).bind(3, year).bind(4, value).bind(5, actor);
  s.step();
  append_audit(actor, "co-benefit", deal_id, fmt::format("what={}\nyear={}\nvalue={:.17g}\nunit={}", what, year, value, unit));
  tx.commit();
}

std::vector<CoBenefitStatus> Registry::co_benefit_status(const std::string& deal_id, int year) const {
  std::vector<CoBenefitStatus> out;
  Stmt s(db_, path_,
         "SELECT what, unit, baseline, committed_level, by_year FROM co_benefits WHERE deal_id = ? ORDER BY what");
  s.bind(1, deal_id);
  while (s.step()) {
    CoBenefitStatus b;
    b.what = s.text(0);
    b.unit = s.text(1);
    if (!s.is_null(2)) {
      b.baseline = s.number(2);
    }
    if (!s.is_null(3)) {
      b.committed_level = s.number(3);
    }
    b.by_year = static_cast<int>(s.integer(4));
    out.push_back(std::move(b));
  }
  for (auto& b : out) {
    Stmt m(db_, path_,
           "SELECT year, value FROM co_benefit_monitoring WHERE deal_id = ? AND what = ? AND (? = 0 OR year <= ?) "
           "ORDER BY year DESC LIMIT 1");
    m.bind(1, deal_id).bind(2, b.what).bind(3, year).bind(4, year);
    if (m.step()) {
      b.monitored_year = static_cast<int>(m.integer(0));
      b.monitored = m.number(1);
    }
    if (!b.committed_level) {
      b.state = "not_quantified";
    } else if (!b.monitored) {
      b.state = "no_data";
    } else if (*b.monitored <= *b.committed_level + 1e-9 * std::max(1.0, std::fabs(*b.committed_level))) {
      b.state = "met";
    } else {
      // Above the committed level: behind once its year has come (no year stated: judged now).
      b.state = b.by_year == 0 || b.monitored_year >= b.by_year ? "behind" : "open";
    }
  }
  return out;
}

}  // namespace decarbfund::registry
