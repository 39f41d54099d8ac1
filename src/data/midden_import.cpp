#include "data/midden_import.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/atomic_file.hpp"
#include "data/csv_reader.hpp"
#include "data/midden_convert.hpp"
#include "data/midden_records.hpp"
#include "data/midden_units.hpp"
#include "data/price_index.hpp"
#include "data/schema.hpp"

namespace decarbfund::data {

namespace {

using detail::MiddenAmount;
using detail::MiddenCard;
using detail::MiddenConfig;
using detail::MiddenData;
using detail::MiddenPlant;

/// DPR basis estimate (DESIGN §4.1): NL ETS industry performs about 15% above benchmark level
/// (domain/data-sources.md §1.2: abatement gap 6.1 Mt, "about 15% of large-industry emissions",
/// https://nieuws.nl/economie/20221115/emissieautoriteit-industriele-bedrijven-nauwelijks-duurzamer/;
/// efficiency gap −15.3% in 2024, https://www.duurzaam-ondernemen.nl/nederlandse-industrie-produceert-iets-groener-maar-trendbreuk-blijft-uit/).
constexpr double kBenchmarkGap = 1.15;
constexpr std::string_view kDprBasisMethod =
    "estimate: 2020 verified emissions / 1.15 (NL ETS industry ~15% above benchmark level, "
    "DESIGN §4.1, data-sources.md §1.2)";
constexpr std::string_view kMiddenSource = "(PBL/TNO, commit e404e16)";

/// MIDDEN cluster_name → cluster_id of clusters.csv (DESIGN §3).
constexpr std::pair<std::string_view, std::string_view> kClusters[] = {
    {"Rotterdam-Moerdijk", "rotterdam_moerdijk"},
    {"Noordzeekanaalgebied", "noordzeekanaalgebied"},
    {"Zeeland-West-Brabant", "zeeland"},
    {"Noord-Nederland", "noord_nederland"},
    {"Chemelot", "chemelot"},
    {"Other", "other"},
};

/// x rounded to 1/per (e.g. per = 10: one decimal); n/per is the double nearest the decimal, so
/// csv_number prints it short ("3058570.8", not "3058570.8000000003").
double round_to(double x, double per) { return std::round(x * per) / per; }
std::string t_str(double x) { return csv_number(round_to(x, 10)); }      // t, GJ: 0.1
std::string eur_str(double x) { return csv_number(std::round(x)); }      // EUR: whole euros

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.pop_back();
  }
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) {
    ++b;
  }
  return s.substr(b);
}

/// A row by column name, written in the schema's column order.
class Row {
 public:
  void set(std::string_view column, std::string value) { cells_[std::string(column)] = std::move(value); }
  std::string csv(const TableSpec& spec) const {
    std::string out;
    bool first = true;
    for (const auto& col : spec.columns) {
      if (!first) {
        out += ',';
      }
      first = false;
      const auto it = cells_.find(std::string(col.name));
      if (it == cells_.end()) {
        if (col.required) {  // a bug of this file, not bad input
          throw core::Error("midden_import.cpp",
                            fmt::format("internal: required column '{}' not set", col.name));
        }
        continue;
      }
      out += csv_escape(it->second);
    }
    out += '\n';
    return out;
  }

 private:
  std::map<std::string, std::string> cells_;
};

std::string header(const TableSpec& spec) {
  std::string out;
  for (const auto& col : spec.columns) {
    if (!out.empty()) {
      out += ',';
    }
    out += col.name;
  }
  return out + '\n';
}

/// NACE code "dd.dd": the NACE field where it is a 2-digit class (6.1 → "06.10"), else the first
/// four digits of sbi_2008 (SBI 2008 extends NACE rev. 2 by a fifth digit; leading zeros are lost
/// in the JSON numbers, so 8930 is "08930").
std::string nace_code(const MiddenPlant& p, bool& from_sbi) {
  from_sbi = false;
  if (p.nace > 0 && p.nace < 100) {
    return fmt::format("{:05.2f}", p.nace);
  }
  if (p.sbi_2008 > 0 && p.sbi_2008 < 100000) {
    from_sbi = true;
    const std::string sbi = fmt::format("{:05d}", p.sbi_2008);
    return sbi.substr(0, 2) + "." + sbi.substr(2, 2);
  }
  return {};
}

struct Sink {
  MiddenImportReport& report;
  void note(const std::string& plant, const std::string& config, std::string_view action,
            std::string reason) {
    if (action == "assumed") {
      ++report.assumed;
    }
    report.notes.push_back({plant, config, std::string(action), std::move(reason)});
  }
  void skip(const std::string& plant, const std::string& config, std::string_view code,
            std::string reason) {
    ++report.skipped;
    ++report.skipped_by_reason[std::string(code)];
    note(plant, config, "skipped", fmt::format("{}: {}", code, reason));
  }
};

std::string sites_csv(const MiddenData& data, Sink& sink, double& total) {
  const TableSpec& spec = *find_table("sites");
  std::vector<const MiddenPlant*> plants;
  for (const auto& p : data.plants) {
    plants.push_back(&p);
  }
  std::sort(plants.begin(), plants.end(),
            [](const MiddenPlant* a, const MiddenPlant* b) { return a->plant_id < b->plant_id; });
  std::string out = header(spec);
  total = 0;
  for (const MiddenPlant* p : plants) {
    Row r;
    r.set("site_id", p->plant_id);
    std::string name = p->plant_name;
    if (name.empty()) {
      name = !p->nea_name.empty() ? p->nea_name : "MIDDEN plant " + p->plant_id;
      sink.note(p->plant_id, "", "assumed",
                fmt::format("plant_name absent in midden.json; name from nea_name \"{}\"", name));
    }
    r.set("name", name);
    r.set("company", p->corporate_group);
    std::string cluster;
    for (const auto& [from, to] : kClusters) {
      if (p->cluster_name == from) {
        cluster = to;
      }
    }
    if (cluster.empty()) {
      core::Diagnostic d;
      d.file = "midden.json";
      d.key_path = p->plant_id;
      d.field = "cluster_name";
      d.expected = "one of Rotterdam-Moerdijk, Noordzeekanaalgebied, Zeeland-West-Brabant, "
                   "Noord-Nederland, Chemelot, Other";
      d.found = core::quote_found(p->cluster_name);
      throw core::Error(std::move(d));
    }
    r.set("cluster", cluster);
    r.set("sector", p->nace_mainsector.empty() ? "Other" : trim(p->nace_mainsector));
    bool from_sbi = false;
    r.set("nace", nace_code(*p, from_sbi));
    if (from_sbi) {
      sink.note(p->plant_id, "", "assumed",
                fmt::format("NACE {} is not a NACE class; nace from sbi_2008 {}", csv_number(p->nace),
                            p->sbi_2008));
    }
    // All MIDDEN plants are EU ETS installations; none is a waste incinerator (NACE 38.21), so
    // all are ets_industrial (policy.md §1.2). M297 (NACE 38.32) recovers sorted materials.
    r.set("levy_category", "ets_industrial");
    r.set("nea_id", p->nea_id);
    if (p->latitude == 0 && p->longitude == 0) {
      sink.note(p->plant_id, "", "assumed", "no coordinates in midden.json (0, 0): left empty");
    } else {
      r.set("latitude", csv_number(p->latitude));
      r.set("longitude", csv_number(p->longitude));
    }
    r.set("emissions_year", "2020");
    double e = 0;
    if (p->emissions_2020_t) {
      e = *p->emissions_2020_t;
    } else {
      sink.note(p->plant_id, "", "assumed",
                fmt::format("2020_nea_emissions_[tCO2e] is {} (no NEa figure): emissions_t = 0",
                            p->emissions_raw));
    }
    total += e;
    r.set("emissions_t", csv_number(e));
    r.set("dpr_basis_t", t_str(e / kBenchmarkGap));
    r.set("dpr_basis_method", std::string(kDprBasisMethod));
    r.set("source", fmt::format("MIDDEN v3 midden.json plant_id={}{} {}", p->plant_id,
                                p->corporate_group.empty() ? "" : "; gpd.json corporate_group",
                                kMiddenSource));
    out += r.csv(spec);
  }
  return out;
}

/// The technology ids in a substitute_for_base_technology value ("TC0101 and TC0109" → both).
std::vector<std::string> technology_ids(const std::string& text) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i + 6 <= text.size(); ++i) {
    if (text.compare(i, 2, "TC") == 0 &&
        std::all_of(text.begin() + static_cast<long>(i) + 2, text.begin() + static_cast<long>(i) + 6,
                    [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; })) {
      ids.push_back(text.substr(i, 6));
      i += 5;
    }
  }
  return ids;
}

/// TRL from the card's trl_value: an integer 1–9 as stated; a range ("7-9", "1 to 3") gives its
/// lower end; 0 / "Unknown." / absent gives the assumed kAssumedTrl.
constexpr int kAssumedTrl = 7;
int parse_trl(const std::string& raw, bool& assumed) {
  assumed = false;
  int v = 0;
  std::size_t i = 0;
  while (i < raw.size() && std::isdigit(static_cast<unsigned char>(raw[i]))) {
    v = v * 10 + (raw[i] - '0');
    ++i;
  }
  if (v >= 1 && v <= 9) {
    assumed = i != raw.size();  // a range: lower end taken
    return v;
  }
  assumed = true;
  return kAssumedTrl;
}

/// Earliest operating year by TRL (stated rule, docs/midden-import.md §5): TRL 8–9 are on the
/// market (2025); TRL 7 needs a first-of-a-kind plant (2027); TRL 6 (2030); TRL ≤ 5 (2035).
int earliest_year_for(int trl) {
  if (trl >= 8) {
    return 2025;
  }
  if (trl == 7) {
    return 2027;
  }
  if (trl == 6) {
    return 2030;
  }
  return 2035;
}

/// Years from decision to operation (stated rule): CO2 capture 4 (permits, transport connection;
/// Porthos FID 2023 → 2026), electrification 3 (grid connection), other 2.
int lead_time_for(const MiddenConfig& c) {
  if (c.ccs) {
    return 4;
  }
  if (c.electrification) {
    return 3;
  }
  return 2;
}

/// Full-load hours for grid_need_mw: capacity_utilisation × 8760 h.
constexpr double kDefaultLifetimeYr = 20;

struct Totals {
  double emissions = 0, low = 0, high = 0, gas = 0, electricity = 0, hydrogen = 0, biomass = 0,
         steam = 0, stored = 0, om = 0;
  bool limits = false, om_stated = true, emissions_stated = true;
  void add(const detail::ConfigYear& y) {
    emissions += y.emissions_t;
    low += y.emissions_low_t;
    high += y.emissions_high_t;
    gas += y.gas_gj;
    electricity += y.electricity_gj;
    hydrogen += y.hydrogen_gj;
    biomass += y.biomass_gj;
    steam += y.steam_heat_gj;
    stored += y.co2_stored_t;
    om += y.om_eur;
    limits = limits || y.emission_limits;
    om_stated = om_stated && y.om_stated;
    emissions_stated = emissions_stated && y.emissions_stated;
  }
};

std::string options_csv(const MiddenData& data, Sink& sink, std::size_t& alternatives,
                        std::size_t& written) {
  const TableSpec& spec = *find_table("options");
  std::vector<const MiddenConfig*> alts;
  for (const auto& c : data.configs) {
    if (!c.is_base) {
      alts.push_back(&c);
    } else if (c.configuration_indicator != 1) {
      sink.note(c.plant_id, c.configuration_id, "assumed",
                fmt::format("configuration \"{}\" has configuration_indicator {}: taken as a base "
                            "configuration by its name",
                            c.configuration, c.configuration_indicator));
    }
  }
  std::sort(alts.begin(), alts.end(), [](const MiddenConfig* a, const MiddenConfig* b) {
    return std::tie(a->plant_id, a->configuration_id) < std::tie(b->plant_id, b->configuration_id);
  });
  alternatives = alts.size();
  written = 0;
  std::string out = header(spec);

  for (const MiddenConfig* a : alts) {
    const std::string& plant = a->plant_id;
    const std::string& id = a->configuration_id;
    const auto card_it = data.cards.find(a->technology_id);
    if (card_it == data.cards.end()) {
      sink.skip(plant, id, "no_card", fmt::format("technology card {} not in tc.json", a->technology_id));
      continue;
    }
    const MiddenCard& card = card_it->second;
    detail::ConfigYear alt = detail::evaluate_config(*a, card);
    if (alt.ok) {
      detail::evaluate_investment(card, alt);
    }
    if (!alt.ok) {
      sink.skip(plant, id, alt.skip_code, alt.skip_reason);
      continue;
    }
    std::vector<std::string> notes = alt.assumptions;

    // The replaced base configuration(s): same plant and section, using substitute_for.
    const bool replace = !a->substitute_for.empty();
    std::vector<const MiddenConfig*> bases;
    // substitute_for may name several technologies ("TC0101 and TC0109"): all are replaced.
    const std::vector<std::string> replaced = technology_ids(a->substitute_for);
    const auto replaced_tech = [&](const MiddenConfig& b) {
      return std::find(replaced.begin(), replaced.end(), b.technology_id) != replaced.end();
    };
    if (replace) {
      for (const auto& b : data.configs) {
        if (b.is_base && b.plant_id == plant && b.section == a->section && replaced_tech(b)) {
          bases.push_back(&b);
        }
      }
      if (bases.empty()) {
        for (const auto& b : data.configs) {
          if (b.is_base && b.plant_id == plant && replaced_tech(b)) {
            bases.push_back(&b);
          }
        }
        if (!bases.empty()) {
          notes.push_back(fmt::format("no base with {} in section \"{}\"; replaces {} of section \"{}\"",
                                      a->substitute_for, a->section, bases.front()->configuration_id,
                                      bases.front()->section));
        }
      }
      if (bases.empty()) {
        sink.skip(plant, id, "no_base",
                  fmt::format("no base configuration of plant {} uses {}", plant, a->substitute_for));
        continue;
      }
    }
    Totals base;
    std::string base_ids;
    bool base_ok = true;
    for (const MiddenConfig* b : bases) {
      const auto bc = data.cards.find(b->technology_id);
      if (bc == data.cards.end()) {
        sink.skip(plant, id, "no_card", fmt::format("card {} of base {} not in tc.json",
                                                    b->technology_id, b->configuration_id));
        base_ok = false;
        break;
      }
      const detail::ConfigYear by = detail::evaluate_config(*b, bc->second);
      if (!by.ok) {
        sink.skip(plant, id, "base_" + by.skip_code,
                  fmt::format("replaced base {}: {}", b->configuration_id, by.skip_reason));
        base_ok = false;
        break;
      }
      base.add(by);
      notes.insert(notes.end(), by.assumptions.begin(), by.assumptions.end());
      base_ids += (base_ids.empty() ? "" : ", ") + b->configuration_id;
    }
    if (!base_ok) {
      continue;
    }

    // Emissions where they arise, once: the alternative's direct emissions minus those of the
    // base it replaces; a capture add-on that states non-negative emissions also removes the CO2
    // it takes in from the site's stack (a card with negative emissions already nets it).
    double delta = alt.emissions_t - base.emissions;
    double delta_low = alt.emissions_low_t - base.high;
    double delta_high = alt.emissions_high_t - base.low;
    if (!replace && alt.co2_in_t > 0 && card.co2.amount >= 0) {
      delta -= alt.co2_in_t;
      delta_low -= alt.co2_in_t;
      delta_high -= alt.co2_in_t;
      notes.push_back(fmt::format("captured CO2 {} t/yr taken in from the stack", t_str(alt.co2_in_t)));
    }
    if (!alt.emissions_stated) {
      notes.push_back(fmt::format("{} states no direct emissions (co2_emissions_unit 0): taken as 0",
                                  card.technology_id));
    }
    if (replace && !base.emissions_stated) {
      notes.push_back(fmt::format("replaced base card {} states no direct emissions: taken as 0",
                                  a->substitute_for));
    }
    double fixed_om = alt.om_eur - base.om;
    if (!alt.om_stated && card.om.amount == 0) {
      notes.push_back(fmt::format("{} states no O&M: taken as 0", card.technology_id));
    }
    if (replace && !base.om_stated) {
      notes.push_back(fmt::format("replaced base card {} states no O&M: fixed_om_eur is the "
                                  "alternative's O&M",
                                  a->substitute_for));
    }
    const double d_gas = alt.gas_gj - base.gas;
    const double d_el = alt.electricity_gj - base.electricity;
    const double d_h2 = alt.hydrogen_gj - base.hydrogen;
    const double d_bio = alt.biomass_gj - base.biomass;
    const double d_steam = alt.steam_heat_gj - base.steam;
    const double stored = std::max(0.0, alt.co2_stored_t - base.stored);
    if (std::fabs(d_steam) >= 0.05) {
      notes.push_back(fmt::format("steam/heat from other units of the site changes by {} GJ/yr; "
                                  "its emissions count where it is raised, not here",
                                  t_str(d_steam)));
    }
    double flh = a->capacity_utilisation * detail::kHoursPerYear;
    const double grid_mw = std::max(0.0, d_el) / detail::kGjPerMwh / flh;

    double lifetime = card.lifetime.amount;
    if (!(lifetime >= 1 && lifetime <= 100)) {
      notes.push_back(fmt::format("{} states no technical lifetime: {} yr assumed",
                                  card.technology_id, csv_number(kDefaultLifetimeYr)));
      lifetime = kDefaultLifetimeYr;
    }
    bool trl_assumed = false;
    const int trl = parse_trl(card.trl_raw, trl_assumed);
    if (trl_assumed) {
      notes.push_back(fmt::format("{} trl_value \"{}\": TRL {} assumed", card.technology_id,
                                  card.trl_raw.empty() ? "0" : card.trl_raw, trl));
    }

    for (const auto& n : notes) {
      sink.note(plant, id, "assumed", n);
    }
    Row r;
    r.set("option_id", id);
    r.set("site_id", plant);
    r.set("name", a->technology);
    r.set("kind", replace ? "replace" : "add_on");
    r.set("exclusive_group", plant + "/" + a->section);
    r.set("technology_id", a->technology_id);
    r.set("delta_emissions_t", t_str(delta));
    if (alt.emission_limits || base.limits) {
      r.set("delta_emissions_low_t", t_str(delta_low));
      r.set("delta_emissions_high_t", t_str(delta_high));
    }
    r.set("capex_eur", eur_str(alt.capex_eur));
    if (alt.capex_low_eur >= 0) {
      r.set("capex_low_eur", eur_str(alt.capex_low_eur));
    }
    if (alt.capex_high_eur >= 0) {
      r.set("capex_high_eur", eur_str(alt.capex_high_eur));
    }
    r.set("fixed_om_eur", eur_str(fixed_om));
    r.set("delta_gas_gj", t_str(d_gas));
    r.set("delta_electricity_gj", t_str(d_el));
    r.set("delta_hydrogen_gj", t_str(d_h2));
    r.set("delta_biomass_gj", t_str(d_bio));
    r.set("co2_stored_t", t_str(stored));
    r.set("full_load_hours", csv_number(round_to(flh, 100)));
    r.set("grid_need_mw", csv_number(round_to(grid_mw, 1e4)));
    r.set("lifetime_yr", csv_number(lifetime));
    r.set("trl", std::to_string(trl));
    r.set("earliest_year", std::to_string(earliest_year_for(trl)));
    r.set("lead_time_yr", std::to_string(lead_time_for(*a)));
    r.set("price_year", std::to_string(kMiddenPriceYear));
    r.set("basis", "derived");
    r.set("source", fmt::format("MIDDEN v3 pcd.json {}; tc.json {} ({}) {}", id, a->technology_id,
                                replace ? fmt::format("replaces {}: {}", a->substitute_for, base_ids)
                                        : std::string("add-on"),
                                kMiddenSource));
    std::string joined;
    for (const auto& n : notes) {
      joined += (joined.empty() ? "" : "; ") + n;
    }
    r.set("notes", joined);
    out += r.csv(spec);
    ++written;
  }
  return out;
}

/// Per-plant calibration check (MIDDEN README): Σ base configurations' direct emissions against
/// the plant's verified 2020 emissions. The ratio is reported; option deltas are NOT scaled by it.
void calibrate(const MiddenData& data, Sink& sink) {
  std::map<std::string, std::vector<const MiddenConfig*>> by_plant;
  for (const auto& c : data.configs) {
    if (c.is_base) {
      by_plant[c.plant_id].push_back(&c);
    }
  }
  for (const auto& p : data.plants) {
    const auto it = by_plant.find(p.plant_id);
    if (it == by_plant.end()) {
      sink.note(p.plant_id, "", "calibration", "no configurations in pcd.json: no check");
      continue;
    }
    double model = 0;
    int unstated = 0;
    std::vector<std::string> failed;
    for (const MiddenConfig* b : it->second) {
      const auto card = data.cards.find(b->technology_id);
      if (card == data.cards.end()) {
        failed.push_back(b->configuration_id);
        continue;
      }
      const detail::ConfigYear y = detail::evaluate_config(*b, card->second);
      if (!y.ok) {
        failed.push_back(b->configuration_id);
        continue;
      }
      model += y.emissions_t;
      unstated += y.emissions_stated ? 0 : 1;
    }
    std::string detail_text = fmt::format("{} base configurations", it->second.size());
    if (unstated > 0) {
      detail_text += fmt::format(", {} with no emissions stated", unstated);
    }
    if (!failed.empty()) {
      detail_text += fmt::format(", not convertible: {}", fmt::join(failed, " "));
    }
    if (!p.emissions_2020_t || *p.emissions_2020_t <= 0) {
      sink.note(p.plant_id, "", "calibration",
                fmt::format("ratio=NA; base configurations {} t CO2-eq/yr; no verified 2020 "
                            "emissions ({})",
                            t_str(model), detail_text));
      continue;
    }
    sink.note(p.plant_id, "", "calibration",
              fmt::format("ratio={:.3f}; base configurations {} t CO2-eq/yr vs verified 2020 {} t "
                          "({}); option deltas not scaled",
                          model / *p.emissions_2020_t, t_str(model),
                          csv_number(*p.emissions_2020_t), detail_text));
  }
}

std::string report_csv(std::vector<MiddenImportNote> notes) {
  // Deterministic order: plant, configuration ("" = the plant first), then the order of the rules.
  std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.plant_id, a.configuration_id) < std::tie(b.plant_id, b.configuration_id);
  });
  std::string out = "plant_id,configuration_id,action,reason\n";
  for (const auto& n : notes) {
    out += fmt::format("{},{},{},{}\n", csv_escape(n.plant_id), csv_escape(n.configuration_id),
                       csv_escape(n.action), csv_escape(n.reason));
  }
  return out;
}

/// Checks that the commodity table's ids mean in this cd.json what the table says they mean.
void check_commodities(const MiddenData& data, const std::filesystem::path& dir) {
  for (const auto& c : detail::commodity_classes()) {
    const auto it = data.commodities.find(std::string(c.commodity_id));
    if (it == data.commodities.end() || it->second != c.name) {
      core::Diagnostic d;
      d.code = "midden.commodity";
      d.file = (dir / "cd.json").string();
      d.key_path = std::string(c.commodity_id);
      d.field = "commodity_name";
      d.expected = fmt::format("\"{}\" (the importer's commodity table, MIDDEN v3)", c.name);
      d.found = it == data.commodities.end() ? "no such id" : core::quote_found(it->second);
      throw core::Error(std::move(d));
    }
  }
}

}  // namespace

MiddenImportReport import_midden(const std::filesystem::path& midden_dir,
                                 const std::filesystem::path& out_dir) {
  const MiddenData data = detail::read_midden(midden_dir);
  check_commodities(data, midden_dir);
  MiddenImportReport report;
  Sink sink{report};
  double total = 0;
  const std::string sites = sites_csv(data, sink, total);
  report.plants = data.plants.size();
  report.base_emissions_t = total;
  const std::string options = options_csv(data, sink, report.alternatives, report.options);
  calibrate(data, sink);
  const std::string notes = report_csv(report.notes);

  std::filesystem::create_directories(out_dir);
  const std::pair<std::string_view, const std::string*> files[] = {
      {"sites.csv", &sites}, {"options.csv", &options}, {"import-report.csv", &notes}};
  for (const auto& [name, text] : files) {
    core::write_file_atomically(out_dir / name, *text);
    report.files_written.push_back((out_dir / name).string());
  }
  core::write_file_atomically(out_dir / "price-index.csv", price_index_csv());
  report.files_written.push_back((out_dir / "price-index.csv").string());
  return report;
}

}  // namespace decarbfund::data
