#include "data/award_table.hpp"

#include <cmath>
#include <iterator>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "data/csv_reader.hpp"

namespace decarbfund::data {

namespace {

// Cells are appended to the file's string: a temporary string per cell was most of the time
// spent writing 100,000 awards (issue 21).
void finite(std::string& out, double v) {
  if (std::isfinite(v)) {
    append_csv_number(out, v);
  }
}

// Money and tonnes to the cent / 0.001 t so the file is stable and readable. Dividing by the
// whole number of steps per unit (1000, not multiplying by 0.001) gives the double nearest the
// decimal, so the shortest representation prints 12.524, not 12.524000000000001.
void rounded(std::string& out, double v, double step) {
  if (std::isfinite(v)) {
    append_csv_number(out, std::round(v / step) / std::round(1.0 / step));
  }
}

}  // namespace

std::string awards_csv(std::span<const model::Award> awards, const model::Round& round) {
  std::string out =
      "application_id,firm_id,firm_size,technique_id,theme,project_type,status,reason,decision_order,phase,"
      "points,rate,requested_grant_eur,grant_eur,binding_cap,reduction_t_per_yr,lifetime_yr,"
      "eur_per_t,npv_without_aid_eur,payback_without_aid_yr,free_rider\n";
  out.reserve(out.size() + awards.size() * 180);
  for (const auto& a : awards) {
    append_csv_escaped(out, a.application_id);
    out += ',';
    append_csv_escaped(out, a.firm_id);
    out += ',';
    out += model::kFirmSizes[static_cast<std::size_t>(a.firm_size)];
    out += ',';
    append_csv_escaped(out, a.technique_id);
    out += ',';
    out += model::kSmeThemes[static_cast<std::size_t>(a.theme)];
    out += ',';
    out += model::kProjectTypes[static_cast<std::size_t>(a.project_type)];
    out += a.awarded ? ",awarded," : ",rejected,";
    out += model::kRejectReasons[static_cast<std::size_t>(a.reason)];
    out += ',';
    if (a.decision_order >= 0) {
      fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), a.decision_order);
    }
    out += ',';
    if (a.phase >= 0 && static_cast<std::size_t>(a.phase) < round.phases.size()) {
      append_csv_escaped(out, round.phases[static_cast<std::size_t>(a.phase)].name);
    }
    out += ',';
    if (round.mode == model::AllocationMode::points && a.eligible) {
      rounded(out, a.points, 0.001);
    }
    out += ',';
    rounded(out, a.rate, 0.0001);
    out += ',';
    finite(out, a.requested_grant_eur);
    out += ',';
    finite(out, a.grant_eur);
    out += ',';
    out += model::kBindingCaps[static_cast<std::size_t>(a.binding)];
    out += ',';
    finite(out, a.reduction_t_per_yr);
    out += ',';
    finite(out, a.lifetime_yr);
    out += ',';
    rounded(out, a.eur_per_t, 0.01);
    out += ',';
    rounded(out, a.npv_without_aid_eur, 1);
    out += ',';
    rounded(out, a.payback_without_aid_yr, 0.001);
    out += a.awarded ? (a.free_rider ? ",1\n" : ",0\n") : ",\n";
  }
  return out;
}

}  // namespace decarbfund::data
