// Both sides' obligations in the registry (issue 17 §2): the state's obligations are imported with
// the deal; a late one is flagged by `status` and moves the company milestones the deal ties to it
// by the same number of days, so the company is not overdue for what waits on the state; unknown
// ids and bad dates are refused; every update is accounted for by the audit log.

#include <gtest/gtest.h>

#include "registry_fixture.hpp"

namespace decarbfund::registry {
namespace {

// The grid connection is due 2028-12-31 and moves the company's "grid" and "op" milestones; the
// permit moves nothing.
const std::string kObligationDeal = R"(id: grid-co
company: Grid Co
sites: [S1]
phase: binding
history: [{phase: binding, date: 2025-03-01, source: test}]
company_commitments:
  projects: [{option: O1, start_year: 2030}]
  committed_reduction_t: {2030: 100000}
  baseline_emissions_t: 1000000
government_commitments:
  max_support_eur: 10000000
  max_support_basis: test
  obligations:
    - {id: grid, kind: infrastructure, what: grid connection, due: 2028-12-31, status: open, shifts: [grid-contract, op]}
    - {id: permit, kind: permit, what: environmental permit, due: 2027-06-30, status: met, date: 2027-05-01}
claw_back: {rule: pro_rata_shortfall, share: 1.0, basis: test}
milestones:
  - {id: grid-contract, name: grid contract signed, due: 2029-03-31}
  - {id: op, name: in operation, due: 2030-01-01}
  - {id: fid, name: investment decision, due: 2027-12-31}
sources: [test]
)";

const ObligationState& find(const DealStatus& s, const std::string& side, const std::string& id) {
  for (const auto& o : s.obligations) {
    if (o.side == side && o.id == id) {
      return o;
    }
  }
  ADD_FAILURE() << side << " obligation " << id << " missing";
  static const ObligationState none;
  return none;
}

TEST_F(RegistryTest, ALateStateObligationIsFlaggedAndShiftsTheCompanysDueDates) {
  Registry r(path_);
  r.import_deals({parse(kObligationDeal)}, {kObligationDeal}, "rvo");
  // 2027: the grid is not yet due and the permit was met early; the company's FID is overdue.
  auto s = r.status("grid-co", 2027);
  EXPECT_EQ(s.late_state_obligations, 0);
  EXPECT_FALSE(find(s, "state", "permit").late);  // met before its due date
  EXPECT_TRUE(find(s, "company", "fid").late);    // the company's own milestone, not moved
  EXPECT_EQ(s.overdue_milestones, 1);
  // TenneT reports the connection late: expected 2029-12-31, a year (365 days) after its due date.
  r.record_obligation("grid-co", "grid", model::ObligationStatus::late, "2028-06-01", "2029-12-31", "ezk",
                      "TenneT: station delayed");
  s = r.status("grid-co", 2029);
  EXPECT_EQ(s.late_state_obligations, 1);
  EXPECT_EQ(find(s, "state", "grid").delay_days, 365);
  // The company's grid contract (due 2029-03-31) and operation move by the state's delay: in 2029
  // the contract is no longer overdue; only the unmoved FID is.
  EXPECT_EQ(find(s, "company", "grid-contract").shifted_due, "2030-03-31");
  EXPECT_EQ(find(s, "company", "op").shifted_due, "2031-01-01");
  EXPECT_EQ(find(s, "company", "fid").shifted_due, "");
  EXPECT_FALSE(find(s, "company", "grid-contract").late);
  EXPECT_EQ(s.overdue_milestones, 1);
  // Without the delay the contract would be overdue in 2029: cancel the obligation and it is.
  r.record_obligation("grid-co", "grid", model::ObligationStatus::cancelled, "2029-02-01", "", "ezk", "withdrawn");
  s = r.status("grid-co", 2029);
  EXPECT_EQ(s.late_state_obligations, 0);
  EXPECT_TRUE(find(s, "company", "grid-contract").late);
  EXPECT_EQ(s.overdue_milestones, 2);
  // Met late: the delay is the days after the due date, and the milestones move by them.
  r.record_obligation("grid-co", "grid", model::ObligationStatus::met, "2029-01-30", "", "ezk", "connected");
  s = r.status("grid-co", 2029);
  EXPECT_EQ(find(s, "state", "grid").delay_days, 30);
  EXPECT_EQ(find(s, "company", "op").shifted_due, "2030-01-31");
  EXPECT_TRUE(r.verify_audit().ok);
  EXPECT_EQ(r.audit_log().back().payload, "obligation=grid\nstatus=met\ndate=2029-01-30\nexpected=\nnote=connected");
}

TEST_F(RegistryTest, AnOpenStateObligationPastItsDueDateIsLate) {
  Registry r(path_);
  r.import_deals({parse(kObligationDeal)}, {kObligationDeal}, "rvo");
  const auto s = r.status("grid-co", 2029);
  EXPECT_EQ(s.late_state_obligations, 1);
  EXPECT_EQ(find(s, "state", "grid").delay_days, 365);  // judged at the end of 2029
  EXPECT_EQ(find(s, "company", "grid-contract").shifted_due, "2030-03-31");
}

TEST_F(RegistryTest, ObligationUpdatesAreRefusedWithWhatIsExpected) {
  Registry r(path_);
  r.import_deals({parse(kObligationDeal)}, {kObligationDeal}, "rvo");
  try {
    r.record_obligation("grid-co", "gas", model::ObligationStatus::late, "2028-06-01", "", "ezk", "");
    FAIL() << "gas is not one of the deal's obligations";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": deal 'grid-co': obligation: expected one of the state's obligations in the deal: "
                                  "grid, permit, found \"gas\"");
  }
  try {
    r.record_obligation("grid-co", "grid", model::ObligationStatus::late, "2028-06-01", "2028-12-01", "ezk", "");
    FAIL() << "an expected date before the due date is not late";
  } catch (const core::Error& e) {
    EXPECT_EQ(message(e), path_ + ": --expected: expected a date after the obligation's due date 2028-12-31 (else it "
                                  "is not late), found 2028-12-01");
  }
  EXPECT_THROW(r.record_obligation("grid-co", "grid", model::ObligationStatus::met, "2028-02-30", "", "ezk", ""),
               core::Error);
  EXPECT_THROW(r.record_obligation("grid-co", "grid", model::ObligationStatus::met, "2028-02-01", "2029-01-01", "ezk", ""),
               core::Error);
  EXPECT_THROW(r.record_obligation("grid-co", "grid", model::ObligationStatus::met, "2028-02-01", "", " ", ""),
               core::Error);
  // Nothing was written.
  EXPECT_EQ(r.audit_log().back().action, "import");
}

}  // namespace
}  // namespace decarbfund::registry
