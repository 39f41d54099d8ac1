// solve_portfolio(): the portfolio MIP (docs/optimize.md "Model"; its rows and columns are built
// in portfolio_matrix.cpp) solved with COIN-OR CBC, its shadow prices, and why a min_cost problem
// has no solution. CBC lives in this file only (STYLE §2.3).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <fmt/format.h>

#include "optimize/portfolio.hpp"
#include "optimize/portfolio_matrix.hpp"

namespace decarbfund::optimize {

namespace {

// The matrix (portfolio_matrix.hpp).
using detail::build_matrix, detail::Columns, detail::expected_tonnes, detail::kMoney, detail::kTonnes, detail::Matrix,
    detail::RowKind;

/// The matrix in CBC's column-ordered form.
CoinPackedMatrix packed(const Matrix& m) {
  std::vector<int> ri, ci;
  std::vector<double> el;
  for (const auto& [rc, v] : m.entries) {
    ri.push_back(rc.first);
    ci.push_back(rc.second);
    el.push_back(v);
  }
  CoinPackedMatrix matrix(true, ri.data(), ci.data(), el.data(), static_cast<CoinBigIndex>(el.size()));
  // Trailing empty rows or columns are not seen by the triplet constructor.
  matrix.setDimensions(static_cast<int>(m.rows.size()), static_cast<int>(m.cost.size()));
  return matrix;
}

void load(OsiClpSolverInterface& solver, const Matrix& m) {
  std::vector<double> rl, ru;
  for (const auto& r : m.rows) {
    rl.push_back(r.lower);
    ru.push_back(r.upper);
  }
  solver.loadProblem(packed(m), m.col_lower.data(), m.col_upper.data(), m.cost.data(), rl.data(), ru.data());
  solver.setObjSense(1);
  solver.messageHandler()->setLogLevel(0);
}

int no_callback(CbcModel*, int) { return 0; }

/// Shadow prices of the binding money, infrastructure and reduction rows. The LP with every
/// integer fixed at the MIP optimum has no free column left (support is tied to its binary), so
/// all its duals are 0; instead the LP keeps the chosen items at 1 and lets the others in
/// fractionally (max_reduction): one more unit of a limit is then priced by the best candidate it
/// would let in. min_cost reads the duals of the plain LP relaxation (with the chosen items fixed,
/// the required reduction is met and nothing has a price). docs/optimize.md "Shadow prices".
std::vector<ShadowPrice> shadow_prices(const Problem& p, const Matrix& m, const std::vector<double>& x) {
  OsiClpSolverInterface lp;
  load(lp, m);
  const bool maximise = p.objective == Objective::max_reduction;
  // Price in tonnes alone: the tie-break would leak into the duals.
  for (std::size_t j = 0; j < m.cost.size(); ++j) {
    lp.setObjCoeff(static_cast<int>(j), m.cost[j] - m.tie_break[j]);
  }
  for (std::size_t j = 0; j < x.size(); ++j) {
    if (maximise && m.integer[j] && x[j] > 0.5) {
      lp.setColLower(static_cast<int>(j), 1.0);
    }
  }
  lp.initialSolve();
  std::vector<ShadowPrice> out;
  if (!lp.isProvenOptimal()) {
    return out;
  }
  const double* dual = lp.getRowPrice();
  std::vector<double> activity(m.rows.size(), 0.0);
  for (const auto& [rc, v] : m.entries) {
    activity[static_cast<std::size_t>(rc.first)] += v * x[static_cast<std::size_t>(rc.second)];
  }
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const auto& row = m.rows[r];
    if (row.kind != RowKind::budget && row.kind != RowKind::commit && row.kind != RowKind::cash &&
        row.kind != RowKind::free &&
        row.kind != RowKind::limit && row.kind != RowKind::reduction && row.kind != RowKind::deal_cap) {
      continue;
    }
    double rhs = row.kind == RowKind::reduction ? row.lower : row.upper;
    double used = activity[r];
    if (row.kind == RowKind::deal_cap) {
      // Σ s − cap·x ≤ 0: report the support against the cap of a supported deal only.
      const auto d = static_cast<std::size_t>(row.index);
      if (x[static_cast<std::size_t>(row.deal_col)] < 0.5) {
        continue;
      }
      rhs = p.deals[d].max_support_eur * kMoney;
      used += rhs;
    }
    const double y = dual[r] * row.per_unit;  // d(minimised objective) / d(one unit of the row)
    // Binding = a non-zero price: a limit that is full but whose next unit buys nothing (a
    // capacity of 0 nobody else could use) is not reported.
    if (std::fabs(y) < 1e-12) {
      continue;
    }
    ShadowPrice sp;
    sp.limit = row.label;
    sp.unit = row.unit;
    sp.used = used / row.per_unit;
    sp.capacity = rhs / row.per_unit;
    if (row.kind == RowKind::reduction) {
      sp.value = y / kMoney;  // EUR more per extra required tonne
      sp.value_unit = "EUR per t";
    } else if (maximise) {
      const double t_per_unit = -y / kTonnes;
      if (row.unit == "EUR") {
        // One more euro buys t_per_unit tonnes: the marginal tonne costs 1 / that.
        sp.value = t_per_unit > 0 ? 1.0 / t_per_unit : 0.0;
        sp.value_unit = "EUR per t";
      } else {
        sp.value = t_per_unit;
        sp.value_unit = "t per " + row.unit;
      }
    } else {
      sp.value = -y / kMoney;
      sp.value_unit = "EUR saved per " + row.unit;
    }
    out.push_back(std::move(sp));
  }
  return out;
}

/// What makes a min_cost problem infeasible, in words: the reachable maximum under the same
/// limits, the limits that bind there, and what the candidates could give without any limit.
std::vector<std::string> explain_unreachable(const Problem& p, const SolverSettings& settings) {
  std::vector<std::string> out;
  Problem q = p;
  q.objective = Objective::max_reduction;
  const auto best = solve_portfolio(q, settings);
  double unlimited = 0;
  for (const auto& pr : p.projects) {
    if (!pr.alternatives.empty()) {
      unlimited += expected_tonnes(p, pr);
    }
  }
  for (const auto& k : p.sme) {
    unlimited += k.tonnes_t;
  }
  out.push_back(fmt::format(
      "required reduction: {:.0f} t of expected reduction in {} is out of reach: within the budget and "
      "the limits the candidates reach at most {:.0f} t (short by {:.0f} t)",
      p.required_t, p.target_year, best.reduction_t, p.required_t - best.reduction_t));
  for (const auto& sp : best.shadow_prices) {
    out.push_back(fmt::format("limiting at that maximum: {} (used {:.0f} of {:.0f} {}; one more {} is worth {:.2f} {})",
                              sp.limit, sp.used, sp.capacity, sp.unit, sp.unit, sp.value, sp.value_unit));
  }
  if (unlimited < p.required_t) {
    out.push_back(fmt::format(
        "even with unlimited budget and infrastructure the candidates add up to {:.0f} t (exclusive "
        "groups not applied): more candidates are needed",
        unlimited));
  }
  return out;
}

}  // namespace

Solution solve_portfolio(const Problem& p, const SolverSettings& settings) {
  const auto t0 = std::chrono::steady_clock::now();
  Solution sol;
  sol.deal_supported.assign(p.deals.size(), 0);
  const auto check = check_problem(p);
  if (!check.ok()) {
    sol.status = check.unbounded.empty() ? Status::infeasible : Status::unbounded;
    sol.conflicts = check.unbounded;
    sol.conflicts.insert(sol.conflicts.end(), check.infeasible.begin(), check.infeasible.end());
    return sol;
  }

  Columns cols;
  const Matrix m = build_matrix(p, cols);
  OsiClpSolverInterface solver;
  load(solver, m);
  for (std::size_t j = 0; j < m.integer.size(); ++j) {
    if (m.integer[j]) {
      solver.setInteger(static_cast<int>(j));
    }
  }

  CbcModel model(solver);
  CbcSolverUsefulData data;
  data.noPrinting_ = !settings.log;
  data.useSignalHandler_ = false;
  CbcMain0(model, data);
  model.setLogLevel(settings.log ? 1 : 0);
  const auto gap = fmt::format("{}", settings.relative_gap);
  const auto seconds = fmt::format("{}", settings.time_limit_s);
  const auto seed = fmt::format("{}", settings.seed);
  const auto log = settings.log ? std::string("1") : std::string("0");
  // Serial search ("threads 0") and fixed seeds make the search, and so the answer, reproducible.
  const char* argv[] = {"decarbfund-optimize", "-log", log.c_str(), "-threads", "0",
                        "-randomSeed", seed.c_str(), "-randomCbcSeed", seed.c_str(),
                        "-ratioGap", gap.c_str(), "-seconds", seconds.c_str(), "-solve", "-quit"};
  CbcMain1(static_cast<int>(std::size(argv)), argv, model, no_callback, data);

  sol.nodes = model.getNodeCount();
  const double* best = model.bestSolution();
  const bool time_out = model.isSecondsLimitReached();
  if (model.isContinuousUnbounded() || model.isInitialSolveProvenDualInfeasible()) {
    sol.status = Status::unbounded;
    sol.conflicts.push_back("the LP relaxation is unbounded: some candidate adds reduction or support without limit");
  } else if (best == nullptr) {
    sol.status = time_out ? Status::no_solution : Status::infeasible;
    if (!time_out) {
      if (p.objective == Objective::min_cost) {
        sol.conflicts = explain_unreachable(p, settings);
      } else {
        sol.conflicts.push_back("no portfolio meets the limits");
      }
    } else {
      sol.conflicts.push_back(fmt::format("no portfolio found within {} s", settings.time_limit_s));
    }
  } else {
    std::vector<double> x(best, best + m.cost.size());
    // Round the binaries: CBC's integer tolerance leaves values like 0.9999999.
    for (std::size_t j = 0; j < x.size(); ++j) {
      if (m.integer[j]) {
        x[j] = x[j] > 0.5 ? 1.0 : 0.0;
      }
    }
    std::map<int, double> commit, cash;
    for (std::size_t d = 0; d < p.deals.size(); ++d) {
      sol.deal_supported[d] = x[static_cast<std::size_t>(cols.deal[d])] > 0.5 ? 1 : 0;
      if (p.deals[d].committed && std::isfinite(p.deals[d].max_support_eur)) {
        sol.committed_support_eur += p.deals[d].max_support_eur;  // the grant, committed already
      }
    }
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      const auto& pr = p.projects[i];
      for (std::size_t a = 0; a < pr.alternatives.size(); ++a) {
        if (x[static_cast<std::size_t>(cols.z[i][a])] < 0.5) {
          continue;
        }
        // Support equals the gap by the support row; read it from the gap to drop LP noise.
        const auto& alt = pr.alternatives[a];
        const double support = std::min(alt.gap_eur, x[static_cast<std::size_t>(cols.s[i][a])] / kMoney);
        sol.projects.push_back({i, a, support, expected_tonnes(p, pr)});
        sol.reduction_t += expected_tonnes(p, pr);
        if (p.deals[pr.deal].committed) {
          continue;  // its money is the grant already committed (counted once per deal below)
        }
        sol.cost_eur += support;
        commit[alt.decision_year] += support;
        for (const auto& c : alt.cash) {
          cash[c.year] += c.share * support;
        }
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      if (x[static_cast<std::size_t>(cols.award[k])] > 0.5) {
        sol.sme_awarded.push_back(k);
        sol.reduction_t += p.sme[k].tonnes_t;
        sol.cost_eur += p.sme[k].cost_eur;
        commit[p.sme[k].year] += p.sme[k].cost_eur;
        for (const auto& c : p.sme[k].cash) {
          cash[c.year] += c.share * p.sme[k].cost_eur;
        }
      }
    }
    sol.commitments_by_year.assign(commit.begin(), commit.end());
    sol.cash_by_year.assign(cash.begin(), cash.end());

    // Objective and bound in the objective's own unit (t or EUR).
    const double unit = p.objective == Objective::max_reduction ? -1.0 / kTonnes : 1.0 / kMoney;
    sol.objective = model.getObjValue() * unit;
    sol.bound = model.getBestPossibleObjValue() * unit;
    if (p.objective == Objective::max_reduction) {
      sol.bound = std::max(sol.bound, sol.objective);
    } else {
      sol.bound = std::min(sol.bound, sol.objective);
    }
    sol.gap = std::fabs(sol.bound - sol.objective) / std::max(1e-9, std::fabs(sol.objective));
    if (std::fabs(sol.bound - sol.objective) < 1e-6) {
      sol.gap = 0;
    }
    sol.status = model.isProvenOptimal() || sol.gap <= settings.relative_gap ? Status::optimal : Status::feasible;
    sol.shadow_prices = shadow_prices(p, m, x);
  }
  sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sol;
}

}  // namespace decarbfund::optimize
