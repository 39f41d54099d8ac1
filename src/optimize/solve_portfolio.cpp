// solve_portfolio(): the portfolio MIP built column by column and solved with COIN-OR CBC
// (docs/optimize.md "Model"). CBC lives in this file only (STYLE §2.3).
//
// Columns: x_d (support deal d, binary), z_pa (project p carried out in alternative a, binary),
// s_pa (support to project p in alternative a, continuous, EUR), a_k (award SME application k,
// binary). Rows:
//   link       Σ_a z_pa − x_d(p) ≤ 0            a project only inside its supported deal, one timing
//              (= 0 for a deal funded whole: every candidate project of a supported deal)
//   x_d = 1 for a committed deal (issue 18), whose money stays out of the money rows
//   group      Σ z over a mutually-exclusive group ≤ 1
//   support    s_pa − gap_pa · z_pa = 0          support covers the funding gap and never exceeds it
//   deal cap   Σ_{p∈d} s_pa − cap_d · x_d ≤ 0
//   budget     Σ s + Σ cost_k a_k ≤ B
//   commit y   the same, committed in year y ≤ C
//   cash y     Σ share(y) · (s, cost_k a_k) ≤ K
//   free y     Σ s of new deal support decided in y ≤ the fund's free maatwerk money of y
//   limit l    Σ use_pal · z_pa ≤ capacity_l     (infrastructure item, year)
//   reduction  Σ realisation · t_p · z_pa + Σ t_k a_k ≥ R     (min_cost only)
// Money enters the matrix in EUR m and tonnes in kt so that coefficients stay near 1.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <fmt/format.h>

#include "optimize/portfolio.hpp"

namespace decarbfund::optimize {

namespace {

constexpr double kMoney = 1e-6;   // EUR → EUR m
constexpr double kTonnes = 1e-3;  // t → kt
constexpr double kTonnesPerYearScale = 1e-3;  // t/yr limits → kt/yr
/// max_reduction breaks ties toward the cheaper portfolio: EUR 1 bn weighs as 1 t.
constexpr double kTieBreak = 1e-6;
const double kInf = COIN_DBL_MAX;

enum class RowKind { link, group, support, deal_cap, budget, commit, cash, free, limit, reduction };

struct Row {
  RowKind kind;
  double lower;
  double upper;
  double per_unit;  ///< matrix units per unit of the row's quantity (EUR, MW, t/yr, t)
  std::string label;
  std::string unit;
  int index = -1;     ///< deal_cap: the deal
  int deal_col = -1;  ///< deal_cap: the deal's column
};

/// The matrix in triplets plus what each row and column means.
struct Matrix {
  std::vector<Row> rows;
  std::map<std::pair<int, int>, double> entries;  ///< (row, col) → coefficient, duplicates summed
  std::vector<double> col_lower, col_upper, cost;
  std::vector<double> tie_break;  ///< the part of `cost` that only breaks ties (max_reduction)
  std::vector<std::uint8_t> integer;

  int add_col(double lower, double upper, double c, bool is_integer, double tie = 0) {
    col_lower.push_back(lower);
    col_upper.push_back(upper);
    cost.push_back(c + tie);
    tie_break.push_back(tie);
    integer.push_back(is_integer ? 1 : 0);
    return static_cast<int>(cost.size()) - 1;
  }
  int add_row(Row r) {
    rows.push_back(std::move(r));
    return static_cast<int>(rows.size()) - 1;
  }
  void add(int row, int col, double v) {
    if (v != 0) {
      entries[{row, col}] += v;
    }
  }
  CoinPackedMatrix packed() const {
    std::vector<int> ri, ci;
    std::vector<double> el;
    for (const auto& [rc, v] : entries) {
      ri.push_back(rc.first);
      ci.push_back(rc.second);
      el.push_back(v);
    }
    CoinPackedMatrix m(true, ri.data(), ci.data(), el.data(), static_cast<CoinBigIndex>(el.size()));
    // Trailing empty rows or columns are not seen by the triplet constructor.
    m.setDimensions(static_cast<int>(rows.size()), static_cast<int>(cost.size()));
    return m;
  }
};

struct Columns {
  std::vector<int> deal;
  std::vector<std::vector<int>> z, s;
  std::vector<int> award;
};

double expected_tonnes(const Problem& p, const ProjectCandidate& pr) {
  return p.deals[pr.deal].realisation * pr.tonnes_t;
}

/// Builds the matrix of docs/optimize.md "Model" (see the comment at the top of this file).
Matrix build_matrix(const Problem& p, Columns& cols) {
  Matrix m;
  const bool maximise = p.objective == Objective::max_reduction;
  // Per EUR m in the minimised objective: the cost itself (min_cost) or a tie-break (max_reduction).
  const double money_cost = maximise ? 0.0 : 1.0;
  const double tie = maximise ? kTieBreak : 0.0;

  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    cols.deal.push_back(m.add_col(p.deals[d].committed ? 1 : 0, 1, 0, true));
  }
  // Whether a project's money is new (counted in the money rows) or already committed.
  auto is_new = [&](std::size_t project) { return !p.deals[p.projects[project].deal].committed; };
  cols.z.resize(p.projects.size());
  cols.s.resize(p.projects.size());
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    const auto& pr = p.projects[i];
    const double t = expected_tonnes(p, pr) * kTonnes;
    for (const auto& a : pr.alternatives) {
      cols.z[i].push_back(m.add_col(0, 1, maximise ? -t : 0.0, true));
      // A committed deal's support is what it was granted (the ledger), not a choice: no column
      // to spend, no support row, no cap row (docs/optimize.md "The fund's books").
      const bool committed = p.deals[pr.deal].committed;
      cols.s[i].push_back(m.add_col(0, committed ? 0.0 : a.gap_eur * kMoney, committed ? 0.0 : money_cost, false,
                                    committed ? 0.0 : tie));
    }
  }
  for (const auto& k : p.sme) {
    cols.award.push_back(m.add_col(0, 1, (maximise ? -k.tonnes_t * kTonnes : 0.0) + money_cost * k.cost_eur * kMoney,
                                   true, tie * k.cost_eur * kMoney));
  }

  // link, support, deal caps; a supported deal carries at least one project (x_d ≤ Σ z).
  std::vector<int> carries(p.deals.size());
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    // A committed deal is kept even when none of its projects is left to support.
    carries[d] = m.add_row({RowKind::link, -kInf, p.deals[d].committed ? kInf : 0, 1,
                            "deal " + p.deals[d].id + " carries a project", ""});
    m.add(carries[d], cols.deal[d], 1);
  }
  std::map<std::string, std::vector<std::pair<std::size_t, int>>> groups;  // group → (project, z col)
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    const auto& pr = p.projects[i];
    if (pr.alternatives.empty()) {
      continue;
    }
    // A deal funded whole carries every candidate project it names (issue 18).
    const bool whole = !p.deals[pr.deal].in_parts;
    const int link = m.add_row({RowKind::link, whole ? 0 : -kInf, 0, 1, "deal " + p.deals[pr.deal].id + " / " + pr.id, ""});
    m.add(link, cols.deal[pr.deal], -1);
    for (std::size_t a = 0; a < pr.alternatives.size(); ++a) {
      m.add(link, cols.z[i][a], 1);
      m.add(carries[pr.deal], cols.z[i][a], -1);
      if (p.deals[pr.deal].committed) {
        if (!pr.group.empty()) {
          groups[pr.group].push_back({i, cols.z[i][a]});
        }
        continue;
      }
      const int sup = m.add_row({RowKind::support, 0, 0, kMoney, "support " + pr.id, "EUR"});
      m.add(sup, cols.s[i][a], 1);
      m.add(sup, cols.z[i][a], -pr.alternatives[a].gap_eur * kMoney);
      if (!pr.group.empty()) {
        groups[pr.group].push_back({i, cols.z[i][a]});
      }
    }
  }
  for (const auto& [name, members] : groups) {
    std::set<std::size_t> projects;
    for (const auto& [project, col] : members) {
      projects.insert(project);
    }
    if (projects.size() < 2) {
      continue;  // one project's alternatives are already exclusive through its link row
    }
    const int g = m.add_row({RowKind::group, -kInf, 1, 1, "exclusive group " + name, ""});
    for (const auto& [project, col] : members) {
      m.add(g, col, 1);
    }
  }
  for (std::size_t d = 0; d < p.deals.size(); ++d) {
    if (!std::isfinite(p.deals[d].max_support_eur) || p.deals[d].committed) {
      continue;
    }
    const int cap = m.add_row({RowKind::deal_cap, -kInf, 0, kMoney, "support cap of deal " + p.deals[d].id, "EUR",
                               static_cast<int>(d), cols.deal[d]});
    m.add(cap, cols.deal[d], -p.deals[d].max_support_eur * kMoney);
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      if (p.projects[i].deal == d) {
        for (auto c : cols.s[i]) {
          m.add(cap, c, 1);
        }
      }
    }
  }

  // Money: total, commitments per year, cash per year.
  if (std::isfinite(p.budget.total_eur)) {
    const int b = m.add_row({RowKind::budget, -kInf, p.budget.total_eur * kMoney, kMoney, "budget", "EUR"});
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      if (!is_new(i)) {
        continue;
      }
      for (auto c : cols.s[i]) {
        m.add(b, c, 1);
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      m.add(b, cols.award[k], p.sme[k].cost_eur * kMoney);
    }
  }
  if (std::isfinite(p.budget.commit_per_year_eur)) {
    std::map<int, int> row_of_year;
    auto row = [&](int year) {
      auto [it, fresh] = row_of_year.try_emplace(year, 0);
      if (fresh) {
        it->second = m.add_row({RowKind::commit, -kInf, p.budget.commit_per_year_eur * kMoney, kMoney,
                                fmt::format("commitments {}", year), "EUR"});
      }
      return it->second;
    };
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (std::size_t a = 0; a < p.projects[i].alternatives.size() && is_new(i); ++a) {
        m.add(row(p.projects[i].alternatives[a].decision_year), cols.s[i][a], 1);
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      m.add(row(p.sme[k].year), cols.award[k], p.sme[k].cost_eur * kMoney);
    }
  }
  if (std::isfinite(p.budget.cash_per_year_eur)) {
    std::map<int, int> row_of_year;
    auto row = [&](int year) {
      auto [it, fresh] = row_of_year.try_emplace(year, 0);
      if (fresh) {
        it->second = m.add_row({RowKind::cash, -kInf, p.budget.cash_per_year_eur * kMoney, kMoney,
                                fmt::format("cash {}", year), "EUR"});
      }
      return it->second;
    };
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (std::size_t a = 0; a < p.projects[i].alternatives.size() && is_new(i); ++a) {
        for (const auto& c : p.projects[i].alternatives[a].cash) {
          m.add(row(c.year), cols.s[i][a], c.share);
        }
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      for (const auto& c : p.sme[k].cash) {
        m.add(row(c.year), cols.award[k], c.share * p.sme[k].cost_eur * kMoney);
      }
    }
  }

  // The fund's free maatwerk money per year (docs/budget.md): new deal support decided in a year.
  if (!p.budget.deal_free_by_year.empty()) {
    std::map<int, int> row_of_year;
    auto row = [&](int year) {
      auto [it, fresh] = row_of_year.try_emplace(year, 0);
      if (fresh) {
        double free = 0;
        for (const auto& [y, eur] : p.budget.deal_free_by_year) {
          free += y == year ? eur : 0.0;
        }
        it->second = m.add_row({RowKind::free, -kInf, std::max(0.0, free) * kMoney, kMoney,
                                fmt::format("free maatwerk money {}", year), "EUR"});
      }
      return it->second;
    };
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (std::size_t a = 0; a < p.projects[i].alternatives.size() && is_new(i); ++a) {
        m.add(row(p.projects[i].alternatives[a].decision_year), cols.s[i][a], 1);
      }
    }
  }

  // Infrastructure limits, only those some alternative uses.
  std::vector<int> limit_row(p.limits.size(), -1);
  for (std::size_t i = 0; i < p.projects.size(); ++i) {
    for (std::size_t a = 0; a < p.projects[i].alternatives.size(); ++a) {
      for (const auto& [l, amount] : p.projects[i].alternatives[a].uses) {
        const auto& lim = p.limits[l];
        const double scale = lim.unit == "t/yr" ? kTonnesPerYearScale : 1.0;
        if (limit_row[l] < 0) {
          limit_row[l] = m.add_row({RowKind::limit, -kInf, lim.capacity * scale, scale,
                                    fmt::format("{} {}", lim.label, lim.year), lim.unit});
        }
        m.add(limit_row[l], cols.z[i][a], amount * scale);
      }
    }
  }

  if (!maximise) {
    const int r = m.add_row({RowKind::reduction, p.required_t * kTonnes, kInf, kTonnes,
                             fmt::format("required reduction {}", p.target_year), "t"});
    for (std::size_t i = 0; i < p.projects.size(); ++i) {
      for (auto c : cols.z[i]) {
        m.add(r, c, expected_tonnes(p, p.projects[i]) * kTonnes);
      }
    }
    for (std::size_t k = 0; k < p.sme.size(); ++k) {
      m.add(r, cols.award[k], p.sme[k].tonnes_t * kTonnes);
    }
  }
  return m;
}

void load(OsiClpSolverInterface& solver, const Matrix& m) {
  std::vector<double> rl, ru;
  for (const auto& r : m.rows) {
    rl.push_back(r.lower);
    ru.push_back(r.upper);
  }
  solver.loadProblem(m.packed(), m.col_lower.data(), m.col_upper.data(), m.cost.data(), rl.data(), ru.data());
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
