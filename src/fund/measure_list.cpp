#include "fund/measure_list.hpp"

#include <algorithm>

#include "fund/reconcile.hpp"

namespace decarbfund::fund {

std::vector<Measure> measure_list(const model::Model& model, const BudgetBook& book, std::span<const model::Deal> deals) {
  const auto& inst = model.fund.instruments;
  std::vector<Measure> out;
  for (std::size_t i = 0; i < inst.size(); ++i) {
    Measure me;
    me.instrument = i;
    for (int y = book.first_year; y <= book.last_year; ++y) {
      const auto& l = book.at(i, y);
      me.reserved_eur += l.reserved_eur;
      me.committed_eur += l.committed_eur;
      me.paid_eur += l.paid_eur;
    }
    // Tonnes: each committed deal once, then the shared projects' own tonnes on the instrument.
    std::vector<std::string> counted;
    auto add = [&me](double t) { me.tonnes_2030 = std::max(me.tonnes_2030, 0.0) + t; };
    for (const auto& e : model.fund.entries) {
      if (e.instrument != i || e.kind != model::LedgerKind::committed || e.deal.empty() ||
          std::find(counted.begin(), counted.end(), e.deal) != counted.end()) {
        continue;
      }
      const auto d = std::find_if(deals.begin(), deals.end(), [&](const model::Deal& x) { return x.id == e.deal; });
      if (d != deals.end()) {
        add(committed_tonnes_2030(*d));
        counted.push_back(e.deal);
      }
    }
    for (const auto& s : model.fund.shared) {
      if (s.instrument == inst.id[i] && s.claims_tonnes && s.deal.empty() && s.tonnes_t >= 0) {
        add(s.tonnes_t);
      }
    }
    me.status = me.committed_eur > 0 ? "committed" : me.reserved_eur > 0 ? "reserved" : "no figures";
    out.push_back(std::move(me));
  }
  return out;
}

}  // namespace decarbfund::fund
