#pragma once
// MIDDEN v3 records as the importer reads them (midden_records.cpp): plants (midden.json + gpd.json),
// configurations (pcd.json), technology cards (tc.json) and the commodity dictionary (cd.json).
// Values MIDDEN stores as 0 / "0" for "absent" become empty strings or std::nullopt here.

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decarbfund::data::detail {

struct MiddenPlant {
  std::string plant_id;
  std::string plant_name;  ///< empty when absent
  std::string nea_name;
  std::string nea_id;
  std::optional<double> emissions_2020_t;  ///< nullopt when "-" (no NEa figure)
  std::string emissions_raw;
  double latitude = 0;
  double longitude = 0;
  double nace = 0;
  long sbi_2008 = 0;
  std::string nace_mainsector;
  std::string nace_name;
  std::string cluster_name;
  std::string corporate_group;  ///< gpd.json; empty when absent
};

struct MiddenConfig {
  std::string configuration_id;
  std::string plant_id;
  std::string configuration;  ///< "Base"/"base" or the alternative's name
  int configuration_indicator = 0;
  std::string section;
  std::string technology;
  std::string technology_id;
  double capacity_value = 0;
  std::string capacity_unit;
  double capacity_utilisation = 0;
  std::string substitute_for;  ///< TCxxxx, or empty for an add-on (0 in pcd.json)
  bool electrification = false;
  bool ccs = false;
  bool is_base = false;  ///< configuration is "Base" in any case
};

/// One input or output line of a card.
struct MiddenFlow {
  bool input = true;
  int index = 0;  ///< 1..12
  std::string commodity_id;
  std::string name;
  double amount = 0;
  std::string unit;  ///< empty when absent
};

/// A quantity with its unit and lower/upper limits (0 = absent in MIDDEN).
struct MiddenAmount {
  double amount = 0;
  std::string unit;  ///< empty when absent
  double lower = 0;
  double upper = 0;
};

struct MiddenCard {
  std::string technology_id;
  std::string technology;
  std::string main_output_id;
  std::string main_output_name;
  std::string main_output_unit;
  std::string capacity_unit;
  MiddenAmount investment_new;
  MiddenAmount investment_refurbishment;
  MiddenAmount om;
  MiddenAmount lifetime;
  MiddenAmount co2;
  MiddenAmount ch4;
  MiddenAmount n2o;
  MiddenAmount f_gases;
  std::string trl_raw;  ///< as stated: "9", "0", "7-9", "Unknown." …
  std::vector<MiddenFlow> flows;
};

struct MiddenData {
  std::vector<MiddenPlant> plants;    ///< in midden.json order
  std::vector<MiddenConfig> configs;  ///< in pcd.json order
  std::map<std::string, MiddenCard> cards;
  std::map<std::string, std::string> commodities;  ///< cd.json id → name
};

/// MIDDEN's five files, in the order parse_midden takes their texts.
inline constexpr std::array<std::string_view, 5> kMiddenFiles = {"midden.json", "gpd.json", "pcd.json", "tc.json",
                                                                 "cd.json"};

/// Reads the five files; throws core::Error naming file, element and key when one is malformed.
MiddenData read_midden(const std::filesystem::path& dir);

/// The same from the files' texts (`dir` names them in messages): the fuzz target's entry.
MiddenData parse_midden(const std::array<std::string, kMiddenFiles.size()>& texts, const std::filesystem::path& dir);

}  // namespace decarbfund::data::detail
