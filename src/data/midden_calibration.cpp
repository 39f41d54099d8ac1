#include "data/midden_tables.hpp"

#include <fmt/ranges.h>

#include "data/midden_convert.hpp"

namespace decarbfund::data::detail {

std::map<std::string, PlantCalibration> calibrate_plants(const MiddenData& data, Sink& sink) {
  std::map<std::string, std::vector<const MiddenConfig*>> by_plant;
  for (const auto& c : data.configs) {
    if (c.is_base) {
      by_plant[c.plant_id].push_back(&c);
    }
  }
  std::map<std::string, PlantCalibration> out;
  for (const auto& p : data.plants) {
    auto& cal = out[p.plant_id];
    cal.verified_t = p.emissions_2020_t.value_or(0.0);
    const auto it = by_plant.find(p.plant_id);
    if (it == by_plant.end()) {
      sink.note(p.plant_id, "", "calibration", "no configurations in pcd.json: no check");
      continue;
    }
    int unstated = 0;
    std::vector<std::string> failed;
    for (const MiddenConfig* b : it->second) {
      const auto card = data.cards.find(b->technology_id);
      if (card == data.cards.end()) {
        failed.push_back(b->configuration_id);
        continue;
      }
      const ConfigYear y = evaluate_config(*b, card->second);
      if (!y.ok) {
        failed.push_back(b->configuration_id);
        continue;
      }
      cal.base_t += y.emissions_t;
      cal.base_by_section_t[b->section] += y.emissions_t;
      unstated += y.emissions_stated ? 0 : 1;
    }
    std::string detail_text = fmt::format("{} base configurations", it->second.size());
    if (unstated > 0) {
      detail_text += fmt::format(", {} with no emissions stated", unstated);
    }
    if (!failed.empty()) {
      detail_text += fmt::format(", not convertible: {}", fmt::join(failed, " "));
    }
    if (cal.verified_t <= 0) {
      sink.note(p.plant_id, "", "calibration",
                fmt::format("ratio=NA; base configurations {} t CO2-eq/yr; no verified 2020 emissions ({}); "
                            "its alternatives are not options (no emissions to cut)",
                            t_str(cal.base_t), detail_text));
      continue;
    }
    if (cal.base_t <= 0) {
      sink.note(p.plant_id, "", "calibration",
                fmt::format("ratio=0; base configurations state no emissions vs verified 2020 {} t ({}); "
                            "reducing alternatives cannot be calibrated and are not options",
                            csv_number(cal.verified_t), detail_text));
      continue;
    }
    sink.note(p.plant_id, "", "calibration",
              fmt::format("ratio={:.3f}; base configurations {} t CO2-eq/yr vs verified 2020 {} t ({}); "
                          "emissions, energy and CO2 stored of its options scaled by {:.4f}",
                          cal.base_t / cal.verified_t, t_str(cal.base_t), csv_number(cal.verified_t),
                          detail_text, cal.factor()));
  }
  return out;
}

}  // namespace decarbfund::data::detail
