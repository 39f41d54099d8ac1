#include "report/sme_report.hpp"

#include <nlohmann/json.hpp>

#include "report/append.hpp"

namespace decarbfund::report {

namespace {

nlohmann::ordered_json summary(const model::Round& round, const analysis::Allocation& result) {
  const auto& s = result.summary;
  nlohmann::ordered_json j;
  j["round"] = round.id;
  j["instrument"] = model::kInstruments[static_cast<std::size_t>(round.instrument)];
  j["allocation"] = model::kAllocationModes[static_cast<std::size_t>(round.mode)];
  j["applications"] = s.applications;
  j["eligible"] = s.eligible;
  j["awarded"] = s.awarded;
  j["budget_eur"] = s.budget_eur;
  j["requested_eur"] = s.requested_eur;
  j["budget_used_eur"] = s.budget_used_eur;
  j["reduction_t_per_yr"] = s.reduction_t_per_yr;
  j["lifetime_reduction_t"] = s.lifetime_reduction_t;
  j["eur_per_t"] = s.eur_per_t;
  j["eur_per_annual_t"] = s.eur_per_annual_t;
  j["free_riders"] = s.free_riders;
  j["free_rider_share"] = s.free_rider_share;
  j["free_rider_budget_share"] = s.free_rider_budget_share;
  nlohmann::ordered_json rejected = nlohmann::ordered_json::object();
  for (std::size_t r = 1; r < s.rejected.size(); ++r) {
    rejected[std::string(model::kRejectReasons[r])] = s.rejected[r];
  }
  j["rejected"] = rejected;
  // Issue 16 §4: who gets the money, SMEs (EU definition) or large firms.
  nlohmann::ordered_json split = nlohmann::ordered_json::object();
  for (std::size_t g = 0; g < s.by_group.size(); ++g) {
    const auto& x = s.by_group[g];
    nlohmann::ordered_json row;
    row["applications"] = x.applications;
    row["eligible"] = x.eligible;
    row["awarded"] = x.awarded;
    row["requested_eur"] = x.requested_eur;
    row["budget_used_eur"] = x.budget_used_eur;
    row["budget_share"] = s.budget_used_eur > 0 ? x.budget_used_eur / s.budget_used_eur : 0.0;
    row["reduction_t_per_yr"] = x.reduction_t_per_yr;
    row["lifetime_reduction_t"] = x.lifetime_reduction_t;
    split[std::string(analysis::kSizeGroups[g])] = row;
  }
  j["by_firm_size"] = split;
  // What the outlook would count in the target year (analysis::sme_contribution, defaults EST).
  constexpr int kTargetYear = 2030;
  const auto c = analysis::sme_contribution(result.awards, analysis::kDefaultRealisationRate,
                                            analysis::kDefaultDelayYr, kTargetYear, kTargetYear);
  j["expected_reduction_2030_t"] = c.reduction_in(kTargetYear);
  j["realisation_rate"] = analysis::kDefaultRealisationRate;
  j["delay_yr"] = analysis::kDefaultDelayYr;
  nlohmann::ordered_json estimated = nlohmann::ordered_json::array();
  for (const auto& [key, why] : round.estimated) {
    estimated.push_back(key);
  }
  j["estimated"] = estimated;
  return j;
}

std::string text(const nlohmann::ordered_json& j) {
  std::string out;
  append(out, "round {} ({}, {})\n", j["round"].get<std::string>(), j["instrument"].get<std::string>(),
         j["allocation"].get<std::string>());
  append(out, "  applications            {:>14}\n", j["applications"].get<std::size_t>());
  append(out, "  eligible                {:>14}\n", j["eligible"].get<std::size_t>());
  append(out, "  awarded                 {:>14}\n", j["awarded"].get<std::size_t>());
  append(out, "  budget_eur              {:>14.0f}\n", j["budget_eur"].get<double>());
  append(out, "  requested_eur           {:>14.0f}\n", j["requested_eur"].get<double>());
  append(out, "  budget_used_eur         {:>14.0f}\n", j["budget_used_eur"].get<double>());
  append(out, "  reduction_t_per_yr      {:>14.1f}\n", j["reduction_t_per_yr"].get<double>());
  append(out, "  lifetime_reduction_t    {:>14.0f}\n", j["lifetime_reduction_t"].get<double>());
  append(out, "  eur_per_t               {:>14.2f}   (per lifetime tonne)\n", j["eur_per_t"].get<double>());
  append(out, "  eur_per_annual_t        {:>14.2f}\n", j["eur_per_annual_t"].get<double>());
  append(out, "  free_rider_share        {:>14.3f}   ({} awards NPV-positive without aid)\n",
             j["free_rider_share"].get<double>(), j["free_riders"].get<std::size_t>());
  append(out, "  free_rider_budget_share {:>14.3f}\n", j["free_rider_budget_share"].get<double>());
  append(out, "  expected_reduction_2030_t{:>14.1f}   (realisation {}, delay {} yr)\n",
             j["expected_reduction_2030_t"].get<double>(), j["realisation_rate"].get<double>(),
             j["delay_yr"].get<int>());
  append(out, "  rejected:");
  for (const auto& [k, v] : j["rejected"].items()) {
    if (v.get<std::size_t>() > 0) {
      append(out, " {} {}", k, v.get<std::size_t>());
    }
  }
  append(out, "\n");
  const auto& sme = j["by_firm_size"]["sme"];
  const auto& large = j["by_firm_size"]["large"];
  append(out, "  by firm size                       sme          large\n");
  for (const char* key : {"applications", "eligible", "awarded"}) {
    append(out, "    {:<22}{:>14}{:>15}\n", key, sme[key].get<std::size_t>(), large[key].get<std::size_t>());
  }
  append(out, "    {:<22}{:>14.0f}{:>15.0f}\n", "budget_used_eur", sme["budget_used_eur"].get<double>(),
         large["budget_used_eur"].get<double>());
  append(out, "    {:<22}{:>14.3f}{:>15.3f}\n", "budget_share", sme["budget_share"].get<double>(),
         large["budget_share"].get<double>());
  append(out, "    {:<22}{:>14.1f}{:>15.1f}\n", "reduction_t_per_yr", sme["reduction_t_per_yr"].get<double>(),
         large["reduction_t_per_yr"].get<double>());
  append(out, "    {:<22}{:>14.0f}{:>15.0f}\n", "lifetime_reduction_t", sme["lifetime_reduction_t"].get<double>(),
         large["lifetime_reduction_t"].get<double>());
  if (!j["estimated"].empty()) {
    std::string keys;
    for (const auto& k : j["estimated"]) {
      keys += (keys.empty() ? "" : ", ") + k.get<std::string>();
    }
    append(out, "  estimated (no published figure; reasons in the round file): {}\n", keys);
  }
  return out;
}

}  // namespace

std::string sme_summary_json(const model::Round& round, const analysis::Allocation& result) {
  return summary(round, result).dump(2) + "\n";
}

std::string sme_summary_text(const model::Round& round, const analysis::Allocation& result) {
  return text(summary(round, result));
}

}  // namespace decarbfund::report
