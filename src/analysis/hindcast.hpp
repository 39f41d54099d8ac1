#pragma once
// The hindcast (issue 12): the model run over the years that already happened, against what was
// published (docs/model.md "Hindcast"). One run of simulate() on the scenario's world and levy
// policy with the package off (no deal or SME round existed before 2025), firms deciding from the
// year after the dataset's base year, stopped one year after the last published year. Compared:
//   - emissions of NEa's "industrie" scope with NEa's published total, per year: the model run
//     (the outlook's baseline — verified and calibrated history — less any abatement the firm
//     response adopts before it was adopted in fact) and the activity indices alone (every site's
//     base figure moved by its group's production index, before calibration);
//   - the 20 largest sites' last published year with their published figure, or why none exists;
//   - the levy: paid 2021–2024, 2025 against the budget, the DPRs of 2021 and who was long or short.
// Emissions by sector (activity group) and cluster are given against the dataset's history.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/scenario.hpp"

namespace decarbfund::analysis {

/// One year of the NEa "industrie" scope.
struct HindcastYear {
  int year = 0;
  double published_t = 0;  ///< NEa's total; NaN where none is published
  double model_t = 0;      ///< the model run, in scope
  double history_t = 0;    ///< the dataset's history (verified, calibrated, estimated), in scope
  double activity_only_t = 0;  ///< base figures × production index, before calibration
  double calibration_factor = 1;  ///< history's λ for the year (data/load_history.cpp)
  double levy_revenue_eur = 0;    ///< the model's levy net of refunds (EUR of the price year)
  double liable_t = 0;            ///< emissions of the levy's sites (any category but none)
  double dpr_allocated_t = 0;     ///< DPRs the model allocates to them
  int sites_long = 0;             ///< levy sites with at least as many DPRs as emissions
  int sites_short = 0;
};

/// Emissions of one group of sites (a sector or a cluster) per year: history and model.
struct HindcastGroup {
  std::string id;
  std::string name;
  std::vector<double> history_t;  ///< [years of HindcastYear]
  std::vector<double> model_t;
};

/// One of the largest sites in the last published year.
struct HindcastSite {
  model::Index site = model::kNone;
  double base_t = 0;       ///< its base-year emissions (what "largest" ranks on)
  double model_t = 0;      ///< the model run in the last published year
  double published_t = 0;  ///< its published (verified) figure; NaN where none
  model::HistoryBasis basis = model::HistoryBasis::estimate;  ///< how the history got its figure
};

/// A published number the hindcast is checked against, and how close the model comes.
struct HindcastCheck {
  std::string key;    ///< e.g. "emissions_2024", "levy_paid_2021_2024"
  std::string what;   ///< in words
  double model = 0;
  double published = 0;
  std::string unit;   ///< "t", "EUR", "sites"
  std::string bound;  ///< the bound in words (docs/model.md "Hindcast")
  bool within = false;
  std::string source;  ///< published.csv's source of the figure
};

struct Hindcast {
  std::string scenario;
  std::string policy_version;
  std::uint64_t seed = 0;
  int first_year = 0;          ///< the dataset's base year: the run starts there
  int last_published_year = 0;  ///< the last year with NEa's total
  int decision_from_year = 0;   ///< firms decide from this year in the hindcast run
  std::vector<HindcastYear> years;  ///< first_year … last_published_year + 1
  std::vector<HindcastGroup> sectors;
  std::vector<HindcastGroup> clusters;
  std::vector<HindcastSite> largest_sites;
  std::vector<HindcastCheck> checks;
  /// Options the hindcast run adopted that operate in a published year: the model's abatement
  /// before 2025, which the published totals do not show (tonnes in the last published year).
  std::size_t options_operating = 0;
  double options_operating_t = 0;
  /// The model's error against NEa in the last published year, (model − published) / published.
  double last_year_error() const;
};

/// Bounds the hindcast is held to (docs/model.md "Hindcast"; tests/analysis/hindcast_test.cpp).
inline constexpr double kEmissionsBound = 0.03;       ///< |model − NEa| / NEa per year
inline constexpr double kSiteBound = 0.05;            ///< a large site's published last year
inline constexpr double kLevyPaidBoundEur = 1e6;      ///< levy 2021–2024: "close to nothing"
inline constexpr double kLevyBudgetFactor = 2.0;      ///< 2025 levy within a factor of the budget
inline constexpr double kDprDepositBound = 0.10;      ///< DPRs of 2021 against NEa's deposit
inline constexpr std::size_t kLargestSites = 20;

/// The hindcast of `scenario` on `model`. Throws core::Error when the dataset has no published
/// NEa total (nothing to compare with).
Hindcast run_hindcast(const model::Model& model, const model::Scenario& scenario);

/// How well the model reproduced the last published year: the outlook's header line.
struct HindcastSummary {
  int year = 0;
  double published_t = 0;
  double model_t = 0;
  /// What the production indices alone give, before calibration (HindcastYear::activity_only_t).
  double activity_only_t = 0;
  double error() const { return (model_t - published_t) / published_t; }
  double activity_only_error() const { return (activity_only_t - published_t) / published_t; }
};

/// The hindcast's last published year, or nullopt when the dataset publishes no NEa total (a
/// test fixture).
std::optional<HindcastSummary> hindcast_summary(const model::Model& model, const model::Scenario& scenario);

}  // namespace decarbfund::analysis
