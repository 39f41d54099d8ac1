#include "report/xlsx_outlook.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "core/diagnostic.hpp"

namespace decarbfund::report {

namespace {

/// One worksheet written row by row; headers carry the unit ("reduction (t CO2)").
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, const std::vector<std::string>& headers, lxw_format* bold)
      : ws_(workbook_add_worksheet(wb, name)) {
    for (std::size_t c = 0; c < headers.size(); ++c) {
      worksheet_write_string(ws_, 0, col(c), headers[c].c_str(), bold);
      worksheet_set_column(ws_, col(c), col(c), c == 0 ? 24 : 18, nullptr);
    }
    worksheet_freeze_panes(ws_, 1, 0);
  }
  Sheet& text(const std::string& s) {
    worksheet_write_string(ws_, row_, col(c_++), s.c_str(), nullptr);
    return *this;
  }
  Sheet& number(double v) {
    // Excel has no NaN or infinity: such a cell stays empty (JSON writes null there).
    if (std::isfinite(v)) {
      worksheet_write_number(ws_, row_, col(c_), v, nullptr);
    }
    ++c_;
    return *this;
  }
  void next() {
    ++row_;
    c_ = 0;
  }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
  lxw_worksheet* ws_;
  lxw_row_t row_ = 1;
  std::size_t c_ = 0;
};

const char* instrument_name(sim::Instrument i) {
  switch (i) {
    case sim::Instrument::ets:
      return "ets";
    case sim::Instrument::levy:
      return "levy";
    case sim::Instrument::package:
      return "package";
    case sim::Instrument::none:
      break;
  }
  return "none";
}

}  // namespace

void write_outlook_xlsx(const model::Model& model, const analysis::Outlook& o,
                        const std::filesystem::path& path) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &opts);
  if (!wb) {
    throw core::Error(path.string(), "cannot create the workbook");
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  Sheet summary(wb, "summary", {"item", "value", "unit"}, bold);
  const auto row = [&](const char* item, double v, const char* unit) {
    summary.text(item).number(v).text(unit);
    summary.next();
  };
  const auto text_row = [&](const char* item, const std::string& v) {
    summary.text(item).text(v);
    summary.next();
  };
  text_row("dataset", fmt::format("{} {}", model.info.name, model.info.version));
  text_row("scenario", o.scenario);
  text_row("policy_version", o.policy_version);
  text_row("reference_scenario", o.reference_scenario);
  row("seed", static_cast<double>(o.seed), "");
  row("price_year", model.info.price_year, "EUR of this year");
  row("target_year", o.target_year, "year");
  row("required", o.required_t, "t CO2");
  row("achieved", o.achieved_t, "t CO2");
  row("gap", o.gap_t, "t CO2");
  row("levy_leg", o.levy_leg_t, "t CO2");
  row("levy_leg_required", o.levy_leg_required_t, "t CO2");
  row("package_leg", o.package_leg_t, "t CO2");
  row("package_leg_required", o.package_leg_required_t, "t CO2");

  const auto& F = o.full();
  Sheet years(wb, "by_year",
              {"year", "emissions (t CO2)", "levy_only_emissions (t CO2)", "reference_emissions (t CO2)",
               "levy_revenue (EUR)", "support_committed (EUR)", "dpr_price_general (EUR/t)",
               "dpr_price_waste_incineration (EUR/t)"},
              bold);
  const auto n = static_cast<std::size_t>(F.years);
  for (std::size_t y = 0; y < n; ++y) {
    years.number(o.start_year + static_cast<int>(y))
        .number(F.total_emissions_t[y])
        .number(o.runs[1].outcome.total_emissions_t[y])
        .number(o.reference().total_emissions_t[y])
        .number(F.levy_revenue_eur[y])
        .number(F.support_outlay_eur[y])
        .number(F.dpr_price_eur_per_t[y])
        .number(sim::kDprPoolCount > 1 ? F.dpr_price_eur_per_t[n + y] : NAN);
    years.next();
  }

  Sheet credits(wb, "package_credits", {"instrument", "reduction (t CO2)", "support (EUR)"}, bold);
  for (const auto& c : o.package_credits) {
    credits.text(c.instrument).number(c.reduction_t).number(c.support_eur);
    credits.next();
  }

  Sheet funders(wb, "package_by_funder", {"infrastructure_funder", "package_reduction (t CO2)"}, bold);
  for (const auto& [funder, t] : o.package_t_by_infrastructure_funder) {
    funders.text(funder).number(t);
    funders.next();
  }

  Sheet sites(wb, "sites", {"site_id", "name", "cluster", "reduction (t CO2)", "levy target year (EUR)"}, bold);
  for (const auto& s : o.top_sites) {
    sites.text(model.sites.id[s.site])
        .text(model.sites.name[s.site])
        .text(model.clusters.id[model.sites.cluster[s.site]])
        .number(s.reduction_t)
        .number(s.levy_eur);
    sites.next();
  }

  Sheet bottlenecks(wb, "bottlenecks",
                    {"infra_id", "used_target_year (MW or t/yr)", "capacity_target_year (MW or t/yr)",
                     "options_blocked (count)", "blocked_reduction (t CO2)"},
                    bold);
  for (const auto& b : o.bottlenecks) {
    bottlenecks.text(model.infrastructure.id[b.infra])
        .number(b.used_target_year)
        .number(b.capacity_target_year)
        .number(b.options_blocked)
        .number(b.blocked_t);
    bottlenecks.next();
  }

  Sheet adopted(wb, "options_adopted",
                {"option_id", "site_id", "decided (year)", "operating_from (year)", "instrument",
                 "reduction (t CO2/yr)", "support (EUR)"},
                bold);
  const auto& opt = model.options;
  for (model::Index i = 0; i < opt.size(); ++i) {
    if (F.option_decided[i] < 0) {
      continue;
    }
    adopted.text(opt.id[i])
        .text(model.sites.id[opt.site[i]])
        .number(o.start_year + F.option_decided[i])
        .number(o.start_year + F.option_start[i])
        .text(instrument_name(F.option_instrument[i]))
        .number(-o.runs[2].inputs.option_delta_emissions_t[i])
        .number(F.option_support_eur[i]);
    adopted.next();
  }

  Sheet macc(wb, "macc", {"option_id", "cost (EUR/t)", "reduction (t CO2/yr)", "adopted (1/0)"}, bold);
  for (const auto& p : o.macc) {
    macc.text(opt.id[p.option]).number(p.cost_eur_per_t).number(p.reduction_t).number(p.adopted ? 1 : 0);
    macc.next();
  }

  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw core::Error(path.string(), fmt::format("cannot write the workbook: {}", lxw_strerror(err)));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    throw core::Error(path.string(), fmt::format("cannot move the workbook into place: {}", ec.message()));
  }
}

}  // namespace decarbfund::report
