// Projects the lot shares with lots 3 and 4 or outside funders (docs/data-format.md
// "fund_shared_projects", docs/budget.md "Shared projects"): one row per project and payer. Here
// only what a row says by itself is checked — types, the payer, references to the instruments
// (whose lot must be the payer: else a euro is booked in one lot and paid by another) and to the
// infrastructure items. Whether a tonne or a euro is counted twice across rows is the
// reconciliation's question (fund/reconcile.hpp), which reports it per project.

#include <cmath>

#include "data/dataset_manifest.hpp"

namespace decarbfund::data::detail {

namespace {

constexpr std::string_view kPayers[] = {"3", "4", "5", "outside"};
constexpr std::string_view kYesNo[] = {"no", "yes"};

}  // namespace

void load_fund_shared(const Manifest& m, model::Model& model, core::Diagnostics& diags) {
  auto& fund = model.fund;
  read_table(m, "fund_shared_projects", diags, [&](TableReader& t, std::size_t r) {
    model::SharedFunding f;
    f.project = t.text(r, "project");
    f.name = t.text(r, "name");
    const int payer = t.choice(r, "payer", kPayers);
    f.instrument = t.text(r, "instrument");
    f.amount_eur = t.number(r, "amount_eur");
    const int decisive = t.choice(r, "decisive", kYesNo);
    const int claims = t.choice(r, "claims_tonnes", kYesNo);
    const double tonnes = t.number(r, "tonnes_t");
    f.deal = t.text(r, "deal");
    f.infra = t.text(r, "infra");
    const int basis = t.choice(r, "basis", kBasis);
    f.source = t.text(r, "source");
    if (payer < 0 || decisive < 0 || claims < 0 || basis < 0 || std::isnan(f.amount_eur)) {
      return;  // already reported
    }
    f.payer = std::string(kPayers[payer]);
    if (!f.instrument.empty()) {
      const auto i = fund.instruments.find(f.instrument);
      if (i == fund.instruments.size()) {
        t.error(r, "instrument", "an instrument of fund-instruments.csv, or empty", core::quote_found(f.instrument));
        return;
      }
      if (fund.instruments.lot[i] != f.payer) {
        t.error(r, "instrument",
                fmt::format("an instrument of payer {} (a euro is booked in the lot that pays it)", f.payer),
                fmt::format("\"{}\" of lot {}", f.instrument, fund.instruments.lot[i]));
        return;
      }
    }
    if (!f.infra.empty() && model.find_infrastructure(f.infra) == model::kNone) {
      t.error(r, "infra", "an infrastructure item of infrastructure.csv, or empty", core::quote_found(f.infra));
      return;
    }
    f.decisive = kYesNo[decisive] == "yes";
    f.claims_tonnes = kYesNo[claims] == "yes";
    if (!std::isnan(tonnes)) {
      f.tonnes_t = tonnes;
    }
    if (f.claims_tonnes && f.tonnes_t < 0 && f.deal.empty()) {
      t.error(r, "tonnes_t", "the project's t CO2/yr by 2030 on a row that claims tonnes (or a deal to take them from)",
              "\"\"");
      return;
    }
    f.basis = std::string(kBasis[basis]);
    f.file = fmt::format("{}:{}", t.file(), t.line(r));
    fund.shared.push_back(std::move(f));
  });
}

}  // namespace decarbfund::data::detail
