#include "report/emitters_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/append.hpp"

namespace decarbfund::report {

namespace {

std::string site_ids(const model::Model& model, const analysis::Emitter& e) {
  std::string s;
  for (auto i : e.sites) {
    s += s.empty() ? "" : " ";
    s += model.sites.id[i];
  }
  return s;
}

}  // namespace

std::string emitters_text(const model::Model& model, const analysis::EmitterRanking& r) {
  std::string s;
  append(s, "Largest emitters in dataset {} {}: {} of {} companies, base-year emissions (sites.csv)\n", model.info.name,
         model.info.version, r.rows.size(), r.companies);
  append(s, "Committed: a deal's reduction in {}; share of the lot's target of {:.1f} Mt\n\n", r.target_year,
         r.target_t / 1e6);
  append(s, "{:>4}  {:<42} {:>7} {:>6}  {:<16} {:<14} {:>9} {:>7}  {}\n", "rank", "company", "Mt", "share", "deal",
         "phase", "commit Mt", "target", "sites");
  double emissions = 0, committed = 0;
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    const auto& e = r.rows[k];
    emissions += e.emissions_t;
    committed += e.committed_t;
    std::string company = e.company.size() > 42 ? e.company.substr(0, 41) + "…" : e.company;
    append(s, "{:>4}  {:<42} {:>7.3f} {:>5.1f}%  {:<16} {:<14} {:>9} {:>7}  {}\n", k + 1, company, e.emissions_t / 1e6,
           100 * e.share_of_emissions, e.deal.empty() ? "-" : e.deal,
           e.phase ? std::string(model::phase_name(*e.phase)) : std::string("no deal"),
           e.deal.empty() ? std::string("-") : fmt::format("{:.3f}", e.committed_t / 1e6),
           e.deal.empty() ? std::string("-") : fmt::format("{:.1f}%", 100 * e.share_of_target), site_ids(model, e));
  }
  // No total share of the target: deals commit absolute reductions against their own baselines,
  // the target counts tonnes beyond the reference run, so their sum is no share of it.
  append(s, "\nThese {} companies: {:.2f} Mt of the dataset's {:.2f} Mt ({:.1f} %); their deals commit {:.2f} Mt in {}\n",
         r.rows.size(), emissions / 1e6, r.total_emissions_t / 1e6,
         r.total_emissions_t > 0 ? 100 * emissions / r.total_emissions_t : 0.0, committed / 1e6, r.target_year);
  return s;
}

std::string emitters_json(const model::Model& model, const analysis::EmitterRanking& r) {
  using nlohmann::json;
  json j;
  j["dataset"] = model.info.name;
  j["dataset_version"] = model.info.version;
  j["target_year"] = r.target_year;
  j["target_t"] = r.target_t;
  j["total_emissions_t"] = r.total_emissions_t;
  j["companies_total"] = r.companies;
  json rows = json::array();
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    const auto& e = r.rows[k];
    json sites = json::array();
    for (auto i : e.sites) {
      sites.push_back(model.sites.id[i]);
    }
    rows.push_back({{"rank", k + 1},
                    {"company", e.company},
                    {"owners", e.owners},
                    {"sites", sites},
                    {"emissions_t", e.emissions_t},
                    {"share_of_emissions", e.share_of_emissions},
                    {"deal", e.deal.empty() ? json(nullptr) : json(e.deal)},
                    {"phase", e.phase ? json(std::string(model::phase_name(*e.phase))) : json(nullptr)},
                    {"committed_t", e.committed_t},
                    {"share_of_target", e.share_of_target}});
  }
  j["emitters"] = rows;
  return j.dump(2) + "\n";
}

}  // namespace decarbfund::report
