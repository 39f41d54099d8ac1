#include "report/budget_formats.hpp"

#include <fmt/format.h>

#include "report/html_page.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

constexpr const char* kEurM = "EUR m (nominal)";
constexpr const char* kPriceBasis =
    "EUR m, nominal: EUR of each year, as the fund's budget states it (not deflated to the dataset's price year)";

/// Every estimated figure behind the books and the shared projects: (where, what and why).
std::vector<std::pair<std::string, std::string>> estimates(const model::Model& model) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto& inst = model.fund.instruments;
  for (const auto& e : model.fund.entries) {
    if (e.basis == "estimate") {
      out.emplace_back(e.file, fmt::format("{} {} {}{}: {}", inst.id[e.instrument], e.year,
                                           model::kLedgerKindNames[static_cast<int>(e.kind)],
                                           e.deal.empty() ? "" : " " + e.deal, e.source));
    }
  }
  for (const auto& s : model.fund.shared) {
    if (s.basis == "estimate") {
      out.emplace_back(s.file, fmt::format("shared project {} (payer {}): {}", s.project, s.payer, s.source));
    }
  }
  return out;
}

std::string years_label(const fund::BudgetBook& book) { return fmt::format("{}-{}", book.first_year, book.last_year); }

/// The measure list's headers, units included.
std::vector<std::string> measure_headers(const fund::BudgetBook& book) {
  return {"instrument",
          "name",
          "lot",
          fmt::format("budget {} ({})", years_label(book), kEurM),
          fmt::format("committed {} ({})", years_label(book), kEurM),
          fmt::format("paid {} ({})", years_label(book), kEurM),
          "expected reduction 2030 (t CO2/yr)",
          "status",
          "source"};
}

std::vector<std::string> table_headers(const fund::BudgetBook& book) {
  std::vector<std::string> h = {"instrument", "lot", "line"};
  for (int y = book.first_year; y <= book.last_year; ++y) {
    h.push_back(fmt::format("{} ({})", y, kEurM));
  }
  h.push_back(fmt::format("total ({})", kEurM));
  return h;
}

/// The verdiepingstabel's two lines per instrument: verplichtingen (commitments) and uitgaven (payments).
constexpr std::pair<const char*, model::LedgerKind> kLines[] = {
    {"verplichtingen (committed)", model::LedgerKind::committed},
    {"uitgaven (paid)", model::LedgerKind::paid},
};

double line_value(const fund::BudgetLine& l, model::LedgerKind kind) {
  return kind == model::LedgerKind::committed ? l.committed_eur : l.paid_eur;
}

std::vector<std::pair<std::string, std::string>> about_items(const model::Model& model, const fund::BudgetBook& book,
                                                             const RunInfo& info) {
  std::vector<std::pair<std::string, std::string>> items = {
      {"dataset", fmt::format("{} {}", model.info.name, model.info.version)},
      {"as of", book.as_of.empty() ? std::string("not stated: every year open") : book.as_of},
      {"years", years_label(book)},
      {"price basis", kPriceBasis},
      {"tonnes", "expected reduction 2030: the committed reduction by 2030 of the deals the ledger books as committed, "
                 "plus the tonnes of shared projects credited to the instrument (fund-shared-projects.csv); empty = "
                 "not estimated"},
      {"rows before the first year", "counted in the first year (Yara's 2023 grant in 2024)"},
      {"command", info.command},
  };
  for (const auto& [where, why] : estimates(model)) {
    items.emplace_back("estimate " + where, why);
  }
  return items;
}

}  // namespace

std::string budget_xlsx(const model::Model& model, const fund::BudgetBook& book,
                        const std::vector<fund::Measure>& measures, const RunInfo& info) {
  const auto& inst = model.fund.instruments;
  Workbook wb(info.created_utc);
  auto& ml = wb.add_sheet("measures", measure_headers(book));
  for (const auto& me : measures) {
    const auto i = me.instrument;
    ml.text(inst.id[i]).text(inst.name[i]).text(inst.lot[i]);
    ml.number(me.reserved_eur / 1e6, CellFormat::decimal1).number(me.committed_eur / 1e6, CellFormat::decimal1);
    ml.number(me.paid_eur / 1e6, CellFormat::decimal1);
    if (me.tonnes_2030 >= 0) {
      ml.number(me.tonnes_2030, CellFormat::whole);
    } else {
      ml.blank();
    }
    ml.text(me.status).text(inst.source[i]);
    ml.next();
  }
  auto& vt = wb.add_sheet("verdiepingstabel", table_headers(book));
  for (std::size_t i = 0; i < inst.size(); ++i) {
    for (const auto& [label, kind] : kLines) {
      vt.text(inst.id[i]).text(inst.lot[i]).text(label);
      double total = 0;
      for (int y = book.first_year; y <= book.last_year; ++y) {
        const double v = line_value(book.at(i, y), kind);
        total += v;
        vt.number(v / 1e6, CellFormat::decimal1);
      }
      vt.number(total / 1e6, CellFormat::decimal1);
      vt.next();
    }
  }
  auto& about = wb.add_sheet("about", {"item", "value"});
  for (const auto& [item, value] : about_items(model, book, info)) {
    about.text(item).text(value);
    about.next();
  }
  return wb.render();
}

std::string budget_html(const model::Model& model, const fund::BudgetBook& book,
                        const std::vector<fund::Measure>& measures, const RunInfo& info) {
  const auto& inst = model.fund.instruments;
  const Localizer tr;
  const auto title = fmt::format("The lot's books, {} {}", model.info.name, model.info.version);
  std::string s = page_start(tr, title, 1200);
  s += fmt::format("<h1>{}</h1>\n<p>{}</p>\n", html_escape(title), run_info_html(info, tr));
  auto row = [](const std::vector<std::string>& cells, const char* tag) {
    std::string r = "<tr>";
    for (const auto& c : cells) {
      r += fmt::format("<{0}>{1}</{0}>", tag, html_escape(c));
    }
    return r + "</tr>\n";
  };
  auto m = [](double eur) { return fmt::format("{:.1f}", eur / 1e6); };
  s += "<h2>Measures (MJP)</h2>\n<table>\n" + row(measure_headers(book), "th");
  for (const auto& me : measures) {
    const auto i = me.instrument;
    s += row({inst.id[i], inst.name[i], inst.lot[i], m(me.reserved_eur), m(me.committed_eur), m(me.paid_eur),
              me.tonnes_2030 >= 0 ? fmt::format("{:.0f}", me.tonnes_2030) : std::string(), me.status, inst.source[i]},
             "td");
  }
  s += "</table>\n<h2>Verdiepingstabel: verplichtingen and uitgaven per year</h2>\n<table>\n" +
       row(table_headers(book), "th");
  for (std::size_t i = 0; i < inst.size(); ++i) {
    for (const auto& [label, kind] : kLines) {
      std::vector<std::string> cells = {inst.id[i], inst.lot[i], label};
      double total = 0;
      for (int y = book.first_year; y <= book.last_year; ++y) {
        const double v = line_value(book.at(i, y), kind);
        total += v;
        cells.push_back(m(v));
      }
      cells.push_back(m(total));
      s += row(cells, "td");
    }
  }
  s += "</table>\n<h2>About: dataset, price basis, estimates</h2>\n<table>\n" + row({"item", "value"}, "th");
  for (const auto& [item, value] : about_items(model, book, info)) {
    s += row({item, value}, "td");
  }
  s += "</table>\n";
  s += kPageEnd;
  return s;
}

}  // namespace decarbfund::report
