// simulate() on the tiny fixture: merit order under a full grid ledger, the levy in DPR surplus
// and shortage, package support up to the funding gap, determinism and zero allocation.

#include "sim/simulate.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#include <gtest/gtest.h>

#include "fixtures/tiny_fixture.hpp"
#include "sim/economics.hpp"

// Counts heap allocations so a test can assert that simulate() makes none (STYLE §2.6).
namespace {
std::atomic<long> g_allocations{0};
}
void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) {
    return p;
  }
  throw std::bad_alloc();
}
// std::stable_sort's temporary buffer uses the nothrow form: replace it too, so that every
// allocation and deallocation goes through malloc/free (AddressSanitizer checks the pairing).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++g_allocations;
  return std::malloc(n == 0 ? 1 : n);
}
// GCC 12 warns that free() meets a pointer from operator new: true of the standard operators, not
// of these replacements, whose every form allocates with malloc.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace decarbfund::sim {
namespace {

using test::tiny;

/// A scenario with no levy (no tariff), decisions from 2024, 2020–2040.
model::Scenario no_levy() {
  auto s = test::tiny_scenario();
  s.levy.first_year = 2021;
  s.levy.last_year = 2040;
  return s;
}

void set_capacity(Inputs& in, const model::Model& m, const char* id, double value) {
  const auto infra = m.find_infrastructure(id);
  for (int y = 0; y < in.years(); ++y) {
    in.infrastructure_capacity[infra * static_cast<std::size_t>(in.years()) + static_cast<std::size_t>(y)] = value;
  }
  update_contract_capacity(in);
}

TEST(Simulate, MeritOrderUnderAFullGridLedger) {
  const auto& m = tiny();
  auto in = resolve_inputs(m, no_levy());
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 400.0);  // all pay
  const auto o1 = m.find_option("O1");  // e-boiler, 125 MW, port grid
  const auto o3 = m.find_option("O3");  // heat pump, 10.4 MW, port grid
  const auto o4 = m.find_option("O4");  // hydrogen burner, same group as O3
  ASSERT_LT(option_cost_per_t(m.options, in, o3, 5), option_cost_per_t(m.options, in, o1, 5));

  // 130 MW: room for either, not both; the cheaper tonne (O3) comes first in the merit order.
  set_capacity(in, m, "grid_port", 130.0);
  Workspace ws(m, in);
  simulate(m, in, ws);
  const auto& out = ws.outcome();
  EXPECT_EQ(out.option_decided[o3], 4);  // decided in 2024 …
  EXPECT_EQ(out.option_start[o3], 5);    // … running after its one-year lead time
  EXPECT_EQ(out.option_decided[o1], -1);
  EXPECT_EQ(out.option_blocked_by[o1], m.find_infrastructure("grid_port"));
  EXPECT_EQ(out.option_decided[o4], -1);  // its group was taken by O3
  // 2030: O3's 10.4 MW plus the 3.5 MW of O2's capture unit (from 2027).
  EXPECT_DOUBLE_EQ(out.infrastructure_used[m.find_infrastructure("grid_port") * 21 + 10], 13.9);

  // 140 MW: both fit.
  set_capacity(in, m, "grid_port", 140.0);
  simulate(m, in, ws);
  EXPECT_EQ(ws.outcome().option_decided[o1], 4);
  EXPECT_EQ(ws.outcome().option_decided[o3], 4);
  EXPECT_EQ(ws.outcome().option_instrument[o1], Instrument::ets);
}

model::Scenario flat_levy(double tariff, double rf);

TEST(Simulate, NothingIsAdoptedOrSupportedAtASiteThatNoLongerProduces) {
  // A closed site (closures.csv: activity 0) has nothing to abate: at an ETS price at which every
  // option pays, and with the package on, none of its options is taken and none gets support.
  const auto& m = tiny();
  auto in = resolve_inputs(m, no_levy());
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 400.0);
  in.package_enabled = true;
  const model::Index closed = m.find_site("S2");  // with O6, an announced project the package supports
  for (int y = 0; y < in.years(); ++y) {
    in.site_activity[static_cast<std::size_t>(closed) * static_cast<std::size_t>(in.years()) + static_cast<std::size_t>(y)] = 0;
  }
  Workspace ws(m, in);
  simulate(m, in, ws);
  const auto& out = ws.outcome();
  int elsewhere = 0;
  for (model::Index i = 0; i < m.options.size(); ++i) {
    if (m.options.site[i] == closed) {
      EXPECT_EQ(out.option_decided[i], -1) << m.options.id[i];
      EXPECT_EQ(out.option_support_eur[i], 0.0) << m.options.id[i];
    } else {
      elsewhere += out.option_decided[i] >= 0;
    }
  }
  EXPECT_GT(elsewhere, 0) << "the other sites' options still pay";
}

TEST(Simulate, CaptureWaitsForTheStore) {
  const auto& m = tiny();
  // A levy short of DPRs makes the incinerator's capture (O5, outside the ETS) pay too.
  auto in = resolve_inputs(m, flat_levy(400.0, 0.1));
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 400.0);
  Workspace ws(m, in);
  simulate(m, in, ws);
  // The store opens in 2026 with 350 kt/yr: O2 (300 kt, earliest 2026, lead 3) fits, O5 (100 kt)
  // then does not.
  const auto o2 = m.find_option("O2");
  const auto o5 = m.find_option("O5");
  EXPECT_EQ(ws.outcome().option_start[o2], 7);  // 2024 + 3
  EXPECT_EQ(ws.outcome().option_decided[o5], -1);
  EXPECT_EQ(ws.outcome().option_blocked_by[o5], m.find_infrastructure("store"));
}

/// No levy, an ETS price at which every option pays, 130 MW of port grid: room for O3 and O6 at
/// S2, not for O1 as well.
Inputs all_pay_grid_130(const model::Model& m) {
  auto in = resolve_inputs(m, no_levy());
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 400.0);
  set_capacity(in, m, "grid_port", 130.0);
  return in;
}

TEST(Simulate, EmissionsFollowAdoptedOptions) {
  const auto& m = tiny();
  const auto in = all_pay_grid_130(m);
  Workspace ws(m, in);
  simulate(m, in, ws);
  const auto& out = ws.outcome();
  // S2 (500 kt, no history rows: flat) runs O3 (−50 kt, a section option) from 2025 and O6
  // (−30 kt) from 2026, each at half its effect in its first year (ramp-up, docs/model.md):
  //   2025: 500 − 0.5 × 50 = 475 kt;  2026: 500 − 50 − 0.5 × 30 = 435 kt.
  // S1 (1000 kt in 2020, 950 kt verified in 2023: production 0.95 from 2023 on) runs O2 (capture,
  // acting on what is left: f = 300 / 1000 = 0.3) from 2027:
  //   2026: 0.95 × 1000 = 950 kt;  2027: 0.95 × 1000 × (1 − 0.5 × 0.3) = 807.5 kt;
  //   2028: 0.95 × 1000 × (1 − 0.3) = 665 kt.
  EXPECT_DOUBLE_EQ(out.emissions(1, 4), 500000);
  EXPECT_DOUBLE_EQ(out.emissions(1, 5), 475000);
  EXPECT_DOUBLE_EQ(out.emissions(0, 6), 950000);
  EXPECT_DOUBLE_EQ(out.emissions(0, 7), 807500);
  EXPECT_DOUBLE_EQ(out.emissions(0, 8), 665000);
  EXPECT_DOUBLE_EQ(out.emissions(1, 6), 435000);
  EXPECT_DOUBLE_EQ(out.total_emissions_t[7], 807500 + 420000 + 200000);
  for (const double c : out.clamped_t) {
    EXPECT_EQ(c, 0.0);
  }
}

TEST(Simulate, ReplacementLeavesTheSiteWhatTheOtherOptionWouldHave) {
  const auto& m = tiny();
  const auto in = all_pay_grid_130(m);
  Workspace ws(m, in);
  simulate(m, in, ws);
  const auto& out = ws.outcome();
  const auto o3 = m.find_option("O3");  // heat pump, −50 kt, runs from 2025
  const auto o4 = m.find_option("O4");  // hydrogen burner, −80 kt, same group
  // 2030 at S2: 500 − 50 (O3) − 30 (O6) = 420 kt; with O4 instead of O3: 500 − 80 − 30 = 390 kt,
  // so the replacement adds 30 kt, not its 80.
  EXPECT_DOUBLE_EQ(out.emissions(1, 10), 420000);
  EXPECT_DOUBLE_EQ(site_emissions_with(m, in, out, 10, o4, o3), 390000);
  // Without anything to displace it adds its whole 80 kt; the outcome itself is untouched.
  EXPECT_DOUBLE_EQ(site_emissions_with(m, in, out, 10, o4, model::kNone), 340000);
  EXPECT_DOUBLE_EQ(out.emissions(1, 10), 420000);
}

/// A levy with one rate and reduction factor for every year.
model::Scenario flat_levy(double tariff, double rf) {
  auto s = no_levy();
  test::set_flat_levy(s, tariff, rf);
  return s;
}

TEST(Simulate, LevyInDprSurplusCollectsNothing) {
  const auto& m = tiny();
  auto in = resolve_inputs(m, flat_levy(100.0, 2.0));  // DPRs = 2 × basis: plenty
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 0.0);
  std::fill(in.option_capex_eur.begin(), in.option_capex_eur.end(), 1e12);  // nobody invests
  Workspace ws(m, in);
  simulate(m, in, ws);
  for (int y = 0; y < in.years(); ++y) {
    EXPECT_EQ(ws.outcome().levy_revenue_eur[static_cast<std::size_t>(y)], 0.0);
    EXPECT_EQ(ws.outcome().dpr_price_eur_per_t[static_cast<std::size_t>(y)], 0.0);
  }
}

TEST(Simulate, LevyInDprShortageCollectsOnTheNetShortfall) {
  const auto& m = tiny();
  auto in = resolve_inputs(m, flat_levy(100.0, 0.5));
  std::fill(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end(), 0.0);
  std::fill(in.option_capex_eur.begin(), in.option_capex_eur.end(), 1e12);
  Workspace ws(m, in);
  simulate(m, in, ws);
  // 2021 (y = 1): S1 1000 kt (2021 is before its verified 2023 figure: its 2020 production) +
  // S2 500 kt against 0.5 × (800 + 400) kt = 600 kt DPRs: short 900 kt at 100 − 26.73 (the 2021
  // ETS reference price in prices.csv) = 73.27 EUR/t. The incinerator S3 (200 kt, DPR 0.5 × 180 kt
  // = 90 kt) is short 110 kt at the full 100 EUR/t. Nobody has a surplus, so nothing is traded.
  EXPECT_DOUBLE_EQ(ws.outcome().levy_revenue_eur[1], 900000.0 * 73.27 + 110000.0 * 100.0);
  EXPECT_DOUBLE_EQ(ws.outcome().dpr_price_eur_per_t[1], 100.0);
  EXPECT_DOUBLE_EQ(ws.outcome().dpr_allocated_t[0 * 21 + 1], 400000.0);
}

TEST(Simulate, PackageSupportCoversTheFundingGapOnly) {
  const auto& m = tiny();
  auto scenario = no_levy();
  auto in = resolve_inputs(m, scenario);
  const auto o3 = m.find_option("O3");
  in.option_capex_eur[o3] = 1e9;         // far from paying on its own
  in.option_max_support_eur[o3] = 5e9;  // as if O3 were a deal's project
  Workspace ws(m, in);
  simulate(m, in, ws);
  const auto& out = ws.outcome();
  ASSERT_EQ(out.option_instrument[o3], Instrument::package);
  // The support equals minus the NPV without support at the ETS path (the funding gap).
  std::vector<double> value(in.prices.ets_eur_per_t.begin(), in.prices.ets_eur_per_t.end());
  // Production is flat at S2 (no history rows); the first operating year counts half (ramp-up).
  std::vector<double> scale(value.size(), 1.0);
  scale[static_cast<std::size_t>(out.option_start[o3])] = in.response.first_year_output_share;
  const double npv = option_npv(m.options, in, o3, out.option_decided[o3], out.option_start[o3], value,
                                -in.option_delta_emissions_t[o3], scale);
  EXPECT_GT(-npv, 0.0);
  EXPECT_NEAR(out.option_support_eur[o3], -npv, 1e-6 * -npv);
  // Without the package nothing is supported.
  in.package_enabled = false;
  simulate(m, in, ws);
  EXPECT_EQ(ws.outcome().option_decided[o3], -1);
}

TEST(Simulate, SameInputsSameBitsAndNoAllocation) {
  const auto& m = tiny();
  auto in = resolve_inputs(m, flat_levy(80.0, 0.9));
  Workspace a(m, in);
  Workspace b(m, in);
  simulate(m, in, a);
  const long before = g_allocations.load();
  simulate(m, in, b);
  EXPECT_EQ(g_allocations.load(), before) << "simulate() allocated";
  EXPECT_EQ(a.outcome().emissions_t, b.outcome().emissions_t);
  EXPECT_EQ(a.outcome().levy_revenue_eur, b.outcome().levy_revenue_eur);
  EXPECT_EQ(a.outcome().option_decided, b.outcome().option_decided);
}

}  // namespace
}  // namespace decarbfund::sim
