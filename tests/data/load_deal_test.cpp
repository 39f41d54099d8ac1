// Tests of data/load_deal: the shipped pipeline (data/nl/deals) loads and matches the dataset, the
// phase table, the phase state machine, and one test per kind of bad deal file with its message.

#include "data/load_deal.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "data/company_name.hpp"
#include "data/load_dataset.hpp"
#include "fixtures/tiny_fixture.hpp"

namespace decarbfund::data {
namespace {

const std::string kSource = DECARBFUND_SOURCE_DIR;
using model::DealPhase;

using test::tiny;

// A valid deal on the tiny fixture: the announced project O6 at site S2.
const std::string kGood = R"(id: oil-b
company: Oil B
sites: [S2]
phase: jloi
history:
  - {phase: eop, date: 2024-03-01, source: test}
  - {phase: jloi, date: 2025-01-01, source: test}
company_commitments:
  projects:
    - {option: O6, start_year: 2028}
  committed_reduction_t: {2028: 30000}
  climate_neutral_year: 2050
government_commitments:
  max_support_eur: 60000000
  max_support_basis: test
  payments: [{year: 2027, amount_eur: 60000000}]
claw_back: {rule: pro_rata_shortfall, share: 1.0, basis: test}
sources: [test]
)";

std::string bad(const std::string& text) {
  core::Diagnostics diags;
  auto d = load_deal_text(text, "deal.yaml", diags);
  EXPECT_FALSE(d.has_value());
  return diags.to_string();
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(LoadDeal, GoodDealReadsEveryField) {
  core::Diagnostics diags;
  auto d = load_deal_text(kGood, "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_EQ(d->id, "oil-b");
  EXPECT_EQ(d->phase, DealPhase::jloi);
  ASSERT_EQ(d->history.size(), 2u);
  EXPECT_EQ(d->history[0].date, "2024-03-01");
  ASSERT_EQ(d->projects.size(), 1u);
  EXPECT_EQ(d->projects[0].start_year, 2028);
  EXPECT_DOUBLE_EQ(d->committed_in(2027), 0.0);
  EXPECT_DOUBLE_EQ(d->committed_in(2035), 30000.0);
  EXPECT_DOUBLE_EQ(d->max_support_eur, 60e6);
  EXPECT_EQ(d->claw_back.rule, model::ClawBackRule::pro_rata_shortfall);
  EXPECT_TRUE(check_deal(tiny(), *d, diags)) << diags.to_string();
}

TEST(LoadDeal, ShippedPipelineLoadsAndMatchesTheDataset) {
  core::Diagnostics diags;
  const auto deals = load_deals(kSource + "/data/nl/deals", diags);
  ASSERT_TRUE(deals.has_value()) << diags.to_string();
  ASSERT_EQ(deals->size(), 12u);
  const auto model = load_dataset_or_throw(kSource + "/data/nl");
  int binding = 0;
  for (const auto& d : *deals) {
    // check_deal also holds each committed year's tonnes inside the baseline and the sites'
    // emissions (deal.commitment_exceeds_baseline).
    EXPECT_TRUE(check_deal(model, d, diags)) << d.id << ": " << diags.to_string();
    EXPECT_FALSE(d.sources.empty()) << d.id;
    // Every date, amount and tonne cites a source or is covered by a stated assumption.
    EXPECT_EQ(model::uncited_facts(d), std::vector<std::string>{}) << d.id;
    EXPECT_FALSE(d.claw_back.basis.empty()) << d.id;
    binding += d.phase == DealPhase::binding ? 1 : 0;
  }
  EXPECT_EQ(binding, 2);  // Nobian and Cosun (policy.md §2.6, data-sources.md §1.1 row 21)
  const auto phases = load_phases(kSource + "/data/nl/deals/phases.yaml", diags);
  ASSERT_TRUE(phases.has_value()) << diags.to_string();
  EXPECT_DOUBLE_EQ(phases->of(DealPhase::binding), 0.80);
  EXPECT_DOUBLE_EQ(phases->of(DealPhase::jloi), 0.50);
  EXPECT_DOUBLE_EQ(phases->of(DealPhase::stopped), 0.0);
}

TEST(DealPhase, AllowedAndRefusedTransitions) {
  using model::transition_allowed;
  EXPECT_TRUE(transition_allowed(DealPhase::exploration, DealPhase::eop));
  EXPECT_TRUE(transition_allowed(DealPhase::eop, DealPhase::jloi));
  EXPECT_TRUE(transition_allowed(DealPhase::eop, DealPhase::early_support));
  EXPECT_TRUE(transition_allowed(DealPhase::jloi, DealPhase::binding));
  EXPECT_TRUE(transition_allowed(DealPhase::binding, DealPhase::implementation));
  EXPECT_TRUE(transition_allowed(DealPhase::jloi, DealPhase::stopped));
  EXPECT_TRUE(transition_allowed(DealPhase::eop, DealPhase::paused));
  EXPECT_FALSE(transition_allowed(DealPhase::eop, DealPhase::binding));       // skips the JLoI
  EXPECT_FALSE(transition_allowed(DealPhase::binding, DealPhase::jloi));      // backwards
  EXPECT_FALSE(transition_allowed(DealPhase::stopped, DealPhase::eop));       // final
  EXPECT_FALSE(transition_allowed(DealPhase::jloi, DealPhase::jloi));         // no-op
  EXPECT_TRUE(transition_allowed(DealPhase::paused, DealPhase::eop, DealPhase::eop));
  EXPECT_FALSE(transition_allowed(DealPhase::paused, DealPhase::jloi, DealPhase::eop));
  EXPECT_TRUE(transition_allowed(DealPhase::paused, DealPhase::stopped, DealPhase::eop));
}

TEST(LoadDeal, UnknownKeyNamesLineAndPath) {
  EXPECT_EQ(bad(replace(kGood, "  climate_neutral_year: 2050", "  climate_neutral: 2050")),
            "deal.yaml:12: company_commitments.climate_neutral: expected one of the keys projects, "
            "committed_reduction_t, baseline_year, baseline_emissions_t, climate_neutral_year, co_benefits, "
            "stay_invested_until, stated_additional_t, found an unknown key\n");
}

TEST(LoadDeal, BadAmount) {
  EXPECT_EQ(bad(replace(kGood, "max_support_eur: 60000000", "max_support_eur: lots")),
            "deal.yaml:14: government_commitments.max_support_eur: expected an amount in EUR of 0 or more, in whole "
            "cents, at most 100000000000, found \"lots\"\n");
}

// Issue 15: a payment of 1e-300 was accepted. Amounts are whole cents; payments are above 0.
TEST(LoadDeal, NonPositiveAndSubCentPaymentsAreRefused) {
  const std::string msg = "deal.yaml:16: government_commitments.payments[0].amount_eur: expected an amount in EUR "
                          "above 0, in whole cents, at most 100000000000, found ";
  for (const char* amount : {"1e-300", "0", "-5", "12.345"}) {
    EXPECT_EQ(bad(replace(kGood, "amount_eur: 60000000}", std::string("amount_eur: ") + amount + "}")),
              msg + "\"" + amount + "\"\n");
  }
}

TEST(LoadDeal, HistoryMustFollowAllowedTransitions) {
  const auto text = replace(replace(kGood, "phase: jloi, date: 2025", "phase: binding, date: 2025"),
                            "phase: jloi\n", "phase: binding\n");
  EXPECT_EQ(bad(text),
            "deal.yaml:7: history[1].phase: expected a phase reachable from eop or a revision of it (docs/deals.md, \"Phases\"), "
            "found binding\n");
}

TEST(LoadDeal, PhaseMustMatchTheLastHistoryEntry) {
  EXPECT_EQ(bad(replace(kGood, "phase: jloi\n", "phase: eop\n")),
            "deal.yaml:4: phase: expected the phase of the last history entry (jloi), found eop\n");
}

TEST(LoadDeal, BadDateAndPhaseName) {
  const auto text = replace(replace(kGood, "2024-03-01", "2024-02-30"), "{phase: jloi,", "{phase: loi,");
  EXPECT_EQ(bad(text),
            "deal.yaml:6: history[0].date: expected a date YYYY-MM-DD (a day of the calendar), found \"2024-02-30\"\n"
            "deal.yaml:7: history[1].phase: expected a phase: one of exploration, eop, early_support, jloi, binding, "
            "implementation, paused, stopped, found \"loi\"\n");
}

TEST(LoadDeal, ImpossibleDateIsRefused) {
  EXPECT_EQ(bad(replace(kGood, "date: 2025-01-01", "date: 2025-02-29")),
            "deal.yaml:7: history[1].date: expected a date YYYY-MM-DD (a day of the calendar), found \"2025-02-29\"\n");
}

// Issue 15: a history entry that is not a mapping made the transition check index the wrong node
// and exit 3 ("internal error"); it is a diagnostic.
TEST(LoadDeal, MalformedHistoryIsADiagnostic) {
  EXPECT_EQ(bad(replace(kGood, "  - {phase: eop, date: 2024-03-01, source: test}\n",
                        "  - just a line\n  - {phase: eop, date: 2024-03-01, source: test}\n")),
            "deal.yaml:6: history[0]: expected a mapping (key: value lines), found \"just a line\"\n");
  EXPECT_EQ(bad(replace(kGood, "history:\n", "history: {phase: eop}\nx_history:\n")),
            "deal.yaml:6: x_history: expected one of the keys id, company, sites, phase, history, "
            "company_commitments, government_commitments, conditions, exit_clauses, claw_back, monitoring, "
            "milestones, assumptions, sources, long_term_plan, found an unknown key\n"
            "deal.yaml:5: history: expected a list, found a mapping\n");
}

TEST(LoadDeal, DuplicateKeyIsAnErrorWithBothLines) {
  EXPECT_EQ(bad(replace(kGood, "company: Oil B\n", "company: Oil B\ncompany: Oil C\n")),
            "deal.yaml:3: company: expected each key once in a mapping, found a second entry for this key (the "
            "first is on line 2)\n");
}

TEST(LoadDeal, DeepNestingIsRefusedBeforeParsing) {
  EXPECT_EQ(bad(replace(kGood, "sources: [test]", "sources: " + std::string(100'000, '['))),
            "deal.yaml:18: expected YAML with at most 256 flow brackets ('[' and '{'), found 100008 brackets "
            "(nesting that deep is refused)\n");
  std::string dashes;
  for (int i = 0; i < 50'000; ++i) {
    dashes += "- ";
  }
  EXPECT_EQ(bad(replace(kGood, "sources: [test]", "sources:\n" + dashes + "x")),
            "deal.yaml:19: expected YAML indented at most 100 columns, found a line indented 100000 columns "
            "(nesting that deep is refused)\n");
}

TEST(LoadDeal, PaymentsAboveMaximumSupport) {
  EXPECT_EQ(bad(replace(kGood, "amount_eur: 60000000}", "amount_eur: 70000000}")),
            "deal.yaml:16: government_commitments.payments: expected payments adding up to at most max_support_eur "
            "(60000000), found a total of 70000000\n");
}

TEST(LoadDeal, MissingRequiredKey) {
  EXPECT_EQ(bad(replace(kGood, "sources: [test]\n", "")),
            "deal.yaml:1: sources: expected this key, found nothing\n");
}

TEST(LoadDeal, InvalidYaml) {
  EXPECT_EQ(bad("id: [unclosed\n"),
            "deal.yaml:2: expected valid YAML, found a syntax error: "
            "did not find expected ',' or ']' (while parsing a flow sequence from line 1)\n");
}

TEST(CheckDeal, UnknownOptionAndForeignSite) {
  core::Diagnostics diags;
  auto d = load_deal_text(replace(kGood, "{option: O6,", "{option: O9*,"), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(check_deal(tiny(), *d, diags));
  d = load_deal_text(replace(kGood, "{option: O6,", "{option: O1,"), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(check_deal(tiny(), *d, diags));
  EXPECT_EQ(diags.to_string(),
            "deal.yaml: company_commitments.projects[0].option: expected an option id (or prefix*) of dataset tiny, "
            "found \"O9*\"\n"
            "deal.yaml: company_commitments.projects[0].option: expected options at the deal's sites, found O1 at "
            "site S1\n");
}

TEST(LoadDeal, SourcesAndAssumptionsNameTheFactsTheyCover) {
  const auto text = replace(replace(kGood, "sources: [test]\n",
                                    "sources:\n  - url: https://example.org/eop\n"
                                    "    cites: [committed_reduction_t.2028, climate_neutral_year, projects]\n"),
                            "claw_back:", "assumptions:\n  - {text: an estimate, covers: [max_support_eur]}\nclaw_back:");
  core::Diagnostics diags;
  auto d = load_deal_text(text, "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_EQ(d->sources, std::vector<std::string>{"https://example.org/eop"});
  EXPECT_EQ(d->fact_sources.at("committed_reduction_t.2028"), "https://example.org/eop");
  EXPECT_EQ(d->assumptions, std::vector<std::string>{"an estimate"});
  // The payment is neither cited nor covered: the one fact left.
  EXPECT_EQ(model::uncited_facts(*d), std::vector<std::string>{"payments"});
}

TEST(LoadDeal, AMisspeltFactIsAnError) {
  EXPECT_EQ(bad(replace(kGood, "sources: [test]\n", "sources:\n  - {url: u, cites: [committed_reduction_t.2030]}\n")),
            "deal.yaml:19: sources[0].cites: expected a fact of this deal: one of committed_reduction_t.2028, "
            "climate_neutral_year, max_support_eur, payments, projects, found \"committed_reduction_t.2030\"\n");
}

TEST(CheckDeal, CommitmentBeyondTheBaselineIsRefused) {
  // S2 emits 500 kt; a 600 kt commitment against a stated 550 kt baseline fails both tests.
  core::Diagnostics diags;
  auto d = load_deal_text(replace(replace(kGood, "{2028: 30000}", "{2028: 600000}"), "  climate_neutral_year: 2050\n",
                                  "  climate_neutral_year: 2050\n  baseline_emissions_t: 550000\n"),
                          "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_FALSE(check_deal(tiny(), *d, diags));
  EXPECT_EQ(diags.to_string(),
            "deal.yaml: company_commitments.committed_reduction_t[2028]: expected at most the baseline_emissions_t "
            "(550000 t/yr), found 600000\n"
            "deal.yaml: company_commitments.committed_reduction_t[2028]: expected at most the deal's sites' emissions "
            "in dataset tiny (500000 t/yr): a site left out?, found 600000\n");
}

TEST(LoadDeal, CoBenefitsAsNumbers) {
  const auto with = [](const std::string& item) {
    return replace(kGood, "  climate_neutral_year: 2050\n", "  climate_neutral_year: 2050\n  co_benefits:\n    - " + item + "\n");
  };
  core::Diagnostics diags;
  auto d = load_deal_text(with("{what: NOx, commitment: x, unit: t/yr, baseline: 400, change: -150, by_year: 2030}"),
                          "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  ASSERT_EQ(d->co_benefits.size(), 1u);
  EXPECT_DOUBLE_EQ(*d->co_benefits[0].committed_level(), 250.0);
  d = load_deal_text(with("{what: NOx, commitment: x, unit: t/yr, baseline: 400, change_pct: -25}"), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_DOUBLE_EQ(*d->co_benefits[0].committed_level(), 300.0);
  d = load_deal_text(with("{what: NOx, commitment: x, change_pct: -25}"), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->co_benefits[0].committed_level().has_value());  // a share without a baseline
  EXPECT_EQ(bad(with("{what: NOx, commitment: x, baseline: 400, change: -150}")),
            "deal.yaml:14: company_commitments.co_benefits[0].unit: expected the unit of baseline and change (t/yr, "
            "m3/yr …), found nothing\n");
  EXPECT_EQ(bad(with("{what: NOx, commitment: x, unit: t/yr, change: -1, change_pct: -1}")),
            "deal.yaml:14: company_commitments.co_benefits[0].change_pct: expected either change (an amount) or "
            "change_pct (a share), not both, found both\n");
  EXPECT_EQ(bad(with("{what: NOx, commitment: x, unit: t/yr, baseline: 100, change: -150}")),
            "deal.yaml:14: company_commitments.co_benefits[0].change: expected a change of at most the baseline "
            "(100), found -150\n");
}

TEST(CompanyName, OneCompanyIsOneName) {
  EXPECT_EQ(normalize_company_name("Shell Nederland B.V. "), "Shell Nederland B.V.");
  EXPECT_EQ(normalize_company_name("  Air\tLiquide\xC2\xA0 Nederland  "), "Air Liquide Nederland");
  EXPECT_EQ(normalize_company_name(""), "");
}

TEST(LoadDataset, ShippedCompanyNamesAreNormalised) {
  const auto model = load_dataset_or_throw(kSource + "/data/nl");
  for (const auto& c : model.sites.company) {
    EXPECT_EQ(c, normalize_company_name(c));
  }
}

TEST(LoadDeals, DuplicateIdsAreRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "decarbfund-deals-dup";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const char* name : {"a.yaml", "b.yaml"}) {
    std::ofstream(dir / name) << kGood;
  }
  core::Diagnostics diags;
  EXPECT_FALSE(load_deals(dir, diags).has_value());
  EXPECT_NE(diags.to_string().find("b.yaml: id: expected a deal id not used by another file"), std::string::npos)
      << diags.to_string();
  std::filesystem::remove_all(dir);
}

// The state's obligations (issue 17 §2): read with their status and the milestones they move; a
// bad kind, a met obligation without its date, an expected date not after the due date and a
// `shifts` naming no milestone of the deal are each refused with line and key path.
const std::string kObligations = R"(  obligations:
    - {id: grid, kind: infrastructure, infra: grid_x, what: grid connection, due: 2027-12-31, status: late, date: 2027-06-01, expected: 2028-06-30, shifts: [op]}
    - {id: permit, kind: permit, what: permits, due: 2026-06-30, status: met, date: 2026-05-01}
claw_back:)";

std::string with_obligations(const std::string& obligations) {
  return replace(replace(kGood, "claw_back:", obligations),
                 "sources: [test]\n", "milestones: [{id: op, name: in operation, due: 2028-12-31}]\nsources: [test]\n");
}

TEST(LoadDeal, StateObligationsAreRead) {
  core::Diagnostics diags;
  auto d = load_deal_text(with_obligations(kObligations), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  ASSERT_EQ(d->state_obligations.size(), 2u);
  const auto& g = d->state_obligations[0];
  EXPECT_EQ(g.kind, model::ObligationKind::infrastructure);
  EXPECT_EQ(g.status, model::ObligationStatus::late);
  EXPECT_EQ(g.expected, "2028-06-30");
  EXPECT_EQ(g.shifts, std::vector<std::string>{"op"});
  EXPECT_EQ(d->state_obligations[1].status_date, "2026-05-01");
  // Each obligation is a fact that needs a source or an assumption.
  const auto facts = model::deal_facts(*d);
  EXPECT_NE(std::find(facts.begin(), facts.end(), "obligations.grid"), facts.end());
}

TEST(LoadDeal, BadStateObligationsNameLineAndPath) {
  EXPECT_EQ(bad(with_obligations(replace(kObligations, "kind: permit", "kind: road"))),
            "deal.yaml:19: government_commitments.obligations[1].kind: expected one of infrastructure, permit, "
            "support, found \"road\"\n");
  EXPECT_EQ(bad(with_obligations(replace(kObligations, ", date: 2026-05-01}", "}"))),
            "deal.yaml:19: government_commitments.obligations[1].date: expected the date the obligation was met "
            "(status met), found nothing\n");
  EXPECT_EQ(bad(with_obligations(replace(kObligations, "expected: 2028-06-30", "expected: 2027-01-31"))),
            "deal.yaml:18: government_commitments.obligations[0].expected: expected a date after the due date "
            "2027-12-31, found 2027-01-31\n");
  EXPECT_EQ(bad(with_obligations(replace(kObligations, "shifts: [op]", "shifts: [fid]"))),
            "deal.yaml:18: government_commitments.obligations[0].shifts[0]: expected a milestone id of the deal: op, "
            "found \"fid\"\n");
}

TEST(CheckDeal, AnObligationsInfrastructureMustExist) {
  core::Diagnostics diags;
  auto d = load_deal_text(with_obligations(kObligations), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_FALSE(check_deal(tiny(), *d, diags));
  EXPECT_NE(diags.to_string().find("government_commitments.obligations[0].infra: expected an infrastructure id of "
                                   "dataset"),
            std::string::npos)
      << diags.to_string();
}

TEST(LoadDeal, ClawBackMeasureIsAbsoluteOrIntensity) {
  core::Diagnostics diags;
  auto d = load_deal_text(replace(kGood, "basis: test}", "basis: test, measure: intensity}"), "deal.yaml", diags);
  ASSERT_TRUE(d.has_value()) << diags.to_string();
  EXPECT_EQ(d->claw_back.measure, model::DeliveryMeasure::intensity);
  EXPECT_EQ(bad(replace(kGood, "basis: test}", "basis: test, measure: tonnes}")),
            "deal.yaml:17: claw_back.measure: expected absolute or intensity (docs/deals.md \"Intensity\"), found "
            "\"tonnes\"\n");
}

}  // namespace
}  // namespace decarbfund::data
