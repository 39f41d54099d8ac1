#include "sim/levy_statement.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace decarbfund::sim {

namespace {

std::string number(double v) { return fmt::format("\"{}\"", v); }

}  // namespace

LevyStatement compute_levy_statement(const model::LevyPolicy& policy,
                                     std::span<const LevyStatementRow> rows,
                                     const model::YearSeries* ets_price_path) {
  LevyStatement out;
  out.lines.resize(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const LevyStatementRow& row = rows[r];
    LevyStatementLine& line = out.lines[r];
    const auto cat = static_cast<std::size_t>(row.category);
    const bool applies = levy_applies(policy, row.category, row.year);

    // P_ETS,t: row, else policy, else the ETS price of t − 1 (DESIGN §4.1).
    double ets_ref = 0.0;
    if (model::deducts_ets_price(row.category)) {
      if (row.ets_reference_price_eur_per_t) {
        ets_ref = *row.ets_reference_price_eur_per_t;
      } else if (policy.ets_reference_price_eur_per_t.covers(row.year)) {
        ets_ref = policy.ets_reference_price_eur_per_t.at(row.year);
      } else if (ets_price_path != nullptr && ets_price_path->covers(row.year - 1)) {
        ets_ref = ets_price_path->at(row.year - 1);
      } else if (applies) {
        const auto& s = policy.ets_reference_price_eur_per_t;
        out.issues.push_back(
            {r, "ets_reference_price_eur_per_t",
             s.empty() ? fmt::format("a value for {} (the scenario states none)", row.year)
                       : fmt::format("a value for {} (the scenario states P_ETS for {}–{})",
                                     row.year, s.first_year, s.last_year()),
             "nothing"});
      }
    }
    line.ets_reference_price_eur_per_t = ets_ref;
    line.tariff_eur_per_t = row.tariff_eur_per_t ? *row.tariff_eur_per_t
                            : applies            ? policy.tariff_eur_per_t[cat].at(row.year)
                                                 : 0.0;
    const double rate =
        applies ? levy_rate_for_tariff(row.category, line.tariff_eur_per_t, ets_ref) : 0.0;
    const double floor_rate = minimum_price_rate(policy, row.category, row.year, ets_ref);

    double dpr = 0.0;
    if (row.dpr_allocated_t) {
      dpr = *row.dpr_allocated_t;
    } else if (applies) {
      line.reduction_factor =
          row.reduction_factor ? *row.reduction_factor : policy.reduction_factor[cat].at(row.year);
      dpr = line.reduction_factor * row.dpr_basis_t.value_or(0.0);
      if (row.category == model::LevyCategory::waste_incineration) {
        dpr *= policy.avi_correction_factor.at(row.year, 1.0);  // policy.md §1.8
      }
    }

    const double sellable = sellable_surplus(row.emissions_t, dpr, row.dpr_bought_t);
    if (row.dpr_sold_t > sellable) {
      out.issues.push_back(
          {r, "dpr_sold_t",
           fmt::format("at most the surplus max(0, DPR {} + bought {} − emissions {}) = {} t "
                       "(only a surplus can be sold, policy.md §1.7)",
                       dpr, row.dpr_bought_t, row.emissions_t, sellable),
           number(row.dpr_sold_t)});
    }
    line.account =
        levy_year(row.year, row.emissions_t, dpr, row.dpr_bought_t, row.dpr_sold_t, rate,
                  floor_rate);
  }

  // Carry-back per installation, oldest year first (policy.md §1.7).
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rows[a].installation != rows[b].installation) {
      return rows[a].installation < rows[b].installation;
    }
    return rows[a].year < rows[b].year;
  });
  std::vector<LevyYear> years;
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && rows[order[end]].installation == rows[order[begin]].installation) {
      if (rows[order[end]].year == rows[order[end - 1]].year) {
        out.issues.push_back({order[end], "year",
                              fmt::format("one row per installation and year ({} already has {})",
                                          rows[order[end]].installation, rows[order[end]].year),
                              fmt::format("\"{}\"", rows[order[end]].year)});
      }
      ++end;
    }
    if (policy.carry_back) {
      years.clear();
      for (std::size_t k = begin; k < end; ++k) {
        years.push_back(out.lines[order[k]].account);
      }
      apply_carry_back(years);
      for (std::size_t k = begin; k < end; ++k) {
        out.lines[order[k]].account = years[k - begin];
      }
    }
    begin = end;
  }
  std::sort(out.issues.begin(), out.issues.end(),
            [](const LevyStatementIssue& a, const LevyStatementIssue& b) { return a.row < b.row; });

  for (const auto& line : out.lines) {
    const LevyYear& a = line.account;
    out.totals.emissions_t += a.emissions_t;
    out.totals.dpr_allocated_t += a.dpr_allocated_t;
    out.totals.base_t += a.base_t;
    out.totals.levy_eur += a.levy_eur;
    out.totals.minimum_price_levy_eur += a.minimum_price_levy_eur;
    out.totals.refund_eur += a.refund_eur;
  }
  out.totals.net_levy_eur =
      out.totals.levy_eur + out.totals.minimum_price_levy_eur - out.totals.refund_eur;
  return out;
}

}  // namespace decarbfund::sim
