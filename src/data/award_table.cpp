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

// Money and tonnes to the cent / 0.001 t so the file is stable and readable: 12.524, not
// 12.524000000000001. The value is a whole number of steps, printed from that integer (the
// shortest-form search for 300,000 doubles was a fifth of writing 100,000 awards, issue 21).
// Dividing by the step (0.001, not multiplying by 1000) is how these files have always rounded.
void rounded(std::string& out, double v, int decimals) {
  constexpr double kStep[] = {1, 0.1, 0.01, 0.001, 0.0001};
  if (std::isfinite(v)) {
    append_csv_decimal(out, std::round(v / kStep[decimals]), decimals);
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
      rounded(out, a.points, 3);
    }
    out += ',';
    rounded(out, a.rate, 4);
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
    rounded(out, a.eur_per_t, 2);
    out += ',';
    rounded(out, a.npv_without_aid_eur, 0);
    out += ',';
    rounded(out, a.payback_without_aid_yr, 3);
    out += a.awarded ? (a.free_rider ? ",1\n" : ",0\n") : ",\n";
  }
  return out;
}

}  // namespace decarbfund::data
