#include "analysis/montecarlo.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <thread>

#include "core/diagnostic.hpp"
#include "core/distribution.hpp"
#include "sim/simulate.hpp"

namespace decarbfund::analysis {

namespace {

constexpr double kNoForce = std::numeric_limits<double>::quiet_NaN();
/// A leg or the total counts as met when it falls short by less than half a tonne: the legs are
/// differences of sums over ~270 sites, exact only to rounding.
constexpr double kMetTolerance_t = 0.5;
/// Quantiles of the tornado's one-at-a-time swings (P10 / P90); a yes/no input takes both outcomes.
constexpr double kLowQ = 0.10, kHighQ = 0.90, kMedianQ = 0.50;
constexpr double kCertainLow = 1e-12, kCertainHigh = 1 - 1e-12;

using PriceMember = std::vector<double> sim::PricePath::*;

/// The price column of sim::PricePath a prices.csv series scales, or nullptr when the outlook does
/// not read that series (SME prices; the stated ETS reference prices are history).
PriceMember price_member(model::PriceSeries s) {
  switch (s) {
    case model::PriceSeries::ets_eur_per_t: return &sim::PricePath::ets_eur_per_t;
    case model::PriceSeries::gas_industry_eur_per_gj: return &sim::PricePath::gas_eur_per_gj;
    case model::PriceSeries::electricity_industry_eur_per_mwh: return &sim::PricePath::electricity_eur_per_gj;
    case model::PriceSeries::hydrogen_eur_per_gj: return &sim::PricePath::hydrogen_eur_per_gj;
    case model::PriceSeries::biomass_eur_per_gj: return &sim::PricePath::biomass_eur_per_gj;
    case model::PriceSeries::co2_transport_storage_eur_per_t:
      return &sim::PricePath::co2_transport_storage_eur_per_t;
    default: return nullptr;
  }
}

/// Where a draw's uniforms come from: the keyed RNG, or a forced quantile per input (NaN = drawn).
struct Sampler {
  std::uint64_t seed;
  std::uint64_t draw;
  const std::vector<double>* forced;
  double u(int input, UncertainVariable v, model::Index entity) const {
    if (forced != nullptr) {
      const double f = (*forced)[static_cast<std::size_t>(input)];
      if (!std::isnan(f)) {
        return f;
      }
    }
    return core::open_uniform(seed, draw, core::VariableKey{static_cast<std::uint32_t>(v), entity});
  }
};

/// Lays one draw over `base` into `out`. `values` (optional) receives each input's recorded value.
void perturb(const MonteCarloSetup& s, const sim::Inputs& base, const std::vector<int>& stated_delay,
             const Sampler& smp, sim::Inputs& out, double* values) {
  const auto& model = *s.model;
  out = base;  // same sizes: the vectors' storage is reused
  for (std::size_t k = 0; k < model::kPriceSeriesCount; ++k) {
    const int g = s.price_input[k];
    if (g < 0) {
      continue;
    }
    const double factor = s.price_dist[k].quantile(smp.u(g, UncertainVariable::price_factor, static_cast<model::Index>(k)));
    const auto member = price_member(static_cast<model::PriceSeries>(k));
    const auto& from = base.prices.*member;
    auto& to = out.prices.*member;
    for (std::size_t y = 0; y < from.size(); ++y) {
      to[y] = from[y] * factor;
    }
    if (values != nullptr) {
      values[g] = factor;
    }
  }
  // What firms see of their DPR pool's balance: one multiplier, the same in both runs' world.
  if (const int g = s.levy_balance_input; g >= 0) {
    const double factor = s.uncertainty.levy_balance_sigma.quantile(smp.u(g, UncertainVariable::levy_balance_sigma, 0));
    out.levy_balance_sigma = base.levy_balance_sigma * factor;
    if (values != nullptr) {
      values[g] = factor;
    }
  }
  // Production after the history: the group's multiplier, reached in the target year (linearly
  // from 1 in the last history year), held after; emissions and DPR basis move together.
  const int last = model.history.last_year;
  for (std::size_t g = 0; g < s.activity_input.size(); ++g) {
    const int k = s.activity_input[g];
    if (k < 0) {
      continue;
    }
    const double factor = s.activity_dist[g].quantile(smp.u(k, UncertainVariable::activity, static_cast<model::Index>(g)));
    if (values != nullptr) {
      values[k] = factor;
    }
    const int years = out.years();
    for (model::Index site = 0; site < model.sites.size(); ++site) {
      const auto group = model.sites.activity_group[site];
      if ((group == model::kNone ? 0 : static_cast<std::size_t>(group)) != g) {
        continue;
      }
      for (int y = 0; y < years; ++y) {
        const int year = out.start_year + y;
        if (year <= last) {
          continue;
        }
        const double w = s.target_year > last ? std::min(1.0, double(year - last) / double(s.target_year - last)) : 1.0;
        out.site_activity[static_cast<std::size_t>(site) * static_cast<std::size_t>(years) + static_cast<std::size_t>(y)] *=
            1.0 + (factor - 1.0) * w;
      }
    }
  }
  const auto& o = model.options;
  for (model::Index i = 0; i < o.size(); ++i) {
    // Costs and tonnes: the draw replaces the central value, scaled so that a scenario that moved
    // the central value moves the range with it.
    if (const int g = s.capex_input[i]; g >= 0) {
      const double u = smp.u(g, UncertainVariable::capex, i);
      const double x = s.capex_dist[i].quantile(u);
      out.option_capex_eur[i] = o.capex_eur[i] != 0 ? base.option_capex_eur[i] * (x / o.capex_eur[i]) : x;
      if (values != nullptr) {
        values[g] += s.inputs[static_cast<std::size_t>(g)].group ? u / s.inputs[static_cast<std::size_t>(g)].members : x;
      }
    }
    if (const int g = s.delta_input[i]; g >= 0) {
      const double u = smp.u(g, UncertainVariable::delta_emissions, i);
      const double x = s.delta_dist[i].quantile(u);
      out.option_delta_emissions_t[i] =
          o.delta_emissions_t[i] != 0 ? base.option_delta_emissions_t[i] * (x / o.delta_emissions_t[i]) : x;
      if (values != nullptr) {
        values[g] += s.inputs[static_cast<std::size_t>(g)].group ? u / s.inputs[static_cast<std::size_t>(g)].members : x;
      }
    }
    // A permit delay postpones the first operating year, counted from the first decision year:
    // earliest' = max(earliest, first decision year + lead time) + delay.
    if (const int g = s.permit_input[i]; g >= 0) {
      const double u = smp.u(g, UncertainVariable::permit_delay, i);
      const auto delay = static_cast<int>(std::lround(s.uncertainty.permit_delay_yr.quantile(u)));
      // A deal's permit acceleration takes years off the drawn delay (docs/deals.md).
      const int effective = std::max(0, delay - base.option_permit_saving_yr[i]);
      if (effective != 0) {
        out.option_earliest_year[i] =
            std::max(base.option_earliest_year[i], base.response.decision_from_year + o.lead_time_yr[i]) + effective;
      }
      if (values != nullptr) {
        values[g] += s.inputs[static_cast<std::size_t>(g)].group ? u / s.inputs[static_cast<std::size_t>(g)].members : delay;
      }
    }
  }
  // Infrastructure: one delay per item, shared by every option that uses it.
  const auto& inf = model.infrastructure;
  const int years = base.years();
  bool delayed = false;
  for (model::Index k = 0; k < inf.size(); ++k) {
    const int g = s.infra_input[k];
    if (g < 0) {
      continue;
    }
    const auto delay = static_cast<int>(std::lround(s.infra_dist[k].quantile(smp.u(g, UncertainVariable::infrastructure_delay, k))));
    const int shift = stated_delay[k] + delay;
    for (int y = 0; y < years; ++y) {
      out.infrastructure_capacity[static_cast<std::size_t>(k) * static_cast<std::size_t>(years) + static_cast<std::size_t>(y)] =
          inf.capacity_at(k, base.start_year + y - shift);
    }
    // The item's contracts move with it (the contracted years are its first years).
    for (std::size_t c = 0; c < out.contracts.size(); ++c) {
      if (out.contracts[c].infra == k && out.contracts[c].deal == model::kNone) {
        out.contracts[c].from_year = base.contracts[c].from_year + delay;
        out.contracts[c].to_year = base.contracts[c].to_year + delay;
      }
    }
    delayed = delayed || delay != 0;
    if (values != nullptr) {
      values[g] = delay;
    }
  }
  if (delayed) {
    sim::update_contract_capacity(out);
  }
  // Deals: each delivers (1) or falls through (0), a Bernoulli trial with its phase's probability.
  for (std::size_t d = 0; d < s.deal_input.size() && d < out.deal_realisation.size(); ++d) {
    const int g = s.deal_input[d];
    if (g < 0) {
      continue;
    }
    const double x = core::Distribution::bernoulli(s.deal_p[d]).quantile(
        smp.u(g, UncertainVariable::deal_realisation, static_cast<model::Index>(d)));
    out.deal_realisation[d] = x;
    if (values != nullptr) {
      values[g] = x;
    }
  }
}

/// One worker's buffers: a copy of each base input to perturb, and a workspace.
struct Worker {
  explicit Worker(const MonteCarloSetup& s)
      : reference(s.reference_base), scenario(s.scenario_base), ws(*s.model, s.scenario_base) {}
  sim::Inputs reference;
  sim::Inputs scenario;
  sim::Workspace ws;
};

/// The three runs of one case into `rec` (record_size() doubles). `smp == nullptr`: the central
/// case (no perturbation).
void run_case(const MonteCarloSetup& s, Worker& w, const Sampler* smp, double* rec) {
  const auto& model = *s.model;
  const int t = s.target_year - s.start_year;
  const auto ty = static_cast<std::size_t>(t);
  double* values = rec + 4 + s.years();
  std::fill(values, values + s.inputs.size(), 0.0);
  if (smp != nullptr) {
    perturb(s, s.reference_base, s.reference_delay, *smp, w.reference, nullptr);
    perturb(s, s.scenario_base, s.scenario_delay, *smp, w.scenario, values);
  } else {
    w.reference = s.reference_base;
    w.scenario = s.scenario_base;
  }
  sim::simulate(model, w.reference, w.ws, s.target_year, sim::Accounting::emissions);
  const double r = w.ws.outcome().total_emissions_t[ty];
  w.scenario.package_enabled = false;
  sim::simulate(model, w.scenario, w.ws, s.target_year, sim::Accounting::emissions);
  const double l = w.ws.outcome().total_emissions_t[ty];
  double f = l;
  double outlay = 0;
  if (s.package) {
    w.scenario.package_enabled = true;
    sim::simulate(model, w.scenario, w.ws, s.target_year, sim::Accounting::emissions);
    f = w.ws.outcome().total_emissions_t[ty];
    for (int y = 0; y <= t; ++y) {
      outlay += w.ws.outcome().support_outlay_eur[static_cast<std::size_t>(y)];
    }
  }
  // The SME scheme's expected tonnes come off the full run's total (as in the outlook), scaled by
  // this draw's realisation relative to its mean.
  double sme_factor = 1.0;
  if (s.sme_input >= 0 && smp != nullptr) {
    const double x = s.uncertainty.sme_realisation.quantile(smp->u(s.sme_input, UncertainVariable::sme_realisation, 0));
    sme_factor = x / s.uncertainty.sme_realisation.mean();
    values[s.sme_input] = x;
  }
  if (!s.sme_t.empty()) {
    f -= sme_factor * s.sme_t[ty];
  }
  // The emissions path of the full run (the levy-only run's when the package is off: the
  // workspace still holds it).
  rec[0] = r - f;
  rec[1] = r - l;
  rec[2] = l - f;
  rec[3] = outlay;
  for (int y = 0; y <= t; ++y) {
    rec[4 + y] = w.ws.outcome().total_emissions_t[static_cast<std::size_t>(y)] -
                 (s.sme_t.empty() ? 0.0 : sme_factor * s.sme_t[static_cast<std::size_t>(y)]);
  }
}

/// Calls fn(worker, i) for i in [first, end) on up to `threads` workers, in chunks.
template <typename Fn>
void parallel_for(const MonteCarloSetup& s, std::uint32_t first, std::uint32_t end, unsigned threads,
                  std::atomic<std::uint32_t>* done, Fn&& fn) {
  if (end <= first) {
    return;
  }
  constexpr std::uint32_t kChunk = 8;
  const auto n = end - first;
  const unsigned workers = std::max(1u, std::min(threads, (n + kChunk - 1) / kChunk));
  std::atomic<std::uint32_t> next{first};
  auto loop = [&] {
    Worker w(s);
    while (true) {
      const std::uint32_t begin = next.fetch_add(kChunk);
      if (begin >= end) {
        break;
      }
      const std::uint32_t stop = std::min(end, begin + kChunk);
      for (std::uint32_t i = begin; i < stop; ++i) {
        fn(w, i);
      }
      if (done != nullptr) {
        done->fetch_add(stop - begin);
      }
    }
  };
  if (workers == 1) {
    loop();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (unsigned k = 0; k < workers; ++k) {
    pool.emplace_back(loop);
  }
  for (auto& th : pool) {
    th.join();
  }
}

Percentiles summarise_column(std::vector<double> v) {
  Percentiles p;
  double sum = 0;
  for (double x : v) {  // draw order: the same sum for any thread count
    sum += x;
  }
  p.mean = v.empty() ? 0 : sum / static_cast<double>(v.size());
  std::sort(v.begin(), v.end());
  p.p5 = detail::percentile_sorted(v, 0.05);
  p.p10 = detail::percentile_sorted(v, 0.10);
  p.p25 = detail::percentile_sorted(v, 0.25);
  p.p50 = detail::percentile_sorted(v, 0.50);
  p.p75 = detail::percentile_sorted(v, 0.75);
  p.p90 = detail::percentile_sorted(v, 0.90);
  p.p95 = detail::percentile_sorted(v, 0.95);
  return p;
}

}  // namespace

namespace detail {

bool outlook_reads_price(model::PriceSeries s) { return price_member(s) != nullptr; }

double percentile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) {
    return 0;
  }
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

namespace {
std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) {
      ++j;
    }
    const double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) {
      r[order[k]] = avg;
    }
    i = j + 1;
  }
  return r;
}
}  // namespace

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  const auto rx = ranks(x);
  const auto ry = ranks(y);
  const double n = static_cast<double>(x.size());
  if (n < 2) {
    return 0;
  }
  const double mean = (n + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

}  // namespace detail

std::vector<double> run_draws(const MonteCarloSetup& s, std::uint32_t first, std::uint32_t end, unsigned threads,
                              std::atomic<std::uint32_t>* done) {
  const std::size_t rs = s.record_size();
  std::vector<double> records(static_cast<std::size_t>(end - first) * rs, 0.0);
  parallel_for(s, first, end, threads, done, [&](Worker& w, std::uint32_t d) {
    const Sampler smp{s.seed, d, nullptr};
    run_case(s, w, &smp, records.data() + static_cast<std::size_t>(d - first) * rs);
  });
  return records;
}

MonteCarloResult summarise_montecarlo(const MonteCarloSetup& s, const std::vector<double>& records, unsigned threads) {
  MonteCarloResult r;
  r.setup = &s;
  const std::size_t rs = s.record_size();
  const std::size_t n = records.size() / rs;
  r.draws = static_cast<std::uint32_t>(n);
  const auto column = [&](std::size_t c) {
    std::vector<double> v(n);
    for (std::size_t d = 0; d < n; ++d) {
      v[d] = records[d * rs + c];
    }
    return v;
  };
  const auto share_met = [&](std::size_t c, double required) {
    std::size_t met = 0;
    for (std::size_t d = 0; d < n; ++d) {
      met += records[d * rs + c] >= required - kMetTolerance_t ? 1 : 0;
    }
    return n == 0 ? 0.0 : static_cast<double>(met) / static_cast<double>(n);
  };
  r.p_total = share_met(0, s.required_t);
  r.p_levy_leg = share_met(1, s.levy_leg_required_t);
  r.p_package_leg = share_met(2, s.package_leg_required_t);
  const auto achieved = column(0);
  r.achieved_t = summarise_column(achieved);
  r.levy_leg_t = summarise_column(column(1));
  r.package_leg_t = summarise_column(column(2));
  r.outlay_eur = summarise_column(column(3));
  for (int y = 0; y < s.years(); ++y) {
    r.years.push_back(s.start_year + y);
    r.emissions_t.push_back(summarise_column(column(4 + static_cast<std::size_t>(y))));
  }
  for (std::size_t g = 0; g < s.inputs.size(); ++g) {
    r.rank_correlation.push_back({g, detail::spearman(column(4 + static_cast<std::size_t>(s.years()) + g), achieved)});
  }
  std::stable_sort(r.rank_correlation.begin(), r.rank_correlation.end(),
                   [](const RankCorrelation& a, const RankCorrelation& b) { return std::fabs(a.rho) > std::fabs(b.rho); });

  // The central run and the tornado's cases: 0 = central, 1 = all at the median, then low/high
  // per input.
  const auto inputs = s.inputs.size();
  const auto cases = static_cast<std::uint32_t>(2 + 2 * inputs);
  std::vector<double> out(static_cast<std::size_t>(cases) * rs, 0.0);
  parallel_for(s, 0, cases, threads, nullptr, [&](Worker& w, std::uint32_t c) {
    double* rec = out.data() + static_cast<std::size_t>(c) * rs;
    if (c == 0) {
      run_case(s, w, nullptr, rec);
      return;
    }
    std::vector<double> forced(inputs, kMedianQ);
    if (c >= 2) {
      const auto g = (c - 2) / 2;
      const bool high = (c - 2) % 2 == 1;
      forced[g] = s.inputs[g].bernoulli ? (high ? kCertainHigh : kCertainLow) : (high ? kHighQ : kLowQ);
    }
    const Sampler smp{s.seed, 0, &forced};
    run_case(s, w, &smp, rec);
  });
  r.central_achieved_t = out[0];
  r.central_levy_leg_t = out[1];
  r.central_package_leg_t = out[2];
  r.central_outlay_eur = out[3];
  // Reference emissions in the target year = full-run emissions + achieved.
  r.central_reference_t = out[4 + static_cast<std::size_t>(s.years()) - 1] + out[0];
  r.tornado_base_t = out[rs];
  for (std::size_t g = 0; g < inputs; ++g) {
    const double* lo = out.data() + (2 + 2 * g) * rs;
    const double* hi = lo + rs;
    const auto vi = 4 + static_cast<std::size_t>(s.years()) + g;
    TornadoBar b;
    b.input = g;
    b.low_value = s.inputs[g].group ? kLowQ : lo[vi];
    b.high_value = s.inputs[g].group ? kHighQ : hi[vi];
    b.low_t = lo[0];
    b.high_t = hi[0];
    r.tornado.push_back(b);
  }
  std::stable_sort(r.tornado.begin(), r.tornado.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing_t() > b.swing_t(); });
  return r;
}

MonteCarloResult run_montecarlo(const MonteCarloSetup& setup, unsigned threads,
                                const std::function<void(std::uint32_t)>& progress) {
  std::atomic<std::uint32_t> done{0};
  std::vector<double> records;
  if (progress) {
    std::thread runner([&] { records = run_draws(setup, 0, setup.draws, threads, &done); });
    while (done.load() < setup.draws) {
      progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    runner.join();
    progress(setup.draws);
  } else {
    records = run_draws(setup, 0, setup.draws, threads, nullptr);
  }
  return summarise_montecarlo(setup, records, threads);
}

}  // namespace decarbfund::analysis
