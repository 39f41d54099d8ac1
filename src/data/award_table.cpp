#include "data/award_table.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "core/huge_pages.hpp"
#include "data/csv_reader.hpp"

namespace decarbfund::data {

namespace {

// Each row is written into a buffer of its largest possible size and appended to the file at once:
// appending cell by cell (a capacity check and a call per piece) was most of the time spent
// writing 100,000 awards (issue 21).

/// The longest spelling in an enumerator table.
template <std::size_t N>
constexpr std::size_t longest(const std::string_view (&table)[N]) {
  std::size_t n = 0;
  for (const auto name : table) {
    n = std::max(n, name.size());
  }
  return n;
}

/// A row's characters besides its four text fields: ten numbers, the enumerators, separators.
constexpr std::size_t kRowFixedChars = 10 * kMaxCsvNumberChars + longest(model::kFirmSizes) +
                                       longest(model::kSmeThemes) + longest(model::kProjectTypes) +
                                       std::string_view(",rejected,").size() + longest(model::kRejectReasons) +
                                       longest(model::kBindingCaps) + std::string_view(",1\n").size() + 20;

char* put(char* out, std::string_view text) { return std::copy(text.begin(), text.end(), out); }

char* finite(char* out, double v) { return std::isfinite(v) ? write_csv_number(out, v) : out; }

// Money and tonnes to the cent / 0.001 t so the file is stable and readable: 12.524, not
// 12.524000000000001. The value is a whole number of steps, printed from that integer (the
// shortest-form search for 300,000 doubles was a fifth of writing 100,000 awards, issue 21).
// Dividing by the step (0.001, not multiplying by 1000) is how these files have always rounded.
char* rounded(char* out, double v, int decimals) {
  constexpr double kStep[] = {1, 0.1, 0.01, 0.001, 0.0001};
  return std::isfinite(v) ? write_csv_decimal(out, std::round(v / kStep[decimals]), decimals) : out;
}

}  // namespace

std::string awards_csv(std::span<const model::Award> awards, const model::Round& round) {
  std::string out =
      "application_id,firm_id,firm_size,technique_id,theme,project_type,status,reason,decision_order,phase,"
      "points,rate,requested_grant_eur,grant_eur,binding_cap,reduction_t_per_yr,lifetime_yr,"
      "eur_per_t,npv_without_aid_eur,payback_without_aid_yr,free_rider\n";
  out.reserve(out.size() + awards.size() * 180);
  core::prefer_huge_pages_for(out);
  std::string row;
  for (const auto& a : awards) {
    const std::string_view phase = a.phase >= 0 && static_cast<std::size_t>(a.phase) < round.phases.size()
                                       ? std::string_view(round.phases[static_cast<std::size_t>(a.phase)].name)
                                       : std::string_view();
    const std::size_t most =
        kRowFixedChars + 2 * (a.application_id.size() + a.firm_id.size() + a.technique_id.size() + phase.size()) + 8;
    if (row.size() < most) {
      row.resize(most);
    }
    char* p = row.data();
    p = write_csv_escaped(p, a.application_id);
    *p++ = ',';
    p = write_csv_escaped(p, a.firm_id);
    *p++ = ',';
    p = put(p, model::kFirmSizes[static_cast<std::size_t>(a.firm_size)]);
    *p++ = ',';
    p = write_csv_escaped(p, a.technique_id);
    *p++ = ',';
    p = put(p, model::kSmeThemes[static_cast<std::size_t>(a.theme)]);
    *p++ = ',';
    p = put(p, model::kProjectTypes[static_cast<std::size_t>(a.project_type)]);
    p = put(p, a.awarded ? ",awarded," : ",rejected,");
    p = put(p, model::kRejectReasons[static_cast<std::size_t>(a.reason)]);
    *p++ = ',';
    if (a.decision_order >= 0) {
      const fmt::format_int order(a.decision_order);
      p = put(p, {order.data(), order.size()});
    }
    *p++ = ',';
    p = write_csv_escaped(p, phase);
    *p++ = ',';
    if (round.mode == model::AllocationMode::points && a.eligible) {
      p = rounded(p, a.points, 3);
    }
    *p++ = ',';
    p = rounded(p, a.rate, 4);
    *p++ = ',';
    p = finite(p, a.requested_grant_eur);
    *p++ = ',';
    p = finite(p, a.grant_eur);
    *p++ = ',';
    p = put(p, model::kBindingCaps[static_cast<std::size_t>(a.binding)]);
    *p++ = ',';
    p = finite(p, a.reduction_t_per_yr);
    *p++ = ',';
    p = finite(p, a.lifetime_yr);
    *p++ = ',';
    p = rounded(p, a.eur_per_t, 2);
    *p++ = ',';
    p = rounded(p, a.npv_without_aid_eur, 0);
    *p++ = ',';
    p = rounded(p, a.payback_without_aid_yr, 3);
    p = put(p, a.awarded ? (a.free_rider ? ",1\n" : ",0\n") : ",\n");
    out.append(row.data(), p);
  }
  return out;
}

}  // namespace decarbfund::data
