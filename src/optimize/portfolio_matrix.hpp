#pragma once
// The portfolio MIP as a matrix (docs/optimize.md "Model"): rows, columns and coefficients in
// triplets, built from a Problem without CBC; solve_portfolio.cpp hands it to CBC.
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

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "optimize/portfolio.hpp"

namespace decarbfund::optimize::detail {

inline constexpr double kMoney = 1e-6;   // EUR → EUR m
inline constexpr double kTonnes = 1e-3;  // t → kt
/// No bound (CoinUtils' COIN_DBL_MAX, which is this value).
inline const double kInf = std::numeric_limits<double>::max();

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
};

/// The matrix's columns: x per deal, z and s per project and alternative, a per SME application.
struct Columns {
  std::vector<int> deal;
  std::vector<std::vector<int>> z, s;
  std::vector<int> award;
};

/// A project's tonnes times its deal's chance of delivering.
double expected_tonnes(const Problem& p, const ProjectCandidate& pr);

/// Builds the matrix of docs/optimize.md "Model" (see the comment at the top of this file), and
/// the columns of each deal, project alternative and SME application.
Matrix build_matrix(const Problem& p, Columns& cols);

}  // namespace decarbfund::optimize::detail
