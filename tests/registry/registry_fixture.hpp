#pragma once
// The registry tests' fixture: two deal files (a pro-rata claw-back and a profit share) imported
// into a fresh registry file per test, and a way to edit the file behind the registry's back.

#include <sqlite3.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/load_deal.hpp"
#include "registry/registry.hpp"

namespace decarbfund::registry {

namespace fs = std::filesystem;

// Baseline 1 Mt; commits 100 kt from 2030; EUR 10 m maximum; claw-back pro rata.
inline const std::string kDeal = R"(id: acme
company: Acme
sites: [S1]
phase: jloi
history:
  - {phase: eop, date: 2024-01-10, source: test}
  - {phase: jloi, date: 2025-03-01, source: test}
company_commitments:
  projects: [{option: O1, start_year: 2030}]
  committed_reduction_t: {2030: 100000}
  baseline_emissions_t: 1000000
  climate_neutral_year: 2045
government_commitments: {max_support_eur: 10000000, max_support_basis: test}
claw_back: {rule: pro_rata_shortfall, share: 1.0, basis: test}
milestones: [{id: op, name: in operation, due: 2030-06-30}]
sources: [test]
)";

// Profit share: EUR 30 m, half of the profit above a projected 0 is repaid.
inline const std::string kProfitDeal = R"(id: yara-like
company: Yara-like
sites: [S2]
phase: early_support
history: [{phase: early_support, date: 2023-10-25, source: test}]
company_commitments:
  projects: [{option: O6, start_year: 2026}]
  committed_reduction_t: {2026: 800000}
  baseline_emissions_t: 3300000
government_commitments: {max_support_eur: 30000000, max_support_basis: test}
claw_back: {rule: profit_share, share: 0.5, projected_profit_eur: {2026: 0}, basis: test}
sources: [test]
)";

inline model::Deal parse(const std::string& text) {
  core::Diagnostics diags;
  auto d = data::load_deal_text(text, "test.yaml", diags);
  EXPECT_TRUE(d.has_value()) << diags.to_string();
  return *d;
}

/// A fresh registry file per test, named after it, with kDeal and kProfitDeal imported; kept with
/// `key()` (none by default).
class RegistryTest : public ::testing::Test {
 protected:
  virtual AuditKey key() const { return {}; }
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             fmt::format("decarbfund-registry-{}.db", ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    for (const char* ext : {"", "-wal", "-shm"}) {
      fs::remove(path_ + ext);
    }
    Registry::init(path_, key());
    Registry r(path_, key());
    r.import_deals({parse(kDeal), parse(kProfitDeal)}, {kDeal, kProfitDeal}, "tester");
  }
  void TearDown() override {
    for (const char* ext : {"", "-wal", "-shm"}) {
      fs::remove(path_ + ext);
    }
  }
  /// Runs SQL on the file behind the registry's back (what a tamperer would do).
  void tamper(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  std::string message(const core::Error& e) { return e.diagnostics().front().to_string(); }
  std::string path_;
};


}  // namespace decarbfund::registry
