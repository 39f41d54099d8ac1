#include "data/midden_records.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/json_nesting.hpp"
#include "data/csv_reader.hpp"

namespace decarbfund::data::detail {

namespace {

/// MIDDEN files are arrays of flat records (two levels); deeper JSON is refused before parsing.
constexpr int kMaxMiddenDepth = 8;

using nlohmann::json;

/// One JSON file being read: its name for messages and the element being read, so that every
/// error names file, element and key (STYLE §2.5).
struct JsonFile {
  std::string path;
  std::string name;  ///< e.g. "pcd.json"
  json doc;

  [[noreturn]] void fail(std::size_t element, std::string_view key, std::string expected,
                         const json& found) const {
    core::Diagnostic d;
    d.code = "midden.bad_value";
    d.file = path;
    d.key_path = fmt::format("[{}].{}", element, key);
    d.field = std::string(key);
    d.expected = std::move(expected);
    d.found = core::quote_found(found.dump());
    throw core::Error(std::move(d));
  }

  const json& at(std::size_t element, std::string_view key) const {
    const json& e = doc[element];
    const auto it = e.find(key);
    if (it == e.end()) {
      core::Diagnostic d;
      d.code = "midden.missing_key";
      d.file = path;
      d.key_path = fmt::format("[{}]", element);
      d.field = std::string(key);
      d.expected = fmt::format("key '{}'", key);
      d.found = "none";
      throw core::Error(std::move(d));
    }
    return *it;
  }

  /// A number; MIDDEN sometimes stores numbers as strings ("12.5"), which are accepted.
  double number(std::size_t element, std::string_view key) const {
    const json& v = at(element, key);
    if (v.is_number()) {
      return v.get<double>();
    }
    if (v.is_string()) {
      if (const auto x = parse_number(v.get<std::string>())) {
        return *x;
      }
    }
    fail(element, key, "a number", v);
  }

  /// A number, or nullopt where MIDDEN writes "-" / "" for "no figure".
  std::optional<double> optional_number(std::size_t element, std::string_view key) const {
    const json& v = at(element, key);
    if (v.is_string()) {
      const auto s = v.get<std::string>();
      if (s == "-" || s.empty()) {
        return std::nullopt;
      }
    }
    return number(element, key);
  }

  /// Text; MIDDEN's 0 / "0" for "absent" becomes "". Other numbers are written as text.
  std::string text(std::size_t element, std::string_view key) const {
    const json& v = at(element, key);
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      return s == "0" ? std::string() : s;
    }
    if (v.is_number()) {
      const double x = v.get<double>();
      return x == 0 ? std::string() : csv_number(x);
    }
    if (v.is_null()) {
      return {};
    }
    fail(element, key, "text or 0", v);
  }
};

JsonFile parse_file(const std::string& text, const std::filesystem::path& dir, std::string_view name) {
  JsonFile f;
  f.name = std::string(name);
  f.path = (dir / name).string();
  // MIDDEN's records nest four levels; nothing deeper reaches the parser (issue 15: 100,000 '['
  // overflowed the stack of the code that walks the result).
  if (const auto deep = core::find_json_nesting_excess(text, kMaxMiddenDepth)) {
    core::Diagnostic d;
    d.code = "midden.bad_json";
    d.file = f.path;
    d.line = deep->line;
    d.expected = fmt::format("JSON nested at most {} levels deep", kMaxMiddenDepth);
    d.found = "deeper nesting";
    throw core::Error(std::move(d));
  }
  try {
    f.doc = json::parse(text);
  } catch (const json::parse_error& e) {
    core::Diagnostic d;
    d.code = "midden.bad_json";
    d.file = f.path;
    const std::size_t end = std::min<std::size_t>(e.byte, text.size());
    d.line = 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(end), '\n'));
    d.expected = "valid JSON";
    d.found = e.what();
    throw core::Error(std::move(d));
  } catch (const json::exception& e) {  // e.g. 1e999: "number overflow"
    core::Diagnostic d;
    d.code = "midden.bad_json";
    d.file = f.path;
    d.expected = "valid JSON with finite numbers";
    d.found = e.what();
    throw core::Error(std::move(d));
  }
  if (!f.doc.is_array()) {
    core::Diagnostic d;
    d.code = "midden.bad_json";
    d.file = f.path;
    d.expected = "a JSON array of records";
    d.found = std::string("a JSON ") + f.doc.type_name();
    throw core::Error(std::move(d));
  }
  for (std::size_t i = 0; i < f.doc.size(); ++i) {
    if (!f.doc[i].is_object()) {
      f.fail(i, "", "a JSON object", f.doc[i]);
    }
  }
  return f;
}

MiddenAmount amount(const JsonFile& f, std::size_t i, const std::string& amount_key,
                    const std::string& unit_key, const std::string& lower_key,
                    const std::string& upper_key) {
  MiddenAmount a;
  a.amount = f.number(i, amount_key);
  a.unit = f.text(i, unit_key);
  a.lower = f.number(i, lower_key);
  a.upper = f.number(i, upper_key);
  return a;
}

}  // namespace

MiddenData read_midden(const std::filesystem::path& dir) {
  std::array<std::string, kMiddenFiles.size()> texts;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    texts[k] = core::read_file(dir / kMiddenFiles[k]);
  }
  return parse_midden(texts, dir);
}

MiddenData parse_midden(const std::array<std::string, kMiddenFiles.size()>& texts, const std::filesystem::path& dir) {
  MiddenData data;
  const JsonFile midden = parse_file(texts[0], dir, kMiddenFiles[0]);
  const JsonFile gpd = parse_file(texts[1], dir, kMiddenFiles[1]);
  const JsonFile pcd = parse_file(texts[2], dir, kMiddenFiles[2]);
  const JsonFile tc = parse_file(texts[3], dir, kMiddenFiles[3]);
  const JsonFile cd = parse_file(texts[4], dir, kMiddenFiles[4]);

  std::map<std::string, std::string> groups;
  for (std::size_t i = 0; i < gpd.doc.size(); ++i) {
    groups[gpd.text(i, "plant_id")] = gpd.text(i, "corporate_group");
  }

  for (std::size_t i = 0; i < midden.doc.size(); ++i) {
    MiddenPlant p;
    p.plant_id = midden.text(i, "plant_id");
    if (p.plant_id.empty()) {
      midden.fail(i, "plant_id", "a plant id such as M001", midden.at(i, "plant_id"));
    }
    p.plant_name = midden.text(i, "plant_name");
    p.nea_name = midden.text(i, "nea_name");
    p.nea_id = midden.text(i, "nea_id");
    p.emissions_2020_t = midden.optional_number(i, "2020_nea_emissions_[tCO2e]");
    p.emissions_raw = midden.at(i, "2020_nea_emissions_[tCO2e]").dump();
    p.latitude = midden.number(i, "latitude");
    p.longitude = midden.number(i, "longitude");
    p.nace = midden.number(i, "NACE");
    p.sbi_2008 = static_cast<long>(midden.number(i, "sbi_2008"));
    p.nace_mainsector = midden.text(i, "NACE_mainsector");
    p.nace_name = midden.text(i, "NACE_name");
    p.cluster_name = midden.text(i, "cluster_name");
    if (const auto it = groups.find(p.plant_id); it != groups.end()) {
      p.corporate_group = it->second;
    }
    data.plants.push_back(std::move(p));
  }

  for (std::size_t i = 0; i < pcd.doc.size(); ++i) {
    MiddenConfig c;
    c.configuration_id = pcd.text(i, "configuration_id");
    c.plant_id = pcd.text(i, "plant_id");
    c.configuration = pcd.text(i, "configuration");
    c.configuration_indicator = static_cast<int>(pcd.number(i, "configuration_indicator"));
    c.section = pcd.text(i, "section");
    c.technology = pcd.text(i, "technology");
    c.technology_id = pcd.text(i, "technology_id");
    c.capacity_value = pcd.number(i, "capacity_value");
    c.capacity_unit = pcd.text(i, "capacity_unit");
    c.capacity_utilisation = pcd.number(i, "capacity_utilisation");
    c.substitute_for = pcd.text(i, "substitute_for_base_technology");
    c.electrification = pcd.number(i, "electrification") != 0;
    c.ccs = pcd.number(i, "CCS") != 0;
    std::string lower = c.configuration;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    c.is_base = lower == "base";
    if (c.configuration_id.empty() || c.plant_id.empty() || c.technology_id.empty()) {
      pcd.fail(i, "configuration_id", "configuration_id, plant_id and technology_id",
               pcd.doc[i].value("configuration_id", json()));
    }
    data.configs.push_back(std::move(c));
  }

  for (std::size_t i = 0; i < tc.doc.size(); ++i) {
    MiddenCard t;
    t.technology_id = tc.text(i, "technology_id");
    t.technology = tc.text(i, "technology");
    t.main_output_id = tc.text(i, "main_output_id");
    t.main_output_name = tc.text(i, "main_output_name");
    t.main_output_unit = tc.text(i, "main_output_unit");
    t.capacity_unit = tc.text(i, "capacity_unit");
    const std::string inv = "investment_per_unit_of_capacity_";
    t.investment_new = amount(tc, i, inv + "new_amount", inv + "new_unit", inv + "new_lower_limit",
                              inv + "new_upper_limit");
    t.investment_refurbishment =
        amount(tc, i, inv + "refurbishment_amount", inv + "refurbishment_unit",
               inv + "refurbishment_lower_limit", inv + "refurbishment_upper_limit");
    const std::string om = "annual_operating_and_maintenance_costs_per_unit_of_capacity_";
    t.om = amount(tc, i, om + "amount", om + "unit", om + "amount_lower_limit",
                  om + "amount_upper_limit");
    t.lifetime = amount(tc, i, "technical_lifetime_amount", "technical_lifetime_unit",
                        "technical_lifetime_lower_limit", "technical_lifetime_upper_limit");
    for (auto [gas, target] : {std::pair{"co2", &t.co2}, std::pair{"ch4", &t.ch4},
                               std::pair{"n2o", &t.n2o}, std::pair{"f_gases", &t.f_gases}}) {
      const std::string k = std::string(gas) + "_emissions_";
      *target = amount(tc, i, k + "amount", k + "unit", k + "lower_limit", k + "upper_limit");
    }
    t.trl_raw = tc.text(i, "trl_value");
    for (const bool input : {true, false}) {
      const std::string io = input ? "input" : "output";
      for (int n = 1; n <= 12; ++n) {
        MiddenFlow fl;
        fl.input = input;
        fl.index = n;
        fl.commodity_id = tc.text(i, fmt::format("{}_{}_id", io, n));
        fl.name = tc.text(i, fmt::format("name_of_{}_{}", io, n));
        fl.amount = tc.number(i, fmt::format("{}_{}_amount", io, n));
        fl.unit = tc.text(i, fmt::format("{}_{}_unit", io, n));
        if (fl.commodity_id.empty() && fl.amount == 0) {
          continue;  // an unused slot
        }
        t.flows.push_back(std::move(fl));
      }
    }
    data.cards[t.technology_id] = std::move(t);
  }

  for (std::size_t i = 0; i < cd.doc.size(); ++i) {
    data.commodities[cd.text(i, "commodity_id")] = cd.text(i, "commodity_name");
  }
  return data;
}

}  // namespace decarbfund::data::detail
