#include "data/midden_rules.hpp"

#include <algorithm>
#include <cctype>

namespace decarbfund::data::detail {

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

int lead_time_for(const MiddenConfig& c) {
  if (c.ccs) {
    return 4;
  }
  if (c.electrification) {
    return 3;
  }
  return 2;
}

std::string_view store_for(const std::string& cluster_name, bool liquid) {
  struct Stores {
    std::string_view cluster, compressed, liquid;
  };
  static constexpr Stores kStores[] = {
      {"Rotterdam-Moerdijk", "aramis", "aramis"},
      {"Noordzeekanaalgebied", "aramis", "aramis"},
      {"Zeeland-West-Brabant", "aramis", "aramis;northern_lights"},
      {"Noord-Nederland", "aramis", "aramis"},
      {"Chemelot", "delta_rhine_corridor_co2", "delta_rhine_corridor_co2"},
  };
  for (const auto& s : kStores) {
    if (s.cluster == cluster_name) {
      return liquid ? s.liquid : s.compressed;
    }
  }
  return "";
}

}  // namespace decarbfund::data::detail
