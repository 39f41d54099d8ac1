#include "data/midden_tables.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include "data/midden_convert.hpp"
#include "data/midden_rules.hpp"
#include "data/midden_units.hpp"
#include "data/price_index.hpp"

namespace decarbfund::data::detail {

namespace {

struct Totals {
  double emissions = 0, low = 0, high = 0, gas = 0, electricity = 0, hydrogen = 0, biomass = 0,
         steam = 0, stored = 0, liquid = 0, om = 0, capex = 0;
  bool limits = false, om_stated = true, emissions_stated = true;
  int unconverted = 0;
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
    liquid += y.co2_liquid_t;
    om += y.om_eur;
    capex += y.capex_eur;
    limits = limits || y.emission_limits;
    om_stated = om_stated && y.om_stated;
    emissions_stated = emissions_stated && y.emissions_stated;
    unconverted += y.unconverted;
  }
};

/// One alternative configuration, evaluated: its own yearly quantities and those of the base
/// configurations it replaces (by configuration id, so a route's parts never subtract one base
/// twice). Options are written from one part or from a route's parts together.
struct Part {
  const MiddenConfig* config = nullptr;
  ConfigYear alt;
  bool replace = false;
  std::string section;  ///< the replaced bases' section (its exclusive group), else its own
  std::map<std::string, ConfigYear> bases;  ///< replaced base configuration id → quantities
  double co2_in_t = 0;  ///< CO2 a non-negative capture card takes in from the stack
  double lifetime = kDefaultLifetimeYr;
  int trl = kAssumedTrl;
  std::vector<std::string> notes;
};

/// A part, or nullopt (skipped and reported) when it cannot be an option.
std::optional<Part> evaluate_part(const MiddenData& data, const MiddenConfig& a, const PlantCalibration& cal, Sink& sink) {
  const std::string& plant = a.plant_id;
  const std::string& id = a.configuration_id;
  const auto card_it = data.cards.find(a.technology_id);
  if (card_it == data.cards.end()) {
    sink.skip(plant, id, "no_card", fmt::format("technology card {} not in tc.json", a.technology_id));
    return std::nullopt;
  }
  const MiddenCard& card = card_it->second;
  Part p;
  p.config = &a;
  p.alt = evaluate_config(a, card);
  if (p.alt.ok) {
    evaluate_investment(card, p.alt);
  }
  if (!p.alt.ok) {
    sink.skip(plant, id, p.alt.skip_code, p.alt.skip_reason);
    return std::nullopt;
  }
  if (cal.verified_t <= 0) {
    sink.skip(plant, id, "site_without_emissions",
              "the plant has no verified 2020 emissions: nothing for an option to cut (docs/midden-import.md §6)");
    return std::nullopt;
  }
  p.notes = p.alt.assumptions;
  // The replaced base configuration(s): same plant and section, using substitute_for (which may
  // name several technologies, "TC0101 and TC0109": all are replaced).
  p.replace = !a.substitute_for.empty();
  p.section = a.section;
  std::vector<const MiddenConfig*> bases;
  const std::vector<std::string> replaced = technology_ids(a.substitute_for);
  const auto replaced_tech = [&](const MiddenConfig& b) {
    return std::find(replaced.begin(), replaced.end(), b.technology_id) != replaced.end();
  };
  if (p.replace) {
    for (const auto& b : data.configs) {
      if (b.is_base && b.plant_id == plant && b.section == a.section && replaced_tech(b)) {
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
        p.notes.push_back(fmt::format("no base with {} in section \"{}\"; replaces {} of section \"{}\"",
                                      a.substitute_for, a.section, bases.front()->configuration_id,
                                      bases.front()->section));
        p.section = bases.front()->section;
      }
    }
    if (bases.empty()) {
      sink.skip(plant, id, "no_base", fmt::format("no base configuration of plant {} uses {}", plant, a.substitute_for));
      return std::nullopt;
    }
  }
  for (const MiddenConfig* b : bases) {
    const auto bc = data.cards.find(b->technology_id);
    if (bc == data.cards.end()) {
      sink.skip(plant, id, "no_card", fmt::format("card {} of base {} not in tc.json", b->technology_id, b->configuration_id));
      return std::nullopt;
    }
    ConfigYear by = evaluate_config(*b, bc->second);
    if (!by.ok) {
      sink.skip(plant, id, "base_" + by.skip_code, fmt::format("replaced base {}: {}", b->configuration_id, by.skip_reason));
      return std::nullopt;
    }
    p.notes.insert(p.notes.end(), by.assumptions.begin(), by.assumptions.end());
    if (!by.emissions_stated) {
      p.notes.push_back(fmt::format("replaced base card {} states no direct emissions: taken as 0", b->technology_id));
    }
    if (!by.om_stated) {
      p.notes.push_back(fmt::format("replaced base card {} states no O&M: fixed_om_eur is the alternative's O&M",
                                    b->technology_id));
    }
    p.bases.emplace(b->configuration_id, std::move(by));
  }
  // A capture add-on that states non-negative emissions also removes the CO2 it takes in from the
  // site's stack (a card with negative emissions already nets it).
  if (!p.replace && p.alt.co2_in_t > 0 && card.co2.amount >= 0) {
    p.co2_in_t = p.alt.co2_in_t;
    p.notes.push_back(fmt::format("captured CO2 {} t/yr taken in from the stack", t_str(p.alt.co2_in_t)));
  }
  if (!p.alt.emissions_stated) {
    p.notes.push_back(fmt::format("{} states no direct emissions (co2_emissions_unit 0): taken as 0", card.technology_id));
  }
  if (!p.alt.om_stated && card.om.amount == 0) {
    p.notes.push_back(fmt::format("{} states no O&M: taken as 0", card.technology_id));
  }
  p.lifetime = card.lifetime.amount;
  if (!(p.lifetime >= 1 && p.lifetime <= 100)) {
    p.notes.push_back(fmt::format("{} states no technical lifetime: {} yr assumed", card.technology_id,
                                  csv_number(kDefaultLifetimeYr)));
    p.lifetime = kDefaultLifetimeYr;
  }
  bool trl_assumed = false;
  p.trl = parse_trl(card.trl_raw, trl_assumed);
  if (trl_assumed) {
    p.notes.push_back(fmt::format("{} trl_value \"{}\": TRL {} assumed", card.technology_id,
                                  card.trl_raw.empty() ? "0" : card.trl_raw, p.trl));
  }
  int unconverted = p.alt.unconverted;
  for (const auto& [bid, by] : p.bases) {
    unconverted += by.unconverted;
  }
  if (unconverted > 0) {
    sink.skip(plant, id, "unconvertible_input",
              "an energy flow without a unit or heating value the importer knows (see the notes); it would "
              "otherwise be priced at 0");
    for (const auto& n : p.notes) {
      sink.note(plant, id, "assumed", n);
    }
    return std::nullopt;
  }
  return p;
}

/// Whether a configuration name lists unrelated alternatives ("Alternative") rather than naming
/// one route whose parts belong together ("TGR and CCS", "H-DR iron", "Carbon capture all CO2").
bool generic_configuration(const std::string& name) {
  std::string lower;
  for (char c : name) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower == "alternative" || lower == "alternatives" || lower == "add-on technology";
}

/// Whether two parts of one named route are alternatives to each other rather than pieces of
/// one investment: replacing parts that take over the same base configuration, or add-ons of the
/// same technology (MIDDEN's "capture … for gaseous transport" and "… for liquefied transport").
bool alternatives(const Part& a, const Part& b) {
  if (a.replace != b.replace) {
    return false;
  }
  if (a.replace) {
    for (const auto& [id, y] : a.bases) {
      if (b.bases.count(id) > 0) {
        return true;
      }
    }
    return false;
  }
  constexpr std::size_t kStem = 30;  // "Add-on CO2 capture & compressi", "Post-Combustion Carbon Capture"
  return a.config->technology.substr(0, kStem) == b.config->technology.substr(0, kStem);
}

/// The options of one plant: each part alone, except the parts of one named route in one section,
/// which become one option (docs/midden-import.md §3.1 "Routes"): a route's sinter plant, coke
/// plant and top-gas-recycling blast furnace are one investment, and any of them alone would take
/// the section's exclusive group on a fraction of the route's effect. A part that is an
/// alternative to a part already in the route starts another variant of it.
std::vector<std::vector<const Part*>> group_routes(const std::vector<Part>& parts) {
  std::vector<std::vector<const Part*>> out;
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::size_t>> routes;
  for (const auto& p : parts) {
    const auto& c = *p.config;
    if (generic_configuration(c.configuration)) {
      out.push_back({&p});
      continue;
    }
    auto& variants = routes[std::make_tuple(c.plant_id, c.configuration, c.section)];
    bool placed = false;
    for (const auto v : variants) {
      auto& bundle = out[v];
      if (std::none_of(bundle.begin(), bundle.end(), [&](const Part* q) { return alternatives(p, *q); })) {
        bundle.push_back(&p);
        placed = true;
        break;
      }
    }
    if (!placed) {
      variants.push_back(out.size());
      out.push_back({&p});
    }
  }
  return out;
}

}  // namespace

std::string midden_options_csv(const MiddenData& data, const std::map<std::string, PlantCalibration>& calibration,
                               Sink& sink, std::size_t& alternatives, std::size_t& written) {
  std::map<std::string, std::string> cluster_of;
  for (const auto& p : data.plants) {
    cluster_of[p.plant_id] = p.cluster_name;
  }
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
  std::vector<Part> parts;
  parts.reserve(alts.size());
  for (const MiddenConfig* a : alts) {
    if (auto p = evaluate_part(data, *a, calibration.at(a->plant_id), sink)) {
      parts.push_back(std::move(*p));
    }
  }

  std::string out = header(spec);
  for (const auto& route : group_routes(parts)) {
    const Part& first = *route.front();
    const MiddenConfig& a = *first.config;
    const std::string& plant = a.plant_id;
    std::string id;
    std::string name;
    std::string technology;
    std::vector<std::string> notes;
    std::map<std::string, const ConfigYear*> bases;
    Totals alt;
    bool replace = false;
    double co2_in = 0, lifetime = 0, flh = 0, capex_low = 0, capex_high = 0;
    bool low_stated = true, high_stated = true, limits = false;
    int trl = 9, lead = 0;
    double capex_max = -1;
    std::string section = first.section;
    for (const Part* p : route) {
      id += (id.empty() ? "" : "+") + p->config->configuration_id;
      technology += (technology.empty() ? "" : "+") + p->config->technology_id;
      name += (name.empty() ? "" : " + ") + p->config->technology;
      notes.insert(notes.end(), p->notes.begin(), p->notes.end());
      alt.add(p->alt);
      limits = limits || p->alt.emission_limits;
      for (const auto& [bid, by] : p->bases) {
        bases.emplace(bid, &by);
      }
      if (p->replace && !replace) {
        section = p->section;  // a route acts on the section its replacing parts take over
      }
      replace = replace || p->replace;
      co2_in += p->co2_in_t;
      trl = std::min(trl, p->trl);  // a route is as ready as its least ready part
      lead = std::max(lead, lead_time_for(*p->config));
      flh = std::max(flh, p->config->capacity_utilisation * kHoursPerYear);
      if (p->alt.capex_eur > capex_max) {  // the largest investment's lifetime stands for the route
        capex_max = p->alt.capex_eur;
        lifetime = p->lifetime;
      }
      capex_low += p->alt.capex_low_eur >= 0 ? p->alt.capex_low_eur : p->alt.capex_eur;
      capex_high += p->alt.capex_high_eur >= 0 ? p->alt.capex_high_eur : p->alt.capex_eur;
      low_stated = low_stated && p->alt.capex_low_eur >= 0;
      high_stated = high_stated && p->alt.capex_high_eur >= 0;
    }
    if (route.size() > 1) {
      sink.report.in_routes += route.size() - 1;
      ++sink.report.routes;
      name = fmt::format("{}: {}", a.configuration, name);
      notes.push_back(fmt::format("route \"{}\": {} parts in section \"{}\" taken as one option", a.configuration,
                                  route.size(), a.section));
    }
    Totals base;
    std::string base_ids;
    for (const auto& [bid, by] : bases) {
      base.add(*by);
      base_ids += (base_ids.empty() ? "" : ", ") + bid;
    }
    // Emissions where they arise, once: the parts' direct emissions minus the bases they replace
    // and the stack CO2 their capture takes in.
    double delta = alt.emissions - base.emissions - co2_in;
    double delta_low = alt.low - base.high - co2_in;
    double delta_high = alt.high - base.low - co2_in;
    // Calibration (docs/midden-import.md §7): the cards' emissions, energy and stored CO2 scaled
    // to the plant's verified emissions where the cards state more; a plant whose cards state no
    // emissions cannot calibrate a reduction.
    const auto& cal = calibration.at(plant);
    const double k = cal.factor();
    if (delta < 0 && k <= 0) {
      sink.skip(plant, id, "no_base_emissions",
                fmt::format("its base configurations state no emissions against {} t verified: the "
                            "reduction cannot be calibrated",
                            csv_number(cal.verified_t)));
      continue;
    }
    const double scale = k > 0 ? k : 1.0;
    // What it acts on: the section it replaces (its exclusive group), or for an add-on what the
    // site emits.
    const double section_t =
        replace ? (cal.base_by_section_t.count(section) ? cal.base_by_section_t.at(section) * scale : 0.0)
                : cal.verified_t;
    delta *= scale;
    delta_low *= scale;
    delta_high *= scale;
    if (-delta > section_t) {
      notes.push_back(fmt::format("cuts {} t/yr on cards, more than the {} t/yr of {}: capped at it", t_str(-delta),
                                  t_str(section_t), replace ? "its section" : "the site"));
      delta = -section_t;
    }
    delta_low = std::min(std::max(delta_low, -section_t), delta);
    delta_high = std::max(delta_high, delta);
    const double d_gas = (alt.gas - base.gas) * scale;
    const double d_el = (alt.electricity - base.electricity) * scale;
    const double d_h2 = (alt.hydrogen - base.hydrogen) * scale;
    const double d_bio = (alt.biomass - base.biomass) * scale;
    const double d_steam = (alt.steam - base.steam) * scale;
    const double stored = std::max(0.0, alt.stored - base.stored) * scale;
    if (std::fabs(d_steam) >= 0.05) {
      notes.push_back(fmt::format("steam/heat from other units of the site changes by {} GJ/yr; its emissions count "
                                  "where it is raised, not here",
                                  t_str(d_steam)));
    }
    const double grid_mw = std::max(0.0, d_el) / kGjPerMwh / flh;
    // Liquid only when all it sends out is liquid (a route's parts could mix).
    const bool liquid = alt.liquid >= alt.stored;
    const std::string_view stores = stored > 0 ? store_for(cluster_of[plant], liquid) : "";
    if (stored > 0 && stores != store_for(cluster_of[plant], true)) {
      notes.push_back(fmt::format("sends its CO2 out compressed, for a pipeline: stores {} only (not a ship-only "
                                  "store)",
                                  stores));
    }
    for (const auto& n : notes) {
      sink.note(plant, id, "assumed", n);
    }
    Row r;
    r.set("option_id", id);
    r.set("site_id", plant);
    r.set("name", name);
    r.set("kind", replace ? "replace" : "add_on");
    r.set("exclusive_group", plant + "/" + section);
    r.set("technology_id", technology);
    r.set("delta_emissions_t", t_str(delta));
    if (limits || base.limits) {
      r.set("delta_emissions_low_t", t_str(delta_low));
      r.set("delta_emissions_high_t", t_str(delta_high));
    }
    r.set("capex_eur", eur_str(alt.capex));
    // A range where any part states one (the others at their central value).
    if (low_stated || capex_low != alt.capex) {
      r.set("capex_low_eur", eur_str(capex_low));
    }
    if (high_stated || capex_high != alt.capex) {
      r.set("capex_high_eur", eur_str(capex_high));
    }
    r.set("fixed_om_eur", eur_str(alt.om - base.om));
    r.set("delta_gas_gj", t_str(d_gas));
    r.set("delta_electricity_gj", t_str(d_el));
    r.set("delta_hydrogen_gj", t_str(d_h2));
    r.set("delta_biomass_gj", t_str(d_bio));
    r.set("co2_stored_t", t_str(stored));
    if (stored > 0) {
      r.set("co2_store", std::string(stores));
    }
    r.set("acts_on", replace ? "section" : "remaining");
    r.set("section_emissions_t", t_str(section_t));
    r.set("full_load_hours", csv_number(round_to(flh, 100)));
    r.set("grid_need_mw", csv_number(round_to(grid_mw, 1e4)));
    r.set("lifetime_yr", csv_number(lifetime));
    r.set("trl", std::to_string(trl));
    r.set("earliest_year", std::to_string(earliest_year_for(trl)));
    r.set("lead_time_yr", std::to_string(lead));
    r.set("price_year", std::to_string(kMiddenPriceYear));
    r.set("basis", "derived");
    std::string how;
    for (const Part* p : route) {
      how += fmt::format("{}{} {} ({})", how.empty() ? "" : "; ", p->config->configuration_id, p->config->technology_id,
                         p->replace ? fmt::format("replaces {}", p->config->substitute_for) : std::string("add-on"));
    }
    r.set("source", fmt::format("MIDDEN v3 pcd.json/tc.json {}{} {}", how,
                                base_ids.empty() ? "" : fmt::format("; bases {}", base_ids), kMiddenSource));
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

}  // namespace decarbfund::data::detail
