// The lot's books (data/load_fund.cpp, docs/budget.md) and the dataset's as-of date: the shipped
// ledger loads, and each kind of bad row gives one exact message naming file, line, field, what
// was expected and what was found — including the two bookkeeping rules (no more committed than
// reserved, no more paid than committed by then), which would otherwise count a euro twice.

#include <unistd.h>

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "core/atomic_file.hpp"
#include "data/load_dataset.hpp"

namespace decarbfund::data {
namespace {

namespace fs = std::filesystem;
const fs::path kNl = fs::path(DECARBFUND_SOURCE_DIR) / "data/nl";
using Msgs = std::vector<std::string>;

/// Copies data/nl to a fresh directory, replaces `from` by `to` in `file`, loads it and returns
/// the error messages with the directory cut off.
Msgs errors_after(const std::string& file, const std::string& from, const std::string& to) {
  const fs::path dir = fs::temp_directory_path() / ("decarbfund_fund_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(kNl, dir, fs::copy_options::recursive);
  auto text = core::read_file(dir / file);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  core::write_file_atomically(dir / file, text);
  core::Diagnostics d;
  auto m = load_dataset(dir, d);
  EXPECT_FALSE(m);
  Msgs out;
  const std::string prefix = dir.string() + "/";
  for (const auto& x : d.all()) {
    auto s = x.to_string();
    if (s.starts_with(prefix)) {
      s = s.substr(prefix.size());
    }
    out.push_back(s);
  }
  fs::remove_all(dir);
  return out;
}

TEST(LoadFund, ShippedLedgerLoadsWithAsOfAndTheBindingGrants) {
  static const auto m = load_dataset_or_throw(kNl);
  EXPECT_EQ(m.info.as_of, "2026-11-30");
  EXPECT_EQ(m.info.as_of_year, 2026);
  const auto& f = m.fund;
  ASSERT_NE(f.instruments.find("maatwerk"), f.instruments.size());
  EXPECT_EQ(f.instruments.lot[f.instruments.find("maatwerk")], "5");
  EXPECT_EQ(f.instruments.lot[f.instruments.find("h2_production")], "4");
  EXPECT_EQ(f.instruments.lot[f.instruments.find("ebn_aramis")], "3");
  // Yara's EUR 30 m, Nobian's EUR 185 m and Cosun's EUR 73 m are booked as commitments.
  std::map<std::string, double> granted;
  for (const auto& e : f.entries) {
    if (e.kind == model::LedgerKind::committed && !e.deal.empty()) {
      granted[e.deal] += e.amount_eur;
      EXPECT_EQ(e.basis, "stated") << e.deal;
    }
  }
  EXPECT_EQ(granted, (std::map<std::string, double>{{"cosun", 73e6}, {"nobian", 185e6}, {"yara", 30e6}}));
  // The shared projects: each row names its payer, and an instrument's lot is its payer.
  ASSERT_FALSE(f.shared.empty());
  for (const auto& s : f.shared) {
    if (!s.instrument.empty()) {
      EXPECT_EQ(f.instruments.lot[f.instruments.find(s.instrument)], s.payer) << s.file;
    }
  }
}

TEST(LoadFundErrors, RowsNameFileLineAndField) {
  EXPECT_EQ(errors_after("fund-ledger.csv", "niki,2026,reserved", "nikki,2026,reserved"),
            Msgs{"fund-ledger.csv:16: field 'instrument': expected an instrument of fund-instruments.csv, found \"nikki\""});
  EXPECT_EQ(errors_after("fund-ledger.csv", "niki,2026,reserved", "niki,2026,spent"),
            Msgs{"fund-ledger.csv:16: field 'kind': expected one of reserved, committed, paid, found \"spent\""});
  EXPECT_EQ(errors_after("fund-ledger.csv", "niki,2026,reserved,240000000,,", "niki,2026,reserved,240000000,nobian,"),
            Msgs{"fund-ledger.csv:16: field 'deal': expected no deal on a reserved row (a reservation is for the "
                 "instrument, not a grant), found \"nobian\""});
}

TEST(LoadFundErrors, InstrumentsNameTheirLot) {
  EXPECT_EQ(errors_after("fund-instruments.csv", "NIKI (Nationale Investeringsregeling Klimaatprojecten Industrie),5,",
                         "NIKI (Nationale Investeringsregeling Klimaatprojecten Industrie),6,"),
            Msgs{"fund-instruments.csv:3: field 'lot': expected one of 3, 4, 5, outside, found \"6\""});
  EXPECT_EQ(errors_after("fund-instruments.csv", ",deals,https", ",grants,https"),
            Msgs{"fund-instruments.csv:2: field 'spends': expected one of deals, sme, scheme, found \"grants\""});
}

TEST(LoadFundErrors, NoEuroCommittedBeyondReservationsOrPaidBeforeCommitted) {
  // VEKI has EUR 278 m reserved over 2024-2025: committing EUR 300 m in 2024 is more.
  EXPECT_EQ(errors_after("fund-ledger.csv", "veki,2024,committed,130000000", "veki,2024,committed,300000000"),
            Msgs{"fund-ledger.csv:23: field 'amount_eur': expected commitments of veki within its reservations "
                 "(278000000 EUR over all years), found 300000000 EUR committed by 2024"});
  // Paying EUR 140 m in 2024 when EUR 130 m was committed by then.
  EXPECT_EQ(errors_after("fund-ledger.csv", "veki,2024,paid,29306000", "veki,2024,paid,140000000"),
            Msgs{"fund-ledger.csv:24: field 'amount_eur': expected payments of veki by 2024 within what was committed "
                 "by then (130000000 EUR), found 140000000 EUR paid"});
}

TEST(LoadFundErrors, SharedProjectsBookEurosInThePayersLot) {
  // A lot-4 instrument on a row lot 5 pays: the euro would sit in lot 4's books and lot 5's.
  EXPECT_EQ(errors_after("fund-shared-projects.csv", "aramis,Aramis CO2 transport and storage (EBN's participation),3,ebn_aramis",
                         "aramis,Aramis CO2 transport and storage (EBN's participation),5,ebn_aramis"),
            Msgs{"fund-shared-projects.csv:11: field 'instrument': expected an instrument of payer 5 (a euro is booked "
                 "in the lot that pays it), found \"ebn_aramis\" of lot 3"});
  EXPECT_EQ(errors_after("fund-shared-projects.csv", ",3,ebn_aramis,600000000,yes,yes,0,,aramis,",
                         ",3,ebn_aramis,600000000,yes,yes,0,,aramiss,"),
            Msgs{"fund-shared-projects.csv:11: field 'infra': expected an infrastructure item of infrastructure.csv, or "
                 "empty, found \"aramiss\""});
  EXPECT_EQ(errors_after("fund-shared-projects.csv", ",3,ebn_aramis,600000000,yes,", ",lot3,ebn_aramis,600000000,yes,"),
            Msgs{"fund-shared-projects.csv:11: field 'payer': expected one of 3, 4, 5, outside, found \"lot3\""});
  EXPECT_EQ(errors_after("fund-shared-projects.csv", ",4,h2_production,700000000,yes,yes,490000,",
                         ",4,h2_production,700000000,yes,yes,,"),
            Msgs{"fund-shared-projects.csv:9: field 'tonnes_t': expected the project's t CO2/yr by 2030 on a row that "
                 "claims tonnes (or a deal to take them from), found \"\""});
  EXPECT_EQ(errors_after("fund-shared-projects.csv", ",4,h2_production,700000000,yes,", ",4,h2_production,700000000,maybe,"),
            Msgs{"fund-shared-projects.csv:9: field 'decisive': expected one of no, yes, found \"maybe\""});
}

TEST(LoadFundErrors, AsOfIsADate) {
  EXPECT_EQ(errors_after("dataset.yaml", "as_of: 2026-11-30", "as_of: November 2026"),
            Msgs{"dataset.yaml:9: as_of: expected a date YYYY-MM-DD from 2000 to 2100 (what the dataset knows as of "
                 "when), found \"November 2026\""});
}

}  // namespace
}  // namespace decarbfund::data
