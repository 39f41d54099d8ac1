#include "data/load_applications.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/civil_time.hpp"
#include "core/huge_pages.hpp"
#include "core/id_hash.hpp"
#include "model/firm_size.hpp"

namespace decarbfund::data {

namespace {

using T = ColumnType;

constexpr ColumnSpec kApplicationColumns[] = {
    {"application_id", T::text, true, 0, 0, "", "unique id of the application"},
    {"firm_id", T::text, true, 0, 0, "", "applicant"},
    {"employees", T::number, true, 0, 1e7, "AWU",
     "staff in annual work units, partner and linked enterprises included (2003/361/EC Annex I art. 5-6)"},
    {"turnover_eur", T::number, true, 0, 1e13, "EUR", "annual turnover, last approved accounts"},
    {"balance_sheet_eur", T::number, true, 0, 1e13, "EUR", "balance-sheet total, last approved accounts"},
    {"firm_size", T::text, false, 0, 0, "",
     "optional: small, medium or large; must agree with the size the three figures give"},
    {"sector", T::text, false, 0, 0, "", "the firm's sector"},
    {"technique_id", T::text, true, 0, 0, "", "a technique_id of sme-techniques.csv"},
    {"project_type", T::text, true, 0, 0, "", "investment, pilot, demonstration or research"},
    {"consortium_parties", T::integer, false, 1, 1000, "",
     "independent parties carrying the project; empty: 1, the applicant alone"},
    {"consortium_smes", T::integer, false, 0, 1000, "",
     "SMEs among the parties, the applicant included; empty: 1 if the applicant is an SME, else 0"},
    {"requested_grant_eur", T::number, false, 0, 1e11, "EUR",
     "grant applied for (NIKI: the bid); empty: what the round's grant formula gives"},
    {"units", T::number, true, 1e-6, 1e6, "units", "typical units of the technique applied for"},
    {"eligible_cost_eur", T::number, true, 0, 1e10, "EUR",
     "eligible extra cost vs the reference investment"},
    {"claimed_reduction_t_per_yr", T::number, true, -1e8, 1e8, "t CO2/yr",
     "reduction the applicant claims"},
    {"submitted_at", T::text, true, 0, 0, "", "submission time, YYYY-MM-DDTHH:MM:SS"},
    {"gas_saving_gj", T::number, true, -1e9, 1e9, "GJ/yr", "natural gas saved"},
    {"electricity_delta_mwh", T::number, true, -1e9, 1e9, "MWh/yr",
     "extra electricity use; negative is a saving"},
    {"lifetime_yr", T::number, false, 1, 100, "yr", "lifetime; empty: the technique's"},
    {"npv_without_aid_eur", T::number, false, -1e11, 1e11, "EUR",
     "NPV without aid as stated; empty: computed at the round's prices"},
    {"payback_without_aid_yr", T::number, false, 0, 1e4, "yr",
     "payback without aid as stated; empty: computed at the round's prices"},
};

/// The first row of each id, for the duplicate-id check without a hash node per application
/// (issue 21): open addressing with linear probing over 8-byte slots, at most half full. A slot
/// holds a row index + 1 (0: empty) and 32 bits of the id's hash, so ids are compared only when
/// those agree. Rows fit 32 bits: a table has fewer rows than kMaxCsvBytes.
class FirstRowById {
 public:
  explicit FirstRowById(std::size_t rows)
      : slots_(std::bit_ceil(std::max<std::size_t>(2 * rows, 16))), mask_(slots_.size() - 1) {}

  static std::size_t hash(std::string_view id) { return core::IdHash{}(id); }
  /// Asks the cache for the slot where an id of this hash is looked for first. The slots are
  /// touched in random order: without this, waiting for them was most of the check's time.
  void prefetch(std::size_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }

  /// The first row added with `id` (whose hash() is `hash`); when there is none, adds `row` under
  /// `id` and returns it. `id_of(row)` gives a row's id.
  template <class IdOf>
  std::size_t find_or_add(std::string_view id, std::size_t hash, std::size_t row, const IdOf& id_of) {
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t k = hash & mask_;; k = (k + 1) & mask_) {
      Slot& slot = slots_[k];
      if (slot.row_plus_one == 0) {
        slot = Slot{static_cast<std::uint32_t>(row + 1), tag};
        return row;
      }
      if (slot.tag == tag && id_of(slot.row_plus_one - 1) == id) {
        return slot.row_plus_one - 1;
      }
    }
  }

 private:
  struct Slot {
    std::uint32_t row_plus_one = 0;
    std::uint32_t tag = 0;
  };
  std::vector<Slot> slots_;
  std::size_t mask_;
};

}  // namespace

std::span<const ColumnSpec> application_columns() { return kApplicationColumns; }

std::optional<std::vector<model::Application>> parse_applications(
    std::string_view text, const std::string& file, std::span<const model::Technique> techniques,
    core::Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  // The table views `text` (no copy) and is dropped before returning.
  auto table = parse_csv_view(text, file, diags);
  if (!table) {
    return std::nullopt;
  }
  TableReader reader(*table, kApplicationColumns, diags);
  if (!reader.ok()) {
    // Files written before firm figures existed carry only firm_size: say what to add.
    const auto& h = table->header;
    if (std::find(h.begin(), h.end(), "employees") == h.end()) {
      core::Diagnostic d;
      d.severity = core::Severity::warning;  // a remedy for the missing-column errors above
      d.file = file;
      d.line = table->header_line;
      d.code = "applications.size_figures";
      d.field = "employees";
      d.expected = "the columns employees, turnover_eur and balance_sheet_eur (and project_type)";
      d.found = "none";
      d.hint = "firm_size is now derived from them by the EU SME definition; docs/sme.md \"Application file\"";
      diags.add(std::move(d));
    }
    return std::nullopt;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Each column looked up once, not per cell (issue 21).
  const auto column = [&](std::string_view name) { return reader.column(name); };
  const auto c_id = column("application_id"), c_firm = column("firm_id"), c_employees = column("employees"),
             c_turnover = column("turnover_eur"), c_balance = column("balance_sheet_eur"),
             c_firm_size = column("firm_size"), c_sector = column("sector"), c_type = column("project_type"),
             c_parties = column("consortium_parties"), c_smes = column("consortium_smes"),
             c_requested = column("requested_grant_eur"), c_technique = column("technique_id"),
             c_units = column("units"), c_cost = column("eligible_cost_eur"),
             c_reduction = column("claimed_reduction_t_per_yr"), c_submitted = column("submitted_at"),
             c_gas = column("gas_saving_gj"), c_electricity = column("electricity_delta_mwh"),
             c_lifetime = column("lifetime_yr"), c_npv = column("npv_without_aid_eur"),
             c_payback = column("payback_without_aid_yr");
  // Technique ids by hash, not a scan of the catalogue per row (issue 21); the first of an id
  // wins, as in find_technique.
  std::unordered_map<std::string_view, int, core::IdHash> technique_index;
  for (std::size_t t = 0; t < techniques.size(); ++t) {
    technique_index.emplace(techniques[t].id, static_cast<int>(t));
  }
  FirstRowById first_rows(reader.size());
  std::vector<model::Application> out;
  out.reserve(reader.size());
  core::prefer_huge_pages_for(out);
  const auto id_of = [&](std::size_t row) { return reader.raw(row, c_id); };
  std::size_t next_hash = reader.size() > 0 ? FirstRowById::hash(id_of(0)) : 0;
  for (std::size_t r = 0; r < reader.size(); ++r) {
    model::Application a;
    a.id = reader.text(r, c_id);
    // The next row's slot is fetched while this row is read.
    const std::size_t id_hash = next_hash;
    if (r + 1 < reader.size()) {
      next_hash = FirstRowById::hash(id_of(r + 1));
      first_rows.prefetch(next_hash);
    }
    if (!a.id.empty()) {
      const std::size_t first = first_rows.find_or_add(a.id, id_hash, r, id_of);
      if (first != r) {
        reader.error(r, "application_id",
                     fmt::format("an id used once (first used on line {})", reader.line(first)),
                     core::quote_found(a.id));
      }
    }
    a.firm_id = reader.text(r, c_firm);
    a.employees = reader.number(r, c_employees);
    a.turnover_eur = reader.number(r, c_turnover);
    a.balance_sheet_eur = reader.number(r, c_balance);
    const bool figures = !std::isnan(a.employees) && !std::isnan(a.turnover_eur) && !std::isnan(a.balance_sheet_eur);
    a.firm_size = figures ? model::classify_firm(a.employees, a.turnover_eur, a.balance_sheet_eur)
                          : model::FirmSize::large;
    const int stated = reader.choice(r, c_firm_size, model::kFirmSizes);
    if (stated >= 0 && figures && static_cast<model::FirmSize>(stated) != a.firm_size) {
      reader.error(r, "firm_size",
                   fmt::format("{} as the EU SME definition gives for {} staff, turnover EUR {}, balance sheet EUR {} "
                               "(or an empty firm_size)",
                               model::kFirmSizes[static_cast<std::size_t>(a.firm_size)], csv_number(a.employees),
                               csv_number(a.turnover_eur), csv_number(a.balance_sheet_eur)),
                   core::quote_found(model::kFirmSizes[static_cast<std::size_t>(stated)]));
    }
    a.sector = reader.text(r, c_sector);
    const int type = reader.choice(r, c_type, model::kProjectTypes);
    a.project_type = static_cast<model::ProjectType>(type < 0 ? 0 : type);
    a.consortium_parties = static_cast<int>(reader.integer(r, c_parties, 1));
    const long sme_default = model::is_sme(a.firm_size) ? 1 : 0;
    a.consortium_smes = static_cast<int>(reader.integer(r, c_smes, sme_default));
    if (a.consortium_smes > a.consortium_parties) {
      reader.error(r, "consortium_smes",
                   fmt::format("at most consortium_parties ({}) SMEs", a.consortium_parties),
                   core::quote_found(fmt::format("{}", a.consortium_smes)));
    }
    a.requested_grant_eur = reader.number(r, c_requested, nan);
    a.technique_id = reader.text(r, c_technique);
    const auto listed = technique_index.find(a.technique_id);
    const int technique = a.technique_id.empty() ? -2 : listed == technique_index.end() ? -1 : listed->second;
    if (technique == -1) {
      reader.error(r, "technique_id", "a technique_id of the technique catalogue",
                   core::quote_found(a.technique_id));
    }
    a.units = reader.number(r, c_units);
    a.eligible_cost_eur = reader.number(r, c_cost);
    a.claimed_reduction_t_per_yr = reader.number(r, c_reduction);
    a.submitted_at = reader.text(r, c_submitted);
    if (!a.submitted_at.empty()) {
      if (auto s = core::parse_iso_datetime(a.submitted_at)) {
        a.submitted_s = *s;
      } else {
        reader.error(r, "submitted_at", "a date-time YYYY-MM-DDTHH:MM:SS (or YYYY-MM-DD)",
                     core::quote_found(a.submitted_at));
      }
    }
    a.gas_saving_gj = reader.number(r, c_gas);
    a.electricity_delta_mwh = reader.number(r, c_electricity);
    a.lifetime_yr = reader.number(r, c_lifetime, nan);
    if (technique >= 0) {
      const auto& t = techniques[static_cast<std::size_t>(technique)];
      a.theme = t.theme;
      if (std::isnan(a.lifetime_yr) && reader.raw(r, c_lifetime).empty()) {
        if (std::isnan(t.lifetime_yr)) {
          reader.error(r, "lifetime_yr",
                       "a lifetime (the technique " + t.id + " has none in the catalogue)",
                       "nothing");
        }
        a.lifetime_yr = t.lifetime_yr;
      }
    }
    a.npv_without_aid_eur = reader.number(r, c_npv, nan);
    a.payback_without_aid_yr = reader.number(r, c_payback, nan);
    out.push_back(std::move(a));
  }
  if (diags.error_count() > errors_before) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<model::Application>> load_applications(
    const std::filesystem::path& path, std::span<const model::Technique> techniques,
    core::Diagnostics& diags) {
  const auto read = core::read_file(path, diags);
  if (!read) {
    return std::nullopt;
  }
  const std::string& text = *read;
  return parse_applications(text, path.string(), techniques, diags);
}

std::string applications_csv(std::span<const model::Application> applications) {
  std::string out;
  out.reserve(160 * (applications.size() + 1));
  core::prefer_huge_pages_for(out);
  for (std::size_t c = 0; c < std::size(kApplicationColumns); ++c) {
    out += c == 0 ? "" : ",";
    out += kApplicationColumns[c].name;
  }
  out += '\n';
  auto optional_number = [](double v) { return std::isnan(v) ? std::string() : csv_number(v); };
  for (const auto& a : applications) {
    out += csv_escape(a.id);
    out += ',';
    out += csv_escape(a.firm_id);
    out += ',';
    out += csv_number(a.employees);
    out += ',';
    out += csv_number(a.turnover_eur);
    out += ',';
    out += csv_number(a.balance_sheet_eur);
    out += ',';
    out += model::kFirmSizes[static_cast<std::size_t>(a.firm_size)];
    out += ',';
    out += csv_escape(a.sector);
    out += ',';
    out += csv_escape(a.technique_id);
    out += ',';
    out += model::kProjectTypes[static_cast<std::size_t>(a.project_type)];
    out += ',';
    out += fmt::format("{}", a.consortium_parties);
    out += ',';
    out += fmt::format("{}", a.consortium_smes);
    out += ',';
    out += optional_number(a.requested_grant_eur);
    out += ',';
    out += csv_number(a.units);
    out += ',';
    out += csv_number(a.eligible_cost_eur);
    out += ',';
    out += csv_number(a.claimed_reduction_t_per_yr);
    out += ',';
    out += csv_escape(a.submitted_at);
    out += ',';
    out += csv_number(a.gas_saving_gj);
    out += ',';
    out += csv_number(a.electricity_delta_mwh);
    out += ',';
    out += optional_number(a.lifetime_yr);
    out += ',';
    out += optional_number(a.npv_without_aid_eur);
    out += ',';
    out += optional_number(a.payback_without_aid_yr);
    out += '\n';
  }
  return out;
}

}  // namespace decarbfund::data
