#include "data/midden_tables.hpp"

#include <algorithm>

namespace decarbfund::data::detail {

namespace {

/// DPR basis per site (DESIGN §4.1, docs/data-sources.md "DPR basis"): verified emissions ÷ the
/// site's ratio of emissions to benchmark level. The NEa publishes the ratio per refinery
/// (2018–2021: BP 28 %, Shell 26 %, Zeeland Refinery 17 % above benchmark,
/// https://www.nu.nl/klimaat/6256552/fabrieken-shell-bp-en-dow-zijn-klimaatonvriendelijker-dan-die-van-concurrenten.html)
/// and for NL ETS industry as a whole (13.8 % above benchmark in 2021: 45 Mt emitted, 6.1 Mt
/// "avoidable", https://www.nrc.nl/nieuws/2022/11/14/nederlandse-industrie-is-sinds-2018-nauwelijks-duurzamer-geworden-a4148201).
/// Other refineries take the mean of the three; every other site the ratio that makes the whole
/// (refineries included) come out at the national 1.138 — derived at import, printed in the report.
constexpr std::pair<std::string_view, double> kStatedRatios[] = {
    {"M189", 1.28},  // BP Rotterdam
    {"M186", 1.26},  // Shell Pernis
    {"M190", 1.17},  // Zeeland Refinery
};
constexpr double kRefineryMeanRatio = (1.28 + 1.26 + 1.17) / 3;
constexpr double kNationalRatio = 1.138;
constexpr std::string_view kRefiningNace = "19.20";

/// Installations outside the levy (policy.md §1.2: electricity generation is excluded): the two
/// Vattenfall plants at Velsen that turn Tata Steel's process gases into electricity (NEa counts
/// them in its "energie" part). They stay sites, with their emissions, for the steel chain's
/// accounting (docs/deals.md, Tata Steel).
constexpr std::string_view kOutsideLevy[] = {"M007", "M008"};

/// MIDDEN cluster_name → cluster_id of clusters.csv (DESIGN §3).
constexpr std::pair<std::string_view, std::string_view> kClusters[] = {
    {"Rotterdam-Moerdijk", "rotterdam_moerdijk"},
    {"Noordzeekanaalgebied", "noordzeekanaalgebied"},
    {"Zeeland-West-Brabant", "zeeland"},
    {"Noord-Nederland", "noord_nederland"},
    {"Chemelot", "chemelot"},
    {"Other", "other"},
};

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

bool outside_levy(const std::string& id) {
  return std::find(std::begin(kOutsideLevy), std::end(kOutsideLevy), id) != std::end(kOutsideLevy);
}

/// The ratio of emissions to benchmark level per site (kStatedRatios and the derived rest).
std::map<std::string, std::pair<double, std::string>> benchmark_ratios(const std::vector<const MiddenPlant*>& plants,
                                                                       const std::vector<std::string>& nace,
                                                                       Sink& sink) {
  std::map<std::string, std::pair<double, std::string>> out;
  double e_all = 0, basis_fixed = 0, e_rest = 0;
  for (std::size_t k = 0; k < plants.size(); ++k) {
    const auto* p = plants[k];
    const double e = p->emissions_2020_t.value_or(0.0);
    if (outside_levy(p->plant_id)) {
      continue;
    }
    e_all += e;
    double ratio = 0;
    std::string how;
    for (const auto& [id, r] : kStatedRatios) {
      if (p->plant_id == id) {
        ratio = r;
        how = fmt::format("stated: {:.0f} % above benchmark level 2018–2021 (NEa via nu.nl)", (r - 1) * 100);
      }
    }
    if (ratio == 0 && nace[k] == kRefiningNace) {
      ratio = kRefineryMeanRatio;
      how = fmt::format("derived: mean of the three refineries the NEa names ({:.3f})", kRefineryMeanRatio);
    }
    if (ratio > 0) {
      basis_fixed += e / ratio;
      out[p->plant_id] = {ratio, how};
    } else {
      e_rest += e;
    }
  }
  // e_all / (basis_fixed + e_rest / r) = national ratio  →  r = e_rest / (e_all / national − basis_fixed)
  const double rest = e_rest / (e_all / kNationalRatio - basis_fixed);
  sink.note("", "", "assumed",
            fmt::format("DPR basis: ratio of emissions to benchmark level {:.4f} for every site but the "
                        "refineries, so that NL ETS industry comes out at {} (NEa 2021)",
                        rest, kNationalRatio));
  for (const auto* p : plants) {
    if (!out.count(p->plant_id) && !outside_levy(p->plant_id)) {
      out[p->plant_id] = {rest, fmt::format("derived: {:.4f}, the ratio that makes NL ETS industry as a whole "
                                            "{:.1f} % above benchmark level (NEa 2021; refineries as stated)",
                                            rest, (kNationalRatio - 1) * 100)};
    }
  }
  return out;
}

}  // namespace

std::string midden_sites_csv(const MiddenData& data, Sink& sink, double& total) {
  const TableSpec& spec = *find_table("sites");
  std::vector<const MiddenPlant*> plants;
  for (const auto& p : data.plants) {
    plants.push_back(&p);
  }
  std::sort(plants.begin(), plants.end(),
            [](const MiddenPlant* a, const MiddenPlant* b) { return a->plant_id < b->plant_id; });
  std::vector<std::string> naces;
  for (const MiddenPlant* p : plants) {
    bool from_sbi = false;
    naces.push_back(nace_code(*p, from_sbi));
  }
  const auto ratios = benchmark_ratios(plants, naces, sink);
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
    // all are ets_industrial (policy.md §1.2) but the electricity producers of kOutsideLevy.
    // M297 (NACE 38.32) recovers sorted materials.
    r.set("levy_category", outside_levy(p->plant_id) ? "none" : "ets_industrial");
    if (outside_levy(p->plant_id)) {
      sink.note(p->plant_id, "", "assumed",
                "levy_category none: electricity from Tata Steel's process gases; the levy excludes "
                "electricity generation (policy.md §1.2)");
    }
    r.set("nea_id", p->nea_id);
    r.set("ets", "yes");  // every MIDDEN plant is an EU ETS installation (MIDDEN README)
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
    if (const auto it = ratios.find(p->plant_id); it != ratios.end()) {
      r.set("dpr_basis_t", t_str(e / it->second.first));
      r.set("dpr_basis_method", "estimate: 2020 verified emissions / ratio to benchmark level; " + it->second.second);
    } else {
      r.set("dpr_basis_t", "0");
      r.set("dpr_basis_method", "none: outside the levy");
    }
    r.set("source", fmt::format("MIDDEN v3 midden.json plant_id={}{} {}", p->plant_id,
                                p->corporate_group.empty() ? "" : "; gpd.json corporate_group",
                                kMiddenSource));
    out += r.csv(spec);
  }
  return out;
}
}  // namespace decarbfund::data::detail
