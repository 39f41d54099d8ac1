#pragma once
// Who is an SME: the EU definition, Commission Recommendation 2003/361/EC,
// Annex I art. 2
// (https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32003H0361), which
// the Dutch schemes apply (policy.md §3: "< 250 staff and < EUR 50 M turnover
// or < EUR 43 M balance sheet"). docs/sme.md "Who is an SME" lists what is not
// modelled (the two-year rule of art. 4(2), public control under art. 3(4)).

#include "model/sme_scheme.hpp"

namespace decarbfund::model {

/// Ceilings of art. 2: a class holds a firm with fewer staff than `staff_below`
/// AND turnover or balance-sheet total at most the euro ceilings (either
/// suffices).
struct SizeCeiling {
  double staff_below;
  double turnover_eur;
  double balance_sheet_eur;
};
/// Art. 2(1): medium-sized (SME) ceiling.
inline constexpr SizeCeiling kMediumCeiling{250, 50'000'000, 43'000'000};
/// Art. 2(2): small enterprise.
inline constexpr SizeCeiling kSmallCeiling{50, 10'000'000, 10'000'000};
/// Art. 2(3): micro enterprise (counted as small here; sme_scheme.hpp
/// FirmSize).
inline constexpr SizeCeiling kMicroCeiling{10, 2'000'000, 2'000'000};

/// True when the figures fit under the ceiling.
constexpr bool fits(const SizeCeiling &c, double employees, double turnover_eur,
                    double balance_sheet_eur) noexcept {
  return employees < c.staff_below &&
         (turnover_eur <= c.turnover_eur ||
          balance_sheet_eur <= c.balance_sheet_eur);
}

/// The size class of a firm with these figures (staff in annual work units,
/// euros from the last approved accounts, partner and linked enterprises
/// included as art. 6 says).
constexpr FirmSize classify_firm(double employees, double turnover_eur,
                                 double balance_sheet_eur) noexcept {
  if (fits(kSmallCeiling, employees, turnover_eur, balance_sheet_eur)) {
    return FirmSize::small;
  }
  if (fits(kMediumCeiling, employees, turnover_eur, balance_sheet_eur)) {
    return FirmSize::medium;
  }
  return FirmSize::large;
}

/// Small and medium-sized enterprises are SMEs; large ones are not.
constexpr bool is_sme(FirmSize size) noexcept {
  return size != FirmSize::large;
}

} // namespace decarbfund::model
