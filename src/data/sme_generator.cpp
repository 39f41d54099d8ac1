#include "data/sme_generator.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/civil_time.hpp"
#include "core/diagnostic.hpp"
#include "core/rng.hpp"
#include "data/load_sme.hpp"
#include "model/firm_size.hpp"

namespace decarbfund::data {

namespace {

// The random variables of one firm; each is its own key, so adding a variable never shifts
// the others (core/rng.hpp).
enum Variable : std::uint32_t {
  kSize = 1,
  kApplies,
  kSector,
  kTechnique,
  kUnits,
  kCostFactor,
  kSavingFactor,
  kDay,
  kMinute,
  kRush,
  kSecondApplication,
  kEmployees,
  kTurnover,
  kBalanceSheet,
  kConsortiumParties,
  kConsortiumSmes,
};

// Streams at and above this belong to applications; below it, to firms.
constexpr std::uint64_t kApplicationStreams = std::uint64_t{1} << 40;

// Firm sizes among industrial firms with 2 or more persons (CBS 81588NED, Q2 2024, SBI C;
// data-sources.md §3.1): 0–50 persons 83,470 minus 60,710 one-person firms = 22,760 small;
// 85,455 − 83,470 = 1,985 medium (50–250); 85,950 − 85,455 = 495 large (≥ 250). DER.
constexpr double kSmallShare = 22'760.0 / 25'240.0;
constexpr double kMediumShare = 1'985.0 / 25'240.0;

// Staff within each CBS size class (persons; 81588NED classes 2–50, 50–250, ≥ 250): drawn
// log-uniformly within the class (EST: the class counts are published, not the spread within).
// Large firms up to 2,000 persons (EST; Tata Steel IJmuiden, ~9,000, is a cluster site, not an
// applicant of these rounds).
constexpr double kStaffFrom[] = {2, 50, 250};
constexpr double kStaffTo[] = {50, 250, 2000};
// Turnover per person: median EUR 250k, lognormal σ 0.5 (EST: CBS StatLine 81156NED puts
// manufacturing's net turnover per employed person at roughly EUR 0.2–0.4 m; not calibrated per
// size class). Balance-sheet total: turnover × lognormal median 0.8, σ 0.4 (EST). The EU size
// class is then derived from staff, turnover and balance sheet (model/firm_size.hpp), so a
// 240-person firm with EUR 60 m turnover and EUR 50 m assets counts as large.
constexpr double kTurnoverPerPersonEur = 250'000;
constexpr double kTurnoverSigma = 0.5;
constexpr double kBalanceToTurnover = 0.8;
constexpr double kBalanceSigma = 0.4;
// Research projects (MOOI) are carried by consortia of 3–6 independent parties, of which 1 up to
// all are SMEs (EST, uniform: MOOI asks ≥ 3 firms, docs/sme.md §3).
constexpr int kConsortiumMin = 3;
constexpr int kConsortiumMax = 6;

// Probability that a firm applies in one round, by size (EST). Chosen so that about 5,000
// firms ask some 2–3× the VEKI 2024 budget of EUR 130 m, which was oversubscribed
// (data-sources.md §3.2); the real application count is a GAP. Large firms stand in for
// Cluster 6 (about 450 energy-intensive firms outside the clusters ≈ the 495 large firms).
constexpr double kApplyProbability[] = {0.04, 0.30, 0.50};

// Median size of a project in typical units of its technique, by firm size (EST), and the
// lognormal spread around it.
constexpr double kUnitsMedian[] = {1.0, 3.0, 8.0};
constexpr double kUnitsSigma = 0.6;
// Real projects cost more than the catalogue's typical unit (integration, downtime): median
// 1.25×, lognormal σ 0.30 (EST). Savings scatter around the catalogue's figure (σ 0.20, EST).
constexpr double kCostMedian = 1.25;
constexpr double kCostSigma = 0.30;
constexpr double kSavingSigma = 0.20;

// Sectors of SBI C (names only; EST weights for applicants).
struct Sector {
  const char* name;
  double weight;
};
constexpr Sector kSectors[] = {
    {"food", 0.25},          {"chemicals", 0.10}, {"metals", 0.20},
    {"glass_ceramics", 0.10}, {"paper", 0.05},     {"plastics", 0.10},
    {"other", 0.20},
};

// Which techniques applicants choose (EST). Mandatory savings measures (T01–T08) still appear,
// as they do in real rounds, and are refused on payback; rooftop PV (T11) is not on the VEKI
// list and is refused as not listed. The glass preheater (T13) only in glass_ceramics and not
// for small firms; elsewhere its draw becomes process waste-heat recovery (T07).
struct TechniqueWeight {
  const char* id;
  double weight;
};
constexpr TechniqueWeight kTechniqueWeights[] = {
    {"T01", 0.01}, {"T02", 0.02}, {"T03", 0.01}, {"T04", 0.01}, {"T05", 0.01}, {"T06", 0.02},
    {"T07", 0.03}, {"T08", 0.01}, {"T09", 0.45}, {"T11", 0.08}, {"T12", 0.25}, {"T13", 0.10},
};

// Applications on the opening day (EST: an oversubscribed first-come round fills fast), the
// rest spread with a mean of 45 days after opening.
constexpr double kRushShare = 0.35;
constexpr double kMeanDaysAfterOpening = 45.0;

double lognormal(std::uint64_t seed, std::uint64_t firm, Variable v, double median, double sigma) {
  return median * std::exp(sigma * core::standard_normal(seed, firm, v));
}

template <class Row, std::size_t N>
std::size_t pick(const Row (&rows)[N], double u) {
  double total = 0;
  for (const auto& r : rows) {
    total += r.weight;
  }
  double acc = 0;
  for (std::size_t i = 0; i < N; ++i) {
    acc += rows[i].weight / total;
    if (u < acc) {
      return i;
    }
  }
  return N - 1;
}

}  // namespace

std::vector<model::Application> generate_applications(std::span<const model::Technique> techniques,
                                                      const GeneratorConfig& config) {
  const auto opens = core::parse_iso_datetime(config.opens);
  const auto closes = core::parse_iso_datetime(config.closes);
  if (!opens || !closes || *closes <= *opens) {
    throw core::Error("generator", fmt::format("expected a round window opens < closes, found "
                                               "\"{}\" .. \"{}\"",
                                               config.opens, config.closes));
  }
  std::vector<int> technique_index;
  for (const auto& w : kTechniqueWeights) {
    const int i = find_technique(techniques, w.id);
    if (i < 0 || techniques[static_cast<std::size_t>(i)].status != model::TechniqueStatus::ok ||
        !(techniques[static_cast<std::size_t>(i)].co2_reduction_t > 0)) {
      throw core::Error("generator",
                        fmt::format("the technique catalogue has no usable row {} (status ok, "
                                    "positive co2_reduction_t)",
                                    w.id));
    }
    technique_index.push_back(i);
  }
  const int fallback_t07 = find_technique(techniques, "T07");
  const std::int64_t open_day = *opens / 86400;
  const std::int64_t last_day = *closes / 86400;
  const std::uint64_t seed = config.seed;

  std::vector<model::Application> out;
  out.reserve(config.firms / 16 + 16);
  for (std::size_t f = 0; f < config.firms; ++f) {
    const std::uint64_t firm = f;
    const double u_size = core::uniform(seed, firm, kSize);
    const auto size = u_size < kSmallShare                  ? model::FirmSize::small
                      : u_size < kSmallShare + kMediumShare ? model::FirmSize::medium
                                                            : model::FirmSize::large;
    const auto s = static_cast<std::size_t>(size);
    if (core::uniform(seed, firm, kApplies) >= kApplyProbability[s]) {
      continue;
    }
    // Whole persons, as CBS counts them; the EU definition's annual work units are at most that.
    const double employees = std::floor(
        kStaffFrom[s] * std::pow(kStaffTo[s] / kStaffFrom[s], core::uniform(seed, firm, kEmployees)));
    const double turnover =
        std::round(employees * lognormal(seed, firm, kTurnover, kTurnoverPerPersonEur, kTurnoverSigma) / 1000) * 1000;
    const double balance =
        std::round(turnover * lognormal(seed, firm, kBalanceSheet, kBalanceToTurnover, kBalanceSigma) / 1000) * 1000;
    const auto eu_size = model::classify_firm(employees, turnover, balance);
    const auto& sector = kSectors[pick(kSectors, core::uniform(seed, firm, kSector))];
    // Large firms sometimes file a second application (EST 30 %), under its own keys.
    const int count = size == model::FirmSize::large &&
                              core::uniform(seed, firm, kSecondApplication) < 0.30
                          ? 2
                          : 1;
    for (int k = 0; k < count; ++k) {
      // Application k of firm f has its own stream, apart from the firm-level streams, so the
      // first application is the same whether or not a second one exists.
      const auto stream = kApplicationStreams + firm * 4 + static_cast<std::uint64_t>(k);
      const std::size_t w = pick(kTechniqueWeights, core::uniform(seed, stream, kTechnique));
      int ti = technique_index[w];
      if (std::string_view(kTechniqueWeights[w].id) == "T13" &&
          (std::string_view(sector.name) != "glass_ceramics" || size == model::FirmSize::small)) {
        ti = fallback_t07;
      }
      const auto& t = techniques[static_cast<std::size_t>(ti)];
      double units = t.id == "T13" ? 0.3 + 0.9 * core::uniform(seed, stream, kUnits)
                                   : lognormal(seed, stream, kUnits, kUnitsMedian[s], kUnitsSigma);
      units = std::round(std::min(units, 60.0) * 100.0) / 100.0;
      units = std::max(units, 0.1);
      const double cost_factor = lognormal(seed, stream, kCostFactor, kCostMedian, kCostSigma);
      const double saving_factor = lognormal(seed, stream, kSavingFactor, 1.0, kSavingSigma);

      std::int64_t at = 0;
      if (core::uniform(seed, stream, kRush) < kRushShare) {
        // Opening day, 09:00–17:00, to the minute: ties in submission time do happen.
        at = *opens + static_cast<std::int64_t>(core::uniform(seed, stream, kMinute) * 480.0) * 60;
      } else {
        const double days = -std::log(1.0 - core::uniform(seed, stream, kDay)) * kMeanDaysAfterOpening;
        const std::int64_t day =
            std::min(open_day + 1 + static_cast<std::int64_t>(days), last_day);
        at = day * 86400 + 8 * 3600 +
             static_cast<std::int64_t>(core::uniform(seed, stream, kMinute) * 600.0) * 60;
      }
      at = std::clamp(at, *opens, *closes);

      model::Application a;
      a.id = count == 1 && k == 0 ? fmt::format("A{:06}", f + 1) : fmt::format("A{:06}-{}", f + 1, k + 1);
      a.firm_id = fmt::format("F{:06}", f + 1);
      a.employees = employees;
      a.turnover_eur = turnover;
      a.balance_sheet_eur = balance;
      a.firm_size = eu_size;
      a.project_type = config.project_type;
      if (config.project_type == model::ProjectType::research) {
        a.consortium_parties =
            kConsortiumMin + static_cast<int>(core::uniform(seed, stream, kConsortiumParties) *
                                              (kConsortiumMax - kConsortiumMin + 1));
        a.consortium_smes = 1 + static_cast<int>(core::uniform(seed, stream, kConsortiumSmes) * a.consortium_parties);
        a.consortium_smes = std::min(a.consortium_smes, a.consortium_parties);
      } else {
        a.consortium_parties = 1;
        a.consortium_smes = model::is_sme(eu_size) ? 1 : 0;
      }
      a.sector = sector.name;
      a.technique_id = t.id;
      a.theme = t.theme;
      a.units = units;
      a.eligible_cost_eur = std::round(t.investment_eur * units * cost_factor);
      a.claimed_reduction_t_per_yr = std::round(t.co2_reduction_t * units * saving_factor * 10) / 10;
      a.submitted_s = at;
      a.submitted_at = core::format_iso_datetime(at);
      a.gas_saving_gj = std::round(t.gas_saving_gj * units * saving_factor);
      a.electricity_delta_mwh = std::round(t.electricity_delta_mwh * units * saving_factor * 10) / 10;
      a.lifetime_yr = t.lifetime_yr;
      out.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace decarbfund::data
