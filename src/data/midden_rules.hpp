#pragma once
// The MIDDEN importer's stated rules (docs/midden-import.md §5): what a card leaves open and the
// importer decides — the technologies an option replaces, its TRL, the earliest operating year and
// lead time that follow from them, the lifetime when none is given, and which CO2 stores a capture
// option may use.

#include <string>
#include <string_view>
#include <vector>

#include "data/midden_records.hpp"

namespace decarbfund::data::detail {

/// The TRL taken when a card states none (0, "Unknown." or absent).
inline constexpr int kAssumedTrl = 7;
/// The technical lifetime taken when a card states none (years).
inline constexpr double kDefaultLifetimeYr = 20;

/// The technology ids in a substitute_for_base_technology value ("TC0101 and TC0109" → both).
std::vector<std::string> technology_ids(const std::string& text);

/// TRL from the card's trl_value: an integer 1–9 as stated; a range ("7-9", "1 to 3") gives its
/// lower end; 0 / "Unknown." / absent gives kAssumedTrl. `assumed`: whether it was not stated
/// as one number.
int parse_trl(const std::string& raw, bool& assumed);

/// Earliest operating year by TRL: TRL 8–9 are on the market (2025); TRL 7 needs a
/// first-of-a-kind plant (2027); TRL 6 (2030); TRL ≤ 5 (2035).
int earliest_year_for(int trl);

/// Years from decision to operation: CO2 capture 4 (permits, transport connection; Porthos FID
/// 2023 → 2026), electrification 3 (grid connection), other 2.
int lead_time_for(const MiddenConfig& c);

/// The CO2 stores a MIDDEN capture option may use, by the plant's cluster and the form its card
/// sends the CO2 out in, in preference order (";"-separated infrastructure ids; infrastructure.csv).
/// Porthos is contracted in full to its four customers (infrastructure-contracts.csv), so new
/// capture in the coastal clusters waits for Aramis (pipeline, ship intake for the other coastal
/// clusters) or, in Zeeland, ships to Northern Lights as Yara does; Chemelot for the Delta Rhine
/// Corridor. Northern Lights takes CO2 by ship only, liquefied (https://norlights.com/what-we-do/),
/// so a card that sends it out compressed for a pipeline (CD0159) cannot use it: without the
/// liquefaction's power such an option would take less grid than the route it stands for (issue
/// 13: the Yara deal's leave-one-out). Cluster 6 ("Other") has no CO2 transport in the sources
/// (data-sources.md §4.5): its capture options name none and find no room.
std::string_view store_for(const std::string& cluster_name, bool liquid);

}  // namespace decarbfund::data::detail
