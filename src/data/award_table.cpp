#include "data/award_table.hpp"

#include <cmath>

#include <fmt/format.h>

#include "data/csv_reader.hpp"

namespace decarbfund::data {

namespace {

std::string finite(double v) { return std::isfinite(v) ? csv_number(v) : std::string(); }

// Money and tonnes to the cent / 0.001 t so the file is stable and readable. Dividing by the
// whole number of steps per unit (1000, not multiplying by 0.001) gives the double nearest the
// decimal, so the shortest representation prints 12.524, not 12.524000000000001.
std::string rounded(double v, double step) {
  return std::isfinite(v) ? csv_number(std::round(v / step) / std::round(1.0 / step)) : std::string();
}

}  // namespace

std::string awards_csv(std::span<const model::Award> awards, const model::Round& round) {
  std::string out =
      "application_id,firm_id,firm_size,technique_id,theme,project_type,status,reason,decision_order,phase,"
      "points,rate,requested_grant_eur,grant_eur,binding_cap,reduction_t_per_yr,lifetime_yr,"
      "eur_per_t,npv_without_aid_eur,payback_without_aid_yr,free_rider\n";
  out.reserve(out.size() + awards.size() * 180);
  for (const auto& a : awards) {
    out += csv_escape(a.application_id);
    out += ',';
    out += csv_escape(a.firm_id);
    out += ',';
    out += model::kFirmSizes[static_cast<std::size_t>(a.firm_size)];
    out += ',';
    out += csv_escape(a.technique_id);
    out += ',';
    out += model::kSmeThemes[static_cast<std::size_t>(a.theme)];
    out += ',';
    out += model::kProjectTypes[static_cast<std::size_t>(a.project_type)];
    out += a.awarded ? ",awarded," : ",rejected,";
    out += model::kRejectReasons[static_cast<std::size_t>(a.reason)];
    out += ',';
    out += a.decision_order >= 0 ? fmt::format("{}", a.decision_order) : std::string();
    out += ',';
    out += a.phase >= 0 && static_cast<std::size_t>(a.phase) < round.phases.size()
               ? csv_escape(round.phases[static_cast<std::size_t>(a.phase)].name)
               : std::string();
    out += ',';
    out += round.mode == model::AllocationMode::points && a.eligible ? rounded(a.points, 0.001)
                                                                     : std::string();
    out += ',';
    out += rounded(a.rate, 0.0001);
    out += ',';
    out += finite(a.requested_grant_eur);
    out += ',';
    out += finite(a.grant_eur);
    out += ',';
    out += model::kBindingCaps[static_cast<std::size_t>(a.binding)];
    out += ',';
    out += finite(a.reduction_t_per_yr);
    out += ',';
    out += finite(a.lifetime_yr);
    out += ',';
    out += rounded(a.eur_per_t, 0.01);
    out += ',';
    out += rounded(a.npv_without_aid_eur, 1);
    out += ',';
    out += rounded(a.payback_without_aid_yr, 0.001);
    out += a.awarded ? (a.free_rider ? ",1\n" : ",0\n") : ",\n";
  }
  return out;
}

}  // namespace decarbfund::data
