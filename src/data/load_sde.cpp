// SDE++ tables (docs/data-format.md "sde_rounds", "sde_categories", "sde_techniques"): the rounds
// per year, the technique categories, and which options each category takes by the words in the
// option's name (MIDDEN names its alternatives by technique: "Electric boiler (low pressure
// steam)", "Post-Combustion Carbon Capture and storage - gaseous transport").

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "data/dataset_manifest.hpp"

namespace decarbfund::data::detail {

using model::Index;
using model::kNone;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void load_rounds(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& r = model.sde.rounds;
  read_table(m, "sde_rounds", diags, [&](TableReader& t, std::size_t row) {
    const long year = t.integer(row, "year");
    const double budget = t.number(row, "budget_eur");
    const double share = t.number(row, "industry_share");
    const double cap = t.number(row, "max_intensity_eur_per_t");
    const double fence = t.number(row, "fence_max_intensity_eur_per_t");
    t.choice(row, "basis", kBasis);
    t.text(row, "source");
    if (std::isnan(budget) || std::isnan(share) || std::isnan(cap)) {
      return;
    }
    if (!r.year.empty() && year <= r.year.back()) {
      t.error(row, "year", fmt::format("one round a year, in ascending order (after {})", r.year.back()),
              core::quote_found(t.raw(row, "year")));
      return;
    }
    if (!std::isnan(fence) && fence < cap) {
      t.error(row, "fence_max_intensity_eur_per_t",
              fmt::format("at least max_intensity_eur_per_t ({}): the fences lift the cap", cap),
              core::quote_found(t.raw(row, "fence_max_intensity_eur_per_t")));
      return;
    }
    r.year.push_back(static_cast<int>(year));
    r.budget_eur.push_back(budget);
    r.industry_share.push_back(share);
    r.max_intensity_eur_per_t.push_back(cap);
    r.fence_max_intensity_eur_per_t.push_back(fence);
  });
}

void load_categories(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& c = model.sde.categories;
  IdRegistry ids;
  read_table(m, "sde_categories", diags, [&](TableReader& t, std::size_t row) {
    static constexpr std::string_view kYesNo[] = {"no", "yes"};
    auto id = t.text(row, "category");
    auto name = t.text(row, "name");
    const long term = t.integer(row, "term_yr");
    const double floor = t.number(row, "floor_share");
    const int fence = t.choice(row, "in_fence", kYesNo);
    const double base = t.number(row, "max_base_eur_per_t");
    t.choice(row, "basis", kBasis);
    t.text(row, "source");
    // A row with a bad value still defines its id, so sde-techniques.csv reports only its own
    // problems (the load fails on the row's error anyway).
    if (id.empty() || !ids.add(t, row, "category", id)) {
      return;
    }
    c.id.push_back(std::move(id));
    c.name.push_back(std::move(name));
    c.term_yr.push_back(static_cast<int>(term));
    c.floor_share.push_back(floor);
    c.in_fence.push_back(static_cast<std::uint8_t>(std::max(fence, 0)));
    c.max_base_eur_per_t.push_back(base);
  });
}

/// Each option's category: the first row of sde-techniques.csv whose pattern its name contains.
void load_techniques(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& sde = model.sde;
  std::vector<std::pair<std::string, Index>> patterns;
  std::set<std::string> seen;
  read_table(m, "sde_techniques", diags, [&](TableReader& t, std::size_t row) {
    const auto pattern = lower(t.text(row, "pattern"));
    const auto category = t.text(row, "category");
    t.text(row, "source");
    if (pattern.empty() || category.empty()) {
      return;
    }
    const auto& ids = sde.categories.id;
    const auto it = std::find(ids.begin(), ids.end(), category);
    if (it == ids.end()) {
      t.error(row, "category", "a category of sde-categories.csv", core::quote_found(category));
      return;
    }
    if (!seen.insert(pattern).second) {
      t.error(row, "pattern", "a pattern not listed before", core::quote_found(pattern));
      return;
    }
    patterns.emplace_back(pattern, static_cast<Index>(it - ids.begin()));
  });
  const auto& o = model.options;
  sde.option_category.assign(o.size(), kNone);
  for (Index i = 0; i < o.size(); ++i) {
    const auto name = lower(o.name[i]);
    for (const auto& [pattern, category] : patterns) {
      if (name.find(pattern) != std::string::npos) {
        sde.option_category[i] = category;
        break;
      }
    }
  }
}

}  // namespace

void load_sde(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  load_rounds(m, model, diags);
  load_categories(m, model, diags);
  load_techniques(m, model, diags);
}

}  // namespace decarbfund::data::detail
