// Intensity-based monitoring in the registry (issue 17 §4, docs/deals.md "Intensity"): the
// production index of a deal's sites per year next to their verified emissions, so that a plant
// that produces less is shown as producing less and not as delivering. A deal's claw-back measures
// delivery on the absolute or the intensity basis, as its file says (`claw_back.measure`).

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "registry/create_tables.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"

namespace decarbfund::registry {

using detail::fail;
using detail::fail_unknown_deal;
using detail::Stmt;
using detail::Transaction;

namespace {

constexpr const char* kIntensitySchema = R"(
CREATE TABLE delivery_measure (deal_id TEXT PRIMARY KEY REFERENCES deals(id), measure TEXT NOT NULL);
CREATE TABLE production (
  deal_id TEXT NOT NULL REFERENCES deals(id), year INTEGER NOT NULL, production_index REAL NOT NULL,
  actor TEXT NOT NULL, PRIMARY KEY (deal_id, year));
)";

}  // namespace

namespace detail {

void create_intensity_tables(sqlite3* db, const std::string& path) { exec(db, path, kIntensitySchema); }

}  // namespace detail

void Registry::import_delivery_measure(const model::Deal& d) {
  Stmt s(db_, path_, "INSERT INTO delivery_measure VALUES (?, ?)");
  s.bind(1, d.id).bind(2, std::string(model::kDeliveryMeasureNames[static_cast<std::size_t>(d.claw_back.measure)]));
  s.step();
}

void Registry::record_production(const std::string& deal_id, int year, double index, const std::string& actor) {
  if (actor.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(path_, "--actor", "who records the change (a name or role)", actor.empty() ? "nothing" : core::quote_found(actor));
  }
  if (year < 1990 || year > 2100) {
    fail(path_, "year", "a year from 1990 to 2100", std::to_string(year));
  }
  // 0 would make the intensity infinite; 10× the baseline's production is a typing error.
  if (!(index > 0 && index <= 10)) {
    fail(path_, "--index", "a production index above 0 and at most 10 (1 = the baseline's production)",
         fmt::format("{}", index));
  }
  Transaction tx(db_, path_);
  check_before_write();
  detail::require_deal(db_, path_, deal_id);
  {
    Stmt s(db_, path_, "SELECT 1 FROM production WHERE deal_id = ? AND year = ?");
    s.bind(1, deal_id).bind(2, year);
    if (s.step()) {
      fail(path_, fmt::format("deal '{}': production {}", deal_id, year), "a year not yet recorded", "already recorded",
           "registry.duplicate");
    }
  }
  Stmt s(db_, path_, "INSERT INTO production VALUES (?, ?, ?, ?)");
  s.bind(1, deal_id).bind(2, year).bind(3, index).bind(4, actor);
  s.step();
  append_audit(actor, "production", deal_id, fmt::format("year={}\nproduction_index={:.17g}", year, index));
  tx.commit();
}

model::DeliveryMeasure Registry::delivery_measure(const std::string& deal_id) const {
  Stmt s(db_, path_, "SELECT measure FROM delivery_measure WHERE deal_id = ?");
  s.bind(1, deal_id);
  if (s.step() && s.text(0) == model::kDeliveryMeasureNames[1]) {
    return model::DeliveryMeasure::intensity;
  }
  return model::DeliveryMeasure::absolute;
}

std::map<int, double> Registry::production_indices(const std::string& deal_id) const {
  std::map<int, double> out;
  Stmt s(db_, path_, "SELECT year, production_index FROM production WHERE deal_id = ? ORDER BY year");
  s.bind(1, deal_id);
  while (s.step()) {
    out[static_cast<int>(s.integer(0))] = s.number(1);
  }
  return out;
}

}  // namespace decarbfund::registry
