#include "report/budget_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace decarbfund::report {

namespace {

std::string m(double eur) { return fmt::format("{:.1f}", eur / 1e6); }

std::string lot_title(const std::string& lot) {
  return lot == "outside" ? std::string("outside the fund") : "lot " + lot + " (Klimaatfonds art. " + lot + ")";
}

}  // namespace

std::string budget_text(const model::Model& model, const fund::BudgetBook& book, const fund::PackageNeed* need,
                        bool sources) {
  const auto& inst = model.fund.instruments;
  std::string s;
  if (inst.size() == 0) {
    return fmt::format("dataset {} {} has no fund ledger (tables fund_instruments, fund_ledger)\n", model.info.name,
                       model.info.version);
  }
  s += fmt::format("the lot's books, dataset {} {}, as of {}: EUR m, nominal\n", model.info.name, model.info.version,
                   book.as_of.empty() ? std::string("(not stated: every year open)") : book.as_of);
  s += "free = reserved - committed; open = free money still to commit (history: before the as-of year)\n";
  // Lots in the order 5, 4, 3, outside: this lot first, then the lots it shares projects with.
  for (const char* lot : {"5", "4", "3", "outside"}) {
    bool head = false;
    for (std::size_t i = 0; i < inst.size(); ++i) {
      if (inst.lot[i] != lot) {
        continue;
      }
      if (!head) {
        s += fmt::format("\n{}\n{:<16} {:>4} {:>9} {:>9} {:>8} {:>8} {:>8}  {}\n", lot_title(lot), "instrument", "year",
                         "reserved", "committed", "paid", "free", "open", "deals");
        head = true;
      }
      double r = 0, c = 0, p = 0, o = 0;
      bool any = false;
      for (int y = book.first_year; y <= book.last_year; ++y) {
        const auto& l = book.at(i, y);
        r += l.reserved_eur;
        c += l.committed_eur;
        p += l.paid_eur;
        o += l.open_eur;
        if (l.reserved_eur == 0 && l.committed_eur == 0 && l.paid_eur == 0) {
          continue;
        }
        any = true;
        std::string deals;
        for (const auto& d : l.deals) {
          deals += (deals.empty() ? "" : ", ") + d;
        }
        auto row = fmt::format("{:<16} {:>4} {:>9} {:>9} {:>8} {:>8} {:>8}  {}", inst.id[i], y, m(l.reserved_eur),
                               m(l.committed_eur), m(l.paid_eur), m(l.free_eur), l.history ? "history" : m(l.open_eur),
                               deals);
        row.erase(row.find_last_not_of(' ') + 1);
        s += row + "\n";
      }
      if (!any) {
        s += fmt::format("{:<16} no figures in the ledger (a gap: docs/budget.md)\n", inst.id[i]);
      } else {
        s += fmt::format("{:<16} {:>4} {:>9} {:>9} {:>8} {:>8} {:>8}\n", "", "all", m(r), m(c), m(p), m(r - c), m(o));
      }
    }
  }
  if (need != nullptr) {
    s += fmt::format(
        "\noutlook package: deals not committed in the ledger need EUR {} m (max support, EUR of {}); maatwerk "
        "money open {}-{}: EUR {} m; on top: EUR {} m\n",
        m(need->uncommitted_eur), model.info.price_year, std::max(book.first_year, book.as_of_year), book.last_year,
        m(need->open_eur), m(need->on_top_eur));
    std::string committed;
    for (const auto& d : need->committed) {
      committed += (committed.empty() ? "" : ", ") + d;
    }
    s += fmt::format("committed in the ledger (not counted again): {}\n", committed.empty() ? "none" : committed);
  }
  if (sources) {
    s += "\nsources (file:line, year, kind, deal, basis: source)\n";
    for (const auto& e : model.fund.entries) {
      s += fmt::format("{} {} {} {}{} ({}): {}\n", e.file, inst.id[e.instrument], e.year,
                       model::kLedgerKindNames[static_cast<int>(e.kind)], e.deal.empty() ? "" : " " + e.deal, e.basis,
                       e.source);
    }
  } else {
    s += "(--sources lists the source of every figure)\n";
  }
  return s;
}

std::string budget_json(const model::Model& model, const fund::BudgetBook& book, const fund::PackageNeed* need,
                        const std::vector<fund::Measure>& measures) {
  using json = nlohmann::ordered_json;
  const auto& inst = model.fund.instruments;
  json doc;
  doc["meta"] = {{"dataset", model.info.name},
                 {"dataset_version", model.info.version},
                 {"as_of", book.as_of.empty() ? json(nullptr) : json(book.as_of)},
                 {"as_of_year", book.as_of_year == 0 ? json(nullptr) : json(book.as_of_year)},
                 {"first_year", book.first_year},
                 {"last_year", book.last_year},
                 {"unit", "EUR, nominal of the year"}};
  json instruments = json::array();
  for (std::size_t i = 0; i < inst.size(); ++i) {
    instruments.push_back({{"instrument", inst.id[i]},
                           {"name", inst.name[i]},
                           {"lot", inst.lot[i]},
                           {"funder", inst.funder[i]},
                           {"spends", model::kFundSpenderNames[static_cast<int>(inst.spends[i])]},
                           {"source", inst.source[i]}});
  }
  doc["instruments"] = instruments;
  json lines = json::array();
  for (std::size_t i = 0; i < inst.size(); ++i) {
    for (int y = book.first_year; y <= book.last_year; ++y) {
      const auto& l = book.at(i, y);
      lines.push_back({{"lot", inst.lot[i]},
                       {"instrument", inst.id[i]},
                       {"year", y},
                       {"reserved_eur", l.reserved_eur},
                       {"committed_eur", l.committed_eur},
                       {"paid_eur", l.paid_eur},
                       {"free_eur", l.free_eur},
                       {"open_eur", l.open_eur},
                       {"history", l.history},
                       {"deals", l.deals}});
    }
  }
  doc["lines"] = lines;
  json ms = json::array();
  for (const auto& me : measures) {
    ms.push_back({{"instrument", inst.id[me.instrument]},
                  {"lot", inst.lot[me.instrument]},
                  {"reserved_eur", me.reserved_eur},
                  {"committed_eur", me.committed_eur},
                  {"paid_eur", me.paid_eur},
                  {"expected_reduction_2030_t", me.tonnes_2030 < 0 ? json(nullptr) : json(me.tonnes_2030)},
                  {"status", me.status}});
  }
  doc["measures"] = ms;
  json ledger = json::array();
  for (const auto& e : model.fund.entries) {
    ledger.push_back({{"instrument", inst.id[e.instrument]},
                      {"year", e.year},
                      {"kind", model::kLedgerKindNames[static_cast<int>(e.kind)]},
                      {"amount_eur", e.amount_eur},
                      {"deal", e.deal.empty() ? json(nullptr) : json(e.deal)},
                      {"basis", e.basis},
                      {"source", e.source},
                      {"at", e.file}});
  }
  doc["ledger"] = ledger;
  if (need != nullptr) {
    json uncommitted = json::array();
    for (const auto& [id, eur] : need->uncommitted) {
      uncommitted.push_back({{"deal", id}, {"max_support_eur", eur}});
    }
    doc["package"] = {{"committed_in_ledger", need->committed},
                      {"uncommitted_eur", need->uncommitted_eur},
                      {"open_eur", need->open_eur},
                      {"on_top_eur", need->on_top_eur},
                      {"uncommitted", uncommitted}};
  }
  return doc.dump(2) + "\n";
}

}  // namespace decarbfund::report
