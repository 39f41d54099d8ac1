// Options that add up (issue 13; docs/model.md "Options that add up"): no site's options can
// remove more than the site emits. Checked at load, so a dataset that stacks past its emissions is
// refused with the site and the options named, never clamped silently in the simulation.

#include "data/check_potential.hpp"

#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

#include "data/csv_reader.hpp"

namespace decarbfund::data {

namespace {
/// Tolerance for rounding in the tables (0.1 t per row) and the calibration's float arithmetic.
double tolerance(double e) { return 1.0 + 1e-9 * e; }
}  // namespace

void check_option_potential(const model::Model& model, core::Diagnostics& diags) {
  const auto& s = model.sites;
  const auto& o = model.options;
  const std::string file = model.info.path + "/options.csv";
  for (model::Index i = 0; i < s.size(); ++i) {
    const double e0 = s.base_emissions_t[i];
    // Per section group: the emissions it stands for and its options.
    struct Section {
      double emissions_t = 0;
      std::string name, options;
    };
    std::map<model::Index, Section> sections;
    for (auto k = s.option_begin[i]; k < s.option_begin[i + 1]; ++k) {
      const double cut = -o.delta_emissions_t[k];
      if (cut <= 0) {
        continue;
      }
      if (e0 <= 0) {
        diags.error(file, 0, "delta_emissions_t",
                    fmt::format("no reduction at site {}, which emits nothing in {}", s.id[i], s.base_year[i]),
                    fmt::format("option {} cutting {} t/yr", o.id[k], csv_number(cut)), "dataset.phantom_option");
        continue;
      }
      if (o.acts_on[k] == model::ActsOn::remaining) {
        if (cut > e0 + tolerance(e0)) {
          diags.error(file, 0, "delta_emissions_t",
                      fmt::format("at most the {} t/yr site {} emits", csv_number(e0), s.id[i]),
                      fmt::format("option {} cutting {} t/yr", o.id[k], csv_number(cut)),
                      "dataset.potential");
        }
        continue;
      }
      auto [it, fresh] = sections.try_emplace(o.exclusive_group[k], Section{0.0, o.exclusive_group_name[k], o.id[k]});
      const double stated = o.section_emissions_t[k];
      if (!std::isnan(stated)) {
        if (cut > stated + tolerance(stated)) {
          diags.error(file, 0, "delta_emissions_t",
                      fmt::format("at most the {} t/yr of its section {}", csv_number(stated),
                                  o.exclusive_group_name[k]),
                      fmt::format("option {} cutting {} t/yr", o.id[k], csv_number(cut)), "dataset.potential");
        }
        it->second.emissions_t = std::max(it->second.emissions_t, stated);
      } else {
        it->second.emissions_t = std::max(it->second.emissions_t, cut);
      }
      if (!fresh && it->second.options.size() < 200) {
        it->second.options += ", " + o.id[k];
      }
    }
    double total = 0;
    std::string groups;
    for (const auto& [group, section] : sections) {
      total += section.emissions_t;
      groups += fmt::format("{}{} {} t/yr ({})", groups.empty() ? "" : "; ", section.name,
                            csv_number(section.emissions_t), section.options);
    }
    if (total > e0 + tolerance(e0)) {
      diags.error(file, 0, "section_emissions_t",
                  fmt::format("sections of site {} adding up to at most its {} t/yr", s.id[i], csv_number(e0)),
                  fmt::format("{} t/yr over {} sections: {}", csv_number(total), sections.size(), groups),
                  "dataset.potential");
    }
  }
}

}  // namespace decarbfund::data
