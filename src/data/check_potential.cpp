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

/// An error at option k's row (the file and line its table was read from).
void error_at(const model::Options& o, model::Index k, std::string field, std::string expected, std::string found,
              core::Diagnostics& diags, const char* code = "dataset.potential") {
  core::Diagnostic d;
  d.code = code;
  d.file = o.row_file[k];
  d.line = o.row_line[k];
  d.field = std::move(field);
  d.expected = std::move(expected);
  d.found = std::move(found);
  d.hint = "docs/model.md \"Options that add up\"";
  diags.add(std::move(d));
}
}  // namespace

void check_option_potential(const model::Model& model, core::Diagnostics& diags) {
  const auto& s = model.sites;
  const auto& o = model.options;
  for (model::Index i = 0; i < s.size(); ++i) {
    const double e0 = s.base_emissions_t[i];
    // Per section group: the emissions it stands for and its options.
    struct Section {
      double emissions_t = 0;
      std::string name, options;
    };
    std::map<model::Index, Section> sections;
    model::Index first = model::kNone;  // the row a message about the sums points at
    for (auto k = s.option_begin[i]; k < s.option_begin[i + 1]; ++k) {
      const double cut = -o.delta_emissions_t[k];
      if (cut <= 0) {
        continue;
      }
      if (e0 <= 0) {
        error_at(o, k, "delta_emissions_t",
                 fmt::format("no reduction at site {}, which emits nothing in {}", s.id[i], s.base_year[i]),
                 fmt::format("option {} cutting {} t/yr", o.id[k], csv_number(cut)), diags, "dataset.phantom_option");
        continue;
      }
      if (o.acts_on[k] == model::ActsOn::remaining) {
        if (cut > e0 + tolerance(e0)) {
          error_at(o, k, "delta_emissions_t", fmt::format("at most the {} t/yr site {} emits", csv_number(e0), s.id[i]),
                   fmt::format("option {} cutting {} t/yr", o.id[k], csv_number(cut)), diags);
        }
        continue;
      }
      first = first == model::kNone ? k : first;
      auto [it, fresh] = sections.try_emplace(o.exclusive_group[k], Section{0.0, o.exclusive_group_name[k], o.id[k]});
      const double stated = o.section_emissions_t[k];
      if (!std::isnan(stated)) {
        if (cut > stated + tolerance(stated)) {
          error_at(o, k, "delta_emissions_t",
                   fmt::format("at most the {} t/yr of its section {}", csv_number(stated), o.exclusive_group_name[k]),
                   fmt::format("option {} cutting {} t/yr", o.id[k], csv_number(cut)), diags);
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
      error_at(o, first, "section_emissions_t",
               fmt::format("sections of site {} adding up to at most its {} t/yr", s.id[i], csv_number(e0)),
               fmt::format("{} t/yr over {} sections: {}", csv_number(total), sections.size(), groups), diags);
    }
  }
}

}  // namespace decarbfund::data
