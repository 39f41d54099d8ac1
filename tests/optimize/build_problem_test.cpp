// The portfolio problem built from the embedded dataset: candidates are what the ETS and levy do
// not already make happen, every alternative operates by the target year, support stays under
// the funding gap, and the optimum is never below a rule-based allocation of the same budget.

#include "optimize/build_problem.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_round.hpp"
#include "data/load_scenario.hpp"
#include "data/load_sme.hpp"
#include "data/sme_generator.hpp"
#include "optimize/rule_allocation.hpp"

namespace decarbfund::optimize {
namespace {

const std::string kRoot = DECARBFUND_SOURCE_DIR;

struct Fixture {
  model::Model model;
  model::Scenario scenario;
  std::vector<model::Technique> techniques;
  model::Round round;
  std::vector<model::Round> rule_rounds;
  std::vector<model::Application> applications;
};

const Fixture& nl() {
  static const Fixture f = [] {
    Fixture x;
    core::Diagnostics diags;
    x.model = data::load_dataset_or_throw(kRoot + "/data/nl");
    x.scenario = data::load_scenario(kRoot + "/scenarios/belastingplan-2026.yaml", diags).value();
    x.techniques = data::load_sme_techniques(kRoot + "/data/nl/sme-techniques.csv", diags).value();
    x.round = data::load_round(kRoot + "/data/nl/rounds/veki-2024.yaml", x.techniques, diags).value();
    for (const char* rule : {"fcfs", "ranking", "points", "phases"}) {
      x.rule_rounds.push_back(
          data::load_round(kRoot + "/examples/rounds/" + rule + ".yaml", x.techniques, diags).value());
    }
    data::GeneratorConfig config;
    config.firms = 5000;
    config.seed = 1;
    x.applications = data::generate_applications(x.techniques, config);
    return x;
  }();
  return f;
}

BuiltProblem build(Objective objective, double budget, double required = 0) {
  const auto& f = nl();
  BuildOptions options;
  options.objective = objective;
  options.budget.total_eur = budget;
  options.required_t = required;
  SmeInput sme;
  sme.round = &f.round;
  sme.applications = f.applications;
  return build_problem(f.model, f.scenario, company_deals(f.model), sme, options);
}

TEST(BuildProblem, CandidatesAreWhatTheLevyDoesNotAlreadyDo) {
  const auto b = build(Objective::max_reduction, 7e9);
  const auto& p = b.problem;
  ASSERT_FALSE(p.projects.empty());
  ASSERT_EQ(b.project_option.size(), p.projects.size());
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    const auto o = b.project_option[i];
    EXPECT_LT(b.levy_only.option_decided[o], 0) << p.projects[i].id;
    EXPECT_EQ(nl().model.options.kind[o], model::OptionKind::project);
    EXPECT_GT(p.projects[i].tonnes_t, 0);
    for (const auto& a : p.projects[i].alternatives) {
      EXPECT_LE(a.start_year, p.target_year) << p.projects[i].id;
      EXPECT_GE(a.gap_eur, 0);
      EXPECT_TRUE(std::isfinite(a.gap_eur));
      double share = 0;
      for (const auto& c : a.cash) {
        share += c.share;
      }
      EXPECT_NEAR(share, 1.0, 1e-12);
    }
  }
  // Every announced project is either a candidate or excluded with a reason.
  std::size_t projects = 0;
  for (model::Index o = 0; o < nl().model.options.size(); ++o) {
    projects += nl().model.options.kind[o] == model::OptionKind::project ? 1 : 0;
  }
  EXPECT_EQ(p.projects.size() + p.excluded.size(), projects);
  for (const auto& e : p.excluded) {
    EXPECT_FALSE(e.reason.empty()) << e.id;
  }
}

TEST(BuildProblem, SmeCandidatesArePaidNoMoreThanGrantOrGap) {
  const auto b = build(Objective::max_reduction, 7e9);
  ASSERT_FALSE(b.problem.sme.empty());
  for (const auto& k : b.problem.sme) {
    EXPECT_LE(k.cost_eur, k.grant_eur + 1e-9) << k.id;
    EXPECT_LE(k.cost_eur, k.gap_eur + 1e-9) << k.id;
    EXPECT_GT(k.tonnes_t, 0);
    // Realised share of the claimed reduction (0.8, docs/sme.md).
    EXPECT_NEAR(k.tonnes_t, 0.8 * nl().applications[k.application].claimed_reduction_t_per_yr, 1e-9);
  }
}

TEST(BuildProblem, LimitsAreWhatTheLevyOnlyRunLeaves) {
  const auto b = build(Objective::max_reduction, 7e9);
  const auto& m = nl().model;
  for (const auto& l : b.problem.limits) {
    const auto i = m.find_infrastructure(l.item);
    ASSERT_NE(i, model::kNone);
    const int y = l.year - b.inputs.start_year;
    const double used = b.levy_only.infrastructure_used[i * static_cast<std::size_t>(b.inputs.years()) +
                                                        static_cast<std::size_t>(y)];
    EXPECT_NEAR(l.capacity, std::max(0.0, b.inputs.capacity(i, y) - used), 1e-9) << l.item << " " << l.year;
  }
}

TEST(BuildProblem, OptimumSupportsWithinGapsAndBeatsEveryRule) {
  const auto b = build(Objective::max_reduction, 2e9);
  SolverSettings settings;
  settings.relative_gap = 1e-4;
  const auto s = solve_portfolio(b.problem, settings);
  ASSERT_EQ(s.status, Status::optimal);
  EXPECT_GT(s.reduction_t, 0);
  EXPECT_LE(s.cost_eur, 2e9 + 1);
  for (const auto& c : s.projects) {
    EXPECT_LE(c.support_eur, b.problem.projects[c.project].alternatives[c.alternative].gap_eur + 1e-6);
  }
  const auto& f = nl();
  SmeInput sme;
  sme.round = &f.round;
  sme.applications = f.applications;
  const auto rows = compare_rules(b, sme, f.rule_rounds, 2e9);
  ASSERT_EQ(rows.size(), 5u);
  for (const auto& r : rows) {
    // The rules pay formula grants, which may exceed a gap; the optimum pays at most the gap, so
    // within the budget it reaches at least as much (up to the solver's relative gap).
    EXPECT_LE(r.reduction_t, s.reduction_t * (1 + settings.relative_gap) + 1e-6) << r.rule;
    EXPECT_LE(r.cost_eur, 2e9 + 1) << r.rule;
  }
}

std::vector<DealInput> deal_files() {
  core::Diagnostics diags;
  const auto files = data::load_deals(kRoot + "/data/nl/deals", diags).value();
  const auto phases = data::load_phases(kRoot + "/data/nl/deals/phases.yaml", diags).value();
  return deal_inputs(nl().model, files, phases);
}

TEST(BuildProblem, DealFilesGiveRealisationCapAndSchedule) {
  const auto deals = deal_files();
  const auto nobian = std::find_if(deals.begin(), deals.end(), [](const DealInput& d) { return d.id == "nobian"; });
  ASSERT_NE(nobian, deals.end());
  EXPECT_DOUBLE_EQ(nobian->realisation, 0.80);     // binding (phases.yaml)
  EXPECT_DOUBLE_EQ(nobian->max_support_eur, 185e6);  // stated
  EXPECT_EQ(nobian->options.size(), 3u);             // X-NOBIAN-ELECTRIFICATION-*
  ASSERT_EQ(nobian->payments.size(), 4u);
  EXPECT_EQ(nobian->payments.front().first, 2026);
  // Projects no deal file names would become one deal per company (p = 1, no cap); in data/nl
  // every such project is committed (Air Products', ExxonMobil's, Shell's Porthos capture and
  // HH1, Air Liquide's SMR2 capture: past FID), and a committed project is nothing to buy.
  for (const auto& d : deals) {
    EXPECT_FALSE(d.realisation == 1.0 && std::isinf(d.max_support_eur)) << d.id;
  }
}

TEST(BuildProblem, ReplacementIsDecidedNoLaterThanWhatItDisplaces) {
  // Under belastingplan-2026 the ETS and levy make OCI's add-on capture at M023 (PCD0142) pay,
  // decided 2028, operating from 2032; OCI's green-ammonia route (X-OCI-GREEN-M023, 574,959 t)
  // in the same exclusive group must be decided by 2028 to replace it. In 2030 the capture does
  // not run yet, so the route's tonnes are its own at the site's 2030 production (what a
  // replacement adds when the displaced option does run: Simulate.ReplacementLeavesTheSite...).
  const auto deals = deal_files();
  const auto& f = nl();
  BuildOptions options;
  options.budget.total_eur = 7e9;
  const auto b = build_problem(f.model, f.scenario, deals, SmeInput{}, options);
  const auto it = std::find_if(b.problem.projects.begin(), b.problem.projects.end(),
                               [](const ProjectCandidate& p) { return p.id == "X-OCI-GREEN-M023"; });
  ASSERT_NE(it, b.problem.projects.end());
  const auto displaced = f.model.find_option("PCD0142");
  ASSERT_GE(b.levy_only.option_decided[displaced], 0);
  const auto site = f.model.find_site("M023");
  const double activity = b.inputs.activity(site, 2030 - b.inputs.start_year);
  EXPECT_FALSE(b.levy_only.operating(displaced, 2030 - b.inputs.start_year));
  EXPECT_NEAR(it->tonnes_t, 574'959 * activity, 1.0);
  ASSERT_FALSE(it->alternatives.empty());
  EXPECT_NE(it->alternatives[0].note.find("replaces PCD0142"), std::string::npos);
  // A replacement is decided no later than the option it displaces.
  for (const auto& a : it->alternatives) {
    EXPECT_LE(a.decision_year, b.inputs.start_year + b.levy_only.option_decided[displaced]);
  }
  EXPECT_DOUBLE_EQ(b.problem.deals[it->deal].realisation, 0.15);  // EoP (phases.yaml)
}

TEST(BuildProblem, CommittedProjectsAreNotCandidates) {
  // Yara's Sluiskil capture is under construction (data/nl/additions/options.csv): it runs in
  // every run, so the package cannot buy it and no company deal is made for it.
  const auto& f = nl();
  BuildOptions options;
  options.budget.total_eur = 7e9;
  const auto b = build_problem(f.model, f.scenario, deal_files(), SmeInput{}, options);
  for (const auto& p : b.problem.projects) {
    EXPECT_FALSE(model::is_committed(f.model.options.status[f.model.find_option(p.id)])) << p.id;
  }
  const auto yara = std::find_if(b.problem.excluded.begin(), b.problem.excluded.end(),
                                 [](const Excluded& e) { return e.id == "X-YARA-CCS-M017"; });
  ASSERT_NE(yara, b.problem.excluded.end());
  EXPECT_EQ(yara->reason, "committed (construction): it runs in every run");
}

TEST(BuildProblem, MinCostBeyondTheCandidatesIsInfeasible) {
  const auto b = build(Objective::min_cost, kUnlimited, 1e9);
  const auto s = solve_portfolio(b.problem);
  EXPECT_EQ(s.status, Status::infeasible);
  ASSERT_FALSE(s.conflicts.empty());
  EXPECT_NE(s.conflicts[0].find("required reduction: 1000000000 t of expected reduction in 2030 is out of reach"),
            std::string::npos)
      << s.conflicts[0];
}

// Issue 18: the dataset is of November 2026, so nothing new is decided before 2026; the binding
// deals and those whose grant the fund's ledger books are commitments, decided when signed.
TEST(BuildProblem, NothingNewBeforeTheAsOfYearAndBindingDealsAreCommitments) {
  const auto& f = nl();
  ASSERT_EQ(f.model.info.as_of_year, 2026);
  const auto deals = deal_files();
  BuildOptions options;
  options.budget.total_eur = 300e6;
  options.as_of_year = f.model.info.as_of_year;
  SmeInput sme;
  sme.round = &f.round;
  sme.applications = f.applications;
  const auto b = build_problem(f.model, f.scenario, deals, sme, options);
  const auto& p = b.problem;
  std::vector<std::string> committed;
  for (const auto& d : p.deals) {
    if (d.committed) {
      committed.push_back(d.id);
    }
  }
  std::sort(committed.begin(), committed.end());
  EXPECT_EQ(committed, (std::vector<std::string>{"cosun", "nobian", "yara"}));
  for (const auto& pr : p.projects) {
    for (const auto& a : pr.alternatives) {
      if (!p.deals[pr.deal].committed) {
        EXPECT_GE(a.decision_year, 2026) << pr.id;
        for (const auto& c : a.cash) {
          EXPECT_GE(c.year, 2026) << pr.id;
        }
      }
    }
  }
  for (const auto& k : p.sme) {
    EXPECT_GE(k.year, 2026) << k.id;
  }
  // Nobian's deal was signed in 2024: its projects are decided then, one timing each.
  for (const auto& pr : p.projects) {
    if (p.deals[pr.deal].id == "nobian") {
      ASSERT_EQ(pr.alternatives.size(), 1u) << pr.id;
      EXPECT_EQ(pr.alternatives[0].decision_year, 2024);
    }
  }
}

}  // namespace
}  // namespace decarbfund::optimize
