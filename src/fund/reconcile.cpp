#include "fund/reconcile.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace decarbfund::fund {

namespace {

// The year the shared projects' tonnes are counted in: the Klimaatwet's 2030 target year.
constexpr int kTonnesYear = 2030;

std::string lot_name(std::size_t p) {
  return p < 3 ? fmt::format("lot {}", kPayers[p]) : std::string("outside");
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) {
    v.push_back(s);
  }
}

}  // namespace

double committed_tonnes_2030(const model::Deal& deal) {
  double t = 0;
  for (const auto& [y, v] : deal.committed_reduction_t) {
    if (y <= kTonnesYear) {
      t = v;
    }
  }
  return t;
}

std::size_t payer_index(std::string_view payer) {
  return static_cast<std::size_t>(std::find(kPayers.begin(), kPayers.end(), payer) - kPayers.begin());
}

Reconciliation reconcile_shared(const model::Model& model, std::span<const model::Deal> deals) {
  Reconciliation rec;
  const auto& rows = model.fund.shared;
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> by_project;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (by_project.find(rows[k].project) == by_project.end()) {
      order.push_back(rows[k].project);
    }
    by_project[rows[k].project].push_back(k);
  }
  for (const auto& id : order) {
    const auto& ks = by_project[id];
    SharedProject p;
    p.id = id;
    p.name = rows[ks.front()].name;
    std::array<double, 4> decisive{};
    std::array<bool, 4> has_decisive{};
    std::vector<std::size_t> claims;
    std::map<std::string, std::size_t> instrument_row;
    for (const auto k : ks) {
      const auto& r = rows[k];
      const auto payer = payer_index(r.payer);
      p.eur[payer] += r.amount_eur;
      p.total_eur += r.amount_eur;
      if (r.decisive) {
        decisive[payer] += r.amount_eur;
        has_decisive[payer] = true;
      }
      if (r.claims_tonnes) {
        claims.push_back(k);
      }
      if (!r.instrument.empty()) {
        auto [it, fresh] = instrument_row.try_emplace(r.instrument, k);
        if (!fresh) {
          rec.double_counts.push_back(
              {id, r.file,
               fmt::format("{}: instrument {} booked twice (also {}): a euro counted twice", id, r.instrument,
                           rows[it->second].file)});
        }
      }
      add_unique(p.deals, r.deal);
      add_unique(p.infra, r.infra);
      p.files.push_back(r.file);
    }
    // The rule: the largest decisive payer; ties to the lower article (kPayers order).
    for (std::size_t q = 0; q < kPayers.size(); ++q) {
      if (has_decisive[q] && (p.rule_payer < 0 || decisive[q] > decisive[static_cast<std::size_t>(p.rule_payer)])) {
        p.rule_payer = static_cast<int>(q);
      }
    }
    if (!claims.empty()) {
      const auto& first = rows[claims.front()];
      const auto payer = payer_index(first.payer);
      double t = first.tonnes_t;
      p.tonnes_from = "tonnes_t";
      if (t < 0) {
        const auto d = std::find_if(deals.begin(), deals.end(), [&](const model::Deal& x) { return x.id == first.deal; });
        if (d == deals.end()) {
          rec.double_counts.push_back(
              {id, first.file,
               fmt::format("{}: claims the tonnes of deal {}, which is not loaded (--deals), and gives no tonnes_t", id,
                           first.deal)});
          t = 0;
        } else {
          t = committed_tonnes_2030(*d);
          p.tonnes_from = "deal " + first.deal;
        }
      }
      p.claimed_by = static_cast<int>(payer);
      for (const auto k : claims) {
        const auto q = payer_index(rows[k].payer);
        p.tonnes[q] += t;
        p.total_t += t;
      }
      if (claims.size() > 1) {
        std::string who;
        for (const auto k : claims) {
          who += fmt::format("{}{} ({})", who.empty() ? "" : " and ", lot_name(payer_index(rows[k].payer)), rows[k].file);
        }
        rec.double_counts.push_back(
            {id, rows[claims[1]].file, fmt::format("{}: tonnes credited twice, claimed by {}", id, who)});
      }
      if (p.rule_payer < 0) {
        rec.double_counts.push_back(
            {id, first.file,
             fmt::format("{}: {} claims the tonnes but no payer is decisive (decisive = yes on none of its rows)", id,
                         lot_name(payer))});
      } else if (static_cast<std::size_t>(p.rule_payer) != payer) {
        rec.double_counts.push_back(
            {id, first.file,
             fmt::format("{}: {} claims the tonnes but the rule credits {} (the largest decisive payer, EUR {:.1f} m)",
                         id, lot_name(payer), lot_name(static_cast<std::size_t>(p.rule_payer)),
                         decisive[static_cast<std::size_t>(p.rule_payer)] / 1e6)});
      }
    }
    for (std::size_t q = 0; q < kPayers.size(); ++q) {
      rec.eur[q] += p.eur[q];
      rec.tonnes[q] += p.tonnes[q];
    }
    rec.projects.push_back(std::move(p));
  }
  // An instrument's shared projects may not book more than the ledger reserved for it: the
  // excess would be a euro the instrument does not have, i.e. counted in some other lot's books.
  const auto& inst = model.fund.instruments;
  for (std::size_t i = 0; i < inst.size(); ++i) {
    double reserved = 0, booked = 0;
    for (const auto& e : model.fund.entries) {
      if (e.instrument == i && e.kind == model::LedgerKind::reserved) {
        reserved += e.amount_eur;
      }
    }
    std::string last;
    for (const auto& r : rows) {
      if (r.instrument == inst.id[i]) {
        booked += r.amount_eur;
        last = r.file;
      }
    }
    if (reserved > 0 && booked > reserved * (1 + 1e-9)) {
      rec.double_counts.push_back(
          {"", last,
           fmt::format("instrument {} (lot {}): shared projects book EUR {:.1f} m, more than its reservations of EUR "
                       "{:.1f} m in the ledger",
                       inst.id[i], inst.lot[i], booked / 1e6, reserved / 1e6)});
    }
  }
  return rec;
}

}  // namespace decarbfund::fund
